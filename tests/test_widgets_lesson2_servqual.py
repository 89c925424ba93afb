"""Lesson 2 SERVQUAL chart: an editable expected/perceived table per quality element."""
import pytest

from conftest import assert_redraws, shown
from satisfaction.widgets import lesson2_servqual


def test_score_table_is_the_long_table_servqual_gaps_takes():
    table = lesson2_servqual.score_table({"reliability": 6, "empathy": 5}, {"reliability": 4, "empathy": 6})
    assert list(table.columns) == ["dimension", "expected", "perceived"] and len(table) == 2


@pytest.mark.parametrize("lang, weakest", [("zh", "信赖度"), ("en", "reliability")])
def test_weakest_element_is_named_and_follows_the_table(lang, weakest):
    sq = lesson2_servqual.ServqualChart(lang)
    assert weakest in shown(sq.result) and "-1.30" in shown(sq.result)
    assert_redraws(sq.chart, lambda: setattr(sq.perceived["reliability"], "value", "7"))
    assert weakest not in shown(sq.result)


@pytest.mark.parametrize("bad", ["0", "9", "-3", "", "abc"])
def test_scores_outside_the_scale_show_a_message(bad):
    sq = lesson2_servqual.ServqualChart("zh")
    sq.expected["empathy"].value = bad
    assert "输入有误" in shown(sq.message)


def test_item_gap_figure_has_chinese_labels():
    fig = lesson2_servqual.item_gap_figure("zh", n_respondents=50)
    words = {t.get_text() for ax in fig.axes for t in ax.texts}
    assert {"信赖度", "反应度", "专业度", "同理度", "有形度"} <= words
