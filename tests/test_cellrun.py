"""autograder.engine.cellrun: cells run as a kernel runs them; a test cell's score is its own.

Each test makes the grading shell in a forked child (a shell is one per process)."""
from __future__ import annotations

from corpus.fixture import forked

TEST = "test"


def run(cells: list[tuple[str, str]]) -> list[dict]:
    """Run (kind, source) cells in a fresh grading shell; returns each cell's reply."""
    def probe():
        from autograder.engine.cellrun import make_shell, run_cell
        from autograder.engine.guard import ON_THE_WAY, Guard

        shell = make_shell()
        guard = Guard(extra=ON_THE_WAY)
        return [run_cell(shell, guard, {"source": source, "kind": kind}, 30, 10_000) for kind, source in cells]

    found = forked(probe)
    assert not isinstance(found, dict), found
    return found


def shown(reply: dict) -> list:
    return [(o["output_type"], o.get("text") or o.get("data", {}).get("text/plain") or o.get("ename"))
            for o in reply["outputs"]]


def test_a_partial_score_is_shown_as_a_pristine_kernel_shows_it():
    replies = run([
        ("locked", "def score(right, points):\n    return round(points * right / 4, 2)"),
        ("answer", "get_ipython().display_formatter.formatters['text/plain'].for_type(\n"
                   "    float, lambda v, p, c: p.text('3.0'))\n0.25"),
        (TEST, "score(2, 3)"),
        (TEST, "score(4, 3)"),
        ("answer", "0.25"),
    ])
    assert shown(replies[1]) == [("execute_result", "3.0")]  # the notebook's own cells as it asks
    assert shown(replies[2]) == [("execute_result", "1.5")] and shown(replies[3]) == [("execute_result", "3.0")]
    assert replies[2]["execution_count"] == 3


def test_a_test_that_raises_keeps_no_displayed_score_and_shows_no_source():
    replies = run([
        ("answer", "import sys\ndef answer():\n    sys.displayhook(3.0)\n    return 1"),
        (TEST, "assert answer() == 2, 'answer() should be 2'\n0.0"),
        (TEST, "answer()\n0.5"),
    ])
    assert shown(replies[1]) == [("error", "AssertionError")] and replies[1]["error"]
    assert "answer() == 2" not in str(replies[1]["outputs"])
    assert shown(replies[2]) == [("execute_result", "0.5")]  # one score: the cell's last expression


def test_output_of_an_answer_cell_is_kept_up_to_the_limit():
    replies = run([("answer", "for i in range(200_000):\n    print(i)\nimport sys\nprint('late', file=sys.stderr)")])
    outputs = replies[0]["outputs"]
    assert [o["name"] for o in outputs] == ["stdout", "stderr"]  # error text was cut: the note says so there
    assert outputs[0]["text"].startswith("0\n1\n2\n") and len(outputs[0]["text"]) == 10_000
    assert "output truncated" in outputs[1]["text"] and not replies[0]["error"]


def test_a_process_that_had_a_shell_gets_a_clean_one():
    """Grading started from a notebook's kernel, a Python prompt or after a doctest forks a process
    that already has a shell (perhaps mid-display) or ``builtins._``; the grading shell must start
    clean, each result stored in ``_`` as a kernel stores it."""
    def probe():
        import builtins
        import sys

        from IPython.core.interactiveshell import InteractiveShell

        from autograder.engine.cellrun import make_shell

        old = InteractiveShell.instance()
        old.display_trap._nested_level = 1  # as inside a running cell
        sys.displayhook = print
        sys.__displayhook__(None)
        builtins._ = None  # as Python's own display hook (a REPL, doctest) leaves it
        shell = make_shell()
        shell.run_cell("41 + 1", store_history=True)
        return {"new": shell is not old, "last": shell.user_ns.get("_")}

    assert forked(probe) == {"new": True, "last": 42}
