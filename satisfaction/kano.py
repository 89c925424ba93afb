"""The Kano model: the customer perception model (客户感知模型, seed 001).

Seed 001 names three kinds of factor: 必须具备的因素 (must-be), 越舒适、越快、越好
的因素 (one-dimensional: the more the better) and 令人高兴的因素 (attractive
delighters). The standard Kano questionnaire asks each customer two questions
per feature: how do you feel if it is present (functional) and if it is absent
(dysfunctional)? The pair of answers gives the category by the evaluation table
below; indifferent (I), reverse (R) and questionable (Q) complete it.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _checks, terms

#: Answers in code order 1..5.
ANSWERS = tuple(terms.keys("kano_answer"))
#: All six categories.
CATEGORIES = ("A", "O", "M", "I", "R", "Q")

#: Kano evaluation table: row = functional answer, column = dysfunctional answer,
#: both in the order like, must-be, neutral, live-with, dislike.
EVALUATION_TABLE = np.array([
    ["Q", "A", "A", "A", "O"],
    ["R", "I", "I", "I", "M"],
    ["R", "I", "I", "I", "M"],
    ["R", "I", "I", "I", "M"],
    ["R", "R", "R", "R", "Q"],
], dtype=object)
#: The same table as category codes (positions in CATEGORIES).
_TABLE_CODES = np.vectorize(CATEGORIES.index)(EVALUATION_TABLE).astype(np.int8)


def _answer_index() -> dict[Any, int]:
    """Every accepted spelling of an answer → its 0-based position."""
    index: dict[Any, int] = {}
    for position, (key, entry) in enumerate(terms.group("kano_answer").items()):
        for spelling in (key, entry["zh"], entry["en"], entry["code"]):
            index[spelling] = position
    return index


def answer_positions(answers: Any, name: str) -> np.ndarray:
    """Kano answers (keys, zh/en wording or codes 1..5) → positions 0..4, checked."""
    if isinstance(answers, pd.Series) and isinstance(answers.dtype, pd.CategoricalDtype):
        codes, uniques = answers.cat.codes.to_numpy(), answers.cat.categories
    else:
        raw = answers.to_numpy() if isinstance(answers, (pd.Series, pd.DataFrame)) else np.asarray(answers)
        if raw.size == 0:
            raise ValueError(f"{name} is empty; give at least one answer")
        if raw.dtype.kind in "iu":
            return _checks.integers(raw, name, 1, 5) - 1
        codes, uniques = pd.factorize(raw.ravel(), use_na_sentinel=True)
        codes = codes.reshape(raw.shape)
    lookup = _answer_index()
    table = np.array([lookup.get(u, -1) for u in uniques] + [-1], dtype=int)
    positions = table[codes]  # code -1 (missing) picks the trailing -1
    if (positions < 0).any():
        flat = positions.ravel()
        bad_value = np.asarray(answers, dtype=object).ravel()[int(np.flatnonzero(flat < 0)[0])]
        raise ValueError(f"{name} has an answer that is not a Kano answer: {bad_value!r}; "
                         f"allowed: {list(ANSWERS)} or the codes 1..5")
    return positions


def kano_category(functional: Any, dysfunctional: Any) -> Any:
    """Kano category of each answer pair, by the standard evaluation table.

    Returns ``"A"`` attractive (令人高兴的因素), ``"O"`` one-dimensional
    (越舒适、越快、越好的因素), ``"M"`` must-be (必须具备的因素), ``"I"`` indifferent,
    ``"R"`` reverse or ``"Q"`` questionable. Answers are ``"like"``,
    ``"must-be"``, ``"neutral"``, ``"live-with"``, ``"dislike"`` (or their zh/en
    wording from terms.toml, or the codes 1..5 in that order); arrays of
    answers give arrays of categories, Series give a categorical Series.
    """
    f = answer_positions(functional, "functional")
    d = answer_positions(dysfunctional, "dysfunctional")
    f, d = _checks.broadcast(f, d, names=("functional", "dysfunctional"))
    tmpl = _checks.template(functional, dysfunctional)
    if isinstance(tmpl, pd.Series):  # categorical: compact and fast for large surveys
        codes = _TABLE_CODES[f, d].reshape(len(tmpl))
        return pd.Series(pd.Categorical.from_codes(codes, CATEGORIES), index=tmpl.index, name="category")
    return _checks.like(tmpl, EVALUATION_TABLE[f, d])


def _counts(categories: Any) -> dict[str, int]:
    values = pd.Series(np.asarray(categories, dtype=object).ravel())
    unknown = sorted(set(values.unique()) - set(CATEGORIES), key=str)
    if unknown:
        raise ValueError(f"unknown Kano categories {unknown}; allowed: {list(CATEGORIES)}")
    counts = values.value_counts()
    return {c: int(counts.get(c, 0)) for c in CATEGORIES}


def kano_coefficients(categories: Any) -> tuple[float, float]:
    """Better and Worse coefficients of one feature from its respondents' categories.

    better = (A + O) / (A + O + M + I)  — how much satisfaction rises if present (0..1);
    worse  = −(O + M) / (A + O + M + I) — how much it falls if absent (−1..0).
    R and Q answers are left out. At least one A, O, M or I answer is required.
    """
    n = _counts(categories)
    base = n["A"] + n["O"] + n["M"] + n["I"]
    if base == 0:
        raise ValueError("no A, O, M or I answers: Better/Worse need at least one")
    return (n["A"] + n["O"]) / base, -(n["O"] + n["M"]) / base


def kano_summary(survey: pd.DataFrame) -> pd.DataFrame:
    """Per-feature Kano table from a long survey (columns feature, functional, dysfunctional).

    Returns one row per feature: counts of A, O, M, I, R, Q, the most frequent
    category (ties broken in the order M, O, A, I, R, Q: the stricter need first),
    and the Better and Worse coefficients.
    """
    missing = {"feature", "functional", "dysfunctional"} - set(survey.columns)
    if missing:
        raise ValueError(f"survey lacks column(s) {sorted(missing)}")
    cats = kano_category(survey["functional"], survey["dysfunctional"])
    table = pd.crosstab(survey["feature"], cats).reindex(columns=list(CATEGORIES), fill_value=0)
    table.columns.name = None
    priority = ["M", "O", "A", "I", "R", "Q"]
    table["category"] = table[priority].idxmax(axis=1)
    base = table[["A", "O", "M", "I"]].sum(axis=1).replace(0, np.nan)
    table["better"] = (table["A"] + table["O"]) / base
    table["worse"] = -(table["O"] + table["M"]) / base
    return table
