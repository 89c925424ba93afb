"""Lesson 1 gap calculator (c = b / a, verdict, scale level, chart redrawn in place) and the
hotel-guests figure."""
import numpy as np
import pytest

from conftest import assert_redraws, shown
from satisfaction import terms
from satisfaction.widgets import lesson1


@pytest.mark.parametrize("c, five, seven", [(0.70, 1, 1), (0.80, 2, 2), (0.90, 2, 3), (1.0, 3, 4),
                                            (1.05, 3, 4), (1.10, 4, 5), (1.20, 4, 6), (1.30, 5, 7)])
def test_index_level_on_both_scales(c, five, seven):
    assert lesson1.index_level(c, 5) == five and lesson1.index_level(c, 7) == seven


def test_index_level_keeps_the_meets_band_in_the_middle_level():
    # 5.25 / 5 lands on the cut 1.05 only up to rounding: it must still be 一般 (neutral).
    assert lesson1.index_level(5.25 / 5, 5) == 3 and lesson1.overall_verdict(5.25 / 5) == "meets"
    assert lesson1.index_level(0.95, 7) == 4 and lesson1.overall_verdict(0.949) == "falls_short"


def test_index_level_rejects_bad_input():
    with pytest.raises(ValueError, match="5 or 7"):
        lesson1.index_level(1.0, 6)
    with pytest.raises(ValueError, match="finite"):
        lesson1.index_level(float("nan"))
    with pytest.raises(ValueError, match="finite"):
        lesson1.index_level(-0.5)


def test_gap_summary_gives_gaps_index_verdict_and_level():
    s = lesson1.gap_summary({"a": 7, "b": 7}, {"a": 5, "b": 8}, levels=5)
    assert list(s.gaps) == [-2, 1] and s.index == pytest.approx(6.5 / 7)
    assert s.verdict == "falls_short" and s.level == 2
    assert lesson1.gap_summary({"a": 7}, {"a": 7}).verdict == "meets"
    assert lesson1.gap_summary({"a": 4}, {"a": 6}, levels=7).level == 7
    with pytest.raises(ValueError, match="same"):
        lesson1.gap_summary({"a": 7}, {"b": 7})
    with pytest.raises(ValueError, match="same"):
        lesson1.gap_summary({}, {})


@pytest.mark.parametrize("lang, short, exceeds, level", [
    ("zh", "低于期望", "超出期望", "不满意"), ("en", "falls short", "exceeds", "dissatisfied")])
def test_moving_a_slider_changes_verdict_index_and_chart(lang, short, exceeds, level):
    calc = lesson1.GapCalculator(lang)
    assert short in shown(calc.verdict) and "0.91" in shown(calc.result) and level in shown(calc.result)
    first = next(iter(calc.expected.values()))
    assert_redraws(calc.chart, lambda: setattr(first, "value", 1))
    assert exceeds in shown(calc.verdict) and "1.10" in shown(calc.result) and shown(calc.message) == ""


def test_a_few_steps_of_the_first_slider_change_the_visible_verdict():
    """What the browser test does: the first slider on the page is the expectation of 信赖度."""
    calc = lesson1.GapCalculator("zh")
    assert {"course-verdict", "sat-verdict"} <= set(calc.verdict._dom_classes)
    assert calc.ui.children.index(calc.verdict) < calc.ui.children.index(calc.chart.widget)
    first = calc.expected["reliability"]
    assert first is next(iter(calc.expected.values()))
    first.value -= 2
    assert "满足期望" in shown(calc.verdict) and "一般" in shown(calc.result)


def test_bars_show_each_elements_gap():
    calc = lesson1.GapCalculator("en")
    assert [t.get_text() for t in calc.bar_labels] == ["-1", "-2", "0", "-1", "+1"]
    assert [b.get_height() for b in calc.bars] == [-1, -2, 0, -1, 1]
    calc.perceived["assurance"].value = 10
    assert calc.bar_labels[2].get_text() == "+3" and calc.bars[2].get_height() == 3


def test_seven_level_scale_changes_the_label():
    calc = lesson1.GapCalculator("zh")
    calc.levels.value = 7
    assert "不太满意" in shown(calc.result)


def test_sliders_cannot_reach_zero_so_c_is_always_defined():
    calc = lesson1.GapCalculator("en")
    for slider in calc.expected.values():
        slider.value = 0  # clamped to the minimum, 1: no division by zero
    assert all(s.value == lesson1.SLIDER_MIN for s in calc.expected.values())
    assert shown(calc.message) == "" and "exceeds" in shown(calc.verdict)


def test_hotel_guests_are_synthetic_but_repeatable():
    guests = lesson1.hotel_guests(120, seed=5)
    assert len(guests) == 120 and guests.equals(lesson1.hotel_guests(120, seed=5))
    assert np.allclose(guests["c"], guests["perceived"] / guests["expected"])
    assert guests[["expected", "perceived"]].stack().between(lesson1.SLIDER_MIN, lesson1.SLIDER_MAX).all()
    # The same hotel pleases some guests and disappoints others: satisfaction is individual.
    assert set(guests["verdict"]) == {"exceeds", "meets", "falls_short"}
    assert (guests.loc[guests["level"] == 3, "verdict"] == "meets").all()
    assert (guests.loc[guests["level"] < 3, "verdict"] == "falls_short").all()
    for bad in (0, -5, 2.5, "ten", True):
        with pytest.raises(ValueError, match="n_guests"):
            lesson1.hotel_guests(bad)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hotel_figure_counts_every_guest_on_the_five_level_scale(lang):
    import matplotlib.pyplot as plt

    fig = lesson1.hotel_figure(lang, n_guests=150)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == list(terms.all_terms()["scale"]["5"][lang])
    assert sum(p.get_height() for p in ax.patches) == 150
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        terms.label("verdict", k, lang) for k in ("exceeds", "meets", "falls_short")]
    plt.close(fig)


