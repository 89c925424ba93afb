"""Seeded generators of SYNTHETIC survey and complaint tables.

Every table here is made up by a random-number generator for teaching and
benchmarking; none of it is real customer data. The same ``seed`` always gives
the same table, so lessons, exercises and tests can quote exact figures.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import kano, servqual, terms

#: Items per SERVQUAL dimension in the classic 22-statement questionnaire.
SERVQUAL_ITEMS = {"reliability": 5, "responsiveness": 4, "assurance": 4, "empathy": 5, "tangibles": 4}
#: Mean gap (perceived − expected, 7-point scale) the simulation gives each dimension.
SERVQUAL_TRUE_GAP = {"reliability": -1.2, "responsiveness": -0.9, "assurance": -0.3,
                     "empathy": -0.6, "tangibles": 0.3}
#: Typical (functional, dysfunctional) answers per Kano category, as answer positions 0..4.
_KANO_TYPICAL = {"A": [(0, 2), (0, 3), (0, 1)], "O": [(0, 4)], "M": [(1, 4), (2, 4), (3, 4)],
                 "I": [(2, 2), (2, 3), (3, 2), (3, 3)]}


def _kano_table(features: list[str], n: int, rows_f: list, rows_d: list) -> pd.DataFrame:
    """Kano answers in long form: ``n`` respondents per feature, answer codes as categories."""
    answers = list(kano.ANSWERS)
    return pd.DataFrame({
        "respondent": np.tile(np.arange(1, n + 1), len(features)),
        "feature": np.repeat(features, n),
        "functional": pd.Categorical.from_codes(np.concatenate(rows_f), answers),
        "dysfunctional": pd.Categorical.from_codes(np.concatenate(rows_d), answers),
    })


def _check_size(n: int, name: str) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"{name} must be a whole number ≥ 1; got {n!r}")
    return int(n)


def servqual_survey(n_respondents: int = 200, *, items_per_dimension: int | None = None,
                    seed: int = 0) -> pd.DataFrame:
    """A synthetic SERVQUAL survey in the long shape :func:`servqual_gaps` takes.

    Columns: respondent, dimension, item, expected, perceived (whole numbers 1..7).
    Items follow the classic 22-statement layout unless ``items_per_dimension``
    sets the same count for every dimension.
    """
    n = _check_size(n_respondents, "n_respondents")
    counts = {d: items_per_dimension or SERVQUAL_ITEMS[d] for d in servqual.DIMENSIONS}
    item_dims = [d for d in servqual.DIMENSIONS for _ in range(counts[d])]
    item_ids = [f"{d}_{i + 1}" for d in servqual.DIMENSIONS for i in range(counts[d])]
    rng = np.random.default_rng(seed)
    k = len(item_ids)
    true_gap = np.array([SERVQUAL_TRUE_GAP[d] for d in item_dims])
    expected = np.clip(np.rint(rng.normal(5.8, 0.8, (n, k))), 1, 7)
    perceived = np.clip(np.rint(expected + true_gap + rng.normal(0, 1.0, (n, k))), 1, 7)
    return pd.DataFrame({
        "respondent": np.repeat(np.arange(1, n + 1), k),
        "dimension": pd.Categorical.from_codes(
            np.tile([servqual.DIMENSIONS.index(d) for d in item_dims], n), list(servqual.DIMENSIONS)),
        "item": pd.Categorical.from_codes(np.tile(np.arange(k), n), item_ids),
        "expected": expected.ravel().astype(np.int8),
        "perceived": perceived.ravel().astype(np.int8),
    })


def kano_survey(n_respondents: int = 100, *, noise: float = 0.25, seed: int = 0) -> pd.DataFrame:
    """A synthetic Kano survey of hotel features (long: respondent, feature, functional, dysfunctional).

    Each feature has the category set in terms.toml (``kano_feature.*.true``);
    respondents give a typical answer pair for it, except that a share ``noise``
    answer at random. Answers are categorical with the keys like … dislike.
    """
    n = _check_size(n_respondents, "n_respondents")
    if not 0 <= noise <= 1:
        raise ValueError(f"noise must be between 0 and 1; got {noise!r}")
    features = terms.group("kano_feature")
    rng = np.random.default_rng(seed)
    rows_f, rows_d = [], []
    for entry in features.values():
        typical = np.array(_KANO_TYPICAL[entry["true"]])
        pick = typical[rng.integers(0, len(typical), n)]
        random = rng.integers(0, 5, (n, 2))
        pick = np.where(rng.random((n, 1)) < noise, random, pick)
        rows_f.append(pick[:, 0])
        rows_d.append(pick[:, 1])
    return _kano_table(list(features), n, rows_f, rows_d)


def kano_answers(n_respondents: int, *, seed: int = 0) -> tuple[pd.Series, pd.Series]:
    """Uniformly random functional and dysfunctional answers (categorical), for benchmarks."""
    n = _check_size(n_respondents, "n_respondents")
    rng = np.random.default_rng(seed)
    answers = list(kano.ANSWERS)
    return tuple(pd.Series(pd.Categorical.from_codes(rng.integers(0, 5, n), answers),
                           name=name) for name in ("functional", "dysfunctional"))


def factor_survey(n_respondents: int = 150, *, seed: int = 0) -> pd.DataFrame:
    """A synthetic satisfaction survey: each respondent rates each factor's importance
    and performance from 1 to 5 (long: respondent, factor, importance, performance)."""
    n = _check_size(n_respondents, "n_respondents")
    factors = terms.keys("survey_factor")
    rng = np.random.default_rng(seed)
    centre_imp = rng.uniform(2.6, 4.6, len(factors))
    centre_perf = rng.uniform(2.6, 4.4, len(factors))
    imp = np.clip(np.rint(centre_imp + rng.normal(0, 0.8, (n, len(factors)))), 1, 5)
    perf = np.clip(np.rint(centre_perf + rng.normal(0, 0.9, (n, len(factors)))), 1, 5)
    return pd.DataFrame({
        "respondent": np.repeat(np.arange(1, n + 1), len(factors)),
        "factor": np.tile(factors, n),
        "importance": imp.ravel().astype(int),
        "performance": perf.ravel().astype(int),
    })


#: Lesson 4's complaints log: two of the eight causes bring about 83 % of the complaints (a clear
#: vital few), and the slower the channel, the later the answer (letters slowest, in store fastest).
LOG_CAUSE_WEIGHTS = (0.45, 0.38, 0.05, 0.04, 0.02, 0.02, 0.02, 0.02)
LOG_CHANNEL_SHARES = {"store": 0.4, "phone": 0.3, "online": 0.25, "letter": 0.05}
LOG_CHANNEL_MEDIAN_HOURS = {"store": 2.0, "phone": 6.0, "online": 12.0, "letter": 36.0}


def complaints_log(n_complaints: int = 300, *, seed: int = 0) -> pd.DataFrame:
    """A synthetic complaints log of a retail chain.

    Columns: complaint_id, received (timestamp), channel, cause (keys of
    ``complaint_cause`` in terms.toml, two causes dominating: :data:`LOG_CAUSE_WEIGHTS`),
    response_hours (log-normal around each channel's :data:`LOG_CHANNEL_MEDIAN_HOURS`),
    upheld (the complaint stands), satisfied_after (customer satisfied with the remedy,
    less often when the answer came late).
    """
    n = _check_size(n_complaints, "n_complaints")
    rng = np.random.default_rng(seed)
    causes = terms.keys("complaint_cause")
    weights = np.array(LOG_CAUSE_WEIGHTS)
    received = pd.Timestamp("2026-01-05 09:00") + pd.to_timedelta(
        np.sort(rng.uniform(0, 90 * 24, n)), unit="h")
    channels = rng.choice(list(LOG_CHANNEL_SHARES), n, p=list(LOG_CHANNEL_SHARES.values()))
    medians = np.array([LOG_CHANNEL_MEDIAN_HOURS[c] for c in channels])
    hours = np.round(rng.lognormal(np.log(medians), 0.7), 1)
    satisfied_p = np.clip(0.9 - hours / 150, 0.2, 0.9)
    return pd.DataFrame({
        "complaint_id": [f"C{i:04d}" for i in range(1, n + 1)],
        "received": received.floor("min"),
        "channel": channels,
        "cause": rng.choice(causes, n, p=weights / weights.sum()),
        "response_hours": hours,
        "upheld": rng.random(n) < 0.8,
        "satisfied_after": rng.random(n) < satisfied_p,
    })


#: Typical (functional, dysfunctional) answer positions of the rarer Kano categories.
_KANO_RARE = {"R": [(4, 0), (4, 2), (2, 0)], "Q": [(0, 0), (4, 4)]}


def kano_survey_mixed(profiles: dict[str, dict[str, float]], n_respondents: int = 100, *,
                      seed: int = 0) -> pd.DataFrame:
    """A synthetic Kano survey where respondents disagree, as real ones do.

    ``profiles`` maps each feature to the share of respondents for whom it is each category
    (e.g. ``{"M": 0.7, "O": 0.15, "I": 0.15}``); every respondent gives a typical answer pair
    of the category drawn for them. Same long shape as :func:`kano_survey`.
    """
    n = _check_size(n_respondents, "n_respondents")
    rng = np.random.default_rng(seed)
    typical = {**_KANO_TYPICAL, **_KANO_RARE}
    rows_f, rows_d = [], []
    for feature, shares in profiles.items():
        cats = list(shares)
        if not set(cats) <= set(typical) or abs(sum(shares.values()) - 1) > 1e-9:
            raise ValueError(f"{feature}: shares must be of categories {sorted(typical)} and add up to 1")
        drawn = rng.choice(len(cats), n, p=list(shares.values()))
        pairs = np.array([typical[cats[c]][rng.integers(0, len(typical[cats[c]]))] for c in drawn])
        rows_f.append(pairs[:, 0])
        rows_d.append(pairs[:, 1])
    return _kano_table(list(profiles), n, rows_f, rows_d)


def complaints_log_designed(cause_counts: dict[str, int], channel_shares: dict[str, float],
                            channel_median_hours: dict[str, float], *, seed: int = 0) -> pd.DataFrame:
    """A synthetic complaints log with exactly ``cause_counts`` complaints per cause.

    Channels are drawn with ``channel_shares``; response hours are log-normal around each
    channel's median; a customer answered late is less often satisfied with the remedy.
    Same columns as :func:`complaints_log`.
    """
    n = _check_size(sum(cause_counts.values()), "the number of complaints")
    known = set(terms.keys("complaint_cause"))
    if not set(cause_counts) <= known or set(channel_shares) != set(channel_median_hours):
        raise ValueError(f"causes must be among {sorted(known)}; shares and medians need the same channels")
    rng = np.random.default_rng(seed)
    causes = rng.permutation(np.repeat(list(cause_counts), list(cause_counts.values())))
    channels = rng.choice(list(channel_shares), n, p=list(channel_shares.values()))
    medians = np.array([channel_median_hours[c] for c in channels])
    hours = np.round(rng.lognormal(np.log(medians), 0.6), 1)
    received = pd.Timestamp("2026-01-05 09:00") + pd.to_timedelta(
        np.sort(rng.uniform(0, 90 * 24, n)), unit="h")
    return pd.DataFrame({
        "complaint_id": [f"C{i:04d}" for i in range(1, n + 1)],
        "received": received.floor("min"),
        "channel": channels,
        "cause": causes,
        "response_hours": hours,
        "upheld": rng.random(n) < 0.8,
        "satisfied_after": rng.random(n) < np.where(hours <= 24, 0.88, 0.45),
    })


def milk_tea_orders(n_customers: int = 20, *, seed: int = 0) -> pd.DataFrame:
    """A small synthetic table for lesson 0: a milk-tea shop's customers, one row each.

    Columns: customer (T01, …), channel (``store``, ``app``, ``delivery``), expected and
    waited (minutes), rating (1–5) and came_back (True/False). Waiting longer than
    expected lowers the rating, and a low rating makes a return less likely.
    """
    n = _check_size(n_customers, "n_customers")
    rng = np.random.default_rng(seed)
    channels = rng.choice(["store", "app", "delivery"], n, p=[0.4, 0.3, 0.3])
    base = np.where(channels == "delivery", 30, np.where(channels == "app", 10, 6))
    expected = base + rng.integers(-2, 6, n)
    waited = np.clip(base + np.rint(rng.normal(0, 0.35, n) * base), 2, None).astype(int)
    rating = np.clip(np.rint(4 - 0.15 * (waited - expected) + rng.normal(0, 0.6, n)), 1, 5).astype(int)
    return pd.DataFrame({
        "customer": [f"T{i:02d}" for i in range(1, n + 1)],
        "channel": channels,
        "expected": expected,
        "waited": waited,
        "rating": rating,
        "came_back": rng.random(n) < (rating - 0.5) / 5,
    })
