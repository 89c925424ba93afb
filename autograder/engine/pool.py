"""Grade a list of submissions with one of the two executors, side by side where it can.

* ``"fork"`` (default): two warm processes are forked from this one and warm up side
  by side: the runner (:mod:`autograder.engine.runner`) imports the notebooks' stack
  (what the assignment's notebooks import) and builds the warm shell once, then forks
  one sandboxed child per submission on request; the workers' warm process
  (:func:`autograder.engine.worker.serve`) warms nbgrader up once, then forks ``workers``
  grading processes that take students from one queue, whoever is free takes the next.
  This process stays as it was (no shell, no patched nbgrader): it only watches the ledger
  fill. The grading processes collect garbage less often (:mod:`.collector`); a notebook's
  child as a kernel does.
* ``"nbgrader"``: nbgrader's API one student at a time, a fresh kernel each.

Every finished student is in the ledger (:mod:`autograder.engine.ledger`) when
this returns; a worker that died leaves its student out, to be retried.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import shutil
import socket

from ..course import Course
from .ledger import Ledger


def _with_kernels(course: Course, assignment: str, students: list[str], ledger: Ledger,
                  settings: dict, progress_bar, meanwhile) -> None:
    from .worker import configured_api, grade_student

    meanwhile()
    api = configured_api(course, fast=False)
    with progress_bar() as bar:
        for student in students:
            grade_student(api, ledger, assignment, student, settings["feedback"])
            bar.update()


def _with_workers(course: Course, assignment: str, students: list[str], ledger: Ledger,
                  settings: dict, progress_bar, meanwhile, label) -> dict[str, str]:
    """Workers take students from one queue (whoever is free takes the next); ``meanwhile`` runs
    here once both warm processes are on their way; ``progress_bar()`` makes the bar, once the
    runner is; ``label()`` reads the bar's texts."""
    from . import runner, sandbox

    problem = sandbox.check_available(settings["sandbox"])
    if problem:
        raise RuntimeError(problem)
    count = max(1, min(int(settings["workers"]) or os.cpu_count() or 1, len(students)))
    fork = multiprocessing.get_context("fork")
    queue, taken = fork.Queue(), fork.Array("i", len(students))  # taken[n]: pid of the worker on n
    exits = fork.Array("i", 2 * count)  # per worker: its pid and exit code
    pairs = [socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET) for _ in range(count)]
    ends, workers_ends = [a for a, _ in pairs], [b for _, b in pairs]
    # The runner first, before anything of nbgrader's (even nbformat), pandas (the caller defers
    # it to ``meanwhile``) or the progress bar is imported here: it warms the notebooks' stack up
    # while this process reads the course's nbgrader config (which imports nbgrader) for the paths
    # the runner must hide, and the workers' warm process is forked with nbgrader already imported
    # and without pandas, which it never needs.
    hidden_from, hidden_to = fork.Pipe(duplex=False)
    preload = {**settings, "preload": runner.preload_for(course, assignment, settings["preload"])}
    processes = [fork.Process(target=runner.run, daemon=True, args=(
        preload, hidden_from, ends, workers_ends, os.getpid()))]
    processes[0].start()
    from .executor import WORKSPACE

    shutil.rmtree(course.path(WORKSPACE), ignore_errors=True)  # copies a killed run left behind
    hidden_to.send([str(path) for path in runner.hidden_paths(course)])
    label()  # the teacher's texts read before the fork: the workers explain failures with them too
    processes.append(fork.Process(target=_serve_workers, daemon=True, args=(
        str(course.root), assignment, students, settings, queue, taken, exits, workers_ends, ends, os.getpid())))
    processes[1].start()
    for sock in ends + workers_ends:
        sock.close()
    for n in [*range(len(students)), *[None] * count]:
        queue.put(n)
    meanwhile()
    done, warm = 0, processes[1]
    with progress_bar() as bar:
        while warm.is_alive():
            multiprocessing.connection.wait([warm.sentinel], timeout=None if bar.disable else 0.5)
            if not bar.disable:
                now = sum(ledger.entry(s) is not None for s in students)
                bar.update(now - done)
                done = now
        bar.update(len(students) - done)
    processes[0].join(5)  # the runner ends once every worker has closed its socket
    # A worker that died leaves the student it was grading ungraded: not in the ledger, so a rerun retries.
    dead = {exits[i]: exits[i + 1] for i in range(0, len(exits), 2) if exits[i + 1]}
    if warm.exitcode:  # the workers' warm process itself stopped: every student it had not finished
        return {student: f"not graded: the grading process stopped (exit code {warm.exitcode})"
                for student in students if ledger.entry(student) is None}
    return {student: f"not graded: the grading worker stopped ({_why(dead[taken[n]])})"
            for n, student in enumerate(students) if taken[n] in dead and ledger.entry(student) is None}


def _why(code: int) -> str:
    from .worker import RUNNER_GONE

    return "the notebook runner stopped under it" if code == RUNNER_GONE else f"exit code {code}"


def _serve_workers(*args) -> None:
    """The workers' warm process: collecting less often (:mod:`.collector`), nbgrader imported lean
    (see :func:`lean_nbgrader`; the command line's process has already done so), then
    :func:`autograder.engine.worker.serve`."""
    from .collector import collect_less

    collect_less()
    lean_nbgrader()
    from .worker import serve

    serve(*args)


def lean_nbgrader() -> None:
    """Import the ``nbgrader`` package without running its ``__init__`` (in this process only).

    That ``__init__`` loads nbgrader's Jupyter server extensions (their web handlers, the
    exchange, every app), which a grading worker never uses: half a second of start-up.
    Its submodules (converters, preprocessors, the gradebook) import as usual.
    """
    import importlib.util
    import sys

    if "nbgrader" in sys.modules:
        return
    spec = importlib.util.find_spec("nbgrader")
    package = importlib.util.module_from_spec(spec)
    sys.modules["nbgrader"] = package
    from nbgrader._version import __version__

    package.__version__ = __version__


def grade_pending(course: Course, assignment: str, todo: list[str], ledger: Ledger, settings: dict,
                  progress: bool, label=lambda: ("grading", "submission"),
                  meanwhile=lambda: None) -> dict[str, str]:
    """Grade ``todo``; returns the students a dead worker left ungraded, with why. ``label``: the
    progress bar's description and unit, in the teacher's language, from a function called once the
    runner is on its way (the texts are read then); ``meanwhile``: work for this
    process while the grading processes warm up (it would only wait), such as imports it needs after."""
    if settings["executor"] not in ("fork", "nbgrader"):
        raise ValueError(f"executor must be 'fork' or 'nbgrader'; got {settings['executor']!r}")
    if not todo:
        return {}

    def progress_bar():
        from tqdm.auto import tqdm

        desc, unit = label()
        return tqdm(total=len(todo), desc=desc, unit=unit, disable=not progress)

    if settings["executor"] == "nbgrader":
        _with_kernels(course, assignment, todo, ledger, settings, progress_bar, meanwhile)
        return {}
    return _with_workers(course, assignment, todo, ledger, settings, progress_bar, meanwhile, label)
