"""A lesson's quiz in the guide (autograder/authoring/guide_quiz.py)."""
from __future__ import annotations

from pathlib import Path

from autograder.authoring import bilingual, guide_quiz
from conftest import read_toml

FIXTURES = Path(__file__).parent / "guide_fixtures"
#: Item 1 complete with a hint, item 2 without an explanation.
ITEMS = read_toml(FIXTURES / "ui_test.toml")["quiz_test"]


def test_the_lessons_quiz_groups_are_found_in_its_code_cells():
    cells = bilingual.parse((FIXTURES / "09-test.md").read_text("utf-8"))
    assert guide_quiz.groups(cells) == ["quiz_test"]


def test_items_show_the_right_option_explanation_and_hint():
    lines, missing = guide_quiz.render(ITEMS, "zh", "09-test")
    quiz = "\n".join(lines)
    assert quiz.startswith("### 小测验\n\n1. c = 6 / 8 是多少？")
    assert "   - A. 1.33\n   - B. 0.75 **← 正确答案**" in quiz
    assert "解析：6 / 8 = 0.75。" in quiz and "答错时的提示：用 b 除以 a。" in quiz
    assert quiz.count("正确答案") == 2   # item 2's right option is marked though it has no explanation
    assert "   - B. 乙\n\n   解析：（还没有讲解要点）" in quiz
    assert missing == ["09-test: 小测验 2"]
    en = "\n".join(guide_quiz.render(ITEMS, "en", "09-test")[0])
    assert "   - B. 0.75 **← right answer**" in en and "Explanation: 6 / 8 = 0.75." in en
    assert "Hint after a wrong answer: Divide b by a." in en


def test_an_answer_that_is_not_an_option_is_listed():
    bad = [{**ITEMS[0], "answer": 5}, {**ITEMS[0], "answer": "1"}]
    lines, missing = guide_quiz.render(bad, "en", "lesson")
    assert missing == ["lesson: Quick quiz 1", "lesson: Quick quiz 2"]
    assert "right answer" not in "\n".join(lines)
