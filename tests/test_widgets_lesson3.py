"""Lesson 3 five-gap drill: scenarios name real gaps; the feedback says right or wrong and why."""
import pytest

from conftest import shown
from satisfaction import FIVE_GAPS
from satisfaction.widgets import lesson3


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scenarios_cover_the_gaps_in_both_languages(lang):
    items = lesson3.scenarios(lang)
    gaps = [s.gap for s in items]
    assert all(gaps.count(g.key) >= 2 for g in FIVE_GAPS), "two scenarios per gap at least"
    assert gaps == [s.gap for s in lesson3.scenarios("zh")]
    assert len({s.story for s in items}) == len(items) and all(s.why for s in items)


def test_diagnose_explains_a_wrong_choice():
    item = lesson3.scenarios("zh")[0]
    right, words = lesson3.diagnose(item, item.gap, "zh")
    assert right and "促销差距" in words
    right, words = lesson3.diagnose(item, "behaviour", "zh")
    assert not right and "不是行为差距" in words and "促销差距" in words
    with pytest.raises(ValueError, match="先选择"):
        lesson3.diagnose(item, None, "zh")
    with pytest.raises(ValueError, match="one of"):
        lesson3.diagnose(item, "price", "zh")


@pytest.mark.parametrize("lang, wrong, right, score", [("zh", "✘", "✔ 正确", "第一次就答对：0 / 已练习 1"),
                                                      ("en", "✘", "✔ Right", "first try: 0 of the 1")])
def test_drill_checks_and_moves_on(lang, wrong, right, score):
    drill = lesson3.GapDrill(lang)
    first = shown(drill.scenario)
    drill.check.click()
    assert shown(drill.message) and shown(drill.feedback) == "" and drill.first_try == {}
    drill.choice.value = "procedure"
    drill.check.click()
    assert shown(drill.feedback).startswith(wrong) and shown(drill.message) == ""
    drill.choice.value = drill.items[0].gap
    drill.check.click()
    assert shown(drill.feedback).startswith(right)
    assert drill.right == 0 and score in shown(drill.score), "only the first try counts"
    drill.next.click()
    assert shown(drill.scenario) != first and drill.choice.value is None and shown(drill.feedback) == ""
    drill.choice.value = drill.items[1].gap
    drill.check.click()
    assert drill.right == 1 and "1" in shown(drill.score) and "2" in shown(drill.score)


def test_drill_wraps_around_after_the_last_scenario():
    drill = lesson3.GapDrill("en")
    for _ in drill.items:
        drill.next.click()
    assert drill.position == 0


def test_communication_figure_has_the_seed_shares():
    fig = lesson3.communication_figure("zh")
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"面部表情", "语音语调", "遣词用字", "55%", "38%", "7%"} <= texts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_lesson_quiz_agrees_with_the_model(lang):
    from satisfaction import silent_dissatisfied
    from satisfaction.widgets.quiz import Quiz

    q = Quiz("quiz_lesson3", lang)
    assert 4 <= len(q.questions) <= 6
    answers = [item.options[item.answer] for item in q.questions]
    assert answers[1] == getattr(next(g for g in FIVE_GAPS if g.key == "behaviour"), lang)
    assert answers[3].startswith(str(4 + int(silent_dissatisfied(4))))  # 4 complaints + the silent ones
    q.choices[1].value = answers[1]
    assert q.questions[1].explain in shown(q.results[1]) and q.score == 1
