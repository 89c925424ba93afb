"""The grading worker's side of running a notebook: one sandboxed child per submission.

For each submission the worker copies the notebook's folder to a private working
copy and asks the runner (:mod:`autograder.engine.runner`, the warm process that
holds the notebooks' stack) for a child; it gets the child's pid and its ends of
two pipes, and drives the child from here. The child isolates itself
(:mod:`autograder.engine.sandbox`) before it runs a single line of the student's
code, so it starts from the same untouched state every time, and no state crosses
from one student to the next.

The worker sends the cells one at a time with a fresh random token and waits
for the matching reply (:mod:`autograder.engine.cellrun` runs it). A test cell's
source reaches the child only when it is about to run, so student code can
neither read hidden tests in advance nor pre-write a reply. A cell that runs
past ``cell_timeout`` is interrupted in the child; a child that ignores that is
killed, as is one that exceeds the size of output it may send. Cells that never
ran get an error output saying why, so their tests score 0.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import channel, sandbox
from .sandbox import Limits

GRACE = 5.0                       # seconds past cell_timeout before the child is killed
#: Private working copies of the submissions being run (inside the course, so hidden with it).
WORKSPACE = ".grading-workspace"


class RunnerGone(RuntimeError):
    """The runner process (which forks the notebooks' processes) is not there any more."""


@dataclass
class ExecReport:
    """How one notebook's execution went."""

    cells_run: int = 0
    notes: list[str] = field(default_factory=list)   # what the teacher should know, in order
    cpu_seconds: float = 0.0                          # used by the notebook's process (and its own)

    @property
    def reason(self) -> str:
        return "; ".join(self.notes)


def cell_kind(cell) -> str:
    meta = cell.metadata.get("nbgrader", {})
    if meta.get("grade") and not meta.get("solution"):
        return "test"
    return "locked" if meta.get("locked") else "answer"


class Executor:
    """Runs notebooks for nbgrader (see :class:`autograder.engine.worker.SandboxExecute`), each in a
    child of the runner at the other end of ``runner`` (a SOCK_SEQPACKET socket)."""

    def __init__(self, runner: socket.socket, mode: str, limits: Limits, workspace: Path,
                 sandbox_uid: int = 65534):
        self.runner, self.mode, self.limits = runner, sandbox.resolve_mode(mode), limits
        self.workspace, self.uid = Path(workspace), sandbox_uid
        #: The runner stopped (the grading run is being killed, or it crashed): what this worker
        #: grades from now on is no verdict on the student, and must not be recorded as one.
        self.runner_gone = False

    def execute(self, nb: nbformat.NotebookNode, folder: Path) -> ExecReport:
        """Run ``nb``'s code cells with ``folder``'s files beside it; fills in outputs."""
        self.workspace.mkdir(parents=True, exist_ok=True)
        copy = Path(tempfile.mkdtemp(prefix="run-", dir=self.workspace))
        try:
            shutil.copytree(folder, copy, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.ipynb"))
            if self.mode == "root":
                for path in [copy, *copy.rglob("*")]:
                    os.chown(path, self.uid, self.uid, follow_symlinks=False)
            return self._run(nb, copy)
        finally:
            shutil.rmtree(copy, ignore_errors=True)

    def _ask(self, request: dict, fds: int = 0) -> tuple[dict, list[int]]:
        try:
            self.runner.send(json.dumps(request).encode())
            data, received, _, _ = socket.recv_fds(self.runner, 1 << 16, fds)
        except OSError as exc:
            self.runner_gone = True
            raise RunnerGone(f"the notebook runner stopped ({exc})") from None
        if not data:
            self.runner_gone = True
            raise RunnerGone("the notebook runner stopped")
        return json.loads(data), received

    def _run(self, nb, copy: Path) -> ExecReport:
        answer, (down, up) = self._ask({"spawn": str(copy)}, fds=2)
        report = ExecReport()
        try:
            self._drive(nb, down, up, report)
            os.close(down)
            down = None
            channel.until_closed(up, time.monotonic() + 1)  # no more cells: the child ends by itself
        finally:
            for fd in (down, up):
                if fd is not None:
                    os.close(fd)
            report.cpu_seconds = self._ask({"reap": answer["pid"]})[0]["cpu_seconds"]
        return report

    def _drive(self, nb, down: int, up: int, report: ExecReport) -> None:
        cells = [c for c in nb.cells if c.cell_type == "code"]
        for cell in cells:
            cell.outputs, cell.execution_count = [], None
        stop = None
        try:
            ready = channel.receive(up, time.monotonic() + 60)
            if not ready or "sandbox" in ready:
                stop = (ready or {}).get("sandbox", "the grading process ended before it was ready")
        except (TimeoutError, ValueError):
            stop = "the grading process did not start"
        for n, cell in enumerate(cells):
            if stop:
                break
            token = secrets.token_hex(16)
            try:
                channel.send(down, {"source": cell.source, "kind": cell_kind(cell), "token": token})
                reply = channel.receive(up, time.monotonic() + self.limits.cell_timeout + GRACE)
            except TimeoutError:
                stop = f"cell {n + 1} ran longer than {self.limits.cell_timeout:g} s and did not stop"
            except (BrokenPipeError, ValueError) as exc:
                stop = f"cell {n + 1}: {exc or 'the notebook process ended'}"
            else:
                if reply is None:
                    stop = (f"the notebook process ended during cell {n + 1} "
                            "(it exited, was killed, or ran out of memory or CPU time)")
                elif reply.get("token") != token:
                    stop = f"cell {n + 1} wrote into the grader's channel; the notebook was stopped"
                else:
                    cell.outputs = [nbformat.from_dict(o) for o in reply["outputs"]]
                    cell.execution_count = reply["execution_count"]
                    report.cells_run += 1
                    if reply.get("timed_out"):
                        report.notes.append(f"cell {n + 1} ran longer than {self.limits.cell_timeout:g} s "
                                            "and was interrupted")
                    continue
            cell.outputs = [_stopped(stop)]
        if stop:
            report.notes.append(stop)
            for cell in cells[report.cells_run:]:
                cell.outputs = cell.outputs or [_stopped(f"not run: {stop}")]


def _stopped(reason: str):
    return nbformat.v4.new_output("error", ename="NotebookStopped", evalue=reason,
                                  traceback=[f"NotebookStopped: {reason}"])
