"""Run a notebook's code cells in an IPython shell and record kernel-style outputs.

This runs inside the sandboxed child (see :mod:`autograder.engine.executor`). The shell
is made once in the warm grading process, with matplotlib's inline backend, so
each child starts from an identical, untouched copy. Outputs are recorded the
way a Jupyter kernel would send them (stream, display_data, execute_result,
error) so nbgrader scores them exactly as after its own Execute step.

What decides a test cell's outcome is whether running it raised, as seen by
this loop, not what the cell printed or displayed: a notebook that silences
tracebacks, replaces ``sys.excepthook`` or prints a fake "passed" message gets
an error output all the same. Before every test cell the :class:`Guard` puts
back what student code may have monkeypatched.
"""
from __future__ import annotations

import signal
import sys

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell

from .guard import PLAIN, Guard, PlainValues, require_plain
from .shellguard import ShellState


class CellTimeoutError(BaseException):
    """A cell ran longer than ``cell_timeout`` (BaseException: ``except Exception`` does not stop it)."""


class Recorder:
    """Collects one cell's outputs; text beyond ``limit`` characters is cut."""

    def __init__(self):
        self.outputs: list[dict] = []
        self.limit, self.used, self.cut = 0, 0, 0

    def begin(self, limit: int) -> list[dict]:
        self.outputs, self.limit, self.used, self.cut = [], limit, 0, 0
        return self.outputs

    def _take(self, text: str) -> str:
        room = max(self.limit - self.used, 0)
        kept = text[:room]
        self.used += len(kept)
        self.cut += len(text) - len(kept)
        return kept

    def stream(self, name: str, text: str) -> None:
        text = self._take(text)
        if not text:
            return
        last = self.outputs[-1] if self.outputs else None
        if last and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.outputs.append({"output_type": "stream", "name": name, "text": text})

    def data(self, output_type: str, data: dict, metadata: dict, count: int | None = None) -> None:
        size = sum(len(v) if isinstance(v, str) else len(str(v)) for v in data.values())
        if self.used + size > self.limit:
            self.cut += size
            return
        self.used += size
        output = {"output_type": output_type, "data": data, "metadata": metadata}
        if output_type == "execute_result":
            output["execution_count"] = count
        self.outputs.append(output)

    def finish(self) -> None:
        if self.cut:
            self.outputs.append({"output_type": "stream", "name": "stdout",
                                 "text": f"\n... output truncated: {self.cut} more characters not kept ...\n"})


class Stream:
    """sys.stdout / sys.stderr of the child: text goes to the recorder."""

    encoding, errors = "utf-8", "strict"

    def __init__(self, recorder: Recorder, name: str):
        self.recorder, self.name = recorder, name

    def write(self, text) -> int:
        text = str(text)
        self.recorder.stream(self.name, text)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _Publisher(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        self.shell.recorder.data("display_data", dict(data), dict(metadata or {}))

    def clear_output(self, wait=False):
        self.shell.recorder.outputs.clear()


class _Hook(DisplayHook):
    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        self.shell.recorder.data("execute_result", dict(format_dict), dict(md_dict or {}),
                                 self.shell.execution_count)

    def finish_displayhook(self):
        pass


class GradingShell(InteractiveShell):
    """An InteractiveShell whose outputs land in ``self.recorder``."""

    def __init__(self, **kwargs):
        self.recorder = Recorder()
        super().__init__(**kwargs)

    displayhook_class = _Hook
    display_pub_class = _Publisher

    def enable_gui(self, gui=None):  # the inline backend needs no event loop
        pass

    def _showtraceback(self, etype, evalue, stb):
        self.recorder.outputs.append({"output_type": "error", "ename": etype.__name__,
                                      "evalue": str(evalue), "traceback": list(stb)})


def make_shell() -> GradingShell:
    """The warm shell (call once, before forking): inline figures, no history file."""
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "NoColor"
    shell = GradingShell.instance(config=config)
    shell.enable_matplotlib("inline")
    # Tracebacks as Python prints them: IPython's default "Context" mode inspects every frame
    # and costs tens of milliseconds per error, and an unanswered exercise raises in every answer.
    shell.InteractiveTB.set_mode("Plain")
    global _PRISTINE
    _PRISTINE = ShellState(shell)
    return shell


#: The shell as :func:`make_shell` left it (a module global, not an attribute the notebook's
#: ``get_ipython()`` would hand out).
_PRISTINE: ShellState | None = None


def _timeout(signum, frame):
    raise CellTimeoutError("the cell ran longer than the time limit and was stopped")


def _others_running() -> str | None:
    """Why a test cell must not run now: other threads or processes of the student's."""
    import os

    threads = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 1
    if threads > 1:
        return f"{threads - 1} background thread(s) started by the notebook were still running"
    if os.getpid() == 1:  # the init of the sandbox's own PID namespace: every other process is the student's
        others = [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) > 1]
        for pid in others:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if others:
            return f"{len(others)} process(es) started by the notebook were still running (now stopped)"
    return None


def _forget(shell: GradingShell, source: str) -> None:
    """Drop a test cell's source from the shell's history, so later cells cannot print it."""
    import linecache

    for name in ("In", "_ih"):
        history = shell.user_ns.get(name)
        if isinstance(history, list):
            history[:] = ["" if entry == source else entry for entry in history]
    for name in [n for n, v in shell.user_ns.items() if n.startswith("_i") and v == source]:
        shell.user_ns[name] = ""
    for key in [k for k in linecache.cache if k.startswith("<ipython-input")]:
        linecache.cache.pop(key, None)


def run_cell(shell: GradingShell, guard: Guard, cell: dict, cell_timeout: float, output_chars: int) -> dict:
    """Run one cell ({source, kind}); returns {outputs, execution_count, error}.

    ``kind`` is ``"test"`` (an autograded test cell: guarded, its source and
    traceback never kept), ``"locked"`` (a read-only instructor cell: the names
    it binds are guarded) or ``"answer"``.
    """
    state = _PRISTINE
    recorder = shell.recorder = state.attributes["recorder"]
    outputs = recorder.begin(output_chars)
    sys.stdout, sys.stderr = Stream(recorder, "stdout"), Stream(recorder, "stderr")
    test = cell["kind"] == "test"
    refused, hidden = _others_running() if test else None, None
    if test:
        try:
            hidden = guard.restore(shell.user_ns)
            state.restore(shell)
        except Exception as exc:  # noqa: BLE001 - something the notebook did cannot be undone
            refused = f"the notebook changed the grader's tools beyond repair ({type(exc).__name__}: {exc})"
        plain = PlainValues()
        shell.ast_transformers.append(plain)  # every value the test reads must be a plain one
        shell.user_ns[PLAIN] = require_plain
    before = dict(shell.user_ns) if cell["kind"] == "locked" else None
    count = shell.execution_count
    signal.signal(signal.SIGALRM, _timeout)
    signal.setitimer(signal.ITIMER_REAL, cell_timeout)
    error = None
    try:
        if refused:
            shell.execution_count += 1
            error = RuntimeError(f"tests not run: {refused}")
        else:
            result = shell.run_cell(cell["source"], store_history=True)
            error = result.error_before_exec or result.error_in_exec
    except BaseException as exc:  # a timeout landing outside the student's code
        error = exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if test:
        if plain in shell.ast_transformers:
            shell.ast_transformers.remove(plain)
        shell.user_ns.pop(PLAIN, None)
        guard.give_back(shell.user_ns, hidden or {})
        _forget(shell, cell["source"])
        # Keep the test's message, never its source lines (they may quote hidden tests).
        outputs[:] = [o for o in outputs if o["output_type"] != "error"]
    if before is not None:
        guard.remember_locked(shell.user_ns, before)
    if error is not None and not any(o["output_type"] == "error" for o in outputs):
        outputs.append({"output_type": "error", "ename": type(error).__name__, "evalue": str(error),
                        "traceback": [f"{type(error).__name__}: {error}"]})
    recorder.finish()
    for output in outputs:
        if output["output_type"] == "execute_result":
            output["execution_count"] = count
    return {"outputs": list(outputs), "execution_count": count, "error": error is not None,
            "timed_out": isinstance(error, CellTimeoutError)}
