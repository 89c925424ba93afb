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

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearHiddenTests,
                                    IgnorePattern, LimitOutput, NbGraderPreprocessor, SaveAutoGrades)

from ..course import REPO_SOURCE, Course
from .executor import ExecReport, WarmExecutor
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


def configured_api(course: Course, fast: bool = True):
    """nbgrader's API for the course: hidden tests cleared from feedback; ``fast``: our Execute."""
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import GetGrades

    from ..teacher.explain import ExplainFailures

    config = course.nbgrader_config()
    if fast:
        config.Autograde.autograde_preprocessors = AUTOGRADE_CHAIN
        # nbconvert validates the whole notebook after every preprocessor unless told to do it
        # once, at the end (nbgrader's writer validates again when it saves the notebook).
        config.NotebookExporter.optimistic_validation = True
    config.GenerateFeedback.preprocessors = [GetGrades, ExplainFailures, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


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


class _CachedSchemas:
    """Stands in for the ``jsonschema`` module inside nbgrader's metadata checks.

    ``jsonschema.validate`` re-checks the schema itself on every call, and nbgrader
    calls it for every cell of every notebook; a validator built once per schema
    raises the same ValidationError for the same metadata, in a fraction of the time.
    """

    def __init__(self):
        import jsonschema

        self.jsonschema, self.validators = jsonschema, {}

    def validate(self, instance, schema):
        key = id(schema)
        if key not in self.validators:
            self.validators[key] = (schema, self.jsonschema.validators.validator_for(schema)(schema))
        self.validators[key][1].validate(instance)


def _reuse_engines() -> None:
    """One SQLAlchemy engine per database URL in this worker, instead of one per ``Gradebook()``.

    nbgrader opens the gradebook about ten times per student, and each time builds an
    engine (dialect set-up, a connection) and asks the database for its tables and
    creates missing ones; per engine, that check is now done once. For SQLite each connection also gets
    write-ahead logging, so the workers' readers and writer do not block each other,
    with ``synchronous = NORMAL``: a commit survives the process being killed (the
    kill -9 case of resumable grading); only a power cut can drop the latest ones.
    """
    import nbgrader.api
    from sqlalchemy import create_engine, event
    from sqlalchemy import inspect as sqlalchemy_inspect

    engines: dict[str, object] = {}

    def shared(url, **kwargs):
        key = str(url)
        if key not in engines:
            engine = engines[key] = create_engine(url, **kwargs)
            if key.startswith("sqlite"):
                @event.listens_for(engine, "connect")
                def _pragmas(connection, record):
                    connection.execute("PRAGMA journal_mode = WAL")
                    connection.execute("PRAGMA synchronous = NORMAL")
        return engines[key]

    nbgrader.api.create_engine = shared
    inspectors: dict[int, object] = {}  # an Inspector caches what it has read
    nbgrader.api.inspect = lambda engine: inspectors.get(id(engine)) or inspectors.setdefault(
        id(engine), sqlalchemy_inspect(engine))
    create_all, created = nbgrader.api.Base.metadata.create_all, set()

    def create_once(bind, **kwargs):
        if id(bind) not in created:
            create_all(bind=bind, **kwargs)
            created.add(id(bind))

    nbgrader.api.Base.metadata.create_all = create_once


def work(course_root: str, assignment: str, students: list[str], settings: dict, queue, taken,
         parent: int) -> None:
    """Grade ``students[n]`` for each ``n`` taken from ``queue`` until None (in its own process).

    ``taken[n]`` records which worker took student n; outcomes go to the ledger.
    """
    global EXECUTOR
    os.environ.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", MPLBACKEND="agg")
    from .executor import _pdeathsig

    _pdeathsig()  # a grading run killed with kill -9 takes its workers with it
    if os.getppid() != parent:  # ... also one killed before this worker could ask for that
        return
    from nbgrader.nbgraderformat import common

    common.jsonschema = _CachedSchemas()
    _reuse_engines()
    course = Course(Path(course_root))
    limits = Limits(**{k: settings[k] for k in Limits.__dataclass_fields__})
    workspace = course.path(WORKSPACE)
    EXECUTOR = WarmExecutor(settings["sandbox"], limits, hidden_paths(course), workspace,
                            settings["sandbox_uid"], tuple(settings["preload"]))
    api = configured_api(course)
    ledger = Ledger(course, assignment)
    while (n := queue.get()) is not None:
        taken[n] = os.getpid()
        grade_student(api, ledger, assignment, students[n], settings["feedback"])
    os._exit(0)  # everything is committed and recorded; skip tearing down the warm interpreter
