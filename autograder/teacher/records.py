"""What nbgrader's gradebook and the course folder hold about one assignment, as tables.

Read afresh every time (the gradebook is the truth: manual grades and comments
entered in the formgrader are always included). :mod:`.scores` turns these
records into the class's grades.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import nbformat
import pandas as pd

from ..course import Course

GROUP_TAG, GROUP_ID_TAG = "group", "group-id"
_GROUP_ID = re.compile(r"""GROUP_ID\s*=\s*["']([^"']*)["']""")
GRADE_COLUMNS = ["student_id", "timestamp", "cell", "score", "max_score", "manual", "needs_manual_grade"]


@dataclass
class Records:
    """One assignment in the gradebook."""

    grades: pd.DataFrame        # GRADE_COLUMNS: one row per submission × grade cell
    comments: pd.DataFrame      # student_id, cell, comment: the teacher's comments
    penalties: pd.Series        # student_id → late-submission penalty (points)
    maximum: float              # nbgrader's maximum of the assignment


def read_gradebook(course: Course, assignment: str) -> Records:
    """Every grade, comment and late penalty of ``assignment`` in the gradebook."""
    grades, comments, penalties = [], [], {}
    with course.gradebook() as gb:
        maximum = float(gb.find_assignment(assignment).max_score)
        for sub in gb.assignment_submissions(assignment):
            penalties[sub.student_id] = float(sub.late_submission_penalty or 0.0)
            for notebook in sub.notebooks:
                for grade in notebook.grades:
                    grades.append({"student_id": sub.student_id, "timestamp": sub.timestamp,
                                   "cell": grade.name, "score": float(grade.score),
                                   "max_score": float(grade.max_score),
                                   "manual": grade.manual_score is not None,
                                   "needs_manual_grade": bool(grade.needs_manual_grade)})
                for comment in notebook.comments:  # the teacher's, not nbgrader's "No response."
                    if comment.manual_comment and comment.manual_comment.strip():
                        comments.append({"student_id": sub.student_id, "cell": comment.name,
                                         "comment": comment.manual_comment.strip()})
    return Records(pd.DataFrame(grades, columns=GRADE_COLUMNS),
                   pd.DataFrame(comments, columns=["student_id", "cell", "comment"]),
                   pd.Series(penalties, dtype=float), maximum)


def cell_table(course: Course, assignment: str) -> tuple[pd.DataFrame, float]:
    """Every grade of every submission in the gradebook, and the assignment's maximum."""
    records = read_gradebook(course, assignment)
    return records.grades, records.maximum


def group_cells(course: Course, assignment: str) -> set[str]:
    """Grade ids of the group part (cells tagged ``group``) in the source notebooks."""
    found = set()
    for path in sorted(course.path("source", assignment).glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id and GROUP_TAG in cell.metadata.get("tags", []):
                found.add(grade_id)
    return found


def claimed_group(course: Course, assignment: str, student: str) -> str:
    """The group id a student wrote in the ``group-id`` cell of their submission ('' if none)."""
    for path in course.path("submitted", student, assignment).glob("*.ipynb"):
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:  # a broken notebook claims nothing; grading reports it
            return ""
        for cell in nb.cells:
            if GROUP_ID_TAG in cell.metadata.get("tags", []):
                match = _GROUP_ID.search(cell.source)
                return match.group(1).strip() if match else ""
    return ""


def submitted_students(course: Course, assignment: str) -> list[str]:
    """Students with a submission folder for ``assignment``, sorted."""
    return sorted(p.parent.name for p in course.path("submitted").glob(f"*/{assignment}") if p.is_dir())
