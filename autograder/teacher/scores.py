"""Scores of one assignment for the whole class, read from nbgrader's gradebook.

Per student: the individual points (every grade cell except the group part),
the group part (carried from the group's submission to every member, see
:mod:`autograder.teacher.groups`), the peer-evaluation points (see
:mod:`autograder.teacher.peer`), and the total. Computed afresh from the gradebook each
time, so manual grades entered in the formgrader are always included.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import nbformat
import pandas as pd

from . import groups as group_rules
from . import peer
from ..course import Course
from .roster import load_roster

GROUP_TAG, GROUP_ID_TAG = "group", "group-id"
_GROUP_ID = re.compile(r"""GROUP_ID\s*=\s*["']([^"']*)["']""")


@dataclass
class AssignmentScores:
    """The class's scores for one assignment and what the report must say about them."""

    students: pd.DataFrame          # index student_id: individual, group, peer, total, submitted, ...
    cells: pd.DataFrame             # one row per student × grade cell
    max_points: float
    notes: list[str] = field(default_factory=list)


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


def cell_table(course: Course, assignment: str) -> tuple[pd.DataFrame, float]:
    """Every grade of every submission in the gradebook, and the assignment's maximum."""
    rows = []
    with course.gradebook() as gb:
        maximum = float(gb.find_assignment(assignment).max_score)
        for sub in gb.assignment_submissions(assignment):
            for notebook in sub.notebooks:
                for grade in notebook.grades:
                    rows.append({"student_id": sub.student_id, "timestamp": sub.timestamp,
                                 "cell": grade.name, "score": float(grade.score),
                                 "max_score": float(grade.max_score),
                                 "manual": grade.manual_score is not None,
                                 "needs_manual_grade": bool(grade.needs_manual_grade)})
    columns = ["student_id", "timestamp", "cell", "score", "max_score", "manual", "needs_manual_grade"]
    return pd.DataFrame(rows, columns=columns), maximum


def assignment_scores(course: Course, assignment: str) -> AssignmentScores:
    """The class's scores for ``assignment`` (see the module docstring)."""
    students = load_roster(course.roster_path)
    cells, maximum = cell_table(course, assignment)
    # Only submissions nbgrader finished grading count (a failed one leaves no autograded/ copy).
    finished = {s for s in cells["student_id"].unique()
                if course.path("autograded", s, assignment).is_dir()}
    cells = cells[cells["student_id"].isin(finished)].copy()
    group_ids = group_cells(course, assignment)
    cells["group_part"] = cells["cell"].isin(group_ids)
    per = cells.groupby(["student_id", "group_part"])["score"].sum().unstack(fill_value=0.0)
    per = per.reindex(columns=[False, True], fill_value=0.0)
    attempted = (cells[cells["group_part"]]
                 .assign(a=lambda t: t["needs_manual_grade"] | t["manual"])
                 .groupby("student_id")["a"].any())
    stamps = cells.groupby("student_id")["timestamp"].first()
    submissions = pd.DataFrame({
        "timestamp": stamps.astype(str),
        "group_points": per[True],
        "group_attempted": attempted.reindex(per.index, fill_value=False),
        "claimed_group": [claimed_group(course, assignment, s) for s in per.index],
    })
    outcome = group_rules.propagate(students, submissions)
    notes = list(outcome.notes)
    peer_points = {}
    ratings_path = course.path("peer", f"{assignment}.csv")
    if ratings_path.exists():
        settings = course.settings()["peer"]
        group_list = sorted({s.group_id for s in students})
        result = peer.peer_scores(peer.read_ratings(ratings_path), group_list,
                                  weight=settings["weight"], max_score=settings["max_score"])
        notes += [f"peer: {n}" for n in result.notes]
        peer_points = {s.student_id: result.points[s.group_id] for s in students}
    table = pd.DataFrame({
        "group_id": [s.group_id for s in students],
        "submitted": [s.student_id in per.index for s in students],
        "individual": [float(per[False].get(s.student_id, 0.0)) for s in students],
        "group": [outcome.points.get(s.student_id, 0.0) for s in students],
        "peer": [peer_points.get(s.student_id, 0.0) for s in students],
    }, index=pd.Index([s.student_id for s in students], name="student_id"))
    table["total"] = table[["individual", "group", "peer"]].sum(axis=1)
    return AssignmentScores(table, cells, maximum, notes)
