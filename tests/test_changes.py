"""autograder.engine.changes: a dict's changes seen without reading its contents."""
from __future__ import annotations

import pytest

from autograder.engine import changes
from autograder.engine.guard import Guard


def test_a_watch_sees_every_kind_of_change_and_nothing_else():
    if not changes.WORKS:
        pytest.skip("this Python keeps no dict version tags; the guards compare contents instead")
    namespace = {"a": 1}
    seen = changes.watch_dict(namespace)
    assert not seen.changed()
    namespace["a"] = namespace["a"]  # the same object again: no change
    assert not seen.changed()
    for change in (lambda: namespace.update(b=2), lambda: namespace.pop("b"), lambda: namespace.__setitem__("a", 3)):
        change()
        assert seen.changed()
        seen.settle()
        assert not seen.changed()

    class Helper:
        pass

    seen = changes.watch(Helper)
    Helper.cheat = staticmethod(lambda: True)
    assert seen.changed()


@pytest.mark.parametrize("tags", [True, False])
def test_the_guard_finds_a_monkeypatch_with_and_without_version_tags(monkeypatch, tags):
    import math

    monkeypatch.setattr(changes, "WORKS", changes.WORKS and tags)
    before = Guard()
    original = math.isclose
    try:
        for _ in range(2):  # the second time round, after the guard settled its watches
            math.isclose = lambda *args, **kwargs: True
            before.restore({})
            assert math.isclose is original
    finally:
        math.isclose = original
