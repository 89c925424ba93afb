"""Rubrics page (autograder/authoring/guide_rubrics.py), on the small exercise source in tests/guide_fixtures."""
from __future__ import annotations

from pathlib import Path

from autograder.authoring import bilingual, guide_rubrics

#: A small exercise: an autograded question, a manual question whose rubric names its levels, and
#: a group part (with its group-id cell) whose rubric does not.
EXERCISE = (Path(__file__).parent / "guide_fixtures" / "task9.md").read_text("utf-8")


def cells():
    return bilingual.parse(EXERCISE)


def test_every_manual_and_group_question_is_found_with_its_rubric_and_model_answer():
    found = guide_rubrics.rubrics("task9", cells(), "zh")
    assert [(r.grade_id, r.points, r.group) for r in found] == [("q2_case", 6.0, False), ("group_work", 10.0, True)]
    case, group = found
    assert case.heading == "问题 2 案例分析（人工评分，6 分）"
    assert case.question == "分析这个案例。"
    assert case.rubric.startswith("**评分标准（共 6 分）**：原因找得对") and "不得分：没有写到" in case.rubric
    assert case.model == "**参考答案要点（仅教师可见）**：原因是承诺过头。"
    assert group.heading == "小组部分 任务实施训练" and group.question == "每组提交一次。"
    assert [r.heading for r in guide_rubrics.rubrics("task9", cells(), "en")] == [
        "Question 2: Case analysis (manually graded, 6 points)", "Group part: training activity"]


def test_the_page_renders_each_rubric_and_lists_those_without_level_descriptors():
    page = guide_rubrics.render([("task9", "练习九 测试", "../../source/task9/task9.ipynb", cells())], "zh")
    assert "## [练习九 测试](../../source/task9/task9.ipynb)" in page.text
    assert "### 问题 2 案例分析（人工评分，6 分）\n\n**题目**\n\n分析这个案例。\n\n**评分标准（共 6 分）**" in page.text
    assert "**参考答案要点（学生看不到）**\n\n原因是承诺过头。" in page.text
    assert "### 小组部分 任务实施训练（小组题）" in page.text
    assert "问题 1" not in page.text  # autograded questions have no rubric
    assert page.without_levels == ["task9 · 小组部分 任务实施训练"]
    en = guide_rubrics.render([("task9", "Exercise 9", "x.ipynb", cells())], "en")
    assert en.without_levels == ["task9 · Group part: training activity"]
    assert "### Group part: training activity (group part)" in en.text
