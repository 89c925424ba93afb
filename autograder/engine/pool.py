"""Grade a list of submissions with one of the two executors, side by side where it can.

* ``"fork"`` (default): this process imports the notebooks' stack and builds the warm
  shell once (:func:`autograder.engine.worker.warm_up`), then ``workers`` grading
  processes forked from it (:mod:`autograder.engine.worker`) take students from one
  queue, whoever is free takes the next.
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
    from .worker import WORKSPACE, warm_up, work

    shutil.rmtree(course.path(WORKSPACE), ignore_errors=True)  # copies a killed run left behind
    problem = sandbox.check_available(settings["sandbox"])
    if problem:
        raise RuntimeError(problem)
    count = max(1, min(int(settings["workers"]) or os.cpu_count() or 1, len(students)))
    warm_up(str(course.root), settings)  # once, here: the workers are forks of this warm process
    fork = multiprocessing.get_context("fork")
    queue, taken = fork.Queue(), fork.Array("i", len(students))  # taken[n]: pid of the worker on n
    args = (str(course.root), assignment, students, settings, queue, taken, os.getpid())
    procs = [fork.Process(target=work, args=args, daemon=True) for _ in range(count)]
    for proc in procs:  # before the queue's feeder thread exists: fork a single-threaded process
        proc.start()
    for n in [*range(len(students)), *[None] * count]:
        queue.put(n)
    done = 0
    while any(p.is_alive() for p in procs):
        multiprocessing.connection.wait([p.sentinel for p in procs], timeout=None if bar.disable else 0.5)
        if not bar.disable:
            now = sum(ledger.entry(s) is not None for s in students)
            bar.update(now - done)
            done = now
    bar.update(len(students) - done)
    # A worker that died leaves the student it was grading ungraded: not in the ledger, so a rerun retries.
    dead = {p.pid: p.exitcode for p in procs if p.exitcode}
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
