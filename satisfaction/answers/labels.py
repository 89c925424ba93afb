"""Judgement answers written as a dict (item id → category), checked and scored per item.

A test cell of a judgement question (see ``content/exercises``) reads::

    sf.check_labels(kano_answer, ["F1", "F2", "F3"], "kano", LANG, name="kano_answer")
    ### BEGIN HIDDEN TESTS
    sf.score_labels(kano_answer, {"F1": "M", "F2": "A", "F3": "O"}, "kano", LANG, points=3)
    ### END HIDDEN TESTS

:func:`check_labels` (visible) checks the answer's FORM only and raises ``AssertionError``
with a message in the edition's language that says what is wrong and what shape is expected,
never which category is right. :func:`score_labels` (hidden, the cell's last expression)
returns the points earned as a plain ``float``: every item is worth an equal share, so
nbgrader's partial credit gives one wrong item out of six five sixths of the points.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .. import terms
from .kinds import TRUE_FALSE, kind
from .words import joined, listing, say, show, type_name


def _example(items: Sequence, kind_name: str) -> str:
    value = "True" if kind_name == TRUE_FALSE else "'…'"
    return "{" + f"{items[0]!r}: {value}, …" + "}"


def _is_bool(value) -> bool:
    return isinstance(value, (bool, np.bool_))


def _shape_problems(answer, items: Sequence, kind_name: str, lang: str, name: str) -> list[str]:
    if not isinstance(answer, Mapping):
        problem = say("not_dict", lang, name=name, example=_example(items, kind_name),
                      type=type_name(answer, lang))
        if isinstance(answer, pd.Series):
            problem += say("hint_series", lang)
        elif isinstance(answer, (list, tuple, set)):
            problem += say("hint_sequence", lang)
        return [problem]
    problems = []
    missing = [item for item in items if item not in answer]
    extra = [key for key in answer if key not in items]
    if missing:
        problems.append(say("missing", lang, name=name, keys=listing(map(show, missing), lang)))
    if extra:
        problem = say("extra", lang, name=name, keys=listing(map(show, extra), lang),
                      allowed=listing(map(show, items), lang))
        if any(not isinstance(key, str) for key in extra) and isinstance(items[0], str):
            problem += say("hint_key_text", lang, example=show(items[0]))
        elif any(isinstance(key, str) for key in extra) and isinstance(items[0], int):
            problem += say("hint_key_number", lang, example=show(items[0]))
        problems.append(problem)
    return problems


def _value_problem(value, key, kind_name: str, lang: str, name: str) -> str | None:
    fields = {"name": name, "key": show(key), "value": show(value), "type": type_name(value, lang)}
    if value is None:
        return say("empty_bool" if kind_name == TRUE_FALSE else "empty", lang, **fields)
    if kind_name == TRUE_FALSE:
        return None if _is_bool(value) else say("not_bool", lang, **fields)
    if not isinstance(value, str):
        return say("not_text", lang, **fields)
    if not value.strip():
        return say("empty", lang, **fields)
    found = kind(kind_name)
    if found.resolve(value, lang) is not None:
        return None
    foreign = found.foreign(value, lang)
    if foreign is not None:
        return say("other_lang", lang, label=found.category(foreign).names[lang], code=foreign, **fields)
    return say("unknown", lang, names=listing(found.display(lang), lang), **fields)


def label_problems(answer, items: Sequence, kind_name: str, lang: str, name: str = "answer") -> list[str]:
    """Everything wrong with the form of a dict answer, one message per problem (empty if none)."""
    terms.check_lang(lang)
    items = list(items)
    if kind_name != TRUE_FALSE:
        kind(kind_name)  # an unknown kind is the author's mistake: ValueError at once
    problems = _shape_problems(answer, items, kind_name, lang, name)
    if problems and not isinstance(answer, Mapping):
        return problems
    for item in items:
        if item in answer:
            problem = _value_problem(answer[item], item, kind_name, lang, name)
            if problem:
                problems.append(problem)
    return problems


class Unanswered(AssertionError):
    """The answer is still the released template: every item blank (the self-check reports
    the question as not attempted; for grading it is a failed test like any other)."""


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_labels(answer, items: Sequence, kind_name: str, lang: str, name: str = "answer") -> None:
    """Raise ``AssertionError`` (message in ``lang``) unless ``answer`` is a dict with exactly
    ``items`` as keys and, as values, names of ``kind_name``'s categories accepted in ``lang``;
    :class:`Unanswered` when every item is still blank."""
    problems = label_problems(answer, items, kind_name, lang, name)
    if problems and isinstance(answer, Mapping) and set(answer) == set(items) and all(map(_blank, answer.values())):
        raise Unanswered(say("unanswered", lang, name=name))
    if problems:
        raise AssertionError(joined(problems, lang))


def _resolved(value, kind_name: str, lang: str | None):
    """The category key (or bool) ``value`` stands for, or None."""
    if kind_name == TRUE_FALSE:
        return bool(value) if _is_bool(value) else None
    if not isinstance(value, str):
        return None
    found = kind(kind_name)
    langs = [lang] if lang else list(terms.LANGS)
    return next((key for code in langs if (key := found.resolve(value, code)) is not None), None)


def score_labels(answer, expected: Mapping, kind_name: str, lang: str | None = None,
                 points: float = 1.0) -> float:
    """Points earned: ``points`` × (items answered right) / (items), rounded to 2 decimals.

    ``expected`` maps every item to its category key (or bool). An answer that is not a dict,
    and an item missing or not naming a category, earns nothing for that item; this function
    never raises on a student's answer.
    """
    if not expected:
        raise ValueError("expected must hold at least one item")
    if kind_name != TRUE_FALSE:
        known = set(kind(kind_name).keys)
        wrong = [v for v in expected.values() if v not in known]
        if wrong:
            raise ValueError(f"expected values {wrong} are not keys of kind {kind_name!r}")
    if not isinstance(answer, Mapping):
        return 0.0
    right = sum(_resolved(answer.get(item), kind_name, lang) == key for item, key in expected.items()
                if item in answer)
    return float(round(points * right / len(expected), 2))


def check_number(value, lang: str, name: str = "answer") -> None:
    """Raise ``AssertionError`` (message in ``lang``) unless ``value`` is one finite number."""
    terms.check_lang(lang)
    if isinstance(value, (int, float, np.integer, np.floating)) and not _is_bool(value) \
            and np.isfinite(value):
        return
    scalar = not isinstance(value, (pd.Series, pd.DataFrame, list, tuple, dict, np.ndarray))
    problem = say("not_number", lang, name=name, type=type_name(value, lang),
                  value=f" {show(value)}" if scalar else "")
    if isinstance(value, str):
        problem += say("hint_quoted_number", lang)
    elif isinstance(value, (pd.Series, pd.DataFrame, list, tuple, np.ndarray)):
        problem += say("hint_one_number", lang)
    raise AssertionError(problem)
