"""``grade``: autograde every submission of an assignment, with feedback; resumable.

The submissions not yet graded go to the grading engine (:func:`autograder.engine.pool.grade_pending`,
with the executor chosen by ``executor`` under ``[grading]`` in course.toml). A submission
nbgrader cannot grade does not stop the batch: it is recorded as failed with its reason.
Finished students are kept in the ledger (:mod:`autograder.engine.ledger`), so a run that
was stopped continues where it was. Then ``grades/<assignment>.csv`` is written.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..course import Course
from ..engine.ledger import Ledger
from ..engine.pool import grade_pending
from .scores import AssignmentScores, assignment_scores


@dataclass
class GradeRun:
    """What one ``grade`` run did."""

    assignment: str
    scores: AssignmentScores
    failures: dict[str, str] = field(default_factory=dict)   # student → reason
    seconds: float = 0.0
    table_path: Path | None = None
    graded_now: list[str] = field(default_factory=list)       # students this run graded


def submitted_students(course: Course, assignment: str) -> list[str]:
    """Students with a submission folder for ``assignment``, sorted."""
    return sorted(p.parent.name for p in course.path("submitted").glob(f"*/{assignment}") if p.is_dir())


def grade(course: Course, assignment: str, progress: bool = True, regrade: bool = False,
          **overrides) -> GradeRun:
    """Grade every submission not yet graded, then write ``grades/<assignment>.csv``.

    ``overrides`` replace settings of ``[grading]`` (e.g. ``executor="nbgrader"``,
    ``workers=1``); ``regrade=True`` forgets what earlier runs finished.
    """
    if assignment not in course.assignments():
        raise ValueError(f"no assignment {assignment!r} in {course.path('source')}; "
                         f"known: {course.assignments()}")
    settings = {**course.settings()["grading"], **overrides}
    start = time.perf_counter()
    students = submitted_students(course, assignment)
    ledger = Ledger(course, assignment)
    with ledger.lock():
        if regrade:
            ledger.clear()
        todo = ledger.pending(students)
        lost = grade_pending(course, assignment, todo, ledger, settings, progress)
    entries = {s: ledger.entry(s) or {"status": "failed", "reason": lost.get(s, "not graded")}
               for s in students}
    return _write_table(course, assignment, entries, todo, time.perf_counter() - start)


def _write_table(course: Course, assignment: str, entries: dict, todo: list[str], seconds: float) -> GradeRun:
    failures = {s: e["reason"] for s, e in entries.items() if e["status"] == "failed"}
    scores = assignment_scores(course, assignment)
    table = scores.students.copy()
    table["status"] = [entries[s]["status"] if s in entries else "not submitted" for s in table.index]
    table["reason"] = [entries[s]["reason"] if s in entries else "" for s in table.index]
    for student, entry in entries.items():
        if entry["reason"]:
            verb = "could not be graded" if entry["status"] == "failed" else "graded with a note"
            scores.notes.append(f"{student}: {verb}: {entry['reason']}")
    scores.students = table
    path = course.path("grades", f"{assignment}.csv")
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, encoding="utf-8")
    return GradeRun(assignment, scores, failures, seconds, path, todo)
