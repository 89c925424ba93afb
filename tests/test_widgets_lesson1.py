"""Lesson 1 gap calculator: index c = b / a, verdict, scale level, chart redrawn in place."""
import pytest

from conftest import assert_redraws, shown
from satisfaction.widgets import lesson1


@pytest.mark.parametrize("c, five, seven", [(0.70, 1, 1), (0.80, 2, 2), (0.90, 2, 3), (1.0, 3, 4),
                                            (1.05, 3, 4), (1.10, 4, 5), (1.20, 4, 6), (1.30, 5, 7)])
def test_index_level_on_both_scales(c, five, seven):
    assert lesson1.index_level(c, 5) == five and lesson1.index_level(c, 7) == seven


def test_index_level_rejects_bad_input():
    with pytest.raises(ValueError, match="5 or 7"):
        lesson1.index_level(1.0, 6)
    with pytest.raises(ValueError, match="finite"):
        lesson1.index_level(float("nan"))


def test_gap_summary_reads_the_store():
    s = lesson1.gap_summary({"a": 7, "b": 7}, {"a": 5, "b": 8}, levels=5)
    assert list(s.gaps) == [-2, 1] and s.index == pytest.approx(6.5 / 7)
    assert s.verdict == "falls_short" and s.level == 2
    assert lesson1.gap_summary({"a": 7}, {"a": 7}).verdict == "meets"
    with pytest.raises(ValueError, match="same"):
        lesson1.gap_summary({"a": 7}, {"b": 7})


@pytest.mark.parametrize("lang, short, exceeds, level", [
    ("zh", "低于期望", "超出期望", "不满意"), ("en", "falls short", "exceeds", "dissatisfied")])
def test_moving_a_slider_changes_verdict_index_and_chart(lang, short, exceeds, level):
    calc = lesson1.GapCalculator(lang)
    assert short in shown(calc.verdict) and "0.91" in shown(calc.result) and level in shown(calc.result)
    first = next(iter(calc.expected.values()))
    assert_redraws(calc.chart, lambda: setattr(first, "value", 1))
    assert exceeds in shown(calc.verdict) and shown(calc.message) == ""


def test_seven_level_scale_changes_the_label():
    calc = lesson1.GapCalculator("zh")
    calc.levels.value = 7
    assert "不太满意" in shown(calc.result)


def test_index_histogram_draws_every_verdict():
    fig = lesson1.index_histogram("zh", n_respondents=100)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["超出期望", "满足期望", "低于期望"]
    assert sum(p.get_height() for p in ax.patches) == 100
