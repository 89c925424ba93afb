"""Who may read what in a course folder on a server shared with the students' own accounts.

nbgrader's exchange is a folder every account reaches: world-writable with the sticky bit
(mode 1777, as nbgrader documents for ``/srv/nbgrader/exchange``), so students can fetch and
submit and nobody can delete another's files. Everything else in the course (instructor
notebooks with solutions, the roster, the gradebook, submissions, feedback, grades) belongs
to the teacher alone:

- exchange outside the course (``init --exchange DIR``): the course folder is ``0700``;
- exchange inside it (the default, ``COURSE/exchange``): the course folder is ``0711``, so
  students can pass through it to the exchange but cannot list it, every entry but the
  exchange is ``0700``/``0600``, and a default ACL (``u::rwx,g::---,o::---``) keeps files
  created there later (e.g. ``nbgrader export``'s ``grades.csv`` under a ``022`` umask)
  private too. Where the file system has no ACLs, the folders nbgrader and the pipeline
  create are made in advance, private.
"""
from __future__ import annotations

import errno
import os
import stat
import struct
from pathlib import Path

#: nbgrader's documented exchange mode: everyone may write, only the owner may delete (sticky).
EXCHANGE_MODE = 0o1777
#: Folders nbgrader and the pipeline create in a course; made in advance, private.
PRIVATE_FOLDERS = ("source", "release", "submitted", "autograded", "feedback", "grades", "reports",
                   "grading", "exports", "peer", "downloaded", ".grading-workspace")

_ACL_DEFAULT = "system.posix_acl_default"
_ACL_USER_OBJ, _ACL_GROUP_OBJ, _ACL_OTHER = 0x01, 0x04, 0x20


def _owner_only_acl() -> bytes:
    """Linux's xattr form of the ACL ``u::rwx,g::---,o::---``."""
    entries = ((_ACL_USER_OBJ, 7), (_ACL_GROUP_OBJ, 0), (_ACL_OTHER, 0))
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", tag, perm, 0xFFFFFFFF) for tag, perm in entries)


def set_private_default(folder: Path) -> bool:
    """Give ``folder`` a default ACL so that what is created in it is private; False if unsupported."""
    try:
        os.setxattr(folder, _ACL_DEFAULT, _owner_only_acl())
    except OSError as error:
        if error.errno in (errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            return False
        raise
    return True


def clear_default(folder: Path) -> None:
    """Remove ``folder``'s default ACL, if any (an exchange inherits none)."""
    try:
        os.removexattr(folder, _ACL_DEFAULT)
    except OSError as error:
        if error.errno not in (errno.ENODATA, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            raise


def make_exchange(path: Path) -> Path:
    """Create (or fix) an nbgrader exchange at ``path``, mode 1777, with its parents reachable."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    clear_default(path)
    os.chmod(path, EXCHANGE_MODE)
    return path


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or below it."""
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


def close_course(root: Path, exchange: Path) -> None:
    """Set the permissions of a course folder whose exchange is ``exchange`` (see the module doc)."""
    root, exchange = Path(root).resolve(), Path(exchange).resolve()
    if exchange == root:
        raise ValueError(f"the exchange cannot be the course folder itself ({root})")
    if not inside(exchange, root):
        for entry in root.iterdir():
            _private(entry)
        os.chmod(root, 0o700)
        return
    # The entry of the course folder that holds the exchange (e.g. COURSE/exchange) stays open.
    gateway = root / exchange.relative_to(root).parts[0]
    if not set_private_default(root):  # no ACLs here: at least what nbgrader will create is private
        for name in PRIVATE_FOLDERS:
            (root / name).mkdir(exist_ok=True)
    for entry in root.iterdir():
        if entry != gateway:
            _private(entry)
    os.chmod(root, 0o711)
    make_exchange(exchange)
    for folder in exchange.parents:  # folders between the course and a deeper exchange: pass-through
        if folder == root:
            break
        clear_default(folder)
        os.chmod(folder, 0o711)


def _private(entry: Path) -> None:
    """``entry`` readable by its owner alone (folders 0700, files 0600; links left alone)."""
    mode = entry.lstat().st_mode
    if stat.S_ISDIR(mode):
        os.chmod(entry, 0o700)
    elif stat.S_ISREG(mode):
        os.chmod(entry, 0o600)


def unreachable(path: Path) -> Path | None:
    """The first folder on the way to ``path`` that other accounts cannot pass through, or None."""
    path = Path(path).resolve()
    for folder in [*reversed(path.parents), path]:
        if not folder.exists():
            return None
        if not folder.stat().st_mode & stat.S_IXOTH:
            return folder
    return None
