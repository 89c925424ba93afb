"""Lesson 2 delivered value (value kinds − cost kinds, seed 002's value equation) and lifetime value."""
import pytest

from conftest import BAD_NUMBERS, assert_redraws, shown
from satisfaction.widgets import lesson2


def test_value_equation_groups_the_seed_kinds():
    values = {"product": 600, "image": 200, "service": 100, "personnel": 100}
    assert lesson2.value_equation(values, {"money": 400, "time": 50, "energy": 50}) == pytest.approx(2.0)
    assert lesson2.value_equation(values, {"money": 0, "time": 0, "energy": 0}) is None


def test_cumulative_clv_ends_at_the_lifetime_value():
    years, clv = lesson2.cumulative_clv(300, 12, 2.5)
    assert list(years) == [0, 1, 2, 2.5] and clv[-1] == pytest.approx(300 * 12 * 2.5)
    with pytest.raises(ValueError, match="at most"):
        lesson2.cumulative_clv(300, 12, lesson2.MAX_YEARS + 1)


@pytest.mark.parametrize("lang, delivered", [("zh", "让渡价值 500 元"), ("en", "delivered value 500 yuan")])
def test_delivered_value_shows_value_minus_cost(lang, delivered):
    dv = lesson2.DeliveredValue(lang)
    assert all(w in shown(dv.result) for w in ("3,000", "2,500", delivered, "1.20"))
    assert_redraws(dv.chart, lambda: setattr(dv.costs["money"], "value", "3000"))
    assert " -300 " in shown(dv.result) and "0.91" in shown(dv.result)


@pytest.mark.parametrize("bad", ["-3", "", "abc"])
def test_delivered_value_bad_amount_shows_a_message(bad):
    dv = lesson2.DeliveredValue("zh")
    before = dv.result.value
    dv.values["product"].value = bad
    assert "输入有误" in shown(dv.message) and dv.result.value == before


def test_lifetime_value_of_a_regular():
    clv = lesson2.LifetimeValue("en")
    assert "36,000" in shown(clv.result)
    assert_redraws(clv.chart, lambda: setattr(clv.years, "value", "5"))
    assert "18,000" in shown(clv.result)


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_lifetime_value_bad_input_shows_a_message(bad):
    clv = lesson2.LifetimeValue("zh")
    clv.spend.value = bad
    assert "输入有误" in shown(clv.message)
    clv.spend.value = "300"
    assert shown(clv.message) == "" and "36,000" in shown(clv.result)
