"""The fast executor: one sandboxed fork of a warm process per submission.

A grading worker imports the assignment's stack (pandas, matplotlib with the
inline backend, ``satisfaction``) and builds an IPython shell once. For each
submission it copies the notebook's folder to a private working copy, forks,
and the child isolates itself (:mod:`autograder.engine.sandbox`) before it runs a
single line of the student's code. The child therefore starts from the same
untouched state every time, and no state crosses from one student to the next.

The worker sends the cells one at a time with a fresh random token and waits
for the matching reply (:mod:`autograder.engine.cellrun` runs it). A test cell's
source reaches the child only when it is about to run, so student code can
neither read hidden tests in advance nor pre-write a reply. A cell that runs
past ``cell_timeout`` is interrupted in the child; a child that ignores that is
killed, as is one that exceeds the size of output it may send. Cells that never
ran get an error output saying why, so their tests score 0.
"""
from __future__ import annotations

import gc
import json
import os
import secrets
import select
import shutil
import signal
import struct
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import sandbox
from .sandbox import Limits

GRACE = 5.0                       # seconds past cell_timeout before the child is killed
MAX_MESSAGE = 64 * 1024 * 1024    # largest reply accepted from a child
PR_SET_PDEATHSIG = 1


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


def _send(fd: int, message: dict) -> None:
    """One framed message: its length (4 bytes, big-endian), then its JSON."""
    data = json.dumps(message).encode()
    view = memoryview(struct.pack(">I", len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _recv(fd: int, deadline: float | None = None) -> dict | None:
    """One framed message; None at end of file; TimeoutError past ``deadline``."""
    def read(n: int) -> bytes:
        chunks, left = [], n
        while left:
            if deadline is not None:
                wait = deadline - time.monotonic()
                if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                    raise TimeoutError
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    try:
        (size,) = struct.unpack(">I", read(4))
        if size > MAX_MESSAGE:
            raise ValueError(f"the notebook sent {size} bytes of output for one cell")
        return json.loads(read(size))
    except EOFError:
        return None


def _until_closed(fd: int, deadline: float) -> None:
    """Wait (until ``deadline`` at most) for the other end of ``fd`` to close; what comes is dropped."""
    while (wait := deadline - time.monotonic()) > 0 and select.select([fd], [], [], wait)[0]:
        if not os.read(fd, 1 << 16):
            return


def _pdeathsig() -> None:
    import ctypes

    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class WarmExecutor:
    """Runs notebooks for nbgrader (see :class:`autograder.engine.worker.SandboxExecute`)."""

    def __init__(self, mode: str, limits: Limits, hidden: list[Path], workspace: Path,
                 sandbox_uid: int = 65534, preload: tuple[str, ...] = ("pandas", "satisfaction")):
        import importlib

        for module in preload:  # warm imports, shared by every fork
            importlib.import_module(module)
        from .cellrun import make_shell
        from .guard import ON_THE_WAY, Guard
        from .warm import exercise

        self.mode, self.limits, self.uid = sandbox.resolve_mode(mode), limits, sandbox_uid
        self.hidden, self.workspace = [Path(p) for p in hidden], Path(workspace)
        self.shell = make_shell()
        exercise(self.shell)
        self.guard = Guard(extra=ON_THE_WAY)
        # Everything made so far lives as long as the worker: the collector need not look at it
        # again, and no fork's collection touches (and so copies) its memory pages.
        gc.freeze()

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

    def _run(self, nb, copy: Path) -> ExecReport:
        down_r, down_w = os.pipe()
        up_r, up_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child; coverage cannot follow it
            self._child(down_r, up_w, copy)
        os.close(down_r)
        os.close(up_w)
        report = ExecReport()
        try:
            self._drive(nb, down_w, up_r, report)
            os.close(down_w)
            down_w = None
            _until_closed(up_r, time.monotonic() + 1)  # no more cells: the child ends by itself
        finally:
            for fd in (down_w, up_r):
                if fd is not None:
                    os.close(fd)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            usage = os.wait4(pid, 0)[2]
            report.cpu_seconds = usage.ru_utime + usage.ru_stime
            report.faults = usage.ru_minflt
        return report

    def _drive(self, nb, down: int, up: int, report: ExecReport) -> None:
        cells = [c for c in nb.cells if c.cell_type == "code"]
        for cell in cells:
            cell.outputs, cell.execution_count = [], None
        stop = None
        try:
            ready = _recv(up, time.monotonic() + 60)
            if not ready or "sandbox" in ready:
                stop = (ready or {}).get("sandbox", "the grading process ended before it was ready")
        except (TimeoutError, ValueError):
            stop = "the grading process did not start"
        for n, cell in enumerate(cells):
            if stop:
                break
            token = secrets.token_hex(16)
            try:
                _send(down, {"source": cell.source, "kind": cell_kind(cell), "token": token})
                reply = _recv(up, time.monotonic() + self.limits.cell_timeout + GRACE)
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

    def _child(self, down: int, up: int, copy: Path) -> None:  # pragma: no cover
        code = 0
        try:
            gc.freeze()  # the worker's objects are not the notebook's: its collections need not visit them
            os.dup2(down, 3)
            os.dup2(up, 4)
            os.closerange(5, 65536)
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            _pdeathsig()
            os.chdir(copy)
            try:
                sandbox.enter(self.mode, self.hidden + [self.workspace], self.limits, self.uid)
                _pdeathsig()
            except (sandbox.SandboxError, OSError) as exc:
                _send(4, {"sandbox": f"{type(exc).__name__}: {exc}"})
                os._exit(3)
            self._serve()
        except BaseException:  # noqa: BLE001 - the child must never return into the worker
            code = 1
        os._exit(code)

    def _serve(self) -> None:  # pragma: no cover - runs in the child
        from .cellrun import run_cell

        self.guard.seal()
        runner = os.getpid()
        _send(4, {"ready": True})
        while (message := _recv(3)) is not None:
            reply = run_cell(self.shell, self.guard, message, self.limits.cell_timeout,
                             self.limits.output_kb * 1024)
            if os.getpid() != runner:  # a copy the notebook forked: it must not answer for the runner
                os._exit(0)
            reply["token"] = message["token"]
            _send(4, reply)


def _stopped(reason: str):
    return nbformat.v4.new_output("error", ename="NotebookStopped", evalue=reason,
                                  traceback=[f"NotebookStopped: {reason}"])
