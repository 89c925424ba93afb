"""Lesson 3 iceberg: silent dissatisfied customers behind the complaints and the revenue at risk."""
import pytest

from conftest import BAD_NUMBERS, assert_redraws, shown
from satisfaction.widgets import lesson3_iceberg


def test_iceberg_uses_the_seed_figures():
    berg = lesson3_iceberg.iceberg(5, 200, 12, 5, leave_share=0.9)
    assert berg.silent == 100 and berg.clv == 12_000
    assert berg.leaving == pytest.approx(94.5) and berg.at_risk == pytest.approx(94.5 * 12_000)


def test_outline_scales_the_shape_to_the_count():
    tip = lesson3_iceberg.outline(lesson3_iceberg.TIP_SHAPE, 5)
    body = lesson3_iceberg.outline(lesson3_iceberg.BODY_SHAPE, 100)
    assert tip[:, 1].max() == 5 and tip[:, 1].min() == 0
    assert body[:, 1].min() == -100 and body[:, 1].max() == 0


def test_the_iceberg_shows_complainers_above_and_the_silent_below_the_water():
    ice = lesson3_iceberg.SilentIceberg("zh")
    assert ice.tip.get_xy()[:, 1].max() == 5 and ice.body.get_xy()[:, 1].min() == -100
    assert ice.tip_label.get_text() == "投诉 5 人" and "沉默的不满客户 100 人" in ice.body_label.get_text()
    ice.complaints.value = "2"
    assert ice.tip.get_xy()[:, 1].max() == 2 and ice.body.get_xy()[:, 1].min() == -40
    assert ice.ax.get_ylim()[0] <= -40


@pytest.mark.parametrize("lang, words", [("zh", ["100 人", "一共约 105 人", "12,000 元", "1,134,000 元"]),
                                         ("en", ["100 customers", "Of the 105", "12,000 yuan", "1,134,000 yuan"])])
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


def test_the_share_who_leave_moves_the_revenue_at_risk():
    ice = lesson3_iceberg.SilentIceberg("en")
    ice.leave.value = 0.98
    assert "1,234,800 yuan" in shown(ice.result) and "~103 of all dissatisfied leave" in ice.body_label.get_text()
