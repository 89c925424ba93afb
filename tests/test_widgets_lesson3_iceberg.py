"""Lesson 3 iceberg: silent dissatisfied customers behind the complaints and the revenue at risk."""
import pytest

from conftest import BAD_NUMBERS, assert_redraws, shown
from satisfaction import value
from satisfaction.widgets import _base, lesson3_iceberg


def test_iceberg_uses_the_twenty_silent_per_complaint_and_an_assumed_leave_share():
    berg = lesson3_iceberg.iceberg(5, 200, 12, 5, leave_share=0.5)
    assert berg.silent == 100 and berg.dissatisfied == 105 and berg.clv == 12_000
    # 20 of every 21 dissatisfied stay silent: the 90–98 % of seed 004, not a second factor.
    assert berg.silent_share == pytest.approx(20 / 21)
    assert value.NEVER_COMPLAIN_SHARE[0] <= berg.silent_share <= value.NEVER_COMPLAIN_SHARE[1]
    # Only the silent ones are assumed to leave; the complainers are not counted as lost.
    assert berg.leaving == 50 and berg.at_risk == 50 * 12_000
    with pytest.raises(ValueError, match="years"):
        lesson3_iceberg.iceberg(5, 200, 12, 101, leave_share=0.5)


def test_outline_scales_the_shape_to_the_count():
    tip = lesson3_iceberg.outline(lesson3_iceberg.TIP_SHAPE, 5)
    body = lesson3_iceberg.outline(lesson3_iceberg.BODY_SHAPE, 100)
    assert tip[:, 1].max() == 5 and tip[:, 1].min() == 0
    assert body[:, 1].min() == -100 and body[:, 1].max() == 0


def test_the_iceberg_shows_complainers_above_and_the_silent_below_the_water():
    ice = lesson3_iceberg.SilentIceberg("zh")
    assert ice.tip.get_xy()[:, 1].max() == 5 and ice.body.get_xy()[:, 1].min() == -100
    assert ice.tip_label.get_text() == "投诉 5 人" and "沉默的不满客户 100 人" in ice.body_label.get_text()
    assert "假设其中约 50 人离开" in ice.body_label.get_text()
    ice.complaints.value = "2"
    assert ice.tip.get_xy()[:, 1].max() == 2 and ice.body.get_xy()[:, 1].min() == -40
    assert ice.ax.get_ylim()[0] <= -40


@pytest.mark.parametrize("lang, words", [
    ("zh", ["水面下约有 100 人", "一共约 105 人", "95% 没有投诉", "有 50% 会离开", "12,000 元", "600,000 元"]),
    ("en", ["about 100 more", "105 dissatisfied", "95 % of whom", "Assuming 50 %", "12,000 yuan",
            "600,000 yuan"])])
def test_more_complaints_raise_the_revenue_at_risk(lang, words):
    ice = lesson3_iceberg.SilentIceberg(lang)
    assert all(w in shown(ice.result) for w in words), shown(ice.result)
    assert "悄悄离开" not in shown(ice.result)
    assert_redraws(ice.chart, lambda: setattr(ice.complaints, "value", "10"))
    assert "1,200,000" in shown(ice.result)


def test_the_assumed_share_is_typed_and_shown_as_a_whole_percent():
    ice = lesson3_iceberg.SilentIceberg("en")
    assert (ice.leave.min, ice.leave.max, ice.leave.value) == (0, 100, 50)
    assert "(%)" in ice.leave.description
    ice.leave.value = 80
    assert "Assuming 80 %" in shown(ice.result) and "960,000 yuan" in shown(ice.result)
    assert "about 80" in ice.body_label.get_text()


def test_the_controls_are_the_course_shared_ones():
    """Wide slider track, text boxes with a Calculate button that also recomputes (as in every lesson)."""
    ice = lesson3_iceberg.SilentIceberg("zh")
    assert "sat-slider" in ice.leave._dom_classes and _base.TRACK in ice.leave.layout.min_width
    assert ice.check.description == "计算"
    ice.complaints.value = "abc"
    assert "输入有误" in shown(ice.message)
    ice.complaints.value = "5"
    ice.result.value = ""
    ice.check.click()
    assert "元" in shown(ice.result)


@pytest.mark.parametrize("field, bad", [(field, bad) for field in ("complaints", "spend", "visits", "years")
                                        for bad in BAD_NUMBERS] + [("years", "101")])
def test_bad_input_shows_a_message_and_clears_the_result_and_chart(field, bad):
    ice = lesson3_iceberg.SilentIceberg("zh")
    setattr(getattr(ice, field), "value", bad)
    assert "输入有误" in shown(ice.message)
    assert ice.result.value == "" and ice.chart.widget.layout.display == "none"
    setattr(getattr(ice, field), "value", "5")
    assert shown(ice.message) == "" and "元" in shown(ice.result) and ice.chart.widget.layout.display is None


@pytest.mark.parametrize("years, ok", [("1", True), ("100", True), ("0.5", False), ("100.5", False)])
def test_years_are_1_to_100_as_in_every_lesson(years, ok):
    ice = lesson3_iceberg.SilentIceberg("en")
    ice.years.value = years
    assert (shown(ice.message) == "") is ok
    assert ok or "between 1 and 100 years" in shown(ice.message)
