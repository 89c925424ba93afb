"""Lesson 1 expectation drift (the phone-repair case): parsing, path, verdicts, bad input."""
import numpy as np
import pytest

from conftest import BAD_NUMBERS, assert_cleared, assert_redraws, assert_shown, shown
from satisfaction import expectation_path
from satisfaction.widgets import lesson1_drift


def test_parse_times_accepts_chinese_and_ascii_separators():
    assert lesson1_drift.parse_times("30，30、45; 20", "zh") == [30, 30, 45, 20]
    assert lesson1_drift.parse_times(" 30  25.5\n40 ", "en") == [30, 25.5, 40]


@pytest.mark.parametrize("raw, message", [("", "请至少填写一次"), ("  ，", "请至少填写一次"),
                                          ("30, x", "“x”不是数字"), ("30, 0", "必须大于 0"),
                                          ("30, -5", "必须大于 0")])
def test_parse_times_says_what_is_wrong(raw, message):
    with pytest.raises(ValueError, match=message):
        lesson1_drift.parse_times(raw, "zh")


def test_too_many_times_are_refused():
    with pytest.raises(ValueError, match="at most 50"):
        lesson1_drift.parse_times(" ".join(["30"] * 51), "en")
    assert len(lesson1_drift.parse_times(" ".join(["30"] * 50), "en")) == 50


def test_a_faster_repair_exceeds_and_a_slower_one_falls_short():
    path = expectation_path(60, [30, 60, 80], 0.5)  # 60 → 45 → 52.5 → 66.25
    assert lesson1_drift.visit_verdicts(path, [30, 60, 80]) == ["exceeds", "falls_short", "falls_short"]
    # Within half a minute of the expectation the repair simply meets it.
    assert lesson1_drift.visit_verdicts(np.array([45.3, 45.0]), [45]) == ["meets"]
    assert lesson1_drift.visit_verdicts(np.array([44.0, 45.0]), [45]) == ["falls_short"]


@pytest.mark.parametrize("lang, words", [("zh", ["41 分钟", "超出期望", "低于期望"]),
                                         ("en", ["41 minutes", "exceeds", "falls short"])])
def test_phone_repair_expectation_drifts_down(lang, words):
    drift = lesson1_drift.ExpectationDrift(lang)
    assert all(w in shown(drift.result) for w in words)
    assert_redraws(drift.chart, lambda: setattr(drift.weight, "value", 1.0))
    assert ("45 分钟" if lang == "zh" else "45 minutes") in shown(drift.result)
    assert list(drift.expect_line.get_ydata()) == [60, 30, 30, 45]


def test_the_seed_case_one_fast_repair_resets_the_expectation():
    """Seed 003: used to an hour at company B, served in half an hour at company A."""
    drift = lesson1_drift.ExpectationDrift("zh")
    drift.weight.value = 1.0
    assert_redraws(drift.chart, lambda: setattr(drift.times, "value", "30"))
    assert "下次维修时，小王期望的维修时间约为 30 分钟" in shown(drift.result)
    drift.weight.value = 0.0
    assert "约为 60 分钟" in shown(drift.result)


@pytest.mark.parametrize("lang, please", [("en", "Please"), ("zh", "输入有误")])
@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_bad_initial_expectation_shows_a_message_and_clears_the_result(lang, please, bad):
    drift = lesson1_drift.ExpectationDrift(lang)
    drift.initial.value = bad
    assert please in shown(drift.message)
    assert_cleared(drift.chart, drift.result)
    drift.initial.value = "60"
    assert shown(drift.message) == "" and shown(drift.result)
    assert_shown(drift.chart)


def test_the_button_checks_what_is_in_the_boxes():
    drift = lesson1_drift.ExpectationDrift("zh")
    drift.times.value = "abc"
    assert "输入有误" in shown(drift.message)
    drift.check.click()
    assert "输入有误" in shown(drift.message) and drift.result.value == ""
    drift.times.set_trait("value", "30")  # as if the box changed without a change event
    drift.check.click()
    assert shown(drift.message) == "" and "约为 45 分钟" in shown(drift.result)


@pytest.mark.parametrize("bad", ["", "abc", "30, 0", "-1"])
def test_bad_repair_times_show_a_message(bad):
    drift = lesson1_drift.ExpectationDrift("en")
    drift.times.value = bad
    assert "Please check the input" in shown(drift.message)


def test_long_repair_times_keep_the_axis_label_inside_the_picture():
    drift = lesson1_drift.ExpectationDrift("zh")
    assert_redraws(drift.chart, lambda: setattr(drift.times, "value", "1500, 30, 9000"))
    renderer = drift.chart.canvas.get_renderer()
    assert drift.ax.yaxis.label.get_window_extent(renderer).x0 >= 0
