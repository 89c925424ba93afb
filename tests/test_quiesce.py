"""autograder.engine.quiesce: nothing of the notebook's runs beside a test cell.

Each test runs in a forked child: it changes the process's signal handlers, collector and audit hooks."""
from __future__ import annotations

from corpus.fixture import forked


def test_hooks_tracers_and_swapped_function_bodies_are_refused():
    def probe():
        import collections
        import sys

        from autograder.engine.quiesce import refuse_hooks

        refuse_hooks()
        found = {}
        called = []
        sys.addaudithook(lambda event, args: called.append(event))  # silently not added
        open(__file__).close()
        found["audit_hook_added"] = bool(called)
        for name, attempt in [("settrace", lambda: sys.settrace(lambda *a: None)),
                              ("setprofile", lambda: sys.setprofile(lambda *a: None)),
                              ("code", lambda: setattr(refuse_hooks, "__code__", (lambda: None).__code__))]:
            try:
                attempt()
                found[name] = "allowed"
            except RuntimeError as exc:
                found[name] = str(exc)
        found["namedtuple"] = collections.namedtuple("P", "a b", defaults=[1])(0).b  # sets __defaults__
        return found

    found = forked(probe)
    assert found.get("error") is None, found
    assert found["audit_hook_added"] is False and found["namedtuple"] == 1
    assert "sys.settrace is not available" in found["settrace"]
    assert "sys.setprofile is not available" in found["setprofile"]
    assert "__code__ is not allowed" in found["code"]


def test_signal_handlers_timers_and_the_collector_are_stilled_for_a_test():
    def probe():
        import gc
        import signal

        from autograder.engine.quiesce import Stillness

        still = Stillness()
        ran = []
        signal.signal(signal.SIGPROF, lambda *a: ran.append("signal"))
        signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
        gc.callbacks.append(lambda *a: ran.append("gc"))
        keep = []
        still.begin(keep)
        during = {"handler": signal.getsignal(signal.SIGPROF) is signal.SIG_DFL,
                  "timer": signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0),
                  "mask": signal.SIGALRM not in signal.pthread_sigmask(signal.SIG_BLOCK, []),
                  "gc": gc.isenabled(), "callbacks": len(gc.callbacks)}
        ran.clear()
        gc.collect()
        still.end()
        return {**during, "ran": ran, "gc_after": gc.isenabled()}

    found = forked(probe)
    assert found.get("error") is None, found
    assert found == {"handler": True, "timer": True, "mask": True, "gc": False, "callbacks": 0,
                     "ran": [], "gc_after": True}


def test_a_test_waits_for_no_thread_of_the_notebook():
    def probe():
        import threading

        from autograder.engine.quiesce import others_running

        before = others_running()
        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()
        during = others_running()
        stop.set()
        return {"before": before, "during": during}

    found = forked(probe)
    assert found["before"] is None and "1 background thread(s)" in found["during"]


def test_the_defaults_of_protected_functions_and_of_the_hook_cannot_change():
    def probe():
        import gc

        from autograder.engine import quiesce

        def guarded(x=1):
            return x

        quiesce.refuse_hooks(frozenset({guarded}))
        hook = next(f for f in gc.get_objects() if getattr(f, "__name__", "") == "_refuse" and f is not quiesce._refuse)
        found = {}
        for name, target in [("guarded", guarded), ("hook", hook)]:
            try:
                target.__defaults__ = (2,)
                found[name] = "changed"
            except RuntimeError:
                found[name] = "refused"
        def own(x=1):
            return x
        own.__defaults__ = (2,)  # the notebook's own functions are its business
        return {**found, "own": own()}

    assert forked(probe) == {"guarded": "refused", "hook": "refused", "own": 2}
