"""nbgrader's bookkeeping around each notebook, made cheap in a long-lived grading worker.

nbgrader's ``autograde`` and ``generate_feedback`` are written for one command
per class: per student they open the gradebook about ten times (a new database
engine and connection each time, a look at the tables, a check of the course),
commit after every cell, and validate every cell's metadata against a schema
that is checked itself on each call. :func:`prepare` keeps what nbgrader
records exactly as it is and makes each of those steps cost once per worker:

* one SQLAlchemy engine per database URL, its connections kept open (nbgrader's
  ``Gradebook.close`` disposes the engine every time), the tables looked at and
  created once; SQLite in write-ahead-log mode, so workers read while another
  writes (``synchronous = NORMAL``: a commit survives the process being killed,
  the kill -9 case of resumable grading; only a power cut can drop the latest);
* sessions that do not reload every object after each of nbgrader's commits
  (each of nbgrader's steps opens its own session and loads what it reads afresh),
  made by one session factory per engine (nbgrader makes a new one, a new Session
  class to set up, for every gradebook it opens);
* the gradebook's tables looked up until they are there, then known (nbgrader asks
  for their names every time it opens the gradebook);
* a new submission's rows made from the assignment's notebooks and cells as read
  once (:func:`layout`; nbgrader reads them again for every submission);
* one compiled schema validator per schema for nbgrader's cell-metadata checks.

The steps that look up the gradebook cell by cell are in :mod:`autograder.engine.lookups`.
"""
from __future__ import annotations

from .schemas import CachedSchemas, quicken_notebook_checks


#: This process's engines, by database URL.
_ENGINES: dict[str, object] = {}


def release_connections() -> None:
    """Close the pooled connections (before forking: a connection must not cross a fork)."""
    from sqlalchemy.engine import Engine

    for engine in _ENGINES.values():
        Engine.dispose(engine)


def _reuse_engines() -> None:
    """One SQLAlchemy engine per database URL in this process, its pool kept (see the module docstring)."""
    import nbgrader.api
    from sqlalchemy import create_engine, event
    from sqlalchemy import inspect as sqlalchemy_inspect
    from sqlalchemy.orm import sessionmaker

    engines = _ENGINES

    def shared(url, **kwargs):
        key = str(url)
        if key not in engines:
            engine = engines[key] = create_engine(url, **kwargs)
            engine.dispose = lambda *args, **kwargs: None  # Gradebook.close: keep the connections
            if key.startswith("sqlite"):
                @event.listens_for(engine, "connect")
                def _pragmas(connection, record):
                    connection.execute("PRAGMA journal_mode = WAL")
                    connection.execute("PRAGMA synchronous = NORMAL")
        return engines[key]

    nbgrader.api.create_engine = shared
    makers: dict = {}  # one session factory per engine: each new one is a new Session class, set up anew

    def maker(bind=None, **kwargs):
        key = (id(bind), tuple(sorted(kwargs.items())))
        if key not in makers:
            makers[key] = sessionmaker(bind=bind, expire_on_commit=False, **kwargs)
        return makers[key]

    nbgrader.api.sessionmaker = maker
    tables: dict[int, _KnownTables] = {}
    nbgrader.api.inspect = lambda engine: tables.get(id(engine)) or tables.setdefault(
        id(engine), _KnownTables(sqlalchemy_inspect(engine)))
    create_all, created = nbgrader.api.Base.metadata.create_all, set()

    def create_once(bind, **kwargs):
        if id(bind) not in created:
            create_all(bind=bind, **kwargs)
            created.add(id(bind))

    nbgrader.api.Base.metadata.create_all = create_once
    check_course, checked = nbgrader.api.Gradebook.check_course, set()

    def check_once(self, course_id="default_course", **kwargs):  # the course's row, made once
        key = (id(self.engine), course_id)
        if kwargs or key not in checked:
            check_course(self, course_id=course_id, **kwargs)
            checked.add(key)

    nbgrader.api.Gradebook.check_course = check_once


class _KnownTables:
    """What nbgrader's Gradebook asks of an inspector: the tables' names (are there any yet?). An
    Inspector keeps the names it read, but still takes a connection from the pool to hand them out."""

    def __init__(self, inspector):
        self._inspector, self._names = inspector, []

    def get_table_names(self) -> list[str]:
        if not self._names:  # a new database: the tables are made right after this
            self._names = self._inspector.get_table_names()
        return self._names


#: The assignment's notebooks with their grade, solution and task cells' ids, as nbgrader's
#: ``add_submission`` walks them: (database URL, assignment) → [(notebook id, grade cells,
#: solution cells, task cells)]. Like the cells themselves, they do not change while a class is graded.
_LAYOUTS: dict = {}


def layout(gradebook, assignment: str) -> list[tuple]:
    """The assignment's notebooks and cells (see :data:`_LAYOUTS`), read once per process."""
    key = (str(gradebook.engine.url), assignment)
    if key not in _LAYOUTS:
        _LAYOUTS[key] = [(notebook.id, [cell.id for cell in notebook.grade_cells],
                          [cell.id for cell in notebook.solution_cells], [cell.id for cell in notebook.task_cells])
                         for notebook in gradebook.find_assignment(assignment).notebooks]
    return _LAYOUTS[key]


def add_submission(self, assignment: str, student: str, **kwargs):
    """nbgrader's ``Gradebook.add_submission`` (nbgrader 0.9): the same rows, made in the same order,
    with the assignment's notebooks and cells from :func:`layout` (nbgrader loads them anew: four
    queries per submission)."""
    from nbgrader import utils
    from nbgrader.api import Comment, Grade, InvalidEntry, SubmittedAssignment, SubmittedNotebook, app_log
    from sqlalchemy.exc import IntegrityError, StatementError
    from sqlalchemy.orm.exc import FlushError

    if "timestamp" in kwargs:
        kwargs["timestamp"] = utils.parse_utc(kwargs["timestamp"])
    try:
        submission = SubmittedAssignment(assignment=self.find_assignment(assignment),
                                         student=self.find_student(student), **kwargs)
        for notebook, grades, solutions, tasks in layout(self, assignment):
            submitted = SubmittedNotebook(notebook_id=notebook, assignment=submission)
            for cell in grades:
                Grade(cell_id=cell, notebook=submitted)
            for cell in solutions:
                Comment(cell_id=cell, notebook=submitted)
            for cell in tasks:
                Comment(cell_id=cell, notebook=submitted)
                Grade(cell_id=cell, notebook=submitted)
        self.db.add(submission)
        self.db.commit()
    except (IntegrityError, FlushError, StatementError) as e:
        app_log.exception("Rolling back session due to database error %s" % e)
        self.db.rollback()
        raise InvalidEntry(*e.args) from e
    return submission


def prepare() -> None:
    """Make this process's nbgrader bookkeeping cheap (once per grading worker)."""
    import nbgrader.api
    from nbgrader.nbgraderformat import common

    common.jsonschema = CachedSchemas()
    quicken_notebook_checks()
    _reuse_engines()
    nbgrader.api.Gradebook.add_submission = add_submission
