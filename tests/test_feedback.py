"""Feedback = the grade, through a class's life: grade, manual grades entered afterwards (as the
formgrader saves them), peer ratings, a group-mate's later submission. After each step every
student's feedback shows the total of the export; pages already current are not written again;
failures are explained and nothing hidden leaks."""
from __future__ import annotations

import os
import re

import nbformat
import pandas as pd
import pytest

from autograder.__main__ import main
from autograder.teacher.feedback import feedback_states, refresh_feedback
from autograder.teacher.feedback_page import points, summary_total
from autograder.teacher.grade import grade
from autograder.teacher.init import init_course
from autograder.teacher.sheet import refresh_sheet
from conftest import nbgrader_cell

pytestmark = pytest.mark.slow
A = "drill"
HIDDEN = "abs(answer - 0.75) < 1e-9"
ROSTER = ("student_id,first_name,last_name,group_id,role\n"
          "s01,伟,王,G1,leader\ns02,芳,李,G1,member\ns03,娜,张,G2,leader\ns04,敏,刘,G2,member\ns05,静,陈,G2,member\n")


def source(folder):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["course"] = {"edition": "zh-CN", "source": A}
    nb.cells = [
        nbgrader_cell("code", '### BEGIN SOLUTION\nGROUP_ID = "G1"\n### END SOLUTION', "group_id", solution=True,
                      tags=("group-id",)),
        nbformat.v4.new_markdown_cell("### 问题 1 满意度指数（2 分）"),
        nbgrader_cell("code", "### BEGIN SOLUTION\nanswer = 6 / 8\n### END SOLUTION", "q1", solution=True),
        nbgrader_cell("code", 'assert isinstance(answer, float), "answer 应当是小数"\n### BEGIN HIDDEN TESTS\n'
                      f"assert {HIDDEN}\n### END HIDDEN TESTS", "q1_tests", grade=True, locked=True, points=2),
        nbformat.v4.new_markdown_cell("### 问题 2 循环（1 分）"),
        nbgrader_cell("code", "### BEGIN SOLUTION\nloops = 3\n### END SOLUTION", "q2", solution=True),
        nbgrader_cell("code", "assert loops == 3", "q2_tests", grade=True, locked=True, points=1),
        nbformat.v4.new_markdown_cell("### 问题 3 案例分析（人工评分，3 分）"),
        nbgrader_cell("markdown", "要点……", "q3_case", solution=True, grade=True, points=3),
        nbformat.v4.new_markdown_cell("## 小组部分 小故事分享"),
        nbgrader_cell("markdown", "示例……", "group_story", solution=True, grade=True, points=4, tags=("group",)),
    ]
    (folder / A).mkdir(parents=True)
    nbformat.write(nb, folder / A / f"{A}.ipynb")


def submit(course, student, stamp, answers: dict, raw: str | None = None):
    folder = course.path("submitted", student, A)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "timestamp.txt").write_text(stamp)
    if raw is not None:
        (folder / f"{A}.ipynb").write_text(raw)
        return
    nb = nbformat.read(course.path("release", A, f"{A}.ipynb"), as_version=4)
    for cell in nb.cells:
        cell.source = answers.get(cell.metadata.get("nbgrader", {}).get("grade_id"), cell.source)
    nbformat.write(nb, folder / f"{A}.ipynb")


def page(course, student) -> str:
    return course.path("feedback", student, A, f"{A}.html").read_text("utf-8")


def exported(course) -> pd.Series:
    assert main(["export", "--course-dir", str(course.root)]) == 0
    return pd.read_csv(course.path("exports", "grades-plain.csv"), index_col="student_id")[A]


def assert_feedback_is_the_export(course):
    totals = exported(course)
    sheet = pd.read_csv(course.path("grades", f"{A}.csv"), index_col="student_id")
    for student in ("s01", "s02", "s03", "s04"):
        assert summary_total(page(course, student)) == points(totals[student]) == points(sheet.loc[student, "total"]), \
            student
    # s05 never submitted: no page; in the export the group part carried to them, or nothing (not 0).
    assert not course.path("feedback", "s05").exists()
    carried = sheet.loc["s05", "total"]
    assert (totals["s05"] == carried) if carried else pd.isna(totals["s05"])


def formgrader(course, student, cell, score, comment=None):
    """A manual grade (and comment) saved as nbgrader's formgrader saves them."""
    with course.gradebook() as gb:
        found = gb.find_grade(cell, A, A, student)
        found.manual_score, found.needs_manual_grade = score, False
        if comment:
            gb.find_comment(cell, A, A, student).manual_comment = comment
        gb.db.commit()


def make_course(base):
    source(base / "source")
    (base / "roster.csv").write_text(ROSTER, "utf-8")
    course = init_course(base / "course", base / "roster.csv", source=base / "source")
    submit(course, "s01", "2026-03-01 10:00:00 UTC", {"q1": "answer = 0.75", "q2": "loops = 3",
                                                      "q3_case": "期望来自过去的经历。", "group_story": "奶茶店的故事。"})
    submit(course, "s02", "2026-03-01 11:00:00 UTC", {"q1": "answer = 0.5", "q2": "while True:\n    pass",
                                                      "q3_case": "不知道。"})
    submit(course, "s03", "2026-03-01 09:00:00 UTC", {}, raw='{"cells": [')
    submit(course, "s04", "2026-03-02 09:00:00 UTC", {"group_story": "手机维修的故事。"})
    return course


def first_grading_writes_feedback_that_explains_and_hides(course):
    graded = grade(course, A, progress=False, cell_timeout=2)
    assert graded.feedback.regenerated == [] and sorted(graded.feedback.updated) == ["s01", "s02", "s03", "s04"]
    assert_feedback_is_the_export(course)
    s02 = page(course, "s02")
    assert "隐藏测试未通过：你的答案通过了上面能看到的检查" in s02
    assert re.search("这个单元运行超过了时间限制(（2 秒）)?，被中断了", s02)
    assert "测试未通过：找不到 loops。" in s02
    # Nothing of the hidden tests or of the grading machine reaches a page.
    for student in ("s01", "s02", "s03", "s04"):
        text = page(course, student)
        assert HIDDEN not in text and "0.75) &lt; 1e-9" not in text and "HIDDEN TESTS" not in text
        assert "cellrun" not in text and "autograder/" not in text and str(course.root) not in text
        assert "Traceback (most recent call last)" not in text and "NotImplementedError\n" not in text, student
    assert "你交的作业无法评分：文件不是有效的笔记本" in page(course, "s03")
    assert "G2 组的小组作业由 刘敏（s04）提交" in page(course, "s03")
    assert (course.path("feedback", "s03", A, "timestamp.txt")).exists()  # release_feedback can send it


def manual_grades_after_grade_reach_every_feedback(course):
    formgrader(course, "s01", "q3_case", 2.5)
    formgrader(course, "s01", "group_story", 3.0, comment="故事分析得很好")
    formgrader(course, "s02", "q3_case", 1.0)
    formgrader(course, "s04", "group_story", 4.0)
    with course.gradebook() as gb:  # as nbgrader's late-submission plugin records a penalty
        gb.find_submission_notebook(A, A, "s04").late_submission_penalty = 0.5
        gb.db.commit()
    states = feedback_states(course, A, refresh_sheet(course, A))
    assert set(states.index[states["state"] == "stale"]) == {"s01", "s02", "s03", "s04"}
    again = grade(course, A, progress=False, cell_timeout=2)  # nothing new to grade; feedback follows the grades
    assert again.graded_now == [] and again.finished_earlier == 4
    assert sorted(again.feedback.regenerated) == ["s01", "s02", "s04"]   # their own grades changed
    assert again.feedback.updated == ["s03"]                             # the group part carried to s03
    assert_feedback_is_the_export(course)
    s02 = page(course, "s02")
    assert "G1 组的小组作业由 王伟（s01）提交" in s02 and "故事分析得很好" in s02 and "3 / 4" in s02
    assert "暂定" not in s02
    assert summary_total(page(course, "s01")) == "8.5"   # 2 + 1 + 2.5 + 3
    assert summary_total(page(course, "s04")) == "3.5" and "迟交扣分" in page(course, "s04")  # 4 − 0.5


def peer_ratings_change_summaries_only_and_the_maximum(course):
    course.path("peer").mkdir(exist_ok=True)
    course.path("peer", f"{A}.csv").write_text("rater_group,rated_group,criterion,score\nG2,G1,plan,8\nG1,G2,plan,6\n",
                                               "utf-8")
    assert main(["feedback", A, "--course-dir", str(course.root), "--quiet"]) == 0
    run = refresh_feedback(course, A, refresh_sheet(course, A))
    assert run.regenerated == [] and run.updated == [] and len(run.current) == 4  # the CLI just did it
    assert_feedback_is_the_export(course)
    assert "小组互评" in page(course, "s01") and "4 / 5" in page(course, "s01")
    assert main(["export", "--course-dir", str(course.root), "--layout", "canvas"]) == 0
    canvas = pd.read_csv(course.path("exports", "grades-canvas.csv"))
    assert canvas.loc[0, A] == 10 + 5  # nbgrader's maximum and the peer weight


def a_group_mates_later_submission_moves_the_group_part(course):
    submit(course, "s02", "2026-03-03 08:00:00 UTC", {"q1": "answer = 0.75", "q2": "loops = 3",
                                                      "group_story": "我们的新故事。"})
    run = grade(course, A, progress=False, cell_timeout=2)
    # s02: the grader just wrote nbgrader's part, only the summary is added; s01: only the summary changes
    assert run.graded_now == ["s02"] and run.feedback.updated == ["s01", "s02"] and run.feedback.regenerated == []
    assert "G1 组的小组作业由你提交" in page(course, "s02") and "G1 组的小组作业由 李芳（s02）提交" in page(course, "s01")
    assert "现在的总分是暂定的" in page(course, "s01")  # s02's new group answer waits for a manual grade
    assert_feedback_is_the_export(course)


def the_report_shows_when_each_feedback_was_written(course):
    assert main(["report", A, "--course-dir", str(course.root)]) == 0
    html = course.path("reports", A, "index.html").read_text("utf-8")
    assert "所有反馈都与成绩一致" in html and html.count(" 生成</td>") == 4 and "尚未生成" not in html
    formgrader(course, "s02", "group_story", 2.0)
    assert main(["report", A, "--course-dir", str(course.root)]) == 0
    html = course.path("reports", A, "index.html").read_text("utf-8")
    assert "有 2 名学生的反馈和成绩不一致" in html and html.count("已过期") == 2


def test_feedback_follows_the_grade_through_a_class(tmp_path, monkeypatch):
    """One class, step after step (each step needs the state the one before left). Its pages are
    shared out among processes as a large class's are (a process per core from the first page)."""
    from autograder.teacher import feedback

    monkeypatch.setattr(feedback, "PAGES_PER_PROCESS", 1)
    course = make_course(tmp_path)
    first_grading_writes_feedback_that_explains_and_hides(course)
    manual_grades_after_grade_reach_every_feedback(course)
    peer_ratings_change_summaries_only_and_the_maximum(course)
    a_group_mates_later_submission_moves_the_group_part(course)
    the_report_shows_when_each_feedback_was_written(course)


def record_writes(monkeypatch, tmp_path, fail_on=None):
    """_write_summary replaced by a note of who wrote which page (in a file: writers may be forked)."""
    from autograder.teacher import feedback

    log = tmp_path / "writes.txt"

    def write(course, scores, assignment, student, data, own, titles):
        if student == fail_on:
            raise OSError(f"disk full at {student}")
        with open(log, "a") as out:
            out.write(f"{student} {os.getpid()}\n")

    monkeypatch.setattr(feedback, "_write_summary", write)
    monkeypatch.setattr(feedback.os, "cpu_count", lambda: 2)
    return lambda: [line.split() for line in log.read_text().splitlines()] if log.exists() else []


class Scores:
    questions: dict = {}


def test_a_large_class_s_pages_are_shared_out_among_processes_each_written_once(monkeypatch, tmp_path):
    from autograder.teacher.feedback import PAGES_PER_PROCESS, _write_pages

    writes = record_writes(monkeypatch, tmp_path)
    pages = [(f"s{n:03d}", {}, "") for n in range(2 * PAGES_PER_PROCESS + 3)]
    _write_pages(None, Scores(), A, pages)
    written = writes()
    assert sorted(s for s, _ in written) == [s for s, _, _ in pages]
    assert len({pid for _, pid in written}) == 2 and str(os.getpid()) not in {pid for _, pid in written}


def test_a_small_class_s_pages_are_written_here_and_a_failed_page_stops_the_refresh(monkeypatch, tmp_path):
    from autograder.teacher.feedback import PAGES_PER_PROCESS, _write_pages

    writes = record_writes(monkeypatch, tmp_path)
    _write_pages(None, Scores(), A, [(f"s{n}", {}, "") for n in range(PAGES_PER_PROCESS)])
    assert {pid for _, pid in writes()} == {str(os.getpid())}
    (tmp_path / "failing").mkdir()
    record_writes(monkeypatch, tmp_path / "failing", fail_on="s007")
    with pytest.raises(OSError, match="disk full at s007"):
        _write_pages(None, Scores(), A, [(f"s{n:03d}", {}, "") for n in range(3 * PAGES_PER_PROCESS)])
