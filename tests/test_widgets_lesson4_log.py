"""Lesson 4 complaints-log analysis: Pareto of causes and response times, per channel."""
import pytest

from conftest import assert_redraws, shown
from satisfaction import synthetic, terms
from satisfaction.widgets import lesson4_log


def test_log_summary_per_channel():
    log = synthetic.complaints_log(300, seed=0)
    table, stats = lesson4_log.log_summary(log, "phone", "zh")
    phone = log[log["channel"] == "phone"]
    assert table["count"].sum() == len(phone) and table["count"].is_monotonic_decreasing
    assert stats["median"] == pytest.approx(phone["response_hours"].median())
    assert table["name"].iloc[0] and table["cumulative"].iloc[-1] == pytest.approx(1.0)


def test_a_channel_without_complaints_is_refused():
    log = synthetic.complaints_log(300, seed=0)
    with pytest.raises(ValueError, match="没有投诉记录"):
        lesson4_log.log_summary(log.iloc[:0], lesson4_log.ALL, "zh")


@pytest.mark.parametrize("lang, words", [("zh", ["最主要的原因", "商品质量不满意", "中位数"]),
                                         ("en", ["top cause", "unsatisfactory product", "Median"])])
def test_log_widget_follows_the_channel(lang, words):
    widget = lesson4_log.ComplaintLog(lang)
    assert all(w in shown(widget.result) for w in words)
    assert_redraws(widget.chart, lambda: setattr(widget.channel, "value", "phone"))
    assert shown(widget.message) == ""


def test_response_figure_labels_channels_in_chinese():
    fig = lesson4_log.response_figure("zh")
    assert {t.get_text() for t in fig.axes[0].get_xticklabels()} == set(terms.labels("channel", "zh").values())
