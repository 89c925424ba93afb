"""Question titles for grade cells, from the assignment as students read it."""
import nbformat
import pytest

from autograder.teacher.questions import heading, titles_in
from conftest import nbgrader_cell


@pytest.mark.parametrize("markdown, title", [
    ("### 问题 2 客户满意度指数（2 分）\n\n客户满意度 c = b / a", "问题 2 客户满意度指数"),
    ("### Question 7: A case (manual grading, 6 points)", "Question 7: A case"),
    ("## 小组部分 任务实施训练：**小故事分享**", "小组部分 任务实施训练：小故事分享"),
    ("# Title\ntext\n### Question 3: Late (2 pts)", "Question 3: Late"),
    ("plain text, no heading", None),
])
def test_heading(markdown, title):
    assert heading(markdown) == title


def test_each_grade_cell_gets_the_heading_above_it_never_the_teachers_answer():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 练习一"),
                nbformat.v4.new_markdown_cell("### 问题 1 期望差距（2 分）"),
                nbgrader_cell("code", "gaps = ...", "q1", solution=True),
                nbgrader_cell("code", "assert gaps", "q1_tests", grade=True, locked=True, points=2),
                nbformat.v4.new_markdown_cell("### 问题 2 案例（人工评分，6 分）"),
                nbgrader_cell("markdown", "### 参考答案\n要点……", "q2_case", solution=True, grade=True, points=6),
                nbgrader_cell("code", "assert True", "q3_tests", grade=True, locked=True, points=1)]
    assert titles_in(nb) == {"q1": "问题 1 期望差距", "q1_tests": "问题 1 期望差距", "q2_case": "问题 2 案例",
                             "q3_tests": "问题 2 案例"}


def test_a_cell_without_a_heading_keeps_its_id():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbgrader_cell("code", "assert True", "q1_tests", grade=True, locked=True, points=1)]
    assert titles_in(nb) == {"q1_tests": "q1_tests"}
