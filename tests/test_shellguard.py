"""autograder.engine.shellguard: the shell and its display put back as they were made.

Each test makes the grading shell in a forked child (a shell is one per process)."""
from __future__ import annotations

from corpus.fixture import forked


def _shell():
    from autograder.engine.cellrun import make_shell
    from autograder.engine.shellguard import ShellState

    shell = make_shell()
    return shell, ShellState(shell)


def test_number_display_comes_back_after_printers_precision_and_swapped_formatters():
    def probe():
        from IPython.core.formatters import PlainTextFormatter

        shell, state = _shell()
        pristine = shell.display_formatter.format(1.5)
        formatter = shell.display_formatter
        plain = formatter.formatters["text/plain"]
        plain.for_type(float, lambda value, printer, cycle: printer.text("3.0"))
        plain.for_type(int, lambda value, printer, cycle: printer.text("3"))
        shell.run_line_magic("precision", "0")
        plain.observe(lambda change: None, "float_format")
        formatter.ipython_display_formatter.for_type(float, lambda value: True)
        plain.__class__ = type("Maximum", (PlainTextFormatter,), {"__call__": lambda self, obj: "3.0"})
        forged = shell.display_formatter.format(1.5)
        formatter.formatters["text/html"] = None
        shell.display_formatter = None
        shell.ast_node_interactivity = "none"
        keep = []
        state.restore(shell, keep)
        return {"pristine": pristine, "forged": forged, "restored": shell.display_formatter.format(1.5),
                "int": shell.display_formatter.format(7), "interactivity": shell.ast_node_interactivity,
                "observers": len(plain._trait_notifiers.get("float_format", {}).get("change", [])),
                "kept": len(keep) > 0}

    found = forked(probe)
    assert found.get("error") is None, found
    assert found["pristine"] == [{"text/plain": "1.5"}, {}] and found["forged"] == [{}, {}]
    assert found["restored"] == found["pristine"] and found["int"] == [{"text/plain": "7"}, {}]
    assert found["interactivity"] == "last_expr" and found["observers"] == 0 and found["kept"]


def test_display_hook_trap_and_history_come_back_but_their_data_stays():
    def probe():
        import sys

        shell, state = _shell()
        shell.run_cell("41 + 1", store_history=True)
        hook = shell.displayhook
        hook.quiet = lambda: True
        hook.compute_format_data = lambda result: ({"text/plain": "3.0"}, {})
        shell.display_trap._nested_level = 1
        shell.history_manager.input_hist_parsed = ["x;"]
        sys.displayhook = print
        state.restore(shell, [])
        return {"hook_overrides": sorted(k for k in ("quiet", "compute_format_data") if k in vars(hook)),
                "nested": shell.display_trap._nested_level, "last": shell.user_ns["_"],
                "history": shell.history_manager.input_hist_parsed[-1], "sys": sys.displayhook is not print}

    found = forked(probe)
    assert found.get("error") is None, found
    assert found == {"hook_overrides": [], "nested": 0, "last": 42, "history": "41 + 1", "sys": True}
