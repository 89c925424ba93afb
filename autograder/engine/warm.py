"""Walk the code paths a notebook takes once, in the warm process, before any fork.

Importing ``pandas`` or ``matplotlib`` is not all a notebook needs: the first
traceback imports pygments' formatters, the first table shown imports pandas'
HTML writer, the first figure loads fonts and the PNG encoder, and each compiles
regular expressions on first use. Done in every forked child, that work is repeated
for every student. :func:`exercise` does it once in the warm process, with objects
of its own: it reads nothing of and changes nothing in the shell's namespace, its
counters, history or figures (a figure made here is not pyplot's, so pyplot
numbers the notebook's figures from 1 as a fresh kernel does).
"""
from __future__ import annotations

import importlib
import io
import sys
import warnings
from pathlib import Path

#: Modules a cell imports on first use (IPython's run_code imports bdb on every call).
FIRST_USE = ("bdb", "IPython.core.logger", "encodings.unicode_escape")


def exercise(shell) -> None:
    """Warm what a typical notebook uses (see the module docstring)."""
    for name in FIRST_USE:
        importlib.import_module(name)
    with warnings.catch_warnings():  # whatever warns here must still warn the notebook
        warnings.simplefilter("ignore")
        _traceback(shell)
        _tables(shell)
        _figure(shell)
        _answer_checks()
        shell.transform_cell("x = 1\nx")  # the input transformers' regular expressions


def _traceback(shell) -> None:
    """A formatted traceback, as an erroring cell gets (pygments' formatters, ultratb's caches)."""
    code = compile("raise NotImplementedError()\n", "<ipython-input-0-warm>", "exec")
    try:
        exec(code, {})
    except NotImplementedError:
        shell.InteractiveTB.structured_traceback(*sys.exc_info())


def _tables(shell) -> None:
    """What reading a CSV and showing a table, a Series and a dict takes (pandas' readers, formatters)."""
    try:
        import pandas as pd
    except ImportError:
        return
    table = pd.read_csv(io.StringIO("respondent,dimension,expected,perceived\n1,a,6,5\n2,b,5,7\n"))
    means = table.groupby("dimension")[["expected", "perceived"]].mean()
    for value in (table, means["perceived"] - means["expected"], {"a": 1}, ("a", 1.5), 0.25):
        shell.display_formatter.format(value)


def _figure(shell) -> None:
    """A figure drawn to PNG as the inline backend shows it (fonts, Agg, the PNG encoder)."""
    if "matplotlib.pyplot" not in sys.modules:  # else the notebook's first figure sets figures up
        return
    from matplotlib.figure import Figure

    figure = Figure()
    axes = figure.subplots()
    axes.plot([1, 2, 3], [2, 1, 3], label="c")
    axes.bar(["a", "b"], [1, 2])
    axes.set_title("c = b / a")
    axes.legend()
    shell.display_formatter.format(figure)


def _answer_checks() -> None:
    """The judgement questions' answer kinds and messages, read from their TOML files once."""
    if "satisfaction.answers" not in sys.modules:
        return
    from satisfaction.answers import kinds, words

    for name in kinds.kind_names():
        if name != kinds.TRUE_FALSE:
            kinds.kind(name)
    words.texts()


def exercise_grading(api, assignment: str, feedback: bool) -> None:
    """nbgrader's own first-use work, done once before the workers fork (each would redo it):
    the notebook and metadata schemas compiled, the gradebook's mappers configured and the
    assignment's notebooks and cells read (:data:`autograder.engine.lookups._DEFINITIONS`,
    :func:`autograder.engine.bookkeeping.layout`), the lookups' queries compiled, and with
    ``feedback`` the feedback template compiled and the assignment's released notebooks rendered
    (:mod:`autograder.engine.feedback`): the code highlighter of their language made ready, and
    what every student's page shares (instructions, read-only and test cells) highlighted and
    rendered from Markdown once, not once per worker."""
    import nbformat
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.nbgraderformat import MetadataValidator

    from .bookkeeping import layout, release_connections
    from .lookups import Lookups, compile_statements

    sample = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    sample.cells[0].metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False,
                                            "grade_id": "warm", "schema_version": 3}
    nbformat.validate(sample)
    MetadataValidator().validate_nb(sample)
    try:
        with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gradebook:
            lookups = Lookups(gradebook)
            for notebook in gradebook.find_assignment(assignment).notebooks:
                for cell in notebook.source_cells:
                    lookups.find_source_cell(cell.name, notebook.name, assignment)
                for cell in [*notebook.grade_cells, *notebook.task_cells]:
                    lookups.find_graded_cell(cell.name, notebook.name, assignment)
            layout(gradebook, assignment)
            compile_statements(gradebook)
    except MissingEntry:
        pass  # nbgrader reports an unknown assignment itself, student by student
    finally:
        release_connections()  # a database connection must not be shared by forked processes
    if feedback:
        _feedback_template(api, assignment, _released(api, assignment) or [sample])


def _released(api, assignment: str) -> list:
    """The assignment's released notebooks, as every student's page shows them outside the answers."""
    import nbformat

    folder = Path(api.coursedir.format_path(api.coursedir.release_directory, ".", assignment))
    notebooks = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            notebooks.append(_as_graded(nbformat.read(path, as_version=4)))
        except (OSError, ValueError):  # nbgrader reports a broken notebook itself, student by student
            continue
    return notebooks


def _as_graded(notebook):
    """``notebook`` with what nbgrader's ``GetGrades`` adds to each cell of a graded one (no comment,
    no points scored), which the feedback template shows."""
    from nbgrader import utils

    for cell in notebook.cells:
        marks = cell.metadata.get("nbgrader")
        if marks is None:
            continue
        if utils.is_solution(cell) or utils.is_task(cell):
            marks["comment"] = None
        if utils.is_grade(cell) or utils.is_task(cell):
            marks["score"], marks["points"] = 0.0, marks.get("points", 0.0)
    return notebook


def _feedback_template(api, assignment: str, notebooks: list) -> None:
    from nbgrader.preprocessors import GetGrades
    from nbgrader.utils import temp_attrs
    from traitlets.config import Config

    from .feedback import FeedbackExporter, WarmFeedback

    config = Config()
    config.HTMLExporter.template_name = "feedback"
    with temp_attrs(api.coursedir, assignment_id=assignment):
        app = WarmFeedback(coursedir=api.coursedir, parent=api)
        app.update_config(config)
        exporter = app.warm_exporter()
    steps = exporter._preprocessors  # the steps that read the gradebook are left out: no student here
    exporter._preprocessors = [step for step in steps if not isinstance(step, GetGrades)]
    try:
        for notebook in notebooks:
            resources = {"nbgrader": {"notebook": "warm", "score": 0.0, "max_score": 1.0, "late_penalty": 0.0}}
            FeedbackExporter.from_notebook_node(exporter, notebook, resources)
    finally:
        exporter._preprocessors = steps
