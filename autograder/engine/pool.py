"""Grade a list of submissions with one of the two executors, side by side where it can.

* ``"fork"`` (default): one warm process, forked from this one, imports the notebooks'
  stack and builds the warm shell once (:func:`autograder.engine.worker.serve`), then
  forks ``workers`` grading processes (:mod:`autograder.engine.worker`) that take
  students from one queue, whoever is free takes the next. This process stays as it
  was (no shell, no patched nbgrader): it only watches the ledger fill.
* ``"nbgrader"``: nbgrader's API one student at a time, a fresh kernel each.

Every finished student is in the ledger (:mod:`autograder.engine.ledger`) when
this returns; a worker that died leaves its student out, to be retried.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import shutil

from tqdm.auto import tqdm

from ..course import Course
from .ledger import Ledger


def _with_kernels(course: Course, assignment: str, students: list[str], ledger: Ledger,
                  settings: dict, bar) -> None:
    from .worker import configured_api, grade_student

    api = configured_api(course, fast=False)
    for student in students:
        grade_student(api, ledger, assignment, student, settings["feedback"])
        bar.update()


def _with_workers(course: Course, assignment: str, students: list[str], ledger: Ledger,
                  settings: dict, bar) -> dict[str, str]:
    """Workers take students from one queue (whoever is free takes the next)."""
    from . import sandbox
    from .worker import WORKSPACE, serve

    shutil.rmtree(course.path(WORKSPACE), ignore_errors=True)  # copies a killed run left behind
    problem = sandbox.check_available(settings["sandbox"])
    if problem:
        raise RuntimeError(problem)
    count = max(1, min(int(settings["workers"]) or os.cpu_count() or 1, len(students)))
    import nbgrader.api  # noqa: F401 - the table afterwards needs it; imported once, before the fork
    fork = multiprocessing.get_context("fork")
    queue, taken = fork.Queue(), fork.Array("i", len(students))  # taken[n]: pid of the worker on n
    exits = fork.Array("i", 2 * count)  # per worker: its pid and exit code
    args = (str(course.root), assignment, students, settings, queue, taken, exits, os.getpid())
    warm = fork.Process(target=serve, args=args, daemon=True)  # warms up, then forks the workers
    warm.start()
    for n in [*range(len(students)), *[None] * count]:
        queue.put(n)
    done = 0
    while warm.is_alive():
        multiprocessing.connection.wait([warm.sentinel], timeout=None if bar.disable else 0.5)
        if not bar.disable:
            now = sum(ledger.entry(s) is not None for s in students)
            bar.update(now - done)
            done = now
    bar.update(len(students) - done)
    # A worker that died leaves the student it was grading ungraded: not in the ledger, so a rerun retries.
    dead = {exits[i]: exits[i + 1] for i in range(0, len(exits), 2) if exits[i + 1]}
    if warm.exitcode:  # the warm process itself stopped: every student it had not finished
        return {student: f"not graded: the grading process stopped (exit code {warm.exitcode})"
                for student in students if ledger.entry(student) is None}
    return {student: f"not graded: the grading worker stopped (exit code {dead[taken[n]]})"
            for n, student in enumerate(students) if taken[n] in dead and ledger.entry(student) is None}


def grade_pending(course: Course, assignment: str, todo: list[str], ledger: Ledger, settings: dict,
                  progress: bool) -> dict[str, str]:
    """Grade ``todo``; returns the students a dead worker left ungraded, with why."""
    if settings["executor"] not in ("fork", "nbgrader"):
        raise ValueError(f"executor must be 'fork' or 'nbgrader'; got {settings['executor']!r}")
    if not todo:
        return {}
    with tqdm(total=len(todo), desc=f"grading {assignment}", unit="submission", disable=not progress) as bar:
        if settings["executor"] == "nbgrader":
            _with_kernels(course, assignment, todo, ledger, settings, bar)
            return {}
        return _with_workers(course, assignment, todo, ledger, settings, bar)
