"""Lesson 0's try-it checks: immediate feedback on what a learner has just written.

Each try-it cell of ``lessons/00-python`` ends with ``tryit.check("clv", clv, LANG)``: the
cell's last expression is a :class:`Feedback`, shown as a green ✔ or an orange hint in the
edition's language. A value still holding the blank ``...`` is "not done yet", never an error.
Every check compares with what the lesson's table (``milk_tea.csv``) or the task says, computed
here, so the lesson carries no logic of its own.
"""
from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from numbers import Real
from typing import Any, Callable

import pandas as pd

from .. import terms
from ..answers import kind, label_problems
from ..answers.words import show

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

#: The lesson's table: a small synthetic milk-tea shop (see :func:`satisfaction.synthetic.milk_tea_orders`).
SAMPLE_CSV = str(resources.files(__package__).joinpath("milk_tea.csv"))
#: What a name not yet defined is passed as (by the practice widget).
MISSING = object()


@lru_cache(maxsize=1)
def _texts() -> dict:
    return tomllib.loads(resources.files(__package__).joinpath("texts.toml").read_text("utf-8"))["text"]


def say(key: str, lang: str, /, **fields: Any) -> str:
    """A lesson-0 text in ``lang`` with ``fields`` filled in."""
    terms.check_lang(lang)
    return _texts()[key][lang].format(**fields)


@lru_cache(maxsize=1)
def sample() -> pd.DataFrame:
    """The lesson's table, as ``pd.read_csv(SAMPLE_CSV)`` reads it (treat as read-only)."""
    return pd.read_csv(SAMPLE_CSV)


@dataclass(frozen=True)
class Feedback:
    """What a check says: right or not, and the text to show."""

    ok: bool
    text: str

    def _repr_html_(self) -> str:
        colour, background = ("#1e7e34", "#e6f4ea") if self.ok else ("#8a4b00", "#fff4e5")
        return (f'<div class="sat-tryit" style="color:{colour};background:{background};padding:6px 10px;white-space:pre-line;'
                f'border-radius:4px">{html.escape(self.text)}</div>')

    def __repr__(self) -> str:
        return self.text


def _blank(value: Any, name: str, lang: str) -> Feedback | None:
    """Feedback for a blank or missing value, else None."""
    if value is Ellipsis:
        return Feedback(False, say("not_yet", lang, name=name))
    if value is MISSING:
        return Feedback(False, say("missing", lang, name=name))
    return None


def _number(value: Any, name: str, lang: str, right: float, ok: str, hint: str = "",
            special: dict[float, str] | None = None) -> Feedback:
    """Feedback on a value that should be the number ``right``."""
    if isinstance(value, str):
        return Feedback(False, say("quoted_number", lang, name=name, value=show(value)))
    if isinstance(value, bool) or not isinstance(value, Real):
        return Feedback(False, say("not_number", lang, name=name, value=show(value)))
    if abs(value - right) < 1e-9:
        return Feedback(True, say(ok, lang))
    for other, key in (special or {}).items():
        if abs(value - other) < 1e-9:
            return Feedback(False, say(key, lang, name=name, value=show(value)))
    text = say("try_again", lang, name=name, value=show(value))
    return Feedback(False, f"{text}{say(hint, lang)}" if hint else text)


def _run_order(value: Any, lang: str) -> Feedback:
    count = value if isinstance(value, int) and not isinstance(value, bool) else None
    if count == 4:
        return Feedback(True, say("run_order_ok", lang))
    key = "run_order_not_run" if count == 3 else "run_order_twice" if count is not None and count > 4 \
        else "run_order_other"
    return Feedback(False, say(key, lang, value=show(value)))


def _verdicts(value: Any, lang: str) -> Feedback:
    table = sample().set_index("customer")
    ids = ["T03", "T08", "T02"]
    problems = label_problems(value, ids, "verdict", lang, name="verdicts")
    if problems:
        return Feedback(False, "\n".join(problems))
    right = {c: "exceeds" if table.loc[c, "waited"] < table.loc[c, "expected"] else
             "meets" if table.loc[c, "waited"] == table.loc[c, "expected"] else "falls_short" for c in ids}
    wrong = [c for c in ids if kind("verdict").resolve(value[c], lang) != right[c]]
    if wrong:
        return Feedback(False, say("verdicts_wrong", lang, items=("、" if lang == "zh" else ", ").join(wrong)))
    return Feedback(True, say("verdicts_ok", lang))


def _series_like(value: Any, right: pd.Series, name: str, lang: str, ok: str, number: str, wrong: str) -> Feedback:
    if isinstance(value, Real) and not isinstance(value, bool):
        return Feedback(False, say(number, lang))
    if isinstance(value, pd.Series) and set(value.index) == set(right.index) \
            and all(abs(value[k] - right[k]) < 1e-9 for k in right.index):
        return Feedback(True, say(ok, lang))
    return Feedback(False, say(wrong, lang, name=name))


def _app_rows(value: Any, lang: str) -> Feedback:
    table = sample()
    right = table[table["channel"] == "app"]
    if isinstance(value, pd.Series):
        return Feedback(False, say("app_rows_column", lang))
    if isinstance(value, pd.DataFrame) and list(value.index) == list(right.index):
        return Feedback(True, say("app_rows_ok", lang, count=len(right)))
    return Feedback(False, say("app_rows_wrong", lang))


def _mean_wait(value: Any, lang: str) -> Feedback:
    right = sample().groupby("channel")["waited"].mean()
    return _series_like(value, right, "mean_wait", lang, "mean_wait_ok", "mean_wait_number", "mean_wait_wrong")


def _slowest(value: Any, lang: str) -> Feedback:
    right = sample().groupby("channel")["waited"].mean().idxmax()
    if isinstance(value, str) and value == right:
        return Feedback(True, say("slowest_ok", lang))
    return Feedback(False, say("try_again", lang, name="slowest", value=show(value)) + say("slowest_hint", lang))


def _rating(value: Any, lang: str) -> Feedback:
    right = sample().groupby("channel")["rating"].mean()
    return _series_like(value, right, "rating_by_channel", lang, "rating_ok", "rating_hint", "rating_hint")


def _late(value: Any, lang: str) -> Feedback:
    table = sample()
    right = sorted(table.loc[table["waited"] > table["expected"], "customer"])
    if not isinstance(value, list):
        return Feedback(False, say("late_not_list", lang))
    if value == right:
        return Feedback(True, say("late_ok", lang))
    return Feedback(False, say("late_hint", lang))


def _waited_longer(value: Any, lang: str) -> Feedback:
    table = sample().set_index("customer")
    ids = ["T01", "T02", "T03"]
    problems = label_problems(value, ids, "true_false", lang, name="waited_longer")
    if problems:
        return Feedback(False, "\n".join(problems))
    if all(bool(value[c]) == bool(table.loc[c, "waited"] > table.loc[c, "expected"]) for c in ids):
        return Feedback(True, say("waited_longer_ok", lang))
    return Feedback(False, say("late_hint", lang))


#: step → (the variable it checks, the check).
STEPS: dict[str, tuple[str, Callable[[Any, str], Feedback]]] = {
    "run_order": ("visits", _run_order),
    "clv": ("clv", lambda v, lang: _number(v, "clv", lang, 6000, "clv_ok", "clv_hint")),
    "ratio": ("c", lambda v, lang: _number(v, "c", lang, 0.9, "ratio_ok", special={6.0 / 5.4: "ratio_inverted"})),
    "rounded": ("rounded", lambda v, lang: _number(v, "rounded", lang, 0.89, "rounded_ok", "rounded_hint")),
    "verdicts": ("verdicts", _verdicts),
    "app_rows": ("app_orders", _app_rows),
    "mean_wait": ("mean_wait", _mean_wait),
    "slowest": ("slowest", _slowest),
    "share_back": ("share_back", lambda v, lang: _number(v, "share_back", lang, float(sample()["came_back"].mean()),
                                                         "share_back_ok", "share_back_hint")),
    "rating_by_channel": ("rating_by_channel", _rating),
    "late_customers": ("late_customers", _late),
    "waited_longer": ("waited_longer", _waited_longer),
}


def check(step: str, value: Any, lang: str = "zh") -> Feedback:
    """Feedback on ``value`` for the try-it ``step`` (one of :data:`STEPS`), in ``lang``."""
    terms.check_lang(lang)
    if step not in STEPS:
        raise ValueError(f"no try-it step {step!r}; known: {sorted(STEPS)}")
    name, run = STEPS[step]
    return _blank(value, name, lang) or run(value, lang)
