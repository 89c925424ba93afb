"""``grades/<assignment>.csv``: the class's grade sheet of one assignment, one row per student.

Written by ``grade`` (and ``feedback``) from :func:`autograder.teacher.scores.assignment_scores`;
read by ``export``. Columns (English names and status codes, for other programs):
``student_id, first_name, last_name, name, group_id, role, status`` (graded, failed,
ungraded, not submitted), ``reason, individual, group, peer, late_penalty, total,
max_points`` (everything a student can get), ``pending_manual`` (answers still
waiting for a manual grade), ``provisional`` (the total may still change),
``group_from`` (whose submission the group part comes from), ``submitted``.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..course import Course
from .scores import AssignmentScores

COLUMNS = ["first_name", "last_name", "name", "group_id", "role", "status", "reason", "individual", "group",
           "peer", "late_penalty", "total", "max_points", "pending_manual", "provisional", "group_from",
           "submitted"]


def sheet_path(course: Course, assignment: str) -> Path:
    return course.path("grades", f"{assignment}.csv")


def write_sheet(course: Course, scores: AssignmentScores) -> Path:
    """Write the grade sheet of ``scores``' assignment; returns its path."""
    path = sheet_path(course, scores.assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = scores.students[COLUMNS].copy()
    numbers = ["individual", "group", "peer", "late_penalty", "total", "max_points"]
    table[numbers] = table[numbers].astype(float).round(4)
    tmp = path.with_suffix(".csv.tmp")
    table.to_csv(tmp, encoding="utf-8")
    tmp.replace(path)
    return path


def read_sheet(path: Path) -> pd.DataFrame:
    """A grade sheet as written by :func:`write_sheet` (empty texts kept as '')."""
    return pd.read_csv(path, index_col="student_id", encoding="utf-8", keep_default_na=False,
                       dtype={"student_id": str, "group_id": str, "group_from": str, "reason": str})


def refresh_sheet(course: Course, assignment: str) -> AssignmentScores:
    """The class's scores of ``assignment`` from the gradebook now, written to its grade sheet."""
    from .scores import assignment_scores

    scores = assignment_scores(course, assignment)
    write_sheet(course, scores)
    return scores
