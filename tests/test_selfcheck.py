"""Self-check: verdicts from the live kernel, the full check for self-learners, the report.

A small exercise built here (instructor and released forms, in a clone's layout)
covers every status; the course's own exercises are checked without depending
on their particular questions (their solutions from ``source/`` and the wrong
answers of ``tests/wrong_answers/``); one test runs ``check()`` in a real kernel.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbclient
import nbformat
import pytest

from autograder import selfcheck
from autograder.selfcheck import runlog
from conftest import nbgrader_cell, read_toml

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = sorted(p.name for p in (ROOT / "source").iterdir() if p.is_dir())

SETUP = 'LANG = "en"\nDATA = [1, 2, 3]'
#: (grade_id, heading, solution, instructor tests, points)
QUESTIONS = [
    ("q1", "Question 1 Total", "total = sum(DATA)",
     'assert isinstance(total, int), "total must be a whole number"\n'
     '### BEGIN HIDDEN TESTS\nassert total == 6, "SECRET total should be 6"\n### END HIDDEN TESTS', 2),
    ("q2", "Question 2 Labels", 'labels = {"a": "M", "b": "O"}',
     'assert isinstance(labels, dict), "labels must be a dict"\n'
     '### BEGIN HIDDEN TESTS\nprint("SECRET a is M")\n'
     'sum(1.0 for k, v in {"a": "M", "b": "O"}.items() if labels.get(k) == v)\n### END HIDDEN TESTS', 2),
    ("q3", "Question 3 Grow the data", "DATA.append(4)",
     'assert len(DATA) >= 3, "DATA lost values"\n'
     '### BEGIN HIDDEN TESTS\nassert DATA[-1] == 4, "SECRET the last value should be 4"\n### END HIDDEN TESTS', 1),
]
STUB = "# YOUR CODE HERE\nraise NotImplementedError()"


def exercise(instructor: bool) -> nbformat.NotebookNode:
    """The small exercise: instructor version (solutions, hidden tests) or released version."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["course"] = {"edition": "en"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Exercise"), nbformat.v4.new_code_cell(SETUP)]
    for grade_id, heading, solution, tests, points in QUESTIONS:
        answer = f"### BEGIN SOLUTION\n{solution}\n### END SOLUTION" if instructor else STUB
        shown = tests if instructor else re.sub(r"\n### BEGIN HIDDEN TESTS.*", "", tests, flags=re.S)
        nb.cells += [nbformat.v4.new_markdown_cell(f"### {heading}"),
                     nbgrader_cell("code", answer, grade_id, solution=True),
                     nbgrader_cell("code", shown, f"{grade_id}_tests", grade=True, locked=True, points=points)]
    nb.cells.append(nbformat.v4.new_code_cell("from autograder.selfcheck import check\ncheck()"))
    return nb


def checkout(folder: Path, with_source: bool = True) -> Path:
    """A clone's layout: exercises/mini/mini.ipynb (released), and source/mini/mini.ipynb."""
    released = folder / "exercises" / "mini" / "mini.ipynb"
    released.parent.mkdir(parents=True)
    nbformat.write(exercise(False), released)
    if with_source:
        (folder / "source" / "mini").mkdir(parents=True)
        nbformat.write(exercise(True), folder / "source" / "mini" / "mini.ipynb")
    return released


def kernel(*answers: str) -> dict:
    """The namespace after the set-up cell and ``answers`` ran (never saved to the file)."""
    scope: dict = {}
    exec(SETUP, scope)
    for code in answers:
        exec(code, scope)
    return scope


def test_unsaved_answers_count_and_the_released_check_runs_visible_tests_only(tmp_path):
    path = checkout(tmp_path, with_source=False)
    report = selfcheck.results(path, kernel("total = 7", 'labels = ["M"]'))
    assert not report.full
    assert report.statuses() == {"q1_tests": "form_ok", "q2_tests": "failed", "q3_tests": "form_ok"}
    q1, q2, _ = report.results
    assert q1.message == "Form OK; hidden tests will check the values." and q1.score is None
    assert q2.message == "labels must be a dict"
    assert report.summary().startswith("Visible tests only: 2 of 3 questions have the right form, 1 failed")
    assert "✔ correct" not in repr(report) and "✔ right" not in report._repr_html_()


def test_not_attempted_comes_from_the_kernel(tmp_path):
    path = checkout(tmp_path, with_source=False)
    report = selfcheck.results(path, kernel())
    assert report.statuses()["q1_tests"] == "not_attempted"
    assert report.results[0].message.startswith("total is not defined yet")
    assert selfcheck.results(path, {}).results[2].message.startswith("Run the cells at the top")


def test_the_full_check_scores_right_partly_and_wrong_without_revealing_tests(tmp_path):
    path = checkout(tmp_path)
    report = selfcheck.results(path, kernel("total = 5", 'labels = {"a": "M", "b": "X"}', "DATA.append(4)"))
    assert report.full and report.source == tmp_path / "source" / "mini" / "mini.ipynb"
    assert report.statuses() == {"q1_tests": "wrong", "q2_tests": "partly", "q3_tests": "right"}
    assert [r.score for r in report.results] == [0.0, 1.0, 1.0]
    shown = report._repr_html_() + repr(report) + report.table().to_string()
    assert "SECRET" not in shown and "total == 6" not in shown and "BEGIN" not in shown
    assert "1 of 2 points" in shown and "source/mini/" in shown and str(tmp_path) not in shown
    assert report.summary().startswith("Full self-check") and "2 of 5 points" in report.summary()


def test_the_full_check_can_be_turned_off(tmp_path):
    path = checkout(tmp_path)
    assert not selfcheck.results(path, kernel("total = 6"), full=False).full


def test_tests_never_change_the_students_variables(tmp_path):
    path = checkout(tmp_path)
    scope = kernel("total = 6", 'labels = {"a": "M", "b": "O"}')
    before = list(scope["DATA"])
    selfcheck.results(path, scope)
    assert scope["DATA"] == before and set(scope) >= {"total", "labels"}


class Result:
    """What IPython hands a post_run_cell hook (the two fields the run log reads)."""

    def __init__(self, cell_id, error=None):
        self.info = type("Info", (), {"cell_id": cell_id, "raw_cell": "code"})()
        self.error_in_exec, self.error_before_exec = error, None


def ids(path: Path) -> dict[str, str]:
    nb = nbformat.read(path, as_version=4)
    return {c.metadata.get("nbgrader", {}).get("grade_id", f"cell{i}"): c.id for i, c in enumerate(nb.cells)}


def test_the_run_log_knows_a_stub_that_still_raises_and_an_answer_never_run(tmp_path):
    path = checkout(tmp_path, with_source=False)
    cells, log = ids(path), runlog.RunLog()
    log.record(Result(cells["cell1"]))                              # the set-up cell
    log.record(Result(cells["q1"], NotImplementedError()))          # the stub, run
    scope = kernel("total = 6")                                     # total defined in a scratch cell
    report = selfcheck.results(path, scope, log)
    assert report.statuses() == {"q1_tests": "not_attempted", "q2_tests": "not_attempted",
                                 "q3_tests": "not_attempted"}
    assert "raise NotImplementedError()" in report.results[0].message
    assert report.results[2].message == "The answer cell has not been run yet."
    log.record(Result(cells["q3"], ZeroDivisionError()))
    q3 = selfcheck.results(path, scope, log).results[2]
    assert q3.status == "form_ok"


def test_a_log_started_late_does_not_claim_an_answer_was_never_run(tmp_path):
    path = checkout(tmp_path, with_source=False)
    log = runlog.RunLog()
    log.record(Result(ids(path)["q3_tests"]))  # the log began after q3's answer cell
    assert selfcheck.results(path, kernel(), log).statuses()["q3_tests"] == "form_ok"


def test_a_failure_names_the_error_of_the_answer_cell(tmp_path):
    path = checkout(tmp_path, with_source=False)
    log = runlog.RunLog()
    log.record(Result(ids(path)["q2"], KeyError("b")))
    q2 = selfcheck.results(path, kernel('labels = "M"'), log).results[1]
    assert q2.status == "failed" and q2.message == "labels must be a dict (Your answer cell raised KeyError when it last ran.)"


def test_install_registers_the_hook_once():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        runlog.install(shell), runlog.install(shell)
        assert shell.events.callbacks["post_run_cell"].count(runlog.LOG.record) == 1
    finally:
        shell.events.unregister("post_run_cell", runlog.LOG.record)
        InteractiveShell.clear_instance()


def test_does_nothing_while_nbgrader_grades(tmp_path, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert selfcheck.check(tmp_path / "missing.ipynb", {}) is None and selfcheck.panel(tmp_path) is None


def test_without_a_notebook_it_says_how_to_name_one(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert selfcheck.check(namespace={"LANG": "zh"}) is None
    assert "check('task1-identify.ipynb')" in capsys.readouterr().out


def test_the_panel_shows_a_fresh_report_on_each_click(tmp_path, capsys):
    path = checkout(tmp_path, with_source=False)
    scope = kernel()
    panel = selfcheck.panel(path, scope)
    assert panel.button.description == "Check my answers" and "sat-selfcheck" in panel.ui._dom_classes
    panel.button.click()
    assert "total is not defined yet" in capsys.readouterr().out  # outside a kernel, display prints
    exec("total = 6", scope)
    panel.button.click()
    assert "✔ form OK" in capsys.readouterr().out


# --- The course's exercises, whatever their questions ---


def solved(assignment: str, wrong: dict[str, str] | None = None) -> dict:
    """The kernel after running the instructor notebook's code (answers replaced by ``wrong``)."""
    folder = ROOT / "source" / assignment
    nb = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
    scope: dict = {}
    here = os.getcwd()
    os.chdir(folder)
    try:
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type != "code" or meta.get("grade") or "check()" in cell.source:
                continue
            code = (wrong or {}).get(meta.get("grade_id"), cell.source)
            try:
                exec(compile(selfcheck.notebook.python(code), "<cell>", "exec"), scope)
            except Exception:  # a group-id stub raises, as in Jupyter
                pass
    finally:
        os.chdir(here)
    return scope


@pytest.mark.parametrize("assignment", EXERCISES)
def test_a_solved_exercise_is_all_right_with_the_source_and_form_ok_without(assignment, tmp_path):
    clone = tmp_path / "clone"
    for part in ("exercises", "source"):
        shutil.copytree(ROOT / part / assignment, clone / part / assignment)
    released = clone / "exercises" / assignment / f"{assignment}.ipynb"
    scope = solved(assignment)
    full = selfcheck.results(released, scope)
    assert full.full and set(full.statuses().values()) == {"right"}
    assert sum(r.score for r in full.results) == sum(r.question.points for r in full.results)
    shutil.rmtree(clone / "source")
    visible = selfcheck.results(released, scope)
    assert not visible.full and set(visible.statuses().values()) == {"form_ok"}


WRONG = sorted(p.stem for p in (ROOT / "tests" / "wrong_answers").glob("*.toml"))


@pytest.mark.parametrize("assignment", WRONG)
def test_a_wrong_answer_loses_points_and_reveals_nothing(assignment, tmp_path):
    wrong = read_toml(ROOT / "tests" / "wrong_answers" / f"{assignment}.toml")
    grade_id = next(iter(wrong))
    clone = tmp_path / "clone"
    for part in ("exercises", "source"):
        shutil.copytree(ROOT / part / assignment, clone / part / assignment)
    released = clone / "exercises" / assignment / f"{assignment}.ipynb"
    worst = min(wrong[grade_id], key=lambda variant: min(variant["score"].values()) if isinstance(
        variant["score"], dict) else variant["score"])  # it loses points in both editions
    report = selfcheck.results(released, solved(assignment, {grade_id: worst["code"]}))
    lost = [r for r in report.results if r.status != "right"]
    assert len(lost) == 1 and lost[0].status in ("wrong", "partly", "failed")
    assert lost[0].score < lost[0].question.points
    source = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    hidden = [c.source.split("### BEGIN HIDDEN TESTS")[1] for c in source.cells if "BEGIN HIDDEN TESTS" in c.source]
    shown, public = report._repr_html_(), released.read_text("utf-8")
    for block in hidden:  # what only the hidden tests say (not a name the released notebook shows too)
        for literal in re.findall(r'"([^"]{6,})"', block):
            assert literal in public or literal not in shown


@pytest.mark.slow
def test_check_in_a_real_kernel_reads_answers_that_were_run_but_not_saved(tmp_path):
    assignment = EXERCISES[0]
    for data in (ROOT / "exercises" / assignment).iterdir():
        shutil.copy(data, tmp_path / data.name)
    path = tmp_path / f"{assignment}.ipynb"
    saved = nbformat.read(path, as_version=4)
    first = selfcheck.read(path).questions[0]
    answer = next(c.source for c in nbformat.read(ROOT / "source" / assignment / path.name, as_version=4).cells
                  if c.get("id") == first.answer_ids[0])
    for cell in saved.cells:
        if cell.get("id") == first.answer_ids[0]:
            cell.source = answer  # in the kernel's notebook only: the file keeps the stub
    client = nbclient.NotebookClient(saved, timeout=180, kernel_name="python3", allow_errors=True,
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    assert "raise NotImplementedError()" in nbformat.read(path, as_version=4).cells[
        [c.get("id") for c in saved.cells].index(first.answer_ids[0])].source
    html = "".join(o.get("data", {}).get("text/html", "") for o in saved.cells[-1].outputs
                   if o.output_type == "execute_result")
    statuses = re.findall(r'data-status="(\w+)" data-question="(\w+)"', html)
    assert statuses[0] == ("form_ok", first.grade_id)
    assert {s for s, _ in statuses[1:]} == {"not_attempted"}, statuses
    assert "隐藏测试将检查数值" in html and "只运行了可见测试" in html and "BEGIN" not in html
