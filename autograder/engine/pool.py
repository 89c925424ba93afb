"""Grade a list of submissions with one of the two executors, side by side where it can.

* ``"fork"`` (default): ``workers`` grading processes (:mod:`autograder.engine.worker`)
  take students from one queue, whoever is free takes the next.
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
    from .worker import WORKSPACE, work

    shutil.rmtree(course.path(WORKSPACE), ignore_errors=True)  # copies a killed run left behind
    problem = sandbox.check_available(settings["sandbox"])
    if problem:
        raise RuntimeError(problem)
    count = max(1, min(int(settings["workers"]) or os.cpu_count() or 1, len(students)))
    spawn = multiprocessing.get_context("spawn")
    queue, taken = spawn.Queue(), spawn.Array("i", len(students))  # taken[n]: pid of the worker on n
    for n in range(len(students)):
        queue.put(n)
    for _ in range(count):
        queue.put(None)
    args = (str(course.root), assignment, students, settings, queue, taken, os.getpid())
    procs = [spawn.Process(target=work, args=args, daemon=True) for _ in range(count)]
    for proc in procs:
        proc.start()
    import nbgrader.api  # noqa: F401 - needed for the table afterwards; loads while the workers start
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
