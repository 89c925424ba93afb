"""Expectation versus perception: the satisfaction index, the gap and the verdict.

Seeds: 001 (客户满意度 c = b / a; the 5- and 7-level scales), 003 (超出期望 /
满足期望 / 低于期望; where expectations come from; the phone-repair case).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from . import _checks, terms

#: The three verdicts, from best to worst (keys of ``verdict`` in terms.toml).
VERDICTS = ("exceeds", "meets", "falls_short")


def _pair(perceived: Any, expected: Any, *, expected_positive: bool = False):
    b = _checks.numbers(perceived, "perceived")
    a = _checks.numbers(expected, "expected", above=0 if expected_positive else None)
    b, a = _checks.broadcast(b, a, names=("perceived", "expected"))
    return b, a, _checks.template(perceived, expected)


def satisfaction_index(perceived: Any, expected: Any) -> Any:
    """Customer satisfaction c = b / a (seed 001: 客户满意度).

    ``b`` is the perceived actual experience (感知的实际体验) and ``a`` the
    expectation (期望值), on the same scale. c > 1 means the experience exceeded
    the expectation, c = 1 met it, c < 1 fell short.

    ``expected`` must be greater than 0; NaN, infinities and words are refused.
    """
    b, a, tmpl = _pair(perceived, expected, expected_positive=True)
    return _checks.like(tmpl, b / a)


def expectation_gap(perceived: Any, expected: Any) -> Any:
    """The gap perceived − expected (seed 001: relativity, experience minus expectation).

    Positive: expectation exceeded; zero: met; negative: fell short.
    """
    b, a, tmpl = _pair(perceived, expected)
    return _checks.like(tmpl, b - a)


def verdict(perceived: Any, expected: Any, tolerance: float = 0.0) -> Any:
    """``"exceeds"``, ``"meets"`` or ``"falls_short"`` (seed 003: 超出期望 / 满足期望 / 低于期望).

    A gap whose absolute value is at most ``tolerance`` counts as ``"meets"``:
    customers do not notice tiny differences. ``tolerance`` must be ≥ 0.
    Use :func:`satisfaction.terms.label` with group ``"verdict"`` for the words.
    """
    tol = float(_checks.numbers(tolerance, "tolerance", minimum=0).reshape(-1)[0])
    b, a, tmpl = _pair(perceived, expected)
    gap = b - a
    result = np.where(gap > tol, VERDICTS[0], np.where(gap < -tol, VERDICTS[2], VERDICTS[1]))
    return _checks.like(tmpl, result.astype(object))


def scale_label(score: Any, levels: int = 5, lang: str = "zh") -> Any:
    """The name of a level on the 5- or 7-level satisfaction scale (seed 001).

    ``score`` is a whole number from 1 (很不满意 / very dissatisfied) to ``levels``
    (很满意 / very satisfied); ``lang`` is ``"zh"`` or ``"en"``.
    """
    if levels not in (5, 7):
        raise ValueError(f"levels must be 5 or 7 (the seed's two scales); got {levels!r}")
    terms.check_lang(lang)
    names = np.array(terms.all_terms()["scale"][str(levels)][lang], dtype=object)
    codes = _checks.integers(score, "score", 1, levels)
    return _checks.like(_checks.template(score), names[codes - 1])


def update_expectation(expected: Any, experienced: Any, weight: float) -> Any:
    """The expectation after one experience (seed 003: the phone-repair case).

    Model (adaptive expectations): the new expectation moves from the old one
    toward what was just experienced by the share ``weight``::

        new = expected + weight × (experienced − expected),   0 ≤ weight ≤ 1

    ``weight = 0``: the experience changes nothing; ``weight = 1``: the customer
    now expects exactly what they last got. A customer used to a 60-minute repair
    who is served in 30 minutes, with weight 0.5, next expects 45 minutes: an
    experience that exceeds the expectation raises the bar for next time.
    """
    w = float(_checks.numbers(weight, "weight", minimum=0, maximum=1).reshape(-1)[0])
    old = _checks.numbers(expected, "expected")
    got = _checks.numbers(experienced, "experienced")
    old, got = _checks.broadcast(old, got, names=("expected", "experienced"))
    return _checks.like(_checks.template(expected, experienced), old + w * (got - old))


def expectation_path(initial: float, experiences: Any, weight: float) -> np.ndarray:
    """Expectations over a sequence of experiences, by :func:`update_expectation`.

    Returns ``len(experiences) + 1`` values: the initial expectation, then the
    expectation after each experience in turn.
    """
    start = float(_checks.numbers(initial, "initial").reshape(-1)[0])
    seq = _checks.numbers(experiences, "experiences").reshape(-1)
    path = [start]
    for value in seq:
        path.append(update_expectation(path[-1], value, weight))
    return np.array(path)
