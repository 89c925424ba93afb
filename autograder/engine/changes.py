"""Has a dict changed since it was last looked at? Answered without reading its contents.

Before every test cell the guards compare about five hundred namespaces (modules,
classes, display objects) with their snapshot. Reading a dict's values touches
every object in it, and in a forked child touching an object copies its memory
page; doing that for every test cell of every student costs more than the test.
CPython (3.10 and 3.11) keeps in each dict a version tag (PEP 509) that changes
whenever the dict does; :class:`Watch` reads it. Where the tag cannot be read
(another Python), :func:`watch` returns None and the guards compare the contents.
"""
from __future__ import annotations

import ctypes
import gc
import sys

#: Where ``ma_version_tag`` sits in a dict object (after the refcount, type and size fields).
_OFFSET = 3 * ctypes.sizeof(ctypes.c_ssize_t)


class Watch:
    """One dict's version tag, and the version last seen to agree with the snapshot."""

    __slots__ = ("_dict", "_tag", "seen")

    def __init__(self, namespace: dict):
        self._dict = namespace  # kept alive: the tag is read from its memory
        self._tag = ctypes.c_uint64.from_address(id(namespace) + _OFFSET)
        self.seen = self._tag.value

    def changed(self) -> bool:
        return self._tag.value != self.seen

    def settle(self) -> None:
        """The dict agrees with the snapshot now."""
        self.seen = self._tag.value


def _works() -> bool:
    """Whether this Python keeps the tag where :class:`Watch` reads it (and changes it as documented)."""
    if sys.implementation.name != "cpython" or sys.version_info[:2] not in ((3, 10), (3, 11)):
        return False
    probe = {"a": 1}
    watch = Watch(probe)
    unchanged = not watch.changed()
    probe["b"] = 2
    moved = watch.changed()
    watch.settle()
    del probe["a"]
    return unchanged and moved and watch.changed()


WORKS = _works()


def namespace(owner) -> dict:
    """The dict behind ``vars(owner)`` (a class's is behind a read-only mappingproxy)."""
    found = vars(owner)
    return found if type(found) is dict else gc.get_referents(found)[0]


def watch(owner) -> Watch | None:
    """A :class:`Watch` on ``owner``'s namespace, or None where tags cannot be read."""
    return Watch(namespace(owner)) if WORKS else None


def watch_dict(found) -> Watch | None:
    """A :class:`Watch` on a dict itself (None for anything else, or where tags cannot be read)."""
    return Watch(found) if WORKS and type(found) is dict else None
