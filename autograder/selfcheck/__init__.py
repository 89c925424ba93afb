"""Students' self-check: where each autograded question stands, from what the kernel ran.

nbgrader gives feedback only after a teacher autogrades (instant feedback is out
of its scope, nbgrader issue #988), so every exercise ends with::

    from autograder.selfcheck import check
    check()

and may show, near its top, a button that runs the same check at any time
(Run All stops at the first unanswered question, so the last cell is not
always reached)::

    from autograder.selfcheck import panel
    panel()

The answers are the live kernel's: what the student ran, saved or not. The
notebook file gives only the structure (test cells, set-up cells, headings,
cell ids). Per question the report says *not attempted* (a name the tests need
is undefined, or the answer cell was never run or still raises
``NotImplementedError``), *failed* (with the visible test's message) or, when the
visible tests pass, *form OK; hidden tests will check the values*.

Self-learners who cloned the course have the instructor version next to the
exercises (``source/<a>/<a>.ipynb`` beside ``exercises/<a>/``): then the hidden
tests run too and each question is *right*, *partly right* (points by the
partial-credit convention) or *wrong*, without a test's code, a hidden test's
message, a solution or an expected value ever being shown. In a class, students
have only the released notebook and the report says that only the visible tests
ran.

Modules: :mod:`.notebook` (reading the file), :mod:`.runlog` (which cells the
kernel ran), :mod:`.runner` (running and scoring one test cell), :mod:`.judge`
(one question's verdict), :mod:`.report` (the table), :mod:`.widget` (the button).

During nbgrader's autograding and validation (``NBGRADER_EXECUTION`` is set)
:func:`check` returns at once and does nothing.
"""
from __future__ import annotations

import os
from pathlib import Path

from satisfaction import terms

from . import runlog
from .judge import Result, judge, judge_all
from .notebook import Exercise, Question, find_notebook, find_source, read
from .report import Report

__all__ = ["Exercise", "Question", "Report", "Result", "check", "find_notebook", "find_source",
           "judge", "judge_all", "panel", "read", "results"]


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return None
    return get_ipython()


def results(path: str | Path, namespace: dict, log: runlog.RunLog | None = None,
            full: bool = True) -> Report:
    """The report for the notebook at ``path`` against ``namespace`` (the hidden tests too when
    ``full`` and the instructor version is in the same checkout)."""
    path = Path(path)
    exercise = read(path, find_source(path) if full else None)
    return Report(judge_all(exercise, namespace, log), exercise.lang, exercise.source)


def check(path: str | Path | None = None, namespace: dict | None = None, full: bool = True):
    """The self-check report for the running notebook (or ``path``); shown as a table in Jupyter.

    ``namespace`` defaults to the IPython kernel's user namespace. Returns None
    (and shows nothing) while nbgrader autogrades or validates.
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        return None
    shell = _shell()
    log = runlog.install(shell) if shell is not None else None
    if namespace is None:
        namespace = shell.user_ns if shell is not None else {}
    path = Path(path) if path is not None else find_notebook(namespace)
    if path is None:
        lang = "en" if namespace.get("LANG") == "en" else "zh"
        print(terms.label("selfcheck", "no_notebook", lang))
        return None
    return results(path, namespace, log, full)


def panel(path: str | Path | None = None, namespace: dict | None = None):
    """A "check my answers" button whose report appears under it (see :mod:`.widget`)."""
    if os.environ.get("NBGRADER_EXECUTION"):
        return None  # nothing to click while grading (and no widget library to import for it)
    from .widget import CheckPanel

    shell = _shell()
    if shell is not None:
        runlog.install(shell)
    return CheckPanel(lambda: check(path, namespace), _lang(path, namespace, shell))


def _lang(path, namespace, shell) -> str:
    namespace = namespace if namespace is not None else (shell.user_ns if shell is not None else {})
    if namespace.get("LANG") in ("zh", "en"):
        return namespace["LANG"]
    found = Path(path) if path is not None else find_notebook(namespace)
    return read(found).lang if found is not None else "zh"
