"""While a test cell runs, nothing of the notebook's may run beside it.

A test cell reads the notebook's answers; it must not give the notebook a
chance to run code of its own while it does, or that code could undo what
:mod:`autograder.engine.guard` and :mod:`autograder.engine.shellguard` just
put back (register a ``text/plain`` printer, display a made-up score). Code
can slip in through:

* threads and processes the notebook started: a test cell is refused while
  they run (processes are stopped first);
* signal handlers and interval timers (``SIGPROF`` every millisecond): the
  handlers are put back as they were and the timers stopped;
* the garbage collector: its callbacks, and finalizers (``__del__``, weakref
  callbacks) of objects that die during the test. Collection is off from before
  the guards run until the test is over, and every value the guards replace is
  kept alive until the next cell;
* audit hooks, trace and profile functions: :func:`refuse_hooks`, run in the
  sandboxed child before the notebook's first cell, makes ``sys.addaudithook``,
  ``sys.settrace`` and ``sys.setprofile`` fail, and so swapping a function's
  ``__code__`` or the defaults of the functions the guard watches (so it need
  not look at them again before every test).
"""
from __future__ import annotations

import _signal
import gc
import os
import signal
import sys
import types

#: Interval timers besides ITIMER_REAL (the cell's own time limit).
_TIMERS = (signal.ITIMER_VIRTUAL, signal.ITIMER_PROF)


def _refuse(event, args, _error=RuntimeError, _function=types.FunctionType, _protected=frozenset(), _me=None):
    # Only literals, arguments and defaults: nothing here looks up a name the notebook could rebind.
    if event == "sys.addaudithook" or event == "sys.settrace" or event == "sys.setprofile":
        raise _error(f"{event} is not available while the notebook is graded")
    if event == "object.__setattr__" and args[0].__class__ is _function and (
            args[1] == "__code__" or (args[0] is _me or args[0] in _protected)
            and args[1] in ("__defaults__", "__kwdefaults__")):
        raise _error(f"changing a function's {args[1]} is not allowed while the notebook is graded")


def refuse_hooks(protected: frozenset = frozenset()) -> None:
    """From now on in this process: no audit hook, trace or profile function, no swapped function
    body, and no new defaults for the ``protected`` functions (the guarded modules' own)."""
    sys.settrace(None)
    sys.setprofile(None)
    hook = types.FunctionType(_refuse.__code__, {"__builtins__": {}}, "_refuse")
    hook.__defaults__ = (RuntimeError, types.FunctionType, protected, hook)  # itself protected too
    sys.addaudithook(hook)


class Stillness:
    """The process's signal handlers as they were when the warm shell was made."""

    def __init__(self):
        self.handlers = {}
        for signum in signal.valid_signals():
            try:
                handler = _signal.getsignal(signum)
            except (OSError, ValueError):
                continue
            if handler is not None:
                self.handlers[int(signum)] = handler
        self.gc_enabled = gc.isenabled()
        self.mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])

    def begin(self, keep: list) -> None:
        """Before a test cell's guards run: garbage collected, collector off, handlers and timers back."""
        keep.append(list(gc.callbacks))
        gc.callbacks.clear()
        gc.disable()  # no collection (and so no finalizer of the notebook's garbage) until the test is over
        for timer in _TIMERS:
            signal.setitimer(timer, 0)
        signal.pthread_sigmask(signal.SIG_SETMASK, self.mask)
        for signum, handler in self.handlers.items():  # _signal: no enum conversion, 60 times over
            if _signal.getsignal(signum) is not handler:
                keep.append(_signal.getsignal(signum))
                _signal.signal(signum, handler)

    def end(self) -> None:
        """After the test cell (its outputs are taken): the collector as it was."""
        if self.gc_enabled:
            gc.enable()


def others_running() -> str | None:
    """Why a test cell must not run now: other threads or processes of the notebook's."""
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
