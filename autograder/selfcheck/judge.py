"""One question's verdict from the live kernel: not attempted, failed, form OK, or (with the
instructor version) right, partly right or wrong.

*Not attempted* is decided from the kernel, never from the saved file: a name
the tests need is undefined, or (when the kernel's :mod:`run log <.runlog>`
knows) the answer cell was never run or still raises ``NotImplementedError``.
A visible test that fails gives *failed* with its message. When the visible
tests pass, a class (released notebook only) learns just that the form is right;
a self-learner with the instructor version also gets the hidden tests' score,
and never their code, messages or expected values.
"""
from __future__ import annotations

from dataclasses import dataclass

from satisfaction import terms
from satisfaction.answers import Unanswered

from . import runner
from .notebook import Exercise, Question, needed_names
from .runlog import RunLog

#: Statuses: without the instructor version (visible tests only) and with it.
VISIBLE_STATUSES = ("form_ok", "failed", "not_attempted")
FULL_STATUSES = ("right", "partly", "wrong", "failed", "not_attempted")


@dataclass
class Result:
    """A question's status, the message to show, and the points earned (None: visible tests only)."""

    question: Question
    status: str
    message: str = ""
    score: float | None = None


def _words(lang: str) -> dict[str, str]:
    return terms.labels("selfcheck", lang)


def _not_attempted(question: Question, exercise: Exercise, namespace: dict, log: RunLog | None,
                   lang: str) -> str | None:
    """Why the question counts as not attempted, or None if it was attempted."""
    words = _words(lang)
    needed = needed_names(question.tests)
    missing = sorted(n for n in needed if n not in namespace)
    if any(n in exercise.setup_names for n in missing):
        return words["run_from_top"]
    if missing:
        return words["undefined"].format(name=missing[0])
    if log is not None and question.answer_ids:
        runs = [log.runs.get(cell_id) for cell_id in question.answer_ids]
        if any(r is not None and r.error == "NotImplementedError" for r in runs):
            return words["stub"]
        never = all(r is None and log.covers(c, exercise.order) for r, c in zip(runs, question.answer_ids))
        if never and needed <= exercise.setup_names:
            return words["never_run"]
    return None


def _answer_error(question: Question, log: RunLog | None, lang: str) -> str:
    """A note that the answer cell raised when last run (the student's own error), or ''."""
    if log is None:
        return ""
    errors = [r.error for r in (log.runs.get(c) for c in question.answer_ids) if r is not None and r.error]
    return _words(lang)["answer_raised"].format(error=errors[-1]) if errors else ""


def judge(question: Question, exercise: Exercise, namespace: dict, log: RunLog | None = None,
          lang: str = "zh") -> Result:
    """The verdict on one question against the live ``namespace``."""
    words = _words(lang)
    full = question.full_tests is not None
    why = _not_attempted(question, exercise, namespace, log, lang)
    if why is not None:
        return Result(question, "not_attempted", why, 0.0 if full else None)
    visible = runner.run(question.tests, namespace, question.points)
    if isinstance(visible.error, Unanswered):  # the released template, run as it was
        return Result(question, "not_attempted", str(visible.error), 0.0 if full else None)
    if visible.error is not None:
        message = runner.failure_message(visible.error, question.tests) or words["failed_no_message"]
        extra = _answer_error(question, log, lang)
        return Result(question, "failed", f"{message}{extra}", 0.0 if full else None)
    if not full:
        return Result(question, "form_ok", words["form_ok_message"])
    outcome = runner.run(question.full_tests, namespace, question.points)
    score = round(outcome.score, 2)
    if score >= question.points:
        return Result(question, "right", words["right_message"], question.points)
    if score > 0:
        return Result(question, "partly", words["partly_message"].format(
            score=score, points=question.points), score)
    return Result(question, "wrong", words["wrong_message"], 0.0)


def judge_all(exercise: Exercise, namespace: dict, log: RunLog | None = None) -> list[Result]:
    """Every question's verdict, in the notebook's order."""
    return [judge(q, exercise, namespace, log, exercise.lang) for q in exercise.questions]
