"""Table analyses used in the lessons and exercises.

- :func:`importance_performance`: satisfaction survey factor analysis
  (客户满意度调查因素分析, seed 001) as an importance–performance quadrant.
- :func:`pareto`: which complaint causes make up most complaints.
- :func:`response_time_stats`: how quickly complaints were answered (seed 000:
  timeliness, 及时准确性).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _checks

#: Share of all complaints that the "vital few" causes cover in a Pareto analysis.
PARETO_CUTOFF = 0.8


def importance_performance(survey: pd.DataFrame) -> pd.DataFrame:
    """Mean importance and performance per factor, and its quadrant.

    ``survey`` has columns ``factor``, ``importance`` and ``performance`` (one row
    per respondent × factor). The cross-hairs are the means over all factors:

    - ``concentrate``: important but performing below average — fix first;
    - ``keep_up``: important and performing well;
    - ``low_priority``: less important and performing below average;
    - ``overkill``: less important yet performing above average.
    """
    missing = {"factor", "importance", "performance"} - set(survey.columns)
    if missing:
        raise ValueError(f"survey lacks column(s) {sorted(missing)}")
    if survey.empty:
        raise ValueError("survey is empty")
    table = pd.DataFrame({
        "factor": survey["factor"].to_numpy(),
        "importance": _checks.numbers(survey["importance"], "importance"),
        "performance": _checks.numbers(survey["performance"], "performance"),
    })
    means = table.groupby("factor", sort=False, observed=True)[["importance", "performance"]].mean()
    high_imp = means["importance"] >= means["importance"].mean()
    high_perf = means["performance"] >= means["performance"].mean()
    means["quadrant"] = np.select(
        [high_imp & ~high_perf, high_imp & high_perf, ~high_imp & ~high_perf],
        ["concentrate", "keep_up", "low_priority"], default="overkill")
    return means


def pareto(causes: Any) -> pd.DataFrame:
    """Counts of each cause, most frequent first, with share and cumulative share.

    ``vital_few`` marks the causes needed to reach :data:`PARETO_CUTOFF` (80 %) of
    all complaints, counting the cause that crosses the line.
    """
    values = pd.Series(np.asarray(causes, dtype=object).ravel())
    if values.empty:
        raise ValueError("causes is empty; give at least one complaint cause")
    if values.isna().any():
        raise ValueError("causes has missing values; label every complaint")
    counts = values.value_counts(sort=True)
    table = pd.DataFrame({"count": counts})
    table.index.name = "cause"
    table["share"] = table["count"] / table["count"].sum()
    table["cumulative"] = table["share"].cumsum()
    table["vital_few"] = table["cumulative"].shift(fill_value=0) < PARETO_CUTOFF
    return table


def response_time_stats(hours: Any, within: float = 24.0) -> pd.Series:
    """Summary of complaint response times in hours: count, mean, median, 90th percentile, max,
    and the share answered within ``within`` hours."""
    values = _checks.numbers(hours, "hours", minimum=0).ravel()
    limit = float(_checks.numbers(within, "within", above=0).ravel()[0])
    return pd.Series({
        "count": float(values.size),
        "mean": float(values.mean()),
        "median": float(np.median(values)),
        "p90": float(np.percentile(values, 90)),
        "max": float(values.max()),
        "share_within": float((values <= limit).mean()),
    })
