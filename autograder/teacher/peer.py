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

from .texts import InputError, Message, note

COLUMNS = ("rater_group", "rated_group", "criterion", "score")


@dataclass
class PeerResult:
    """Peer points per group and the notes the report shows."""

    points: dict[str, float]
    fractions: dict[str, float]
    notes: list[Message] = field(default_factory=list)


class PeerError(InputError):
    """A ratings file with problems, each with its line number."""

    title = "peer_problems"


def read_ratings(path) -> pd.DataFrame:
    """The ratings CSV as a DataFrame with a ``line`` column (file line numbers)."""
    try:
        table = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    except UnicodeDecodeError:
        raise PeerError([Message("peer_not_utf8", {"name": str(path)})]) from None
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise PeerError([Message("peer_missing_columns", {"name": str(path), "missing": missing,
                                                          "needed": list(COLUMNS)})])
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
                problems.append(Message("peer_unknown_group", {"line": line, "group": g, "known": groups}))
        if pd.isna(score) or not 0 <= score <= max_score:
            problems.append(Message("peer_bad_score", {"line": line, "score": raw, "max": f"{max_score:g}"}))
    if problems:
        raise PeerError(problems)
    table = ratings.assign(score=scores)
    own = table["rater_group"] == table["rated_group"]
    for line in table.loc[own, "line"]:
        notes.append(note("peer_self_rating", line=line))
    table = table[~own]
    per_rater = (table.groupby(["rated_group", "rater_group"])["score"].mean() / max_score)
    fractions = per_rater.groupby(level="rated_group").mean().to_dict()
    fallback = sum(fractions.values()) / len(fractions) if fractions else 0.0
    for group in groups:
        if group not in fractions:
            notes.append(note("peer_unrated", group=group, mean=f"{fallback:.2f}"))
            fractions[group] = fallback
    raters = set(table["rater_group"])
    criteria = set(table["criterion"])
    for group in groups:
        if group not in raters:
            notes.append(note("peer_rated_nobody", group=group))
        else:
            skipped = criteria - set(table.loc[table["rater_group"] == group, "criterion"])
            if skipped:
                notes.append(note("peer_skipped_criteria", group=group, criteria=sorted(skipped)))
    fractions = {g: float(fractions[g]) for g in groups}
    return PeerResult({g: round(weight * f, 4) for g, f in fractions.items()}, fractions, notes)
