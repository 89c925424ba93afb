"""``grade``: autograde every submission of an assignment, with feedback; resumable.

The submissions not yet graded go to the grading engine (:func:`autograder.engine.pool.grade_pending`,
with the executor chosen by ``executor`` under ``[grading]`` in course.toml). A submission
nbgrader cannot grade does not stop the batch: it is recorded as failed with its reason.
Finished students are kept in the ledger (:mod:`autograder.engine.ledger`), so a run that
was stopped continues where it was. Then ``grades/<assignment>.csv`` is written and every
student's feedback brought up to date with the grade (:mod:`autograder.teacher.feedback`).
"""
from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..course import Course
from ..engine.ledger import Ledger
from ..engine.pool import grade_pending
from .texts import InputError, Message, course_lang, say

if TYPE_CHECKING:  # imported while the engine grades: see _load_reporting
    from .feedback import FeedbackRun
    from .scores import AssignmentScores

#: Warnings nbgrader's gradebook code raises under SQLAlchemy 2 in every grading process: noise
#: for a teacher (nbgrader's own CLI shows them too), kept out of the progress bar.
QUIET_WARNINGS = "ignore::Warning:nbgrader.api"


@dataclass
class GradeRun:
    """What one ``grade`` run did."""

    assignment: str
    scores: AssignmentScores
    failures: dict[str, str] = field(default_factory=dict)   # student → why nbgrader could not grade it
    seconds: float = 0.0
    table_path: Path | None = None
    graded_now: list[str] = field(default_factory=list)       # students this run graded
    submitted: list[str] = field(default_factory=list)        # students with a submission
    feedback: FeedbackRun | None = None
    left: dict[str, str] = field(default_factory=dict)        # due this run, left to the next: why

    @property
    def finished_earlier(self) -> int:
        return len(self.submitted) - len(self.graded_now) - len(self.left)


def check_assignment(course: Course, assignment: str) -> None:
    """Raise :class:`InputError` unless ``assignment`` is in the course's source/."""
    if assignment not in course.assignments():
        raise InputError([Message("unknown_assignment", {"assignment": assignment, "folder": str(course.path("source")),
                                                         "known": course.assignments()})])


@contextlib.contextmanager
def quiet_workers():
    """Grading processes started inside start without nbgrader's library warnings."""
    before = os.environ.get("PYTHONWARNINGS")
    os.environ["PYTHONWARNINGS"] = ",".join(filter(None, [before, QUIET_WARNINGS]))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PYTHONWARNINGS", None)
        else:
            os.environ["PYTHONWARNINGS"] = before


def _load_reporting(course: Course, assignment: str) -> None:
    """Import what reports a run (scores, the grade sheet, feedback pages: pandas and the
    gradebook's readers) and do their first-use work (nbformat's notebook checks made, the
    gradebook's mappers set up, its database's SQLAlchemy dialect loaded, the assignment's source
    notebook read). Called while the engine grades, when this process only waits: a run's grading
    processes start without waiting for this, and the report after the last student starts without it."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import configure_mappers

    from ..engine.schemas import quicken_notebook_checks
    from . import feedback, scores, sheet  # noqa: F401

    quicken_notebook_checks()
    configure_mappers()
    create_engine(course.db_url).dispose()  # no connection is made: the dialect and its driver are imported
    feedback.assignment_lang(course, assignment)


def grade(course: Course, assignment: str, progress: bool = True, regrade: bool = False,
          **overrides) -> GradeRun:
    """Grade every submission not yet graded, write ``grades/<assignment>.csv``, refresh feedback.

    ``overrides`` replace settings of ``[grading]`` (e.g. ``executor="nbgrader"``,
    ``workers=1``, ``feedback=False``); ``regrade=True`` forgets what earlier runs finished.
    """
    check_assignment(course, assignment)
    settings = {**course.settings()["grading"], **overrides}
    start = time.perf_counter()
    students = course.submitted_students(assignment)
    ledger = Ledger(course, assignment)
    with ledger.lock():
        if regrade:
            ledger.clear()
        todo = ledger.pending(students)
        with quiet_workers():
            lang = course_lang(course)

            def label():  # the texts are read once the runner is on its way
                return say("cli", "grade_progress", lang, assignment=assignment), say("cli", "grade_unit", lang)

            lost = grade_pending(course, assignment, todo, ledger, settings, progress, label,
                                 meanwhile=lambda: _load_reporting(course, assignment))
    from .feedback import refresh_feedback
    from .scores import assignment_scores
    from .sheet import write_sheet

    left = {s: lost.get(s, "not graded") for s in ledger.pending(todo)}  # unfinished: the next run grades them
    graded_now = [s for s in todo if s not in left]
    finished = {s: ledger.entry(s) for s in students if s not in left}
    scores = assignment_scores(course, assignment)
    path = write_sheet(course, scores)
    run = GradeRun(assignment, scores, {s: e["reason"] for s, e in finished.items() if e["status"] == "failed"},
                   0.0, path, graded_now, students, left=left)
    if settings["feedback"]:
        run.feedback = refresh_feedback(course, assignment, scores, fresh=graded_now, progress=progress)
    run.seconds = time.perf_counter() - start
    return run
