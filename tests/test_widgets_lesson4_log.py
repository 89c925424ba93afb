"""Lesson 4 complaints-log analysis: Pareto of causes and response times, per channel."""
import pytest
from matplotlib.colors import to_rgba

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


def test_the_vital_few_bars_stand_out():
    widget = lesson4_log.ComplaintLog("en")
    table, _ = lesson4_log.log_summary(lesson4_log.sample_log(300, 0), lesson4_log.ALL, "en")
    colours = [tuple(bar.get_facecolor()) for bar in widget.bars]
    vital, other = (to_rgba(c) for c in (lesson4_log.VITAL_COLOR, lesson4_log.OTHER_COLOR))
    assert colours == [vital if v else other for v in table["vital_few"]]
    assert 0 < table["vital_few"].sum() < len(table)
    labels = [t.get_text() for t in widget.share_ax.get_legend().get_texts()]
    assert labels == ["the vital few (about 80 % together)", "other causes"]


def test_response_table_has_a_row_per_channel_and_for_all():
    log = synthetic.complaints_log(300, seed=0)
    table = lesson4_log.response_table(log, "en")
    assert list(table.index) == [lesson4_log.ALL, *terms.keys("channel")]
    assert table.loc[lesson4_log.ALL, "count"] == 300 == table["count"].iloc[1:].sum()
    letters = log.loc[log["channel"] == "letter", "response_hours"]
    assert table.loc["letter", "median"] == pytest.approx(letters.median())
    assert table.loc["letter", "share_within"] == pytest.approx((letters <= lesson4_log.ANSWER_WITHIN).mean())
    assert list(lesson4_log.response_table(log[log["channel"] == "phone"], "en").index) == [lesson4_log.ALL, "phone"]
    with pytest.raises(ValueError, match="No complaints"):
        lesson4_log.response_table(log.iloc[:0], "en")


@pytest.mark.parametrize("lang, heading, row, total", [
    ("zh", "24 小时内回复的比例", "全部渠道", "该渠道合计"),
    ("en", "share answered within 24 hours", "all channels", "whole channel")])
def test_the_table_follows_the_channel(lang, heading, row, total):
    widget = lesson4_log.ComplaintLog(lang)
    bold = '<tr style="font-weight:bold;"><td style="padding:2px 10px;text-align:left">'
    assert heading in shown(widget.times) and f"{bold}{row}" in widget.times.value
    widget.channel.value = "letter"
    log = lesson4_log.sample_log(300, 0)
    letters = log[log["channel"] == "letter"]
    assert f"{bold}{total}</td><td" in widget.times.value and f">{len(letters)}<" in widget.times.value
    assert ">300<" not in widget.times.value and row not in shown(widget.times)
    for cause in letters["cause"].unique():
        assert terms.label("complaint_cause", cause, lang) in shown(widget.times)
    assert f"{len(letters)}" in widget.ax.get_title()
    assert sum(bar.get_height() for bar in widget.bars) == len(letters)


def test_a_larger_log_redraws_the_same_chart_and_counts_more():
    widget = lesson4_log.ComplaintLog("zh")
    assert "300 条投诉" in widget.ax.get_title()
    assert_redraws(widget.chart, lambda: setattr(widget.size, "value", 1000))
    assert "1000 条投诉" in widget.ax.get_title() and ">1000<" in widget.times.value
    assert sum(bar.get_height() for bar in widget.bars) == 1000
