"""Scores of one assignment for the whole class, from nbgrader's gradebook and the course's rules.

Per student: the individual points (every grade cell except the group part),
the group part (carried from the group's submission to every member, see
:mod:`autograder.teacher.groups`), the peer-evaluation points (see
:mod:`autograder.teacher.peer`), nbgrader's late-submission penalty, and the
total = individual + group + peer − late penalty. The maximum counts every
component that can add points: nbgrader's maximum of the assignment, plus the
peer weight once the assignment has peer ratings (``peer/<assignment>.csv``).
Groups are the assignment's (see :mod:`autograder.teacher.roster`). Computed
afresh from the gradebook each time, so manual grades entered in the formgrader
are always included; answers still waiting for one make the total provisional.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import groups as group_rules
from . import peer
from ..course import Course
from ..engine.ledger import Ledger
from .questions import question_titles
from .records import (GROUP_ID_TAG, GROUP_TAG, cell_table, claimed_group, group_cells,  # noqa: F401
                      read_gradebook)
from .roster import for_assignment, load_roster
from .reasons import explain
from .texts import Message, note, who

#: Statuses in grades/<assignment>.csv (the report shows them in the teacher's language).
STATUSES = ("graded", "failed", "ungraded", "not submitted")


@dataclass
class AssignmentScores:
    """The class's scores for one assignment and what the report and feedback must say about them."""

    assignment: str
    students: pd.DataFrame          # index student_id; see COLUMNS
    cells: pd.DataFrame             # one row per graded submission × grade cell, with ``group_part``, ``counts``
    max_points: float               # everything a student can get (nbgrader's maximum + peer weight)
    notes: list[Message] = field(default_factory=list)
    questions: dict[str, str] = field(default_factory=dict)   # grade id → question title
    comments: pd.DataFrame | None = None                      # student_id, cell, comment
    group_source: dict[str, str] = field(default_factory=dict)  # group → student whose group part counts
    peer_weight: float = 0.0        # points the peer evaluation can add (0: no ratings yet)
    peer_fractions: dict[str, float] = field(default_factory=dict)

    def pending(self) -> pd.DataFrame:
        """Answers that count and still wait for a manual grade (student_id, cell)."""
        c = self.cells
        return c[c["counts"] & c["needs_manual_grade"] & ~c["manual"]]


COLUMNS = ["first_name", "last_name", "name", "group_id", "role", "submitted", "status", "reason",
           "individual", "group", "peer", "late_penalty", "total", "max_points", "pending_manual",
           "provisional", "group_from"]


def _statuses(course: Course, assignment: str, submitted: set[str], finished: set[str]) -> dict[str, tuple]:
    """student → (status, reason) from the grading ledger and the course folder."""
    ledger, found = Ledger(course, assignment), {}
    for student in submitted:
        entry = ledger.entry(student) or {}
        if entry.get("status") == "failed" and student not in finished:
            found[student] = ("failed", entry.get("reason", ""))
        elif student in finished:
            found[student] = ("graded", entry.get("reason", ""))
        else:
            found[student] = ("ungraded", "")
    return found


def assignment_scores(course: Course, assignment: str) -> AssignmentScores:
    """The class's scores for ``assignment`` (see the module docstring)."""
    students = for_assignment(load_roster(course.roster_path), assignment)
    records = read_gradebook(course, assignment)
    cells = records.grades
    # Only submissions nbgrader finished grading count (a failed one leaves no autograded/ copy).
    finished = {s for s in cells["student_id"].unique() if course.path("autograded", s, assignment).is_dir()}
    cells = cells[cells["student_id"].isin(finished)].copy()
    cells["group_part"] = cells["cell"].isin(group_cells(course, assignment))
    per = cells.groupby(["student_id", "group_part"])["score"].sum().unstack(fill_value=0.0)
    per = per.reindex(columns=[False, True], fill_value=0.0)
    attempted = (cells[cells["group_part"]].assign(a=lambda t: t["needs_manual_grade"] | t["manual"])
                 .groupby("student_id")["a"].any())
    submissions = pd.DataFrame({
        "timestamp": cells.groupby("student_id")["timestamp"].first().astype(str),
        "group_points": per[True],
        "group_attempted": attempted.reindex(per.index, fill_value=False),
        "claimed_group": [claimed_group(course, assignment, s) for s in per.index],
    })
    outcome = group_rules.propagate(students, submissions)
    sources = set(outcome.source.values())
    cells["counts"] = ~cells["group_part"] | cells["student_id"].isin(sources)
    notes = list(outcome.notes)
    peer_points, fractions, weight = {}, {}, 0.0
    ratings_path = course.path("peer", f"{assignment}.csv")
    if ratings_path.exists():
        settings = course.settings()["peer"]
        weight = float(settings["weight"])
        result = peer.peer_scores(peer.read_ratings(ratings_path), sorted({s.group_id for s in students}),
                                  weight=weight, max_score=settings["max_score"])
        notes += result.notes
        fractions = result.fractions
        peer_points = {s.student_id: result.points[s.group_id] for s in students}
    submitted = set(course.submitted_students(assignment))
    status = _statuses(course, assignment, submitted, finished)
    pending = cells[cells["counts"] & cells["needs_manual_grade"] & ~cells["manual"]]
    own_pending = pending[~pending["group_part"]].groupby("student_id").size()
    group_pending = pending[pending["group_part"]].groupby("student_id").size()
    rows = []
    for s in students:
        sid, source = s.student_id, outcome.source.get(s.group_id, "")
        individual = float(per[False].get(sid, 0.0))
        late = float(records.penalties.get(sid, 0.0)) if sid in finished else 0.0
        waiting = int(own_pending.get(sid, 0)) + int(group_pending.get(source, 0))
        rows.append({"first_name": s.first_name, "last_name": s.last_name, "name": s.name,
                     "group_id": s.group_id, "role": s.role, "submitted": sid in submitted,
                     "status": status.get(sid, ("not submitted", ""))[0],
                     "reason": status.get(sid, ("", ""))[1], "individual": individual,
                     "group": outcome.points.get(sid, 0.0), "peer": peer_points.get(sid, 0.0),
                     "late_penalty": late, "pending_manual": waiting, "provisional": waiting > 0,
                     "group_from": source})
    table = pd.DataFrame(rows, index=pd.Index([s.student_id for s in students], name="student_id"))
    table["total"] = (table["individual"] + table["group"] + table["peer"] - table["late_penalty"]).round(4)
    maximum = records.maximum + weight
    table["max_points"] = maximum
    for sid, row in table.iterrows():
        if row["status"] == "failed":
            notes.append(note("failed", student=who(row["name"], sid), reason=explain(row["reason"])))
        elif row["status"] == "ungraded":
            notes.append(note("ungraded", student=who(row["name"], sid)))
        elif row["reason"]:
            notes.append(note("graded_with_note", student=who(row["name"], sid), reason=explain(row["reason"])))
    return AssignmentScores(assignment, table[COLUMNS], cells, maximum, notes,
                            question_titles(course, assignment), records.comments, outcome.source,
                            weight, fractions)
