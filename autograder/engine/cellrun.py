"""Run a notebook's code cells in an IPython shell and record kernel-style outputs.

This runs inside the sandboxed child (see :mod:`autograder.engine.executor`). The shell
is made once in the warm grading process, with matplotlib's inline backend (set up
now, or on the notebook's first figure as in a kernel: :mod:`autograder.engine.figures`), so
each child starts from an identical, untouched copy. Outputs are recorded the
way a Jupyter kernel would send them (:mod:`autograder.engine.capture`) so
nbgrader scores them exactly as after its own Execute step.

What decides a test cell's outcome is whether running it raised, as seen by
this loop, not what the cell printed or displayed: a notebook that silences
tracebacks, replaces ``sys.excepthook`` or prints a fake "passed" message gets
an error output all the same. Before every test cell nothing of the notebook's
may still be running (:mod:`autograder.engine.quiesce`), and the :class:`Guard`
and :class:`ShellState` put back what student code may have changed. A test
cell's partial score is the number its last expression displays: that number is
written by this loop (``repr``, as a pristine kernel shows it), and a test cell
that raised keeps no displayed result.
"""
from __future__ import annotations

import builtins
import contextlib
import signal
import sys

from IPython.core.interactiveshell import InteractiveShell

from . import figures
from .capture import Hook, Publisher, Recorder, Stream
from .guard import Guard
from .plain import PLAIN, PlainValues, require_plain
from .quiesce import Stillness, others_running
from .shellguard import ShellState


class CellTimeoutError(BaseException):
    """A cell ran longer than ``cell_timeout`` (BaseException: ``except Exception`` does not stop it)."""


class GradingShell(InteractiveShell):
    """An InteractiveShell whose outputs land in ``self.recorder``."""

    def __init__(self, **kwargs):
        self.recorder = Recorder()
        super().__init__(**kwargs)

    displayhook_class = Hook
    display_pub_class = Publisher

    def enable_gui(self, gui=None):  # the inline backend needs no event loop
        pass

    def _tee(self, channel):
        """IPython keeps a copy of everything printed in its history (unbounded); the recorder has it."""
        return contextlib.nullcontext()

    def should_run_async(self, raw_cell, *, transformed_cell=None, preprocessing_exc_tuple=None):
        # IPython compiles every cell once more to look for a top-level ``await``; a cell that
        # does not contain the word cannot have one.
        if "await" not in raw_cell and "async" not in raw_cell:
            return False
        return super().should_run_async(raw_cell, transformed_cell=transformed_cell,
                                        preprocessing_exc_tuple=preprocessing_exc_tuple)

    def _format_exception_for_storage(self, exception, filename=None, running_compiled_code=False):
        # IPython 9 formats every error a second time, for a history of outputs nobody reads here.
        return {"ename": type(exception).__name__, "evalue": "", "traceback": []}

    def showtraceback(self, *args, **kwargs):
        if not self.recorder.test:  # a test's traceback is never kept (see run_cell): not even formatted
            super().showtraceback(*args, **kwargs)

    def _showtraceback(self, etype, evalue, stb):
        self.recorder.error(etype.__name__, str(evalue), list(stb))


def make_shell(figures_now: bool | None = None) -> GradingShell:
    """The warm shell (call once, before forking): inline figures, no history file.

    ``figures_now``: matplotlib's inline backend set up now (it is imported); else as a kernel
    sets it up, on the notebook's first figure (:mod:`autograder.engine.figures`). By default,
    now when matplotlib is already imported."""
    from traitlets.config import Config

    # A new shell even where the process had one (grading started from a notebook's kernel, a
    # test): an inherited shell's state (its display trap, hooks, namespace) is not a clean start.
    InteractiveShell.clear_instance()  # a kernel's or a plain shell
    GradingShell.clear_instance()
    sys.displayhook = sys.__displayhook__
    # Python's own display hook (a REPL, doctest) leaves ``builtins._``, and IPython then never
    # stores a cell's result in ``_``: a kernel starts without it.
    vars(builtins).pop("_", None)
    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    shell = GradingShell.instance(config=config)
    if "matplotlib" in sys.modules if figures_now is None else figures_now:  # its backend chosen then
        shell.enable_matplotlib("inline")
    else:
        figures.on_first_use(shell)
    # Tracebacks as Python prints them: IPython's default "Context" mode inspects every frame
    # and costs tens of milliseconds per error, and an unanswered exercise raises in every answer.
    shell.InteractiveTB.set_mode("Plain")
    global _PRISTINE, _STILL
    _PRISTINE, _STILL = ShellState(shell), Stillness()
    return shell


#: The shell and the process as :func:`make_shell` left them (module globals, not attributes
#: the notebook's ``get_ipython()`` would hand out).
_PRISTINE: ShellState | None = None
_STILL: Stillness | None = None
#: What the guards replaced before the last test cell, kept alive until the next cell starts.
_KEPT: list = []


def _timeout(signum, frame):
    raise CellTimeoutError("the cell ran longer than the time limit and was stopped")


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
    state, test = _PRISTINE, cell["kind"] == "test"
    _KEPT.clear()  # what the previous test cell kept alive may go now
    refused = hidden = plain = None
    if test:
        _STILL.begin(_KEPT)
        refused = others_running()
        try:
            hidden = guard.restore(shell.user_ns, _KEPT)
            state.restore(shell, _KEPT)
        except Exception as exc:  # noqa: BLE001 - something the notebook did cannot be undone
            refused = f"the notebook changed the grader's tools beyond repair ({type(exc).__name__}: {exc})"
        plain = PlainValues()
        shell.ast_transformers.append(plain)  # every value the test reads must be a plain one
        shell.user_ns[PLAIN] = require_plain
    recorder = shell.recorder = state.attributes["recorder"]
    recorder.begin(output_chars, test)
    sys.stdout, sys.stderr = Stream(recorder, "stdout"), Stream(recorder, "stderr")
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
    outputs = recorder.finish()
    if test:
        if plain in shell.ast_transformers:
            shell.ast_transformers.remove(plain)
        shell.user_ns.pop(PLAIN, None)
        guard.give_back(shell.user_ns, hidden or {})
        _forget(shell, cell["source"])
        # Keep the test's message, never its source lines (they may quote hidden tests); a score is
        # the one value the cell's last expression displayed, and only when the cell raised nothing.
        results = [o for o in outputs if o["output_type"] == "execute_result"]
        score = results[-1] if results and error is None else None
        outputs[:] = [o for o in outputs if o["output_type"] not in ("error", "execute_result") or o is score]
    if before is not None:
        guard.remember_locked(shell.user_ns, before)
    if error is not None and not any(o["output_type"] == "error" for o in outputs):
        outputs.append({"output_type": "error", "ename": type(error).__name__, "evalue": str(error),
                        "traceback": [f"{type(error).__name__}: {error}"]})
    for output in outputs:
        if output["output_type"] == "execute_result":
            output["execution_count"] = count
    if test:
        _STILL.end()
    return {"outputs": list(outputs), "execution_count": count, "error": error is not None,
            "timed_out": isinstance(error, CellTimeoutError)}
