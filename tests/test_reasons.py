"""Recorded reasons in the reader's language."""
import pytest

from autograder.teacher.reasons import explain, reason_text


@pytest.mark.parametrize("reason, zh, en", [
    ("cell 4 ran longer than 60 s and was interrupted", "第 4 个代码单元运行超过 60 秒，被中断",
     "code cell 4 ran longer than 60 s and was interrupted"),
    ("cell 9 ran longer than 3 s and did not stop", "第 9 个代码单元运行超过 3 秒且停不下来", "did not stop"),
    ("the notebook process ended during cell 5 (it exited, was killed, or ran out of memory or CPU time)",
     "笔记本在第 5 个代码单元运行时中止", "stopped during code cell 5"),
    ("NotJSONError: Notebook does not appear to be JSON: '{\"cells\": [ {'", "文件不是有效的笔记本",
     "not a valid notebook"),
    ("No notebooks found", "没有找到这份作业的笔记本", "no notebook of this assignment"),
    ("Something new: odd", "Something new: odd", "Something new: odd"),
])
def test_known_reasons_are_named_others_kept(reason, zh, en):
    assert zh in reason_text(reason, "zh") and en in reason_text(reason, "en")


def test_parts_are_explained_in_order_without_repeats():
    reason = "cell 2 ran longer than 60 s and was interrupted; cell 2 ran longer than 60 s and was interrupted; " \
             "cell 3 ran longer than 60 s and did not stop"
    assert [m.key for m in explain(reason)] == ["reason_timeout", "reason_stopped"]
    assert "；" in reason_text(reason, "zh") and explain("") == []
