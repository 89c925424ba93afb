"""The notebooks' side of grading: one warm process that forks a sandboxed child per submission.

The runner imports the notebooks' stack (of the course's ``preload``, what the
assignment's notebooks import and what the guard keeps for the tests: :func:`preload_for`;
pandas and ``satisfaction``, matplotlib for notebooks that plot), builds the IPython shell and
its guards once, and then waits for the grading workers' requests, each on its
own socket (:func:`serve`). For ``spawn`` it forks a child with two fresh pipes
and hands the worker the child's pid and its ends of the pipes; the child isolates
itself (:mod:`autograder.engine.sandbox`) before it runs a single line of the
student's code, then runs the cells the worker sends (:mod:`autograder.engine.cellrun`).
Every child starts from the same untouched state, and no state crosses from one
student to the next. For ``reap`` it stops that child and answers with the CPU
time it used.

The runner holds no gradebook and no nbgrader: it is a smaller process to fork
than the workers, and it warms up side by side with them.
"""
from __future__ import annotations

import gc
import importlib
import importlib.util
import json
import os
import re
import select
import signal
import socket
import warnings
from pathlib import Path

from ..course import REPO_SOURCE, Course
from . import channel, sandbox
from .collector import KERNEL_GC, collect_less
from .guard import GUARDED
from .sandbox import Limits


def hidden_paths(course: Course) -> list[Path]:
    """What a student's process must not see: the course, the instructor sources, the database."""
    repo = REPO_SOURCE.parent
    paths = [course.root, REPO_SOURCE, repo / "content", repo / "tests", repo / ".git",
             Path("/run/postgresql"), Path("/var/run/postgresql")]
    db = course.db_file()
    if db is not None and course.root not in db.parents:
        paths.append(db)
    return [p for p in paths if p.exists()]


#: A line that imports a package (``from a.b import c`` or ``import a.b as c, d``), and the magics
#: that import matplotlib.
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+([A-Za-z_]\w*)|import[ \t]+([^#;\n]+))", re.M)
_PLOT_MAGIC = re.compile(r"^[ \t]*%(?:matplotlib|pylab)\b", re.M)


def imported_packages(sources: list[str]) -> set[str]:
    """The top-level packages the code ``sources`` import, read line by line: the command's process
    reads them before it forks the runner, without IPython's parser (a cell may hold magics)."""
    found = set()
    for source in sources:
        for package, names in _IMPORT.findall(source):
            found.update([package] if package else [n.split()[0].split(".")[0] for n in names.split(",") if n.strip()])
        if _PLOT_MAGIC.search(source):
            found.add("matplotlib")
    return found


def preload_for(course: Course, assignment: str, configured: list[str]) -> list[str]:
    """The modules of ``configured`` (the course's ``preload``) worth importing before the
    assignment's notebooks run: those whose package the assignment's source notebooks import, and
    those the guard keeps for the tests (:data:`~.guard.GUARDED`: numpy, pandas, ``satisfaction``).
    A notebook that imports another one imports it itself, as in a kernel (matplotlib: a third of
    a second of every grading run's start, and 19 MB of the runner's 113 that every child's fork
    copies the page tables of). A source notebook that cannot be read: all of ``configured``."""
    sources = []
    try:
        for path in sorted(course.path("source", assignment).glob("*.ipynb")):
            cells = json.loads(path.read_text("utf-8")).get("cells", [])
            sources += ["".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code"]
    except (OSError, ValueError, AttributeError):
        return list(configured)
    wanted = imported_packages(sources) | {name.split(".")[0] for name in GUARDED}
    return [name for name in configured if name.split(".")[0] in wanted]


def preload_module(name: str) -> None:
    """Import ``name`` with the names it loads on first use: a package that loads them from its
    submodules when asked (a module ``__getattr__``, Scientific Python's SPEC 1, as ``satisfaction``)
    has each name in its ``__all__`` loaded now, once, rather than in every child. A submodule a
    package imports only when asked (numpy's ``f2py`` and ``testing``) is left to the notebook that
    uses it."""
    module = importlib.import_module(name)
    if "__getattr__" not in vars(module):
        return
    for attribute in getattr(module, "__all__", ()):
        if attribute not in vars(module) and not _is_submodule(module, attribute):
            getattr(module, attribute)


def _is_submodule(package, name: str) -> bool:
    try:
        return importlib.util.find_spec(f"{package.__name__}.{name}") is not None
    except (ImportError, ValueError):  # not a package
        return False


class Runner:
    """The warm shell and guard, and the children forked from them."""

    def __init__(self, mode: str, limits: Limits, hidden: list[Path], sandbox_uid: int = 65534,
                 preload: tuple[str, ...] = ("pandas", "satisfaction")):
        for name in preload:  # warm imports, shared by every fork
            preload_module(name)
        from .cellrun import make_shell
        from .guard import ON_THE_WAY, Guard
        from .warm import exercise

        self.mode, self.limits, self.uid = sandbox.resolve_mode(mode), limits, sandbox_uid
        self.hidden = [Path(p) for p in hidden]
        self.namespaces = sandbox.PidNamespaces()
        self.shell = make_shell()
        exercise(self.shell)
        self.guard = Guard(extra=ON_THE_WAY)
        # Everything made so far lives as long as the runner: the collector need not look at it
        # again, and no child's collection touches (and so copies) its memory pages.
        gc.freeze()

    def spawn(self, copy: Path) -> tuple[int, int, int]:
        """A child that will run a notebook in ``copy``: its pid, and the pipe ends that
        send it cells and read its replies."""
        down_r, down_w = os.pipe()
        up_r, up_w = os.pipe()
        pid = self.namespaces.fork() if self.mode == "root" else os.fork()
        if pid == 0:  # pragma: no cover - the child; coverage cannot follow it
            self._child(down_r, up_w, copy)
        os.close(down_r)
        os.close(up_w)
        return pid, down_w, up_r

    def _child(self, down: int, up: int, copy: Path) -> None:  # pragma: no cover
        code = 0
        try:
            gc.freeze()  # the runner's objects are not the notebook's: its collections need not visit them
            gc.set_threshold(*KERNEL_GC)  # the runner collects less often (GRADING_GC); a kernel does not
            os.dup2(down, 3)
            os.dup2(up, 4)
            os.closerange(5, 65536)
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            channel.die_with_parent()
            os.chdir(copy)
            try:
                sandbox.enter(self.mode, self.hidden + [copy.parent], self.limits, self.uid)
                channel.die_with_parent()
            except (sandbox.SandboxError, OSError) as exc:
                channel.send(4, {"sandbox": f"{type(exc).__name__}: {exc}"})
                os._exit(3)
            self._run_cells()
        except BaseException:  # noqa: BLE001 - the child must never return into the runner
            code = 1
        os._exit(code)

    def _run_cells(self) -> None:  # pragma: no cover - runs in the child
        from .cellrun import run_cell

        self.guard.seal()
        me = os.getpid()
        channel.send(4, {"ready": True})
        while (message := channel.receive(3)) is not None:
            reply = run_cell(self.shell, self.guard, message, self.limits.cell_timeout,
                             self.limits.output_kb * 1024)
            if os.getpid() != me:  # a copy the notebook forked: it must not answer for the child
                os._exit(0)
            reply["token"] = message["token"]
            channel.send(4, reply)

    @staticmethod
    def reap(pid: int) -> float:
        """Stop the child ``pid``; the CPU seconds it (and the processes it waited for) used."""
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        usage = os.wait4(pid, 0)[2]
        return usage.ru_utime + usage.ru_stime


def serve(runner: Runner, sockets: list[socket.socket]) -> None:
    """Answer the workers' requests until every worker has closed its socket."""
    open_sockets = list(sockets)
    while open_sockets:
        for sock in select.select(open_sockets, [], [])[0]:
            data = sock.recv(1 << 16)
            if not data:
                open_sockets.remove(sock)
                sock.close()
                continue
            request = json.loads(data)
            if "spawn" in request:
                pid, down_w, up_r = runner.spawn(Path(request["spawn"]))
                socket.send_fds(sock, [json.dumps({"pid": pid}).encode()], [down_w, up_r])
                os.close(down_w)
                os.close(up_r)
            else:
                sock.send(json.dumps({"cpu_seconds": runner.reap(request["reap"])}).encode())


#: The warning filters a fresh interpreter starts with (a kernel's), first match first.
FRESH_WARNINGS = (("default", DeprecationWarning, "__main__"), ("ignore", DeprecationWarning, ""),
                  ("ignore", PendingDeprecationWarning, ""), ("ignore", ImportWarning, ""),
                  ("ignore", ResourceWarning, ""))


def fresh_warnings() -> None:
    """Warnings as in a new kernel, whatever the grading process set (a test run's "error" filter
    would make a student's warning an exception, and the grade differ from nbgrader's)."""
    warnings.resetwarnings()
    for action, category, module in reversed(FRESH_WARNINGS):
        warnings.filterwarnings(action, category=category, module=module)


def run(settings: dict, hidden, sockets: list[socket.socket], others: list[socket.socket],
        parent: int) -> None:
    """The runner process (forked by :mod:`.pool`): warm up, then :func:`serve`. ``hidden``: the
    pipe end the paths the children must not see arrive on (:func:`hidden_paths`, read by the
    parent meanwhile); ``others``: sockets it inherited but does not use (the workers' ends)."""
    channel.die_with_parent()
    if os.getppid() != parent:
        return
    for sock in others:
        sock.close()
    collect_less()
    fresh_warnings()
    # NBGRADER_EXECUTION as nbgrader's Execute sets it for its kernels: a notebook can tell it is
    # being graded (the self-check stays silent then).
    os.environ.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", MPLBACKEND="agg",
                      NBGRADER_EXECUTION="autograde")
    limits = Limits(**{k: settings[k] for k in Limits.__dataclass_fields__})
    runner = Runner(settings["sandbox"], limits, [], settings["sandbox_uid"], tuple(settings["preload"]))
    runner.hidden = [Path(p) for p in hidden.recv()]  # sent while this process warmed up
    serve(runner, sockets)
