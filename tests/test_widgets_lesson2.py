"""Lesson 2 delivered value (value kinds − cost kinds, seed 002's value equation) and lifetime value."""
import pytest

from conftest import BAD_NUMBERS, assert_cleared, assert_redraws, assert_shown, shown
from satisfaction import lifetime_value, terms
from satisfaction.widgets import lesson2


def test_value_equation_groups_the_seed_kinds():
    values = {"product": 600, "image": 200, "service": 100, "personnel": 100}
    assert lesson2.value_equation(values, {"money": 400, "time": 50, "energy": 50}) == pytest.approx(2.0)
    assert lesson2.value_equation(values, {"money": 0, "time": 0, "energy": 0}) is None
    assert lesson2.value_equation({}, {"time": 10}) == 0


def test_cumulative_clv_ends_at_the_lifetime_value():
    years, clv = lesson2.cumulative_clv(300, 12, 2.5)
    assert list(years) == [0, 1, 2, 2.5] and clv[-1] == pytest.approx(300 * 12 * 2.5)
    years, clv = lesson2.cumulative_clv(100, 10, 3, margin=0.5, discount_rate=0.1)
    assert clv[-1] == pytest.approx(lifetime_value(100, 10, 3, 0.5, 0.1)) and clv[0] == 0
    assert all(later > earlier for earlier, later in zip(clv, clv[1:]))
    with pytest.raises(ValueError, match="at most"):
        lesson2.cumulative_clv(300, 12, lesson2.YEARS_MAX + 1)


@pytest.mark.parametrize("lang, delivered", [("zh", "让渡价值 500 元"), ("en", "delivered value 500 yuan")])
def test_delivered_value_shows_value_minus_cost(lang, delivered):
    dv = lesson2.DeliveredValue(lang)
    assert all(w in shown(dv.result) for w in ("3,000", "2,500", delivered, "1.20"))
    assert terms.label("ui_lesson2", "dv_positive", lang) in shown(dv.result)
    assert_redraws(dv.chart, lambda: setattr(dv.costs["money"], "value", "3000"))
    assert " -300 " in shown(dv.result) and "0.91" in shown(dv.result)
    assert terms.label("ui_lesson2", "dv_negative", lang) in shown(dv.result)


def test_stacked_bars_follow_the_amounts():
    dv = lesson2.DeliveredValue("zh")
    dv.costs["time"].value = "0"  # the lesson's suggestion: a zero time cost is allowed
    assert shown(dv.message) == "" and "让渡价值 700 元" in shown(dv.result)
    tops = [bar.get_y() + bar.get_height() for bar in dv.cost_bars]
    assert tops == [2200, 2200, 2300]
    assert dv.value_bars[-1].get_y() + dv.value_bars[-1].get_height() == 3000


def test_all_costs_zero_says_the_ratio_cannot_be_computed():
    dv = lesson2.DeliveredValue("en")
    for box in dv.costs.values():
        box.value = "0"
    assert "cannot be computed" in shown(dv.result) and shown(dv.message) == ""


@pytest.mark.parametrize("lang, please", [("zh", "输入有误"), ("en", "Please check the input")])
@pytest.mark.parametrize("bad", ["-3", "", "abc"])
def test_delivered_value_bad_amount_shows_a_message(lang, please, bad):
    dv = lesson2.DeliveredValue(lang)
    dv.values["product"].value = bad
    assert please in shown(dv.message)
    assert_cleared(dv.chart, dv.result)
    dv.values["product"].value = "2000"
    assert shown(dv.message) == "" and shown(dv.result)
    assert_shown(dv.chart)


@pytest.mark.parametrize("lang, amount", [("en", "36,000"), ("zh", "36,000 元")])
def test_lifetime_value_of_a_regular(lang, amount):
    clv = lesson2.LifetimeValue(lang)
    assert amount in shown(clv.result)
    assert_redraws(clv.chart, lambda: setattr(clv.years, "value", "5"))
    assert "18,000" in shown(clv.result)


def test_discounting_and_margin_lower_the_lifetime_value():
    clv = lesson2.LifetimeValue("en")
    clv.discount.value = 10  # percent, as shown and typed
    assert f"{lifetime_value(300, 12, 10, 1.0, 0.1):,.0f}" in shown(clv.result)
    clv.margin.value = 50
    assert f"{lifetime_value(300, 12, 10, 0.5, 0.1):,.0f}" in shown(clv.result)


@pytest.mark.parametrize("lang, lost, zero", [("zh", "一整笔钱", "利润率为 0"), ("en", "all of it", "margin of 0")])
def test_a_zero_margin_does_not_speak_of_losing_the_whole_amount(lang, lost, zero):
    clv = lesson2.LifetimeValue(lang)
    assert lost in shown(clv.result)
    clv.margin.value = 0
    assert lost not in shown(clv.result) and zero in shown(clv.result)


@pytest.mark.parametrize("lang, please", [("zh", "输入有误"), ("en", "Please check the input")])
@pytest.mark.parametrize("box", ["spend", "visits", "years"])
@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_lifetime_value_bad_input_shows_a_message(lang, please, box, bad):
    clv = lesson2.LifetimeValue(lang)
    getattr(clv, box).value = bad
    assert please in shown(clv.message)
    assert_cleared(clv.chart, clv.result)
    getattr(clv, box).value = {"spend": "300", "visits": "12", "years": "10"}[box]
    assert shown(clv.message) == "" and "36,000" in shown(clv.result)


@pytest.mark.parametrize("years", ["101", "0.5", "1e12"])
def test_years_outside_1_to_100_are_refused_as_in_every_lesson(years):
    clv = lesson2.LifetimeValue("zh")
    clv.years.value = years
    assert "应在 1 到 100 年之间" in shown(clv.message)
    clv.years.value = "100"
    assert shown(clv.message) == ""




def test_a_much_larger_lifetime_value_keeps_the_axis_label_inside_the_picture():
    clv = lesson2.LifetimeValue("zh")
    assert_redraws(clv.chart, lambda: setattr(clv.visits, "value", "300"))
    renderer = clv.chart.canvas.get_renderer()
    assert clv.ax.yaxis.label.get_window_extent(renderer).x0 >= 0 and "900,000 元" in shown(clv.result)


def test_large_amounts_keep_the_axis_label_inside_the_picture():
    dv = lesson2.DeliveredValue("en")
    assert_redraws(dv.chart, lambda: setattr(dv.values["product"], "value", "250000"))
    renderer = dv.chart.canvas.get_renderer()
    assert dv.ax.yaxis.label.get_window_extent(renderer).x0 >= 0 and "251,000" in shown(dv.result)
