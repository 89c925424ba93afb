"""autograder.engine.figures: a notebook's figures shown as a Jupyter kernel shows them, whether the
runner imported matplotlib before the notebook ran or the notebook's first figure loads it.

Each way runs in a new interpreter, as the runner does: a process that has already imported
matplotlib has chosen its backend, and the grading shell then sets the inline one up at once."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import nbformat
from nbclient import NotebookClient

#: (kind, source): matplotlib first imported by an answer, figures drawn before, in and after a
#: test cell (the shell is put back before it), and a Figure shown as a cell's value.
CELLS = [
    ("answer", "x = 1"),
    ("answer", "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.title('c = b / a')"),
    ("test", "plt.figure()\nplt.bar(['a', 'b'], [1, 2])\n1.0"),
    ("answer", "plt.plot([3, 1]);"),
    ("answer", "from matplotlib.figure import Figure\nfigure = Figure()\nfigure.subplots().plot([1, 2])\nfigure"),
]


def summary(outputs: list[dict]) -> list:
    """Each output's type, its kinds of data, its text and the size of its PNG (0 if none)."""
    return [[o["output_type"], sorted(o.get("data", {})), o.get("data", {}).get("text/plain"),
             len(o.get("data", {}).get("image/png", ""))] for o in outputs]


def ours(figures_now: bool) -> dict:
    """The cells run by the grading shell in a new interpreter, with what the runner always
    preloads (numpy and pandas, on one thread) and not matplotlib unless ``figures_now``."""
    script = textwrap.dedent(f"""
        import json, os, sys
        os.environ.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        from autograder.engine.cellrun import make_shell, run_cell
        from autograder.engine.guard import ON_THE_WAY, Guard
        from autograder.engine.runner import preload_module

        for name in ("numpy", "pandas", *(["matplotlib.pyplot"] if {figures_now!r} else [])):
            preload_module(name)
        shell = make_shell(figures_now={figures_now!r})
        imported = "matplotlib.pyplot" in sys.modules
        guard = Guard(extra=ON_THE_WAY)
        replies = [run_cell(shell, guard, {{"source": source, "kind": kind}}, 60, 100_000)
                   for kind, source in {CELLS!r}]
        print(json.dumps({{"imported": imported, "outputs": [r["outputs"] for r in replies]}}), file=sys.__stdout__)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def kernel() -> list[list[dict]]:
    """The same cells run by a Jupyter kernel (with the backend ipykernel chooses, as nbgrader's)."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for _, source in CELLS])
    env = {name: value for name, value in os.environ.items() if name != "MPLBACKEND"}  # the tests' Agg
    NotebookClient(nb, kernel_name="python3", timeout=120).execute(env=env)
    return [[dict(o) for o in cell.outputs] for cell in nb.cells]


def test_figures_are_shown_as_a_kernel_shows_them_without_matplotlib_imported_before():
    lazy, eager, theirs = ours(figures_now=False), ours(figures_now=True), kernel()
    assert lazy["imported"] is False and eager["imported"] is True
    expected = [summary(outputs) for outputs in theirs]
    assert [summary(outputs) for outputs in lazy["outputs"]] == expected
    assert [summary(outputs) for outputs in eager["outputs"]] == expected
    images = [o["data"]["image/png"] for outputs in lazy["outputs"] for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 4  # before, in and after the test cell, and the Figure shown as a value
    assert images == [o["data"]["image/png"] for outputs in theirs for o in outputs if "image/png" in o.get("data", {})]
