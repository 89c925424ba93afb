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
* one compiled schema validator per schema for nbgrader's cell-metadata checks;
* in the steps that look up the gradebook cell by cell (restoring locked cells,
  saving scores, reading them for the feedback), one query per notebook instead
  of two or three per cell (a grade's maximum is loaded with it; for the feedback,
  the notebook's score and maximum with the notebook): :class:`Lookups`.
  They read and write the same rows, and commit where nbgrader's own steps commit.
"""
from __future__ import annotations

from types import SimpleNamespace

from nbgrader import preprocessors as nbgrader_steps

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
    inspectors: dict[int, object] = {}  # an Inspector caches what it has read
    nbgrader.api.inspect = lambda engine: inspectors.get(id(engine)) or inspectors.setdefault(
        id(engine), sqlalchemy_inspect(engine))
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


#: The assignment's cells as generate_assignment put them in the gradebook (they do not change
#: while a class is graded): (kind, cell, notebook, assignment) → a read-only copy, or None.
_DEFINITIONS: dict = {}


class Lookups:
    """A Gradebook whose per-cell lookups come from memory (everything else is the Gradebook's).

    ``find_grade`` / ``find_comment``: the submitted notebook's grades or comments,
    loaded by one query the first time (the same rows nbgrader's per-cell queries find,
    in the same session; with ``values_only``, for a step that only reads them, just the
    score, maximum and comment, computed by the same SQL as nbgrader's attributes).
    ``find_source_cell`` / ``find_graded_cell``: the assignment's definition, read once per worker.
    """

    def __init__(self, gradebook, defer_commits: bool = False, values_only: bool = False):
        self._gradebook, self._rows, self._defer, self._values = gradebook, {}, defer_commits, values_only

    def __getattr__(self, name):
        return getattr(self._gradebook, name)

    @property
    def db(self):
        return _Deferred(self._gradebook.db) if self._defer else self._gradebook.db

    def __enter__(self):
        self._gradebook.__enter__()
        return self

    def __exit__(self, *exc):
        if self._defer:  # everything the step wrote, also when a cell stopped it: nbgrader raises
            try:         # before changing that cell's row, and had committed the cells before it
                self._gradebook.db.commit()
            except Exception:
                self._gradebook.db.rollback()
                if exc[0] is None:
                    raise
        return self._gradebook.__exit__(*exc)

    def _submitted(self, model, name, notebook, assignment, student):
        from nbgrader.api import (Assignment, BaseCell, Comment, Grade, Notebook, SubmittedAssignment,
                                  SubmittedNotebook)
        from sqlalchemy import select
        from sqlalchemy.orm import undefer

        key = (model, notebook, assignment, student)
        if key not in self._rows:
            if self._values:  # only what a reading step reads: the same SQL expressions, no row objects
                shown = {Grade: (Grade.score, Grade.max_score), Comment: (Comment.comment,)}[model]
                query = self._gradebook.db.query(BaseCell.name, *shown)
            else:  # a grade's maximum is deferred (a query per cell when read): loaded with the grade
                query = self._gradebook.db.query(BaseCell.name, model).options(
                    *([undefer(Grade.max_score)] if model is Grade else []))
            # The student's submitted notebook, and the notebook's cells: the rows are then found
            # through their (cell, notebook) index, whatever the size of the class.
            submitted = select(SubmittedNotebook.id)\
                .join(Notebook, Notebook.id == SubmittedNotebook.notebook_id)\
                .join(SubmittedAssignment, SubmittedAssignment.id == SubmittedNotebook.assignment_id)\
                .join(Assignment, Assignment.id == SubmittedAssignment.assignment_id)\
                .where(Notebook.name == notebook, Assignment.name == assignment,
                       SubmittedAssignment.student_id == student).scalar_subquery()
            cells = select(BaseCell.id).join(Notebook, Notebook.id == BaseCell.notebook_id)\
                .join(Assignment, Assignment.id == Notebook.assignment_id)\
                .where(Notebook.name == notebook, Assignment.name == assignment)
            query = query.select_from(model).join(BaseCell, BaseCell.id == model.cell_id)\
                .filter(model.notebook_id == submitted, model.cell_id.in_(cells))
            self._rows[key] = {cell: SimpleNamespace(**{c.key: v for c, v in zip(shown, values)})
                               for cell, *values in query} if self._values else {cell: row for cell, row in query}
        return self._rows[key].get(name)

    def find_grade(self, grade_cell, notebook, assignment, student):
        from nbgrader.api import Grade

        found = self._submitted(Grade, grade_cell, notebook, assignment, student)
        return found if found is not None else self._gradebook.find_grade(grade_cell, notebook, assignment, student)

    def find_comment(self, solution_cell, notebook, assignment, student):
        from nbgrader.api import Comment

        found = self._submitted(Comment, solution_cell, notebook, assignment, student)
        return found if found is not None else self._gradebook.find_comment(solution_cell, notebook, assignment,
                                                                              student)

    def find_submission_notebook(self, notebook, assignment, student):
        if not self._values:
            return self._gradebook.find_submission_notebook(notebook, assignment, student)
        # nbgrader's query (Gradebook.find_submission_notebook), the notebook's score and maximum
        # loaded with it: GetGrades reads both, and each is a query of its own when read later.
        from nbgrader.api import Assignment, MissingEntry, Notebook, Student, SubmittedAssignment, SubmittedNotebook
        from sqlalchemy.orm import undefer
        from sqlalchemy.orm.exc import NoResultFound

        try:
            return self._gradebook.db.query(SubmittedNotebook)\
                .options(undefer(SubmittedNotebook.score), undefer(SubmittedNotebook.max_score))\
                .join(Notebook, Notebook.id == SubmittedNotebook.notebook_id)\
                .join(SubmittedAssignment, SubmittedAssignment.id == SubmittedNotebook.assignment_id)\
                .join(Assignment, Assignment.id == SubmittedAssignment.assignment_id)\
                .join(Student, Student.id == SubmittedAssignment.student_id)\
                .filter(Notebook.name == notebook, Assignment.name == assignment, Student.id == student).one()
        except NoResultFound:
            raise MissingEntry(f"No such submitted notebook: {assignment}/{notebook} for {student}") from None

    def _definition(self, kind, name, notebook, assignment):
        from nbgrader.api import MissingEntry
        from sqlalchemy import inspect

        key = (kind, name, notebook, assignment)
        if key not in _DEFINITIONS:
            try:
                row = getattr(self._gradebook, kind)(name, notebook, assignment)
            except MissingEntry:
                row = None
            _DEFINITIONS[key] = row if row is None else SimpleNamespace(
                **{column.key: getattr(row, column.key) for column in inspect(row).mapper.column_attrs})
        if _DEFINITIONS[key] is None:
            raise MissingEntry(f"No such {kind[5:]}: {assignment}/{notebook}/{name}")
        return _DEFINITIONS[key]

    def find_source_cell(self, name, notebook, assignment):
        return self._definition("find_source_cell", name, notebook, assignment)

    def find_graded_cell(self, name, notebook, assignment):
        return self._definition("find_graded_cell", name, notebook, assignment)


class _Deferred:
    """A session whose ``commit`` waits: every change goes to the database in one commit, when
    the step is done (its lookups come from memory, so nothing needs the changes flushed sooner)."""

    def __init__(self, session):
        self._session = session

    def __getattr__(self, name):
        return getattr(self._session, name)

    def commit(self):
        pass


class _LooksUpInMemory:
    """Mixin for nbgrader's per-cell steps: the gradebook they open becomes :class:`Lookups`."""

    defer_commits = False
    values_only = False

    @property
    def gradebook(self):
        return self.__dict__["_lookups"]

    @gradebook.setter
    def gradebook(self, gradebook):
        self.__dict__["_lookups"] = Lookups(gradebook, self.defer_commits, self.values_only)


class OverwriteCells(_LooksUpInMemory, nbgrader_steps.OverwriteCells):
    """nbgrader's OverwriteCells (locked and test cells restored from the gradebook)."""


class SaveAutoGrades(_LooksUpInMemory, nbgrader_steps.SaveAutoGrades):
    """nbgrader's SaveAutoGrades: each cell's score and comment, committed once for the notebook
    (nbgrader commits after every cell; see :class:`Lookups`)."""

    defer_commits = True


class GetGrades(_LooksUpInMemory, nbgrader_steps.GetGrades):
    """nbgrader's GetGrades (the scores and comments the feedback shows): it only reads a grade's
    score and maximum and a comment's text, so only those are loaded."""

    values_only = True


#: nbgrader's per-cell steps → the same steps with :class:`Lookups` (see ``worker.configured_api``).
IN_MEMORY = {nbgrader_steps.OverwriteCells: OverwriteCells, nbgrader_steps.SaveAutoGrades: SaveAutoGrades,
             nbgrader_steps.GetGrades: GetGrades}


def prepare() -> None:
    """Make this process's nbgrader bookkeeping cheap (once per grading worker)."""
    from nbgrader.nbgraderformat import common

    common.jsonschema = CachedSchemas()
    quicken_notebook_checks()
    _reuse_engines()
