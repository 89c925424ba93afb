"""SERVQUAL gaps: perceived minus expected service quality per item and dimension.

Seed 003 gives the five elements of service quality: 信赖度 reliability,
反应度 responsiveness, 专业度 assurance, 同理度 empathy and 有形度 tangibles.
A SERVQUAL survey asks each customer, per statement (item), what they expected
and what they perceived; the gap perceived − expected shows where service falls
short (negative) or exceeds expectations (positive).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import _checks, terms

#: The five dimensions, in the course's order.
DIMENSIONS = tuple(terms.keys("servqual"))


@dataclass(frozen=True)
class ServqualResult:
    """What :func:`servqual_gaps` returns.

    items: one row per item — dimension, expected, perceived, gap (means), n answers.
    dimensions: one row per dimension present — the same means, plus weight and
        weighted_gap (weight × gap; weights sum to 1).
    overall: the weighted mean gap over the dimensions (sum of weighted_gap).
    """

    items: pd.DataFrame
    dimensions: pd.DataFrame
    overall: float


#: Answers that are whole numbers in 0..LIKERT_MAX take the histogram fast path.
LIKERT_MAX = 15


def _codes(column: pd.Series, categories: tuple[str, ...] | None, name: str):
    """Integer codes of a label column and the labels they stand for."""
    if categories is not None:
        same = isinstance(column.dtype, pd.CategoricalDtype) and list(column.cat.categories) == list(categories)
        codes = column.cat.codes.to_numpy() if same else pd.Index(categories).get_indexer(column)
        if (codes < 0).any():
            bad = column.to_numpy()[codes < 0][0]
            raise ValueError(f"{name} {bad!r} is not a SERVQUAL dimension; allowed: {list(categories)}")
        return codes, list(categories)
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, uniques = column.cat.codes.to_numpy(), list(column.cat.categories)
    else:
        codes, uniques = pd.factorize(column, sort=False)
        uniques = list(uniques)
    if (codes < 0).any():
        raise ValueError(f"{name} has missing values; every row needs one")
    return codes, uniques


def _small_ints(column: pd.Series) -> np.ndarray | None:
    """The answers as stored if they are integers, all in 0..LIKERT_MAX; else None."""
    if column.dtype.kind not in "iu":
        return None
    values = column.to_numpy()
    if values.min() < 0 or values.max() > LIKERT_MAX:
        return None
    return values


def _sums(pairs: np.ndarray, size: int, expected: pd.Series, perceived: pd.Series):
    """Count, sum of expected and sum of perceived per (item, dimension) pair code."""
    e, p = _small_ints(expected), _small_ints(perceived)
    if e is None or p is None:  # general path: checked floats, three weighted counts
        e = _checks.numbers(expected, "expected")
        p = _checks.numbers(perceived, "perceived")
        return (np.bincount(pairs, minlength=size).astype(float),
                np.bincount(pairs, weights=e, minlength=size),
                np.bincount(pairs, weights=p, minlength=size))
    # Likert path: one histogram of (pair, expected, perceived) gives all three sums.
    levels = LIKERT_MAX + 1
    key = pairs * levels  # a new int32 array; the in-place steps below add no temporaries
    key += e
    key *= levels
    key += p
    hist = np.bincount(key, minlength=size * levels * levels)
    hist = hist.reshape(size, levels, levels).astype(float)
    scale = np.arange(levels)
    return hist.sum(axis=(1, 2)), hist.sum(axis=2) @ scale, hist.sum(axis=1) @ scale


def _weights(weights: Mapping[str, float] | None, present: list[str]) -> np.ndarray:
    if weights is None:
        return np.full(len(present), 1 / len(present))
    unknown = sorted(set(weights) - set(DIMENSIONS))
    if unknown:
        raise ValueError(f"weights name unknown dimension(s) {unknown}; allowed: {list(DIMENSIONS)}")
    missing = [d for d in present if d not in weights]
    if missing:
        raise ValueError(f"weights lack dimension(s) {missing}; give an importance for each")
    raw = _checks.numbers([weights[d] for d in present], "weights", minimum=0)
    if raw.sum() == 0:
        raise ValueError("weights are all 0; at least one dimension must matter")
    return raw / raw.sum()


def servqual_gaps(responses: pd.DataFrame, weights: Mapping[str, float] | None = None) -> ServqualResult:
    """Mean SERVQUAL gaps (perceived − expected) per item and per dimension.

    ``responses`` is a long table, one row per answer (respondent × item), with
    columns ``dimension`` (one of reliability, responsiveness, assurance,
    empathy, tangibles), ``expected`` and ``perceived`` (numbers on one scale,
    e.g. 1..7) and optionally ``item`` (statement id; defaults to the
    dimension) and ``respondent``. Each item must belong to one dimension.

    ``weights`` optionally maps each dimension present to its importance
    (any non-negative numbers; normalised to sum to 1). Without it the
    dimensions weigh equally.
    """
    if not isinstance(responses, pd.DataFrame):
        raise ValueError("responses must be a pandas DataFrame with columns dimension, expected, perceived")
    missing = {"dimension", "expected", "perceived"} - set(responses.columns)
    if missing:
        raise ValueError(f"responses lack column(s) {sorted(missing)}; "
                         "needed: dimension, expected, perceived (item optional)")
    if responses.empty:
        raise ValueError("responses is empty; give at least one answer")
    dim_codes, dim_names = _codes(responses["dimension"], DIMENSIONS, "dimension")
    item_column = responses["item"] if "item" in responses.columns else responses["dimension"]
    item_codes, item_names = _codes(item_column, None, "item")

    n_items, n_dims = len(item_names), len(dim_names)
    pairs = item_codes.astype(np.int32)
    pairs *= n_dims
    pairs += dim_codes
    n, e_sum, p_sum = (a.reshape(n_items, n_dims)
                       for a in _sums(pairs, n_items * n_dims, responses["expected"], responses["perceived"]))
    if ((n > 0).sum(axis=1) > 1).any():
        item = item_names[int(np.flatnonzero((n > 0).sum(axis=1) > 1)[0])]
        raise ValueError(f"item {item!r} appears under more than one dimension")

    def means(count: np.ndarray, e: np.ndarray, p: np.ndarray) -> pd.DataFrame:
        with np.errstate(invalid="ignore", divide="ignore"):
            return pd.DataFrame({"expected": e / count, "perceived": p / count,
                                 "gap": (p - e) / count, "n": count.astype(int)})

    items = means(n.sum(axis=1), e_sum.sum(axis=1), p_sum.sum(axis=1))
    items.insert(0, "dimension", [dim_names[i] for i in n.argmax(axis=1)])
    items.index = pd.Index(item_names, name="item")
    items = items[items["n"] > 0]
    dims = means(n.sum(axis=0), e_sum.sum(axis=0), p_sum.sum(axis=0))
    dims.index = pd.Index(dim_names, name="dimension")
    dims = dims[dims["n"] > 0].copy()
    dims["weight"] = _weights(weights, list(dims.index))
    dims["weighted_gap"] = dims["weight"] * dims["gap"]
    return ServqualResult(items=items, dimensions=dims, overall=float(dims["weighted_gap"].sum()))
