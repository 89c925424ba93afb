"""Peer evaluation between groups (seed 000: 项目评价, peer evaluation; task 4's evaluation of
the other side's performance) turned into a score component.

Input: a UTF-8 CSV with columns ``rater_group, rated_group, criterion, score``,
one row per score a group gives another group on one criterion, scores from 0
to ``max_score``.

The rule (documented for teachers and applied by :func:`peer_scores`):

1. Self-ratings (``rater_group == rated_group``) are ignored and reported.
2. Each rater's scores for a rated group are averaged over the criteria it
   scored and divided by ``max_score``: a fraction from 0 to 1.
3. A group's peer fraction is the mean of those fractions over the groups
   that rated it; the component is ``weight × fraction`` points.
4. A group nobody rated gets the class's mean fraction (neither rewarded
   nor punished for others' omissions), and this is reported.
5. A group that rated nobody, or skipped criteria others used, is reported so
   the teacher can follow up; it does not change the scores.
Unknown groups and scores outside 0..max_score are errors with line numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

COLUMNS = ("rater_group", "rated_group", "criterion", "score")


@dataclass
class PeerResult:
    """Peer points per group and the notes the report shows."""

    points: dict[str, float]
    fractions: dict[str, float]
    notes: list[str] = field(default_factory=list)


def read_ratings(path) -> pd.DataFrame:
    """The ratings CSV as a DataFrame with a ``line`` column (file line numbers)."""
    try:
        table = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text; save it as CSV UTF-8") from None
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{path} line 1: missing column(s) {missing}; needed: {list(COLUMNS)}")
    table = table[list(COLUMNS)].apply(lambda col: col.str.strip())
    table.insert(0, "line", range(2, len(table) + 2))
    return table


def peer_scores(ratings: pd.DataFrame, groups: list[str], weight: float,
                max_score: float = 10) -> PeerResult:
    """Apply the rule in this module's docstring; ``groups`` are all groups of the class."""
    problems, notes = [], []
    scores = pd.to_numeric(ratings["score"], errors="coerce")
    for line, group_r, group_d, score, raw in zip(ratings["line"], ratings["rater_group"],
                                                  ratings["rated_group"], scores, ratings["score"]):
        for g in (group_r, group_d):
            if g not in groups:
                problems.append(f"line {line}: unknown group {g!r}")
        if pd.isna(score) or not 0 <= score <= max_score:
            problems.append(f"line {line}: score {raw!r} is not a number from 0 to {max_score:g}")
    if problems:
        raise ValueError("peer ratings have problems:\n" + "\n".join(f"  - {p}" for p in problems))
    table = ratings.assign(score=scores)
    own = table["rater_group"] == table["rated_group"]
    for line in table.loc[own, "line"]:
        notes.append(f"line {line}: self-rating ignored")
    table = table[~own]
    per_rater = (table.groupby(["rated_group", "rater_group"])["score"].mean() / max_score)
    fractions = per_rater.groupby(level="rated_group").mean().to_dict()
    fallback = sum(fractions.values()) / len(fractions) if fractions else 0.0
    for group in groups:
        if group not in fractions:
            notes.append(f"group {group} was rated by nobody: gets the class mean {fallback:.2f}")
            fractions[group] = fallback
    raters = set(table["rater_group"])
    criteria = set(table["criterion"])
    for group in groups:
        if group not in raters:
            notes.append(f"group {group} rated no other group")
        else:
            skipped = criteria - set(table.loc[table["rater_group"] == group, "criterion"])
            if skipped:
                notes.append(f"group {group} did not score criteria {sorted(skipped)}")
    fractions = {g: float(fractions[g]) for g in groups}
    return PeerResult({g: round(weight * f, 4) for g, f in fractions.items()}, fractions, notes)
