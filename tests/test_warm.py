"""autograder.engine.warm: first-use work done once, before the fork, and nothing of it left behind."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import nbformat

from corpus.fixture import ASSIGNMENT, forked, frozen_course


def test_warming_the_shell_leaves_the_notebook_a_fresh_start():
    """A notebook graded after the warm-up sees what a new kernel shows: no names of the
    warm-up's, the first cell numbered 1, its first figure numbered 1."""
    def probe():
        from autograder.engine.cellrun import make_shell
        from autograder.engine.warm import exercise

        shell = make_shell()
        before = sorted(shell.user_ns)
        exercise(shell)
        shell.run_cell("import matplotlib.pyplot as plt\nnumber = plt.figure().number", store_history=True)
        return {"names": sorted(set(before) ^ set(shell.user_ns)), "count": shell.execution_count,
                "figure": shell.user_ns["number"]}

    assert forked(probe) == {"names": ["_i", "_i1", "_ii", "_iii", "number", "plt"], "count": 2, "figure": 1}


def test_the_feedback_pages_highlighter_is_made_ready_before_the_workers_fork(tmp_path):
    """Each worker would otherwise compile the highlighter's patterns for its first page (tens of
    milliseconds each): the warm-up uses the language of the assignment's released notebooks.
    Checked in a new interpreter, where nothing has highlighted code yet."""
    course = frozen_course(tmp_path, ["s001"])
    released = nbformat.read(course.path("release", ASSIGNMENT, f"{ASSIGNMENT}.ipynb"), as_version=4)
    info = released.metadata.get("language_info", {})
    language = info.get("pygments_lexer", info.get("name"))
    assert language == "python"  # what nbconvert highlights these pages with (not its default, ipython3)
    script = textwrap.dedent(f"""
        import json
        from pygments.lexers import find_lexer_class_by_name
        from autograder.course import Course
        from autograder.engine import pool, worker

        pool.lean_nbgrader()
        course = Course({str(course.root)!r})
        ready = lambda: "_tokens" in vars(find_lexer_class_by_name({language!r}))
        before = ready()
        worker.warm_up(str(course.root), course.settings()["grading"], {ASSIGNMENT!r})
        print(json.dumps([before, ready()]))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == [False, True]


def test_what_every_feedback_page_shares_is_rendered_once_before_the_workers_fork(tmp_path):
    """Instructions, read-only and test cells are the same on every student's page: the warm-up
    renders the released notebook, so no worker renders them again for its first student (its
    first page cost three times the next one's). Checked in a new interpreter."""
    course = frozen_course(tmp_path, ["s001"])
    script = textwrap.dedent(f"""
        import json
        import nbformat
        from autograder.course import Course
        from autograder.engine import feedback, pool, worker

        pool.lean_nbgrader()
        course = Course({str(course.root)!r})
        worker.warm_up(str(course.root), course.settings()["grading"], {ASSIGNMENT!r})
        released = nbformat.read(course.path("release", {ASSIGNMENT!r}, "{ASSIGNMENT}.ipynb"), as_version=4)
        [exporter] = feedback._EXPORTERS.values()
        [highlighter] = exporter._highlighters.values()
        markdown = [c.source for c in released.cells if c.cell_type == "markdown"]
        code = [c for c in released.cells if c.cell_type == "code"]
        misses = highlighter._remembered.cache_info().misses
        for cell in code:  # as the template asks for each cell's input
            highlighter(cell.source, metadata=cell.metadata)
        print(json.dumps([len(markdown), sum(s in exporter._markdown for s in markdown),
                          len(code), highlighter._remembered.cache_info().misses - misses]))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    markdown, remembered, code, highlighted_again = json.loads(done.stdout.splitlines()[-1])
    assert markdown > 3 and code > 3
    assert (remembered, highlighted_again) == (markdown, 0)
