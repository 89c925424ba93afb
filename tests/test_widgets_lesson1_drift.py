"""Lesson 1 expectation drift (the phone-repair case): parsing, path, verdicts, bad input."""
import pytest

from conftest import BAD_NUMBERS, assert_redraws, shown
from satisfaction.widgets import lesson1_drift


def test_parse_times_accepts_chinese_and_ascii_separators():
    assert lesson1_drift.parse_times("30，30、45; 20", "zh") == [30, 30, 45, 20]


@pytest.mark.parametrize("raw, message", [("", "请至少填写一次"), ("30, x", "“x”不是数字"), ("30, 0", "必须大于 0")])
def test_parse_times_says_what_is_wrong(raw, message):
    with pytest.raises(ValueError, match=message):
        lesson1_drift.parse_times(raw, "zh")


def test_too_many_times_are_refused():
    with pytest.raises(ValueError):
        lesson1_drift.parse_times(" ".join(["30"] * 51), "en")


@pytest.mark.parametrize("lang, words", [("zh", ["41 分钟", "超出期望", "低于期望"]),
                                         ("en", ["41 minutes", "exceeds", "falls short"])])
def test_phone_repair_expectation_drifts_down(lang, words):
    drift = lesson1_drift.ExpectationDrift(lang)
    assert all(w in shown(drift.result) for w in words)
    assert_redraws(drift.chart, lambda: setattr(drift.weight, "value", 1.0))
    assert ("45 分钟" if lang == "zh" else "45 minutes") in shown(drift.result)


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_bad_initial_expectation_shows_a_message_and_keeps_the_chart(bad):
    drift = lesson1_drift.ExpectationDrift("en")
    picture = drift.chart.widget.value
    drift.initial.value = bad
    assert "Please" in shown(drift.message) and drift.chart.widget.value == picture
    drift.initial.value = "60"
    assert shown(drift.message) == ""
