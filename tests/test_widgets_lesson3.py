"""Lesson 3 five-gap drill: scenarios name real gaps; the feedback says right or wrong and why."""
import pytest

from conftest import shown
from satisfaction import FIVE_GAPS
from satisfaction.widgets import lesson3


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scenarios_cover_the_gaps_in_both_languages(lang):
    items = lesson3.scenarios(lang)
    assert len(items) >= 5 and {s.gap for s in items} == {g.key for g in FIVE_GAPS}
    assert [s.gap for s in items] == [s.gap for s in lesson3.scenarios("zh")]


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


@pytest.mark.parametrize("lang, wrong, right", [("zh", "✘", "✔ 正确"), ("en", "✘", "✔ Right")])
def test_drill_checks_and_moves_on(lang, wrong, right):
    drill = lesson3.GapDrill(lang)
    first = shown(drill.scenario)
    drill.check.click()
    assert shown(drill.message) and shown(drill.feedback) == ""
    drill.choice.value = "procedure"
    drill.check.click()
    assert shown(drill.feedback).startswith(wrong) and shown(drill.message) == ""
    drill.choice.value = drill.items[0].gap
    drill.check.click()
    assert shown(drill.feedback).startswith(right) and drill.right == 1
    drill.next.click()
    assert shown(drill.scenario) != first and drill.choice.value is None and shown(drill.feedback) == ""


def test_communication_figure_has_the_seed_shares():
    fig = lesson3.communication_figure("zh")
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"面部表情", "语音语调", "遣词用字", "55%", "38%", "7%"} <= texts
