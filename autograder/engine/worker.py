"""A grading worker: nbgrader's own autograde, with its Execute step replaced.

nbgrader's ``Autograde`` converter does everything around execution exactly as
``nbgrader autograde`` does: it checks the checksums of locked and test cells,
restores them from the gradebook, executes, scores from the cell outcomes
(``SaveAutoGrades``), applies late penalties. Only ``Execute`` (a fresh kernel
per notebook) is swapped for :class:`SandboxExecute`, which hands the notebook
to the worker's :class:`~autograder.engine.executor.Executor` (a child of the
runner, :mod:`autograder.engine.runner`, runs it).

:func:`serve` warms nbgrader up once and forks the workers; :func:`work` is what
each of them runs: it grades its share of the class one submission at a time and
records each outcome in the ledger (:mod:`autograder.engine.ledger`) as soon as
nbgrader has committed it.
"""
from __future__ import annotations

import gc
import logging
import os
import re
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearHiddenTests, GetGrades,
                                    IgnorePattern, LimitOutput, NbGraderPreprocessor, SaveAutoGrades)
from nbgrader.utils import capture_log, temp_attrs
from traitlets import Instance
from traitlets.config import Config, LoggingConfigurable

from ..course import Course
from ..teacher.explain import ExplainFailures
from . import bookkeeping, channel, lookups
from .executor import WORKSPACE, ExecReport, Executor
from .feedback import WarmFeedback
from .ledger import Ledger
from .passes import EngineAutograde
from .sandbox import Limits

#: The executor of this worker process, and what it reported per notebook.
EXECUTOR: Executor | None = None
REPORTS: dict[str, ExecReport] = {}
#: A worker's exit code when the runner stopped under it (see :func:`grade_student`).
RUNNER_GONE = 3


class SandboxExecute(NbGraderPreprocessor):
    """Drop-in for nbgrader's Execute: runs the notebook in the worker's sandboxed fork."""

    def preprocess(self, nb, resources):
        folder = Path(resources["metadata"]["path"])
        REPORTS[resources["nbgrader"]["notebook"]] = EXECUTOR.execute(nb, folder)
        return nb, resources


AUTOGRADE_CHAIN = [SandboxExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                   SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]


#: What the feedback shows, in order: nbgrader's grades, failures explained (before the hidden tests
#: go, :mod:`autograder.teacher.explain`), the test cells without their hidden tests, the page's CSS. Add a step here to change the feedback (every executor uses this list; the fork
#: executor swaps nbgrader's per-cell steps for :data:`lookups.IN_MEMORY`'s, same results).
FEEDBACK_CHAIN = [GetGrades, ExplainFailures, ClearHiddenTests, CSSHTMLHeaderPreprocessor]


class EngineAPI(LoggingConfigurable):
    """The two calls of nbgrader's ``NbGraderAPI`` a worker makes, as nbgrader makes them (its own
    converters, on the course directory), the feedback by the warm converter
    (:mod:`autograder.engine.feedback`). Standing alone, it spares each worker importing nbgrader's
    other apps, its exchange and its server extensions."""

    coursedir = Instance(CourseDirectory)

    def __init__(self, coursedir: CourseDirectory, **kwargs):
        super().__init__(coursedir=coursedir, **kwargs)
        self.log.setLevel(logging.INFO)  # as NbGraderAPI (its log_level): nbgrader's messages are kept

    def autograde(self, assignment_id, student_id, force=True, create=True):
        with temp_attrs(self.coursedir, assignment_id=assignment_id, student_id=student_id):
            app = EngineAutograde(coursedir=self.coursedir, parent=self)
            app.force, app.create_student = force, create
            return capture_log(app)

    def generate_feedback(self, assignment_id, student_id=None, force=True):
        config = Config()
        config.HTMLExporter.template_name = "feedback"  # as NbGraderAPI.generate_feedback
        with temp_attrs(self.coursedir, assignment_id=assignment_id, student_id=student_id or "*"):
            app = WarmFeedback(coursedir=self.coursedir, parent=self)
            app.update_config(config)
            app.force = force
            return capture_log(app)


def configured_api(course: Course, fast: bool = True):
    """nbgrader's API for the course: hidden tests cleared from feedback; ``fast``: our Execute
    and our feedback converter (``fast=False``: nbgrader's own, for ``executor = "nbgrader"``)."""
    config = course.nbgrader_config()
    config.GenerateFeedback.preprocessors = list(FEEDBACK_CHAIN)
    if fast:
        in_memory = lookups.IN_MEMORY
        config.Autograde.autograde_preprocessors = [in_memory.get(p, p) for p in AUTOGRADE_CHAIN]
        sanitize = config.Autograde.get("sanitize_preprocessors") or \
            Autograde.class_traits()["sanitize_preprocessors"].default()
        config.Autograde.sanitize_preprocessors = [in_memory.get(p, p) for p in sanitize]
        config.GenerateFeedback.preprocessors = [in_memory.get(p, p) for p in FEEDBACK_CHAIN]
        # nbconvert validates the whole notebook after every preprocessor unless told to do it
        # once, at the end (nbgrader's writer validates again when it saves the notebook).
        config.NotebookExporter.optimistic_validation = True
        config.HTMLExporter.optimistic_validation = True
    if not fast:
        from nbgrader.apps import NbGraderAPI

        return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    return EngineAPI(coursedir=CourseDirectory(config=config), config=config)


_EXCEPTION = re.compile(r"^(?:[\w.]+\.)?(\w*(?:Error|Exception|Invalid\w*)): (.+)$")


def _reason(result: dict) -> str:
    """The cause of an nbgrader failure, from its log: the last exception or error line."""
    text = f"{result.get('log') or ''}\n{result.get('error') or ''}"
    lines = [line.strip() for line in text.splitlines()]
    causes = [f"{m.group(1)}: {m.group(2)}" for line in lines if (m := _EXCEPTION.match(line))
              and "Please see the" not in line and "There was an error processing" not in line]
    errors = [line.split("]", 1)[-1].strip() for line in lines
              if line.startswith("[") and "ERROR" in line.split("]", 1)[0]
              and "error processing" not in line and "Please see" not in line]
    found = causes or errors or [line for line in lines if line] or ["nbgrader reported a failure without a message"]
    return found[-1][:300]


def grade_student(api, ledger: Ledger, assignment: str, student: str, feedback: bool,
                  stopping=lambda: False) -> bool:
    """nbgrader's autograde (and feedback) for one student; the outcome goes to the ledger.

    ``stopping``: asked before the outcome is recorded; True (the grading run is being stopped
    under this student: its runner is gone) leaves the student unrecorded, to be graded again by
    the next run, and this returns False."""
    REPORTS.clear()
    digest = ledger.digest(student)
    result = api.autograde(assignment, student)
    status, reason = ("graded", "") if result["success"] else ("failed", _reason(result))
    if result["success"] and feedback:
        made = api.generate_feedback(assignment, student)
        if not made["success"]:
            status, reason = "failed", "feedback: " + _reason(made)
    if stopping():
        return False
    notes = [f"{nb}: {r.reason}" for nb, r in sorted(REPORTS.items()) if r.reason]
    ledger.record(student, digest, status, "; ".join(filter(None, [reason, *notes])))
    return True


def warm_up(course_root: str, settings: dict, assignment: str | None = None) -> None:
    """What the workers share, made once in this process: nbgrader's bookkeeping made cheap,
    nbgrader's API, and nbgrader's first-use work for ``assignment``."""
    global API
    from .warm import exercise_grading

    bookkeeping.prepare()
    API = configured_api(Course(Path(course_root)))
    if assignment is not None:
        exercise_grading(API, assignment, settings["feedback"])


#: nbgrader's API, as :func:`warm_up` made it.
API = None


def serve(course_root: str, assignment: str, students: list[str], settings: dict, queue, taken, exits,
          runners: list, others: list, parent: int) -> None:
    """The workers' warm process (forked by :mod:`.pool`): warm up once, then fork one worker per
    socket in ``runners`` (each talks to the runner through its own), wait for them and record
    each one's pid and exit code in ``exits``. ``others``: the runner's ends, not ours to keep."""
    channel.die_with_parent()  # a grading run killed with kill -9 takes this process and its workers
    if os.getppid() != parent:  # ... also one killed before this process could ask for that
        return
    for sock in others:
        sock.close()
    warm_up(course_root, settings, assignment)
    # What the warm-up made lives as long as the workers: their collections need not walk it (as in
    # the runner), and no collection touches, and so copies, its memory pages in a worker.
    gc.freeze()
    here, pids = os.getpid(), []
    for runner in runners:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - a worker; it never returns
            try:
                for sock in runners:
                    if sock is not runner:
                        sock.close()
                work(course_root, assignment, students, settings, queue, taken, runner, here)
            finally:
                os._exit(1)
        pids.append(pid)
    for runner in runners:
        runner.close()
    for slot, pid in enumerate(pids):
        _, status = os.waitpid(pid, 0)
        exits[2 * slot], exits[2 * slot + 1] = pid, os.waitstatus_to_exitcode(status)


def work(course_root: str, assignment: str, students: list[str], settings: dict, queue, taken, runner,
         parent: int) -> None:
    """Grade ``students[n]`` for each ``n`` taken from ``queue`` until None (in a forked worker),
    each notebook run by a child of the runner at the other end of ``runner``.

    ``taken[n]`` records which worker took student n; outcomes go to the ledger.
    """
    global EXECUTOR
    channel.die_with_parent()  # the warm process (and so the grading run) killed: this worker goes too
    if os.getppid() != parent:
        os._exit(0)
    course = Course(Path(course_root))
    limits = Limits(**{k: settings[k] for k in Limits.__dataclass_fields__})
    EXECUTOR = Executor(runner, settings["sandbox"], limits, course.path(WORKSPACE), settings["sandbox_uid"])
    ledger = Ledger(course, assignment)
    while (n := queue.get()) is not None:
        taken[n] = os.getpid()
        if not grade_student(API, ledger, assignment, students[n], settings["feedback"],
                             stopping=lambda: EXECUTOR.runner_gone):
            os._exit(RUNNER_GONE)  # nothing more can be graded here; the student stays ungraded
    os._exit(0)  # everything is committed and recorded; skip tearing down the warm interpreter
