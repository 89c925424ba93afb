"""Self-check on a half-done exercise: the right passes, failures and not-attempted questions."""
from __future__ import annotations

import shutil
from pathlib import Path

import nbclient
import nbformat
import pytest

from autograder import selfcheck
from conftest import read_toml

ROOT = Path(__file__).resolve().parents[1]
NAME = "task1-identify"
WRONG = read_toml(ROOT / "tests" / "wrong_answers" / f"{NAME}.toml")
#: q4's answer in the wrong type (a text instead of a dict): its visible test fails.
WRONG_TYPE = next(v["code"] for v in WRONG["q4_scale"] if v["kind"] == "wrong_type")


def half_done(folder: Path, edition: str = NAME) -> Path:
    """The released notebook with q1 and q2 answered right, q4 in the wrong form and the rest untouched."""
    for data in (ROOT / "exercises" / edition).glob("*.csv"):
        shutil.copy(data, folder / data.name)
    source = nbformat.read(ROOT / "source" / edition / f"{edition}.ipynb", as_version=4)
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells if "nbgrader" in c.metadata}
    nb = nbformat.read(ROOT / "exercises" / edition / f"{edition}.ipynb", as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in ("q1_verdicts", "q2_sources"):
            cell.source = answers[grade_id]
        elif grade_id == "q4_scale":
            cell.source = WRONG_TYPE.strip()
    path = folder / f"{edition}.ipynb"
    nbformat.write(nb, path)
    return path


def run_cells(path: Path) -> dict:
    """Run a notebook's cells (but the self-check) in one namespace, as a kernel would; errors skip a cell."""
    namespace: dict = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code" and "check()" not in cell.source:
            try:
                exec(compile(cell.source, "<cell>", "exec"), namespace)
            except Exception:  # an unanswered cell raises NotImplementedError, as in Jupyter
                pass
    return namespace


def statuses(found: list[selfcheck.Result]) -> dict[str, str]:
    return {r.question.grade_id: r.status for r in found}


EXPECTED = {"q1_verdicts_tests": "passed", "q2_sources_tests": "passed", "q3_traits_tests": "not_attempted",
            "q4_scale_tests": "failed", "q5_indicators_tests": "not_attempted", "q6_aspects_tests": "not_attempted",
            "q7_index_tests": "not_attempted", "q8_dimension_verdicts_tests": "not_attempted"}
WRONG_FORM = "scale_answers 应当是一个字典（dict），每个编号写一项，例如 {'L1': '…', …}；现在它是文字。"


def test_results_on_a_half_done_notebook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = half_done(tmp_path)
    namespace = run_cells(path)
    found, lang = selfcheck.results(path, namespace)
    assert lang == "zh" and statuses(found) == EXPECTED
    failed = next(r for r in found if r.status == "failed")
    assert failed.message == WRONG_FORM
    assert [r.question.points for r in found] == [1.5] * 6 + [2.0, 1.0]
    assert "scale_answers" in namespace and "raise NotImplementedError" in found[2].question.answers[0]


def test_table_and_summary_in_both_languages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = half_done(tmp_path, f"{NAME}-en")
    found, lang = selfcheck.results(path, run_cells(path))
    assert lang == "en" and statuses(found) == EXPECTED
    table = selfcheck.table(found, lang)
    assert list(table.columns) == ["Question", "Points", "Result", "Message"]
    assert list(table["Result"]).count("✔ passed") == 2 and list(table["Result"]).count("… not attempted") == 5
    assert selfcheck.summary(found, lang).startswith("Visible tests passed for 2/8 questions, 3/12 points.")


def test_tests_run_on_a_copy_of_the_namespace():
    question = selfcheck.Question("t", "T", 1.0, ["answer = 1"], "answer = 99\nassert answer == 99")
    namespace = {"answer": 1}
    assert selfcheck.run_question(question, namespace).status == "passed"
    assert namespace == {"answer": 1}


def test_failure_without_message_shows_the_failing_line():
    question = selfcheck.Question("t", "T", 1.0, ["x = 2"], "assert x > 0\nassert x == 3")
    result = selfcheck.run_question(question, {"x": 2}, "en")
    assert (result.status, result.message) == ("failed", "assert x == 3")
    errored = selfcheck.run_question(question, {"x": "a"}, "en")
    assert errored.status == "failed" and errored.message.startswith("TypeError:")


def test_undefined_name_is_not_attempted():
    question = selfcheck.Question("t", "T", 1.0, ["x = 2"], "assert x == 2")
    result = selfcheck.run_question(question, {}, "zh")
    assert result.status == "not_attempted" and "x" in result.message


def test_does_nothing_while_nbgrader_grades(tmp_path, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert selfcheck.check(tmp_path / "missing.ipynb", {}) is None


def test_find_notebook(tmp_path, monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert selfcheck.find_notebook({}, tmp_path) is None
    (tmp_path / "a.ipynb").write_text("{}")
    assert selfcheck.find_notebook({}, tmp_path) == tmp_path / "a.ipynb"
    (tmp_path / "b.ipynb").write_text("{}")
    assert selfcheck.find_notebook({}, tmp_path) is None
    assert selfcheck.find_notebook({"__vsc_ipynb_file__": str(tmp_path / "b.ipynb")}, tmp_path) == tmp_path / "b.ipynb"
    monkeypatch.setenv("JPY_SESSION_NAME", "course/exercises/a.ipynb")
    assert selfcheck.find_notebook({}, tmp_path) == tmp_path / "a.ipynb"


@pytest.mark.slow
def test_check_in_a_real_kernel(tmp_path):
    path = half_done(tmp_path)
    nb = nbformat.read(path, as_version=4)
    assert "check()" in nb.cells[-1].source
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = nb.cells[-1].outputs
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs if o.output_type == "execute_result")
    assert text.startswith("可见测试通过 2/8 题，共 3/12 分。")
    assert html.count("✔ 通过") == 2 and html.count("✘ 未通过") == 1 and html.count("… 未作答") == 5
    assert "scale_answers 应当是一个字典（dict）" in html
    assert "falls_short" not in html and "BEGIN" not in html
