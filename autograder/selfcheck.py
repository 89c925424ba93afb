"""Self-check for self-learners: run an exercise's visible tests against the current answers.

nbgrader gives feedback only after a teacher autogrades (instant feedback is out
of its scope, nbgrader issue #988), so the last cell of every exercise is::

    from autograder.selfcheck import check
    check()

It finds the running notebook, reads its cells, and for every autograded
question runs the test cell *as released* (the hidden tests are not in a
student copy, and this module never reads ``source/``) against a shallow copy of
the student's namespace, so a test cannot clobber the student's variables. It
shows one row per question: question, points, passed / failed / not attempted,
and the failing assertion's message, in the notebook's edition language
(``metadata.course.edition``). It needs neither nbgrader's server nor its
gradebook.

A tests cell belongs to the solution cells since the previous tests cell. A
question is *not attempted* while a test needs a name the student has not
defined, or while its answer cell (as last saved) still holds nbgrader's stub
``raise NotImplementedError()`` and its tests fail.

During nbgrader's autograding and validation (nbgrader sets the environment
variable ``NBGRADER_EXECUTION``) :func:`check` returns at once and does nothing.
"""
from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd

from satisfaction import terms

#: What nbgrader's solution stub raises; an answer cell still holding it is unanswered.
STUB = "raise NotImplementedError()"
#: Statuses, in the order of the table's legend.
STATUSES = ("passed", "failed", "not_attempted")


@dataclass
class Question:
    """One autograded question: its title, points, answer cells and visible tests."""

    grade_id: str
    title: str
    points: float
    answers: list[str]
    tests: str


@dataclass
class Result:
    """The outcome of one question's visible tests."""

    question: Question
    status: str
    message: str = ""


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _heading(markdown: str) -> str | None:
    lines = [line.lstrip("#").strip() for line in markdown.splitlines() if line.startswith("#")]
    return lines[-1] if lines else None


def questions(nb: nbformat.NotebookNode) -> list[Question]:
    """The autograded questions of a notebook, each with the answer cells since the previous tests cell."""
    found, answers, title = [], [], None
    for cell in nb.cells:
        meta = _nbgrader(cell)
        if cell.cell_type == "markdown":
            title = _heading(cell.source) or title
        elif meta.get("solution") and not meta.get("grade"):
            if "group-id" not in cell.get("metadata", {}).get("tags", []):
                answers.append(cell.source)
        elif meta.get("grade") and not meta.get("solution"):
            found.append(Question(meta.get("grade_id", ""), title or meta.get("grade_id", ""),
                                  float(meta.get("points", 0)), answers, cell.source))
            answers = []
    return found


def _failure(error: BaseException, tests: str) -> str:
    """The assertion's message, or else the test line that failed."""
    text = str(error).strip()
    if isinstance(error, AssertionError) and not text:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<selfcheck>"]
        if frames and frames[-1].lineno:
            return tests.splitlines()[frames[-1].lineno - 1].strip()
    return text if isinstance(error, AssertionError) else f"{type(error).__name__}: {text}"


def run_question(question: Question, namespace: dict, lang: str = "zh") -> Result:
    """Run one question's visible tests against a shallow copy of ``namespace``."""
    words = terms.labels("selfcheck", lang)
    try:
        exec(compile(question.tests, "<selfcheck>", "exec"), dict(namespace))
    except Exception as error:  # a test failing for any reason is a failure of the answer
        if any(STUB in answer for answer in question.answers):
            return Result(question, "not_attempted", words["stub"])
        if isinstance(error, NameError):
            return Result(question, "not_attempted", words["undefined"].format(name=error.name))
        return Result(question, "failed", _failure(error, question.tests))
    return Result(question, "passed")


def results(path: str | Path, namespace: dict) -> tuple[list[Result], str]:
    """Every question's result for the notebook at ``path``, and the notebook's language."""
    nb = nbformat.read(str(path), as_version=4)
    lang = "en" if nb.metadata.get("course", {}).get("edition") == "en" else "zh"
    return [run_question(q, namespace, lang) for q in questions(nb)], lang


def table(found: list[Result], lang: str = "zh") -> pd.DataFrame:
    """The self-check table: question, points, result and message, with headers in ``lang``."""
    words = terms.labels("selfcheck", lang)
    rows = [(r.question.title, r.question.points, words[r.status], r.message) for r in found]
    columns = [words[k] for k in ("question", "points", "status", "message")]
    frame = pd.DataFrame(rows, columns=columns)
    frame.index = range(1, len(frame) + 1)
    return frame


def summary(found: list[Result], lang: str = "zh") -> str:
    """One line: how many questions and points passed their visible tests."""
    passed = [r for r in found if r.status == "passed"]
    return terms.label("selfcheck", "summary", lang).format(
        passed=len(passed), total=len(found), points=sum(r.question.points for r in passed),
        max_points=sum(r.question.points for r in found))


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return None
    return get_ipython()


def find_notebook(namespace: dict | None = None, cwd: Path | None = None) -> Path | None:
    """The running notebook: JPY_SESSION_NAME (jupyter_server), VS Code's ``__vsc_ipynb_file__``,
    else the only .ipynb file in the working directory; None if it cannot be told."""
    cwd = cwd or Path.cwd()
    candidates = [os.environ.get("JPY_SESSION_NAME"), (namespace or {}).get("__vsc_ipynb_file__")]
    for name in filter(None, candidates):
        for path in (Path(name), cwd / Path(name).name):
            if path.suffix == ".ipynb" and path.is_file():
                return path
    notebooks = sorted(cwd.glob("*.ipynb"))
    return notebooks[0] if len(notebooks) == 1 else None


def check(path: str | Path | None = None, namespace: dict | None = None):
    """Show the self-check table for the running notebook (or ``path``); returns the table.

    ``namespace`` defaults to the IPython kernel's user namespace. Does nothing
    (returns None) while nbgrader autogrades or validates.
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        return None
    shell = _shell()
    if namespace is None:
        namespace = shell.user_ns if shell is not None else {}
    path = Path(path) if path is not None else find_notebook(namespace)
    if path is None:
        lang = "en" if namespace.get("LANG") == "en" else "zh"
        print(terms.label("selfcheck", "no_notebook", lang))
        return None
    found, lang = results(path, namespace)
    print(summary(found, lang))
    return table(found, lang)
