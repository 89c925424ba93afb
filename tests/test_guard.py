"""autograder.engine.guard: what student code changed is put back before a test cell."""
from __future__ import annotations

import builtins
import math

import pandas as pd

from autograder.engine.guard import Guard


def test_restore_undoes_monkeypatches_and_hides_shadowing_names():
    guard = Guard()
    original_isclose, original_eq = math.isclose, pd.Series.__eq__
    user_ns = {"abs": lambda x: 0, "answer": 3}
    try:
        math.isclose = lambda *a, **k: True
        pd.Series.__eq__ = lambda a, b: True
        pd.Series.always = 1  # a harmless attribute pandas does not define stays
        builtins.sorted = lambda x: []
        hidden = guard.restore(user_ns)
        assert math.isclose is original_isclose and pd.Series.__eq__ is original_eq
        assert sorted([2, 1]) == [1, 2]
        assert "abs" not in user_ns and user_ns["answer"] == 3
        guard.give_back(user_ns, hidden)
        assert user_ns["abs"](-5) == 0  # the student's own later code sees its names again
    finally:
        math.isclose, pd.Series.__eq__ = original_isclose, original_eq
        del pd.Series.always
        guard.restore({})


def test_swapped_function_bodies_come_back():
    import satisfaction as sf

    func = sf.satisfaction_index  # loaded before the snapshot, as the runner's preload loads it
    guard = Guard()
    code = func.__code__
    try:
        func.__code__ = (lambda *a, **k: None).__code__
        guard.restore({})
        assert func.__code__ is code
    finally:
        func.__code__ = code


def test_locked_names_are_restored_for_tests():
    guard = Guard()
    helper = lambda zh, en: en  # noqa: E731
    user_ns = {}
    before = dict(user_ns)
    user_ns["msg"] = helper
    guard.remember_locked(user_ns, before)
    user_ns["msg"] = lambda zh, en: None
    guard.restore(user_ns)
    assert user_ns["msg"] is helper
