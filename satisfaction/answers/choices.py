"""Judgement answers written as a list: the ids a student chooses from a question's options.

For "which of these eight behaviours are signs of a loyal customer?" the answer is a list
such as ``["B2", "B5"]``. :func:`check_choices` (visible) checks its form; :func:`score_choices`
(hidden) scores every option as one item: right when it is chosen and should be, or left out
and should be, so each option is worth ``points / len(options)``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from .. import terms
from .words import joined, listing, say, show, type_name


def choice_problems(answer, options: Sequence, lang: str, name: str = "answer") -> list[str]:
    """Everything wrong with the form of a list answer, one message per problem (empty if none)."""
    terms.check_lang(lang)
    options = list(options)
    example = repr(options[:2])
    if not isinstance(answer, (list, tuple)):
        problem = say("not_list", lang, name=name, example=example, type=type_name(answer, lang))
        if isinstance(answer, (Mapping, pd.Series)):
            problem += say("hint_dict_list", lang)
        return [problem]
    if not answer:  # every option left out would still score the options that are wrong
        return [say("empty_list", lang, name=name, example=example)]
    problems = []
    seen = set()
    for value in answer:
        if not isinstance(value, str) or value not in options:
            problems.append(say("unknown_option", lang, name=name, value=show(value),
                                options=listing(map(show, options), lang)))
        elif value in seen:
            problems.append(say("duplicate", lang, name=name, value=show(value)))
        else:
            seen.add(value)
    return problems


def check_choices(answer, options: Sequence, lang: str, name: str = "answer") -> None:
    """Raise ``AssertionError`` (message in ``lang``) unless ``answer`` is a non-empty list of
    distinct ids taken from ``options``."""
    problems = choice_problems(answer, options, lang, name)
    if problems:
        raise AssertionError(joined(problems, lang))


def score_choices(answer, expected: Sequence, options: Sequence, points: float = 1.0) -> float:
    """Points earned: ``points`` × (options judged right) / (options), rounded to 2 decimals.

    An option is judged right when it is in ``answer`` exactly if it is in ``expected``.
    Never raises on a student's answer: anything but a list or tuple earns 0.
    """
    options = list(options)
    if not options or not set(expected) <= set(options):
        raise ValueError("expected must be a subset of a non-empty list of options")
    if not isinstance(answer, (list, tuple)):
        return 0.0
    chosen = {value for value in answer if isinstance(value, str)}
    right = sum((option in chosen) == (option in expected) for option in options)
    return float(round(points * right / len(options), 2))
