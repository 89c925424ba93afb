"""Answer notes (autograder/authoring/guide_notes.py), on the small lesson source in tests/guide_fixtures."""
from __future__ import annotations

from pathlib import Path

from autograder.authoring import bilingual, guide_notes
from conftest import read_toml

FIXTURES = Path(__file__).parent / "guide_fixtures"
#: A small lesson: a 想一想 with its note, a case with an inline question and a list of two (notes
#: for all three), a 想一想 without a note, and a quiz.
LESSON = (FIXTURES / "09-test.md").read_text("utf-8")
#: Its quiz (tests/test_guide_quiz.py has the details).
QUIZ = read_toml(FIXTURES / "ui_test.toml")


def cells():
    return bilingual.parse(LESSON)


def test_prompts_are_found_with_their_case_and_list_questions():
    units = guide_notes.units(cells(), "zh")
    assert [[len(g) for g in u.groups] for u in units] == [[1], [1, 2], [1]]
    case = units[1]
    assert [p.marker for p in case.prompts] == ["问题", "问题", "问题"]
    assert [p.case for p in case.prompts] == ["手表", "手表", "手表"]
    assert case.prompts[0].text == "他为什么反而不满意？"
    assert case.prompts[2].text == "顾客下次会怎样？"
    assert units[0].prompts[0].case == ""  # a 想一想 stands on its own
    assert [u.section for u in units] == ["一、概念", "二、案例", "三、没有要点的题"]
    en = guide_notes.units(cells(), "en")
    assert [p.marker for p in en[1].prompts] == ["Question", "Questions", "Questions"]
    assert en[1].prompts[1].case == "a watch"


def test_each_prompt_is_quoted_with_its_note_and_continuation_lines_are_kept():
    page = guide_notes.render("09-test", cells(), QUIZ, "zh", "../../lessons/09-test.zh-CN.ipynb")
    text = page.text
    assert text.startswith("# 讲解要点：第 9 课 测试课\n")
    assert "> **想一想**：甲和乙有什么不同？\n\n甲看结果，乙看过程；听学生能不能说出这一点。" in text
    assert "> **问题**（手表）：他为什么反而不满意？\n\n店主答应得太快" in text
    assert "> **问题** 1（手表）：店主应该怎么做？\n\n先还价再成交，\n让顾客觉得价格来之不易。" in text
    assert "> **问题** 2（手表）：顾客下次会怎样？\n\n期望会降低。" in text
    assert "学生用的课件：[lessons/09-test.zh-CN.ipynb](../../lessons/09-test.zh-CN.ipynb)" in text


def test_prompts_without_a_note_are_listed_not_an_error():
    page = guide_notes.render("09-test", cells(), QUIZ, "zh", "x.ipynb")
    assert page.missing == ["09-test · 三、没有要点的题: **想一想**：这一题还没有讲解要点？"]
    assert "> **想一想**：这一题还没有讲解要点？\n\n（还没有讲解要点）" in page.text
    listed = page.text.split("## 还没有讲解要点的题目", 1)[1]
    assert "这一题还没有讲解要点" in listed and "小测验 2" in listed
    assert page.missing_quiz == ["09-test: 小测验 2"]
    assert "### 小测验\n\n1. c = 6 / 8 是多少？" in page.text
    en = guide_notes.render("09-test", cells(), QUIZ, "en", "x.ipynb")
    assert en.missing == ["09-test · 3. Without a note: **Think**: this prompt has no note yet?"]


def test_one_note_per_marker_pairs_with_the_whole_list():
    source = LESSON.replace("- 店主答应得太快，顾客怀疑手表不值这个价。\n", "").replace(
        "- 先还价再成交，\n  让顾客觉得价格来之不易。\n- 期望会降低。", "- 店主答应得太快。\n- 先还价；期望会降低。")
    page = guide_notes.render("09-test", bilingual.parse(source), QUIZ, "zh", "x.ipynb")
    assert "> **问题** 1（手表）：店主应该怎么做？\n>\n> **问题** 2（手表）：顾客下次会怎样？\n\n先还价；期望会降低。" in page.text
    assert page.mismatched == []


def test_a_count_mismatch_renders_every_note_and_is_reported():
    source = LESSON.replace("- 期望会降低。", "- 期望会降低。\n- 多出来的一条。")
    page = guide_notes.render("09-test", bilingual.parse(source), QUIZ, "zh", "x.ipynb")
    assert page.mismatched == ["09-test · 二、案例: 3 题, 4 notes"]
    assert "- 多出来的一条。" in page.text and "- 店主答应得太快，顾客怀疑手表不值这个价。" in page.text


def test_notes_after_a_cell_without_a_known_marker_are_still_rendered():
    source = LESSON.replace("**想一想**：甲和乙有什么不同？", "请比较甲和乙。").replace(
        "**Think**: how do A and B differ?", "Compare A and B.")
    page = guide_notes.render("09-test", bilingual.parse(source), QUIZ, "zh", "x.ipynb")
    assert "**讲解要点**\n\n- 甲看结果，乙看过程" in page.text
    assert page.missing == ["09-test · 三、没有要点的题: **想一想**：这一题还没有讲解要点？"]


def test_a_long_prompt_is_cut_at_a_sentence_end():
    prompt = guide_notes.Prompt("问题", "第一句话说得比较长一些，用来占位置，一共要有好几十个字才行呢？" * 3 + "最后一问")
    quote = prompt.quote("zh")
    assert quote.endswith("？ …") and len(quote) < 100
