"""Lesson 3 iceberg: silent dissatisfied customers behind the complaints and the revenue at risk."""
import pytest

from conftest import BAD_NUMBERS, assert_redraws, shown
from satisfaction.widgets import lesson3_iceberg


def test_iceberg_uses_the_seed_figures():
    berg = lesson3_iceberg.iceberg(5, 200, 12, 5, leave_share=0.9)
    assert berg.silent == 100 and berg.clv == 12_000
    assert berg.leaving == pytest.approx(94.5) and berg.at_risk == pytest.approx(94.5 * 12_000)


@pytest.mark.parametrize("lang, words", [("zh", ["100 人", "12,000 元", "1,134,000 元"]),
                                         ("en", ["100 customers", "12,000 yuan", "1,134,000 yuan"])])
def test_more_complaints_raise_the_revenue_at_risk(lang, words):
    ice = lesson3_iceberg.SilentIceberg(lang)
    assert all(w in shown(ice.result) for w in words)
    assert_redraws(ice.chart, lambda: setattr(ice.complaints, "value", "10"))
    assert "2,268,000" in shown(ice.result)


@pytest.mark.parametrize("field", ["complaints", "spend", "visits", "years"])
@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_bad_input_shows_a_message_and_keeps_the_result(field, bad):
    ice = lesson3_iceberg.SilentIceberg("zh")
    before = ice.result.value
    setattr(getattr(ice, field), "value", bad)
    assert "输入有误" in shown(ice.message) and ice.result.value == before
