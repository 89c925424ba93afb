"""Reading an exercise's structure: names the tests need, the visible part, where the source is."""
from pathlib import Path

from autograder.selfcheck import notebook


def test_needed_names_leave_out_what_the_test_binds_and_builtins():
    tests = "import math\nassert isinstance(gaps, pd.Series)\nassert all(v > 0 for v in gaps)\nf = lambda z: z\n"
    assert notebook.needed_names(tests) == {"gaps", "pd"}
    assert notebook.needed_names("this is not python (") == set()
    assert "total" in notebook.needed_names("%matplotlib inline\nassert total > 0")  # magics parse


def test_visible_part_drops_hidden_tests():
    cell = "assert ok\n### BEGIN HIDDEN TESTS\nassert secret\n### END HIDDEN TESTS"
    assert notebook.visible_part(cell) == "assert ok\n"


def test_find_source_in_a_clone(tmp_path):
    released = tmp_path / "exercises" / "a" / "a.ipynb"
    released.parent.mkdir(parents=True)
    released.write_text("{}")
    assert notebook.find_source(released) is None
    (tmp_path / "source" / "a").mkdir(parents=True)
    (tmp_path / "source" / "a" / "a.ipynb").write_text("{}")
    assert notebook.find_source(released) == tmp_path / "source" / "a" / "a.ipynb"
    assert notebook.find_source(Path("/a.ipynb")) is None


def test_find_notebook(tmp_path, monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert notebook.find_notebook({}, tmp_path) is None
    (tmp_path / "a.ipynb").write_text("{}")
    assert notebook.find_notebook({}, tmp_path) == tmp_path / "a.ipynb"
    (tmp_path / "b.ipynb").write_text("{}")
    assert notebook.find_notebook({}, tmp_path) is None
    assert notebook.find_notebook({"__vsc_ipynb_file__": str(tmp_path / "b.ipynb")}, tmp_path) == tmp_path / "b.ipynb"
    monkeypatch.setenv("JPY_SESSION_NAME", "course/exercises/a.ipynb")
    assert notebook.find_notebook({}, tmp_path) == tmp_path / "a.ipynb"


def test_a_notebook_that_imports_the_self_check_loads_no_notebook_reader_until_it_checks():
    """Every graded notebook imports the self-check; its process (the runner's, forked for each
    student) then needs nbformat and its schema checker only if a check reads a notebook."""
    import subprocess
    import sys

    script = "import sys\nfrom autograder.selfcheck import check, panel\nprint('nbformat' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False"]
