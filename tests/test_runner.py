"""autograder.engine.runner: student code runs with a fresh interpreter's warning filters; the
runner preloads what the assignment's notebooks import."""
from __future__ import annotations

import subprocess
import sys
import warnings

import nbformat

from autograder.engine.runner import fresh_warnings, imported_packages, preload_for
from corpus.fixture import ASSIGNMENT, frozen_course

SHOWN = ("[(action, getattr(message, 'pattern', message), category.__name__, getattr(module, 'pattern', module))"
         " for action, message, category, module, _line in warnings.filters]")


def test_the_grading_process_filters_do_not_reach_the_students_code():
    fresh = subprocess.run([sys.executable, "-c", f"import warnings; print({SHOWN})"],
                           capture_output=True, text=True, env={}, check=True).stdout.strip()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("error")  # as a test run (or a teacher's script) may have it
        fresh_warnings()
        assert repr(eval(SHOWN)) == fresh
        warnings.warn("more than 20 figures", RuntimeWarning)  # shown, not raised
    assert [str(w.message) for w in caught] == ["more than 20 figures"]


def test_the_packages_a_notebook_imports_are_found_line_by_line():
    sources = ["import matplotlib.pyplot as plt, numpy as np\nfrom pandas import Series\n    import os.path",
               "from . import local\nx = 1  # import commented\ntext = 'import quoted'", "%matplotlib inline"]
    assert imported_packages(sources[:2]) == {"matplotlib", "numpy", "pandas", "os"}
    assert imported_packages(sources[2:]) == {"matplotlib"}  # the magic imports it


def test_the_runner_preloads_matplotlib_only_for_an_assignment_that_plots(tmp_path):
    """Importing pyplot is a third of a second of every grading run; the modules the guard keeps
    for the tests (numpy, pandas, satisfaction) are preloaded whatever the notebooks import."""
    course = frozen_course(tmp_path, ["s001"])
    configured = course.settings()["grading"]["preload"]
    assert "matplotlib.pyplot" in configured
    assert preload_for(course, ASSIGNMENT, configured) == [m for m in configured if m != "matplotlib.pyplot"]
    assert preload_for(course, ASSIGNMENT, ["numpy", "scipy"]) == ["numpy"]
    path = course.path("source", ASSIGNMENT, f"{ASSIGNMENT}.ipynb")
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2])"))
    nbformat.write(nb, path)
    assert preload_for(course, ASSIGNMENT, configured) == configured
