"""The tables of the class report, in the teacher's language (see :mod:`.report`).

Every column name, status, role and yes/no is a text of ``ui_report.toml``;
students are shown with their names beside their ids; questions by their titles.
"""
from __future__ import annotations

import pandas as pd

from .feedback_page import points
from .reasons import reason_text
from .scores import AssignmentScores
from .texts import say

#: A student "fails" a question below this share of its points.
FAIL_BELOW = 0.5
STUDENT_COLUMNS = ["student_id", "name", "group_id", "role", "status", "individual", "group", "peer",
                   "late_penalty", "total", "pending_manual", "feedback"]


def _t(key: str, lang: str, **fields) -> str:
    return say("report", key, lang, **fields)


def has_grade(table: pd.DataFrame) -> pd.Series:
    """Students with a grade: graded, failed (0 for their own part), or carrying group/peer points."""
    return table["status"].isin(["graded", "failed"]) | (table["total"] != 0)


def status_label(status: str, reason: str, lang: str) -> str:
    """A grade sheet's status (and reason) as the teacher reads it."""
    if status == "graded":
        return _t("status_graded_note", lang, reason=reason_text(reason, lang)) if reason else _t("status_graded", lang)
    if status == "failed":
        return _t("status_failed", lang, reason=reason_text(reason, lang))
    return _t("status_ungraded" if status == "ungraded" else "status_not_submitted", lang)


def feedback_label(state: str | None, generated: str, lang: str) -> str:
    if state is None or pd.isna(state):
        return _t("feedback_none", lang)
    if state == "missing":
        return _t("feedback_missing", lang)
    return _t("feedback_current" if state == "current" else "feedback_stale", lang, time=generated)


def question_stats(scores: AssignmentScores) -> pd.DataFrame:
    """Per question (title): points, mean points, mean share, share and number of students below FAIL_BELOW.

    Counted answers only (every individual answer, and each group's group part once), and only
    those graded: an answer still waiting for a manual grade is left out.
    """
    cells = scores.cells
    waiting = cells["needs_manual_grade"] & ~cells["manual"]
    graded = cells[(cells["max_score"] > 0) & cells["counts"] & ~waiting].assign(share=lambda t: t["score"] / t["max_score"])
    stats = graded.groupby("cell").agg(points=("max_score", "max"), mean=("score", "mean"),
                                       mean_share=("share", "mean"),
                                       failing=("share", lambda s: (s < FAIL_BELOW).mean()),
                                       failing_count=("share", lambda s: int((s < FAIL_BELOW).sum())))
    titles = [scores.questions.get(c, c) for c in stats.index]
    seen = pd.Series(titles).duplicated(keep=False).to_numpy()
    stats.index = [f"{t} ({c})" if dup else t for t, c, dup in zip(titles, stats.index, seen)]
    return stats


def question_table(stats: pd.DataFrame, lang: str) -> pd.DataFrame:
    table = pd.DataFrame({_t("col_question", lang): stats.index,
                          _t("col_points", lang): stats["points"].map(points),
                          _t("col_mean", lang): stats["mean"].map(points),
                          _t("share", lang): stats["mean_share"].map(lambda v: f"{v:.0%}"),
                          _t("col_failing", lang): stats["failing_count"]})
    return table.reset_index(drop=True)


def student_table(scores: AssignmentScores, states: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The per-student table: names, groups, statuses, points, provisional marks, feedback."""
    t = scores.students
    rows = pd.DataFrame(index=t.index)
    rows["name"] = t["name"]
    rows["group_id"] = t["group_id"]
    rows["role"] = [_t(f"role_{r}", lang) for r in t["role"]]
    rows["status"] = [status_label(s, r, lang) for s, r in zip(t["status"], t["reason"])]
    graded = has_grade(t)
    for column in ("individual", "group", "peer", "late_penalty"):
        rows[column] = [points(v) if g else "" for v, g in zip(t[column], graded)]
    mark = _t("provisional_mark", lang)
    rows["total"] = [(points(v) + (mark if p else "")) if g else "" for v, g, p in
                     zip(t["total"], graded, t["provisional"])]
    rows["pending_manual"] = [str(n) if n else "" for n in t["pending_manual"]]
    rows["feedback"] = [feedback_label(states["state"].get(s) if s in states.index else None,
                                       states["generated"].get(s, "") if s in states.index else "", lang)
                        for s in t.index]
    if not scores.peer_weight:
        rows = rows.drop(columns="peer")
    if not (t["late_penalty"] != 0).any():
        rows = rows.drop(columns="late_penalty")
    rows = rows.reset_index()
    rows.columns = [_t(f"col_{c}", lang) for c in rows.columns]
    return rows
