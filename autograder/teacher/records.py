"""What nbgrader's gradebook and the course folder hold about one assignment, as tables.

Read afresh every time (the gradebook is the truth: manual grades and comments
entered in the formgrader are always included). :mod:`.scores` turns these
records into the class's grades.
"""
from __future__ import annotations

import json
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
    """Every grade, comment and late penalty of ``assignment`` in the gradebook (three queries)."""
    from nbgrader.api import Assignment, BaseCell, Comment, Grade, SubmittedAssignment, SubmittedNotebook

    def submitted(query, item):
        return (query.join(SubmittedNotebook, item.notebook_id == SubmittedNotebook.id)
                .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
                .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
                .join(BaseCell, item.cell_id == BaseCell.id).filter(Assignment.name == assignment))

    with course.gradebook() as gb:
        maximum = float(gb.find_assignment(assignment).max_score)
        db = gb.db
        grades = submitted(db.query(SubmittedAssignment.student_id, SubmittedAssignment.timestamp, BaseCell.name,
                                    Grade.score, Grade.max_score, Grade.manual_score, Grade.needs_manual_grade)
                           .select_from(Grade), Grade).all()
        comments = submitted(db.query(SubmittedAssignment.student_id, BaseCell.name, Comment.manual_comment)
                             .select_from(Comment), Comment).all()
        penalties = (db.query(SubmittedAssignment.student_id, SubmittedAssignment.late_submission_penalty)
                     .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
                     .filter(Assignment.name == assignment).all())
    table = pd.DataFrame([{"student_id": sid, "timestamp": stamp, "cell": name, "score": float(score or 0.0),
                           "max_score": float(top or 0.0), "manual": manual is not None,
                           "needs_manual_grade": bool(needs)}
                          for sid, stamp, name, score, top, manual, needs in grades], columns=GRADE_COLUMNS)
    # The teacher's comments, not nbgrader's automatic "No response."
    said = pd.DataFrame([{"student_id": sid, "cell": name, "comment": text.strip()}
                         for sid, name, text in comments if text and text.strip()],
                        columns=["student_id", "cell", "comment"])
    return Records(table.sort_values(["student_id", "cell"], kind="stable").reset_index(drop=True), said,
                   pd.Series({sid: float(p or 0.0) for sid, p in penalties}, dtype=float), maximum)


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
        try:  # plain JSON: the notebook is only searched, and a broken one is reported by grading
            cells = json.loads(path.read_text("utf-8")).get("cells", [])
        except (ValueError, UnicodeDecodeError, AttributeError):
            return ""
        for cell in cells if isinstance(cells, list) else []:
            if isinstance(cell, dict) and GROUP_ID_TAG in (cell.get("metadata") or {}).get("tags", []):
                source = cell.get("source", "")
                match = _GROUP_ID.search("".join(source) if isinstance(source, list) else str(source))
                return match.group(1).strip() if match else ""
    return ""

