"""Running one test cell against the student's live namespace, as nbgrader would score it.

The tests run on a copy: a shallow copy of the namespace, with the values the
tests read deep-copied where possible, so a test can change neither the
student's variables nor their data. Whatever a test prints is swallowed (a
hidden test's message must never reach the student).

Scoring follows nbgrader (``nbgrader.utils.determine_grade``) and the course's
partial-credit convention: a cell that raises, or writes to stderr, scores 0; a
cell whose last expression is a number scores that number (at most the points;
a negative number counts as full points, as nbgrader does); any other cell that
runs scores full points.
"""
from __future__ import annotations

import ast
import contextlib
import copy
import io
import numbers
import traceback
from dataclasses import dataclass

from .notebook import needed_names, python

#: The file name test code is compiled under, to find its lines in a traceback.
FILENAME = "<selfcheck>"


@dataclass(frozen=True)
class Outcome:
    """What running a test cell gave: the error (None if it ran), the score and the output."""

    error: BaseException | None
    score: float
    printed: str = ""


def _copy(namespace: dict, tests: str) -> dict:
    scope = dict(namespace)
    for name in needed_names(tests) & set(scope):
        try:
            scope[name] = copy.deepcopy(scope[name])
        except Exception:  # modules, open files and the like are shared as they are
            pass
    return scope


def _split(code: str) -> tuple[ast.Module, ast.Expression | None]:
    """The cell's statements and, apart, its last expression (evaluated for its value)."""
    tree = ast.parse(code, FILENAME)
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
        return tree, last
    return tree, None


def score_of(value, points: float) -> float:
    """The points nbgrader gives a test cell whose last expression is ``value``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return points
    value = float(value)
    if value != value or value < 0:
        return points
    return min(value, points)


def run(tests: str, namespace: dict, points: float) -> Outcome:
    """Run ``tests`` against a copy of ``namespace``; never prints anything."""
    out = io.StringIO()
    err = io.StringIO()
    scope = _copy(namespace, tests)
    try:
        body, last = _split(python(tests))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            exec(compile(body, FILENAME, "exec"), scope)
            value = eval(compile(last, FILENAME, "eval"), scope) if last is not None else None
    except (Exception, SystemExit) as error:  # any failure of a test is the answer's failure
        return Outcome(error, 0.0, out.getvalue())
    if err.getvalue():
        return Outcome(None, 0.0, out.getvalue())
    return Outcome(None, score_of(value, points), out.getvalue())


def failure_message(error: BaseException, tests: str) -> str:
    """A visible test's failure as the student should read it: the assertion's message, or the
    failing test line for a bare ``assert``, or the error's type and text."""
    text = str(error).strip()
    if isinstance(error, AssertionError):
        if text:
            return text
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == FILENAME]
        lines = python(tests).splitlines()
        if frames and frames[-1].lineno and frames[-1].lineno <= len(lines):
            return lines[frames[-1].lineno - 1].strip()
        return ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
