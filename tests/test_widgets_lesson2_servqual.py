"""Lesson 2 SERVQUAL chart: an editable expected/perceived table per quality element."""
import pytest

from conftest import assert_cleared, assert_redraws, assert_shown, shown
from satisfaction import terms
from satisfaction.widgets import lesson2_servqual


def test_score_table_is_the_long_table_servqual_gaps_takes():
    table = lesson2_servqual.score_table({"reliability": 6, "empathy": 5}, {"reliability": 4, "empathy": 6})
    assert list(table.columns) == ["dimension", "expected", "perceived"] and len(table) == 2
    assert table.set_index("dimension")["perceived"].to_dict() == {"reliability": 4, "empathy": 6}


@pytest.mark.parametrize("lang, weakest", [("zh", "信赖度"), ("en", "reliability")])
def test_weakest_element_is_named_and_follows_the_table(lang, weakest):
    sq = lesson2_servqual.ServqualChart(lang)
    assert weakest in shown(sq.result) and "-1.30" in shown(sq.result) and "-0.52" in shown(sq.result)
    assert [t.get_text() for t in sq.gap_labels] == ["-1.3", "-0.9", "-0.2", "-0.6", "+0.4"]
    assert_redraws(sq.chart, lambda: setattr(sq.perceived["reliability"], "value", "7"))
    assert weakest not in shown(sq.result) and sq.perceived_bars[0].get_height() == 7
    assert terms.label("servqual", "responsiveness", lang) in shown(sq.result)


def test_when_every_element_meets_expectations_it_says_so():
    sq = lesson2_servqual.ServqualChart("zh")
    for dimension, box in sq.perceived.items():
        box.value = sq.expected[dimension].value
    assert "每个要素都达到或超出了期望" in shown(sq.result) and "+0.00" in shown(sq.result)


@pytest.mark.parametrize("lang, please", [("zh", "输入有误"), ("en", "Please check the input")])
@pytest.mark.parametrize("bad", ["0", "9", "-3", "", "abc"])
def test_scores_outside_the_scale_show_a_message(lang, please, bad):
    sq = lesson2_servqual.ServqualChart(lang)
    sq.expected["empathy"].value = bad
    assert please in shown(sq.message)
    assert_cleared(sq.chart, sq.result)
    sq.expected["empathy"].value = "5.8"
    assert shown(sq.message) == "" and shown(sq.result)
    assert_shown(sq.chart)


def test_the_legend_is_outside_the_bars():
    sq = lesson2_servqual.ServqualChart("zh")
    renderer = sq.chart.canvas.get_renderer()
    legend = sq.chart.fig.legends[0].get_window_extent(renderer)
    assert not legend.overlaps(sq.ax.get_window_extent(renderer))


def test_out_of_range_message_names_the_element_and_the_scale():
    sq = lesson2_servqual.ServqualChart("en")
    sq.perceived["tangibles"].value = "8"
    assert "tangibles must be between 1 and 7" in shown(sq.message)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_item_gap_figure_labels_every_element(lang):
    import matplotlib.pyplot as plt

    fig = lesson2_servqual.item_gap_figure(lang, n_respondents=50)
    ax = fig.axes[0]
    words = {t.get_text() for t in ax.texts}
    assert set(terms.labels("servqual", lang).values()) <= words
    assert len(ax.patches) == 22
    low, high = ax.get_ylim()
    assert all(low < p.get_height() < high for p in ax.patches)
    plt.close(fig)
