"""A grading worker: nbgrader's own autograde, with its Execute step replaced.

nbgrader's ``Autograde`` converter does everything around execution exactly as
``nbgrader autograde`` does: it checks the checksums of locked and test cells,
restores them from the gradebook, executes, scores from the cell outcomes
(``SaveAutoGrades``), applies late penalties. Only ``Execute`` (a fresh kernel
per notebook) is swapped for :class:`SandboxExecute`, which hands the notebook
to the worker's :class:`~autograder.engine.executor.WarmExecutor`.

:func:`work` is what each grading process runs: it grades its share of the
class one submission at a time and records each outcome in the ledger
(:mod:`autograder.engine.ledger`) as soon as nbgrader has committed it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.apps import NbGraderAPI
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearHiddenTests, GetGrades,
                                    IgnorePattern, LimitOutput, NbGraderPreprocessor, SaveAutoGrades)
from nbgrader.utils import capture_log, temp_attrs
from traitlets.config import Config

from ..course import REPO_SOURCE, Course
from . import bookkeeping
from .executor import ExecReport, WarmExecutor
from .feedback import WarmFeedback
from .ledger import Ledger
from .sandbox import Limits

#: Private working copies of the submissions being run (inside the course, so hidden with it).
WORKSPACE = ".grading-workspace"
#: The executor of this worker process, and what it reported per notebook.
EXECUTOR: WarmExecutor | None = None
REPORTS: dict[str, ExecReport] = {}


class SandboxExecute(NbGraderPreprocessor):
    """Drop-in for nbgrader's Execute: runs the notebook in the worker's sandboxed fork."""

    def preprocess(self, nb, resources):
        folder = Path(resources["metadata"]["path"])
        REPORTS[resources["nbgrader"]["notebook"]] = EXECUTOR.execute(nb, folder)
        return nb, resources


AUTOGRADE_CHAIN = [SandboxExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                   SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]


def hidden_paths(course: Course) -> list[Path]:
    """What a student's process must not see: the course, the instructor sources, the database."""
    repo = REPO_SOURCE.parent
    paths = [course.root, REPO_SOURCE, repo / "content", repo / "tests", repo / ".git",
             Path("/run/postgresql"), Path("/var/run/postgresql")]
    db = course.db_file()
    if db is not None and course.root not in db.parents:
        paths.append(db)
    return [p for p in paths if p.exists()]


#: What the feedback shows, in order: nbgrader's grades, the test cells without their hidden tests,
#: the page's CSS. Add a step here to change the feedback (every executor uses this list; the fork
#: executor swaps nbgrader's per-cell steps for :data:`bookkeeping.IN_MEMORY`'s, same results).
FEEDBACK_CHAIN = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]


class EngineAPI(NbGraderAPI):
    """nbgrader's API with the warm feedback converter (:mod:`autograder.engine.feedback`)."""

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
    from nbgrader.coursedir import CourseDirectory

    from nbgrader.converters import Autograde

    config = course.nbgrader_config()
    config.GenerateFeedback.preprocessors = list(FEEDBACK_CHAIN)
    if fast:
        in_memory = bookkeeping.IN_MEMORY
        config.Autograde.autograde_preprocessors = [in_memory.get(p, p) for p in AUTOGRADE_CHAIN]
        sanitize = config.Autograde.get("sanitize_preprocessors") or \
            Autograde.class_traits()["sanitize_preprocessors"].default()
        config.Autograde.sanitize_preprocessors = [in_memory.get(p, p) for p in sanitize]
        config.GenerateFeedback.preprocessors = [in_memory.get(p, p) for p in FEEDBACK_CHAIN]
        # nbconvert validates the whole notebook after every preprocessor unless told to do it
        # once, at the end (nbgrader's writer validates again when it saves the notebook).
        config.NotebookExporter.optimistic_validation = True
        config.HTMLExporter.optimistic_validation = True
    api = EngineAPI if fast else NbGraderAPI
    return api(coursedir=CourseDirectory(config=config), config=config)


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


def grade_student(api, ledger: Ledger, assignment: str, student: str, feedback: bool) -> None:
    """nbgrader's autograde (and feedback) for one student; the outcome goes to the ledger."""
    REPORTS.clear()
    digest = ledger.digest(student)
    result = api.autograde(assignment, student)
    status, reason = ("graded", "") if result["success"] else ("failed", _reason(result))
    if result["success"] and feedback:
        made = api.generate_feedback(assignment, student)
        if not made["success"]:
            status, reason = "failed", "feedback: " + _reason(made)
    notes = [f"{nb}: {r.reason}" for nb, r in sorted(REPORTS.items()) if r.reason]
    ledger.record(student, digest, status, "; ".join(filter(None, [reason, *notes])))


def warm_up(course_root: str, settings: dict, assignment: str | None = None) -> None:
    """Everything grading needs, made once in this process: nbgrader's bookkeeping made cheap,
    the imports, nbgrader's API and its first-use work for ``assignment``, the warm shell and
    its guard (:class:`WarmExecutor`)."""
    global EXECUTOR, API
    from .warm import exercise_grading

    os.environ.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", MPLBACKEND="agg")
    bookkeeping.prepare()
    course = Course(Path(course_root))
    limits = Limits(**{k: settings[k] for k in Limits.__dataclass_fields__})
    API = configured_api(course)
    if assignment is not None:
        exercise_grading(API, assignment, settings["feedback"])
    EXECUTOR = WarmExecutor(settings["sandbox"], limits, hidden_paths(course), course.path(WORKSPACE),
                            settings["sandbox_uid"], tuple(settings["preload"]))


#: nbgrader's API, as :func:`warm_up` made it.
API = None


def serve(course_root: str, assignment: str, students: list[str], settings: dict, queue, taken, exits,
          parent: int) -> None:
    """The warm process (spawned by :mod:`.pool`): warm up once, fork one worker per slot of
    ``exits`` (each a copy of this warm process, sharing its memory), wait for them and record
    each one's pid and exit code in ``exits``."""
    from .executor import _pdeathsig

    _pdeathsig()  # a grading run killed with kill -9 takes this process, and so its workers, with it
    if os.getppid() != parent:  # ... also one killed before this process could ask for that
        return
    warm_up(course_root, settings, assignment)
    here, pids = os.getpid(), []
    for _ in range(len(exits) // 2):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - a worker; it never returns
            try:
                work(course_root, assignment, students, settings, queue, taken, here)
            finally:
                os._exit(1)
        pids.append(pid)
    for slot, pid in enumerate(pids):
        _, status = os.waitpid(pid, 0)
        exits[2 * slot], exits[2 * slot + 1] = pid, os.waitstatus_to_exitcode(status)


def work(course_root: str, assignment: str, students: list[str], settings: dict, queue, taken,
         parent: int) -> None:
    """Grade ``students[n]`` for each ``n`` taken from ``queue`` until None (in a forked worker).

    ``taken[n]`` records which worker took student n; outcomes go to the ledger.
    """
    from .executor import _pdeathsig

    _pdeathsig()  # the warm process (and so the grading run) killed: this worker goes too
    if os.getppid() != parent:
        os._exit(0)
    ledger = Ledger(Course(Path(course_root)), assignment)
    while (n := queue.get()) is not None:
        taken[n] = os.getpid()
        grade_student(API, ledger, assignment, students[n], settings["feedback"])
    os._exit(0)  # everything is committed and recorded; skip tearing down the warm interpreter
