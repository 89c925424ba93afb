"""nbgrader's per-cell gradebook lookups, one query per notebook (see :mod:`autograder.engine.bookkeeping`).

nbgrader's steps that walk a notebook cell by cell (restoring locked cells,
saving scores, reading them for the feedback) look the gradebook up two or three
times per cell. :class:`Lookups` answers them from one query per notebook (a
grade's maximum loaded with it; for the feedback, the notebook's score and
maximum with the notebook), and the assignment's own cells from memory; the
steps in :data:`IN_MEMORY` are nbgrader's with these lookups. They read and
write the same rows, and commit where nbgrader's own steps commit. The queries
are built once per process (:func:`_statement`): only their values change.
"""
from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

from nbgrader import preprocessors as nbgrader_steps


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
        key = (model, notebook, assignment, student)
        if key not in self._rows:
            statement, shown = _statement(model, self._values)
            found = self._gradebook.db.execute(statement, {"notebook": notebook, "assignment": assignment,
                                                           "student": student})
            self._rows[key] = {cell: SimpleNamespace(**dict(zip(shown, values))) for cell, *values in found} \
                if self._values else {cell: row for cell, row in found}
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
        from nbgrader.api import MissingEntry
        from sqlalchemy.orm.exc import NoResultFound

        try:
            return self._gradebook.db.execute(_notebook_statement(), {
                "notebook": notebook, "assignment": assignment, "student": student}).scalar_one()
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


@lru_cache(maxsize=None)
def _statement(model, values: bool):
    """The query of :meth:`Lookups._submitted` for ``model`` (Grade or Comment), its values bound
    at execution (``notebook``, ``assignment``, ``student``); with ``values``, the names of the columns
    it gives after the cell's name."""
    from nbgrader import api
    from sqlalchemy import bindparam, select
    from sqlalchemy.orm import undefer

    if values:  # only what a reading step reads: the same SQL expressions, no row objects
        shown = {api.Grade: (api.Grade.score, api.Grade.max_score), api.Comment: (api.Comment.comment,)}[model]
        statement = select(api.BaseCell.name, *shown)
    else:  # a grade's maximum is deferred (a query per cell when read): loaded with the grade
        shown = ()
        statement = select(api.BaseCell.name, model).options(
            *([undefer(api.Grade.max_score)] if model is api.Grade else []))
    notebook, assignment = bindparam("notebook"), bindparam("assignment")
    # The student's submitted notebook, and the notebook's cells: the rows are then found through
    # their (cell, notebook) index, whatever the size of the class.
    submitted = select(api.SubmittedNotebook.id)\
        .join(api.Notebook, api.Notebook.id == api.SubmittedNotebook.notebook_id)\
        .join(api.SubmittedAssignment, api.SubmittedAssignment.id == api.SubmittedNotebook.assignment_id)\
        .join(api.Assignment, api.Assignment.id == api.SubmittedAssignment.assignment_id)\
        .where(api.Notebook.name == notebook, api.Assignment.name == assignment,
               api.SubmittedAssignment.student_id == bindparam("student")).scalar_subquery()
    cells = select(api.BaseCell.id).join(api.Notebook, api.Notebook.id == api.BaseCell.notebook_id)\
        .join(api.Assignment, api.Assignment.id == api.Notebook.assignment_id)\
        .where(api.Notebook.name == notebook, api.Assignment.name == assignment)
    statement = statement.select_from(model).join(api.BaseCell, api.BaseCell.id == model.cell_id)\
        .where(model.notebook_id == submitted, model.cell_id.in_(cells))
    return statement, tuple(column.key for column in shown)


@lru_cache(maxsize=None)
def _notebook_statement():
    """nbgrader's query of ``Gradebook.find_submission_notebook``, the notebook's score and maximum
    loaded with it: GetGrades reads both, and each is a query of its own when read later."""
    from nbgrader import api
    from sqlalchemy import bindparam, select
    from sqlalchemy.orm import undefer

    return select(api.SubmittedNotebook)\
        .options(undefer(api.SubmittedNotebook.score), undefer(api.SubmittedNotebook.max_score))\
        .join(api.Notebook, api.Notebook.id == api.SubmittedNotebook.notebook_id)\
        .join(api.SubmittedAssignment, api.SubmittedAssignment.id == api.SubmittedNotebook.assignment_id)\
        .join(api.Assignment, api.Assignment.id == api.SubmittedAssignment.assignment_id)\
        .join(api.Student, api.Student.id == api.SubmittedAssignment.student_id)\
        .where(api.Notebook.name == bindparam("notebook"), api.Assignment.name == bindparam("assignment"),
               api.Student.id == bindparam("student"))


def compile_statements(gradebook) -> None:
    """Run each query of :class:`Lookups` once, for nobody (they find nothing): SQLAlchemy compiles a
    statement on its first run and keeps it with the engine, so workers forked after this have them."""
    from nbgrader import api

    nobody = {"notebook": "", "assignment": "", "student": ""}
    for model in (api.Grade, api.Comment):
        for values in (False, True):
            gradebook.db.execute(_statement(model, values)[0], nobody).all()
    gradebook.db.execute(_notebook_statement(), nobody).all()
