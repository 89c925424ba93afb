"""``grade``: autograde every submission of an assignment, with feedback; resumable.

Two executors, chosen by ``executor`` under ``[grading]`` in course.toml:

* ``"fork"`` (default): ``workers`` grading processes side by side, each running
  nbgrader's own autograde and feedback with the Execute step swapped for a
  sandboxed fork of a warm process (:mod:`autograder.fastexecute`).
* ``"nbgrader"``: nbgrader's API one student at a time, a fresh kernel each.

Either way a submission nbgrader cannot grade does not stop the batch: it is
recorded as failed with its reason. Finished students are kept in the ledger
(:mod:`autograder.ledger`), so a run that was stopped continues where it was.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from .course import Course
from .ledger import Ledger
from .scores import AssignmentScores, assignment_scores


@dataclass
class GradeRun:
    """What one ``grade`` run did."""

    assignment: str
    scores: AssignmentScores
    failures: dict[str, str] = field(default_factory=dict)   # student → reason
    seconds: float = 0.0
    table_path: Path | None = None
    graded_now: list[str] = field(default_factory=list)       # students this run graded


def submitted_students(course: Course, assignment: str) -> list[str]:
    """Students with a submission folder for ``assignment``, sorted."""
    return sorted(p.parent.name for p in course.path("submitted").glob(f"*/{assignment}") if p.is_dir())


def _with_kernels(course: Course, assignment: str, students: list[str], ledger: Ledger,
                  settings: dict, bar) -> None:
    from .fastexecute import configured_api, grade_student

    api = configured_api(course, fast=False)
    for student in students:
        grade_student(api, ledger, assignment, student, settings["feedback"])
        bar.update()


def _with_workers(course: Course, assignment: str, students: list[str], ledger: Ledger,
                  settings: dict, bar) -> dict[str, str]:
    """Workers take students from one queue (whoever is free takes the next)."""
    from . import sandbox
    from .fastexecute import WORKSPACE, work

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


def grade(course: Course, assignment: str, progress: bool = True, regrade: bool = False,
          **overrides) -> GradeRun:
    """Grade every submission not yet graded, then write ``grades/<assignment>.csv``.

    ``overrides`` replace settings of ``[grading]`` (e.g. ``executor="nbgrader"``,
    ``workers=1``); ``regrade=True`` forgets what earlier runs finished.
    """
    if assignment not in course.assignments():
        raise ValueError(f"no assignment {assignment!r} in {course.path('source')}; "
                         f"known: {course.assignments()}")
    settings = {**course.settings()["grading"], **overrides}
    start = time.perf_counter()
    students = submitted_students(course, assignment)
    ledger = Ledger(course, assignment)
    with ledger.lock():
        if regrade:
            ledger.clear()
        todo = ledger.pending(students)
        lost = _grade_pending(course, assignment, todo, ledger, settings, progress)
    entries = {s: ledger.entry(s) or {"status": "failed", "reason": lost.get(s, "not graded")}
               for s in students}
    return _write_table(course, assignment, entries, todo, time.perf_counter() - start)


def _grade_pending(course: Course, assignment: str, todo: list[str], ledger: Ledger, settings: dict,
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


def _write_table(course: Course, assignment: str, entries: dict, todo: list[str], seconds: float) -> GradeRun:
    failures = {s: e["reason"] for s, e in entries.items() if e["status"] == "failed"}
    scores = assignment_scores(course, assignment)
    table = scores.students.copy()
    table["status"] = [entries[s]["status"] if s in entries else "not submitted" for s in table.index]
    table["reason"] = [entries[s]["reason"] if s in entries else "" for s in table.index]
    for student, entry in entries.items():
        if entry["reason"]:
            verb = "could not be graded" if entry["status"] == "failed" else "graded with a note"
            scores.notes.append(f"{student}: {verb}: {entry['reason']}")
    scores.students = table
    path = course.path("grades", f"{assignment}.csv")
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, encoding="utf-8")
    return GradeRun(assignment, scores, failures, seconds, path, todo)
