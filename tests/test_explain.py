"""Failures explained in the feedback: which part of a test failed, stopped cells in one sentence,
no hidden test, no grader path."""
from __future__ import annotations

import nbformat
import pytest

from autograder.teacher.explain import ExplainFailures, failed_part, scrub
from conftest import nbgrader_cell

TEST = ('assert isinstance(gaps, dict), msg("gaps 应当是字典", "gaps must be a dict")\n'
        "### BEGIN HIDDEN TESTS\n"
        "assert gaps['reliability'] == -0.55\n"
        'assert len(gaps) == 5, "gaps 应当有五个维度"\n'
        "### END HIDDEN TESTS")
HIDDEN_LINES = ("gaps['reliability'] == -0.55", "-0.55", "len(gaps) == 5")


def error(ename, evalue, traceback=None):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                  traceback=traceback if traceback is not None else [f"{ename}: {evalue}"])


def explained(outputs, *, test=True, edition="zh-CN", source=TEST):
    nb = nbformat.v4.new_notebook()
    nb.metadata["course"] = {"edition": edition}
    cell = (nbgrader_cell("code", source, "q1_tests", grade=True, locked=True, points=2) if test
            else nbgrader_cell("code", source, "q1", solution=True))
    cell.outputs = outputs
    nb.cells = [cell]
    nb, _ = ExplainFailures().preprocess(nb, {})
    out = nb.cells[0].outputs
    text = "\n".join(str(o.get("evalue", "")) + "\n".join(o.get("traceback", [])) + o.get("text", "") for o in out)
    return out, text


@pytest.mark.parametrize("ename, evalue, traceback, part", [
    ("AssertionError", "", ["AssertionError: "], "hidden"),                       # bare assert: only hidden ones
    ("AssertionError", "gaps 应当有五个维度", ["AssertionError: gaps 应当有五个维度"], "hidden"),
    ("AssertionError", "gaps 应当是字典", ["AssertionError: gaps 应当是字典"], "visible"),
    ("AssertionError", "", ["Cell In[7], line 3", "AssertionError"], "hidden"),  # a kernel's line number
    ("AssertionError", "", ["Cell In[7], line 1", "AssertionError"], "visible"),
    ("AssertionError", "made by a helper", ["AssertionError: made by a helper"], None),
])
def test_which_part_failed(ename, evalue, traceback, part):
    assert failed_part(TEST, ename, evalue, traceback) == part


def test_hidden_failure_says_so_and_shows_no_hidden_line():
    kernel_traceback = ["---------------------------------------------------------------------------",
                        "AssertionError                            Traceback (most recent call last)",
                        "Cell In[7], line 3", "      1 assert isinstance(gaps, dict)",
                        "----> 3 assert gaps['reliability'] == -0.55", "AssertionError: "]
    for output in (error("AssertionError", ""), error("AssertionError", "", kernel_traceback)):
        out, text = explained([output])
        assert text.startswith("隐藏测试未通过：你的答案通过了上面能看到的检查") and len(out) == 1
        assert not [line for line in HIDDEN_LINES if line in text]
    _, text = explained([error("AssertionError", "gaps 应当有五个维度")])
    assert text.startswith("隐藏测试未通过：gaps 应当有五个维度")
    _, text = explained([error("AssertionError", "")], edition="en")
    assert text.startswith("Hidden test failed: your answer passes the checks you can see")


def test_visible_failure_and_missing_answer():
    _, text = explained([error("AssertionError", "gaps 应当是字典")])
    assert text.startswith("测试未通过：gaps 应当是字典")
    _, text = explained([error("NameError", "name 'gaps' is not defined")])
    assert text.startswith("测试未通过：找不到 gaps。")
    _, text = explained([error("NameError", "name 'gaps' is not defined")], edition="en")
    assert text.startswith("Test failed: gaps is not defined.")


def test_timed_out_cell_in_one_sentence_without_the_graders_paths():
    traceback = ["Traceback (most recent call last):", "  Cell In[3], line 2", "    while True: pass",
                 '  File "/srv/course/autograder/engine/cellrun.py", line 157, in _timeout',
                 '    raise CellTimeoutError("the cell ran longer than the time limit and was stopped")',
                 "autograder.engine.cellrun.CellTimeoutError: the cell ran longer than the time limit and was stopped"]
    out, text = explained([error("CellTimeoutError", "the cell ran longer than the time limit and was stopped",
                                 traceback)], test=False, source="while True: pass")
    sentence = "这个单元运行超过了时间限制，被中断了。请检查有没有停不下来的循环，或者计算量太大。"
    assert len(out) == 1 and out[0].evalue == sentence and out[0].traceback == [sentence]
    assert "autograder" not in text and "Traceback" not in text
    _, text = explained([error("KeyboardInterrupt", "")], test=False, source="x = 1", edition="en")
    assert text.startswith("This cell ran longer than the time limit and was interrupted.")


def test_stopped_notebook_and_cells_that_never_ran():
    reason = "cell 3 ran longer than 60 s and did not stop"
    _, here = explained([error("NotebookStopped", reason)], test=False, source="x = 1")
    _, later = explained([error("NotebookStopped", f"not run: {reason}")], test=False, source="y = 2")
    _, test = explained([error("NotebookStopped", f"not run: {reason}")])
    assert here.startswith("评分时笔记本在这里被停止了：第 3 个代码单元运行超过 60 秒且停不下来")
    assert later.startswith("这个单元没有运行，因为第 3 个代码单元")
    assert test.startswith("测试没有运行：第 3 个代码单元")


def test_other_errors_keep_the_students_lines_and_lose_the_machines_paths():
    traceback = ["Traceback (most recent call last):", "  Cell In[4], line 1", "    survey.groupby('x')",
                 '  File "/srv/course/.venv/lib/python3.11/site-packages/pandas/core/frame.py", line 9, in groupby',
                 "    raise KeyError(key)",
                 '  File "/srv/course/autograder/engine/guard.py", line 3, in wrapper', "    return f()",
                 "KeyError: 'x'"]
    out, text = explained([error("KeyError", "'x'", traceback),
                           nbformat.v4.new_output("stream", name="stderr",
                                                  text="/srv/x/site-packages/pandas/io.py:1: FutureWarning: soon")],
                          test=False, source="survey.groupby('x')")
    assert "Cell In[4], line 1" in text and 'File "pandas/core/frame.py"' in text and "KeyError: 'x'" in text
    assert "/srv" not in text and "guard.py" not in text and "pandas/io.py:1: FutureWarning" in text


def test_untouched_answer_is_named():
    _, text = explained([error("NotImplementedError", "")], test=False, source="raise NotImplementedError()")
    assert text.startswith("这道题还没有作答：把 raise NotImplementedError() 换成你的答案。")


def test_scrub_keeps_urls_and_relative_names():
    assert scrub("see https://example.org/a/b and data/x.csv") == "see https://example.org/a/b and data/x.csv"
    assert scrub("/home/t/course/.grading-workspace/run-1/store.csv") == "store.csv"
