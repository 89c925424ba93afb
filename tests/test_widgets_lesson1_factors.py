"""Lesson 1 survey factor analysis (客户满意度调查因素分析): importance–performance quadrants."""
import pytest

from conftest import assert_redraws, shown
from satisfaction import terms
from satisfaction.widgets import lesson1_factors


def test_factor_table_puts_every_factor_in_one_quadrant():
    table = lesson1_factors.factor_table(150, 0, "zh")
    assert len(table) == len(terms.keys("survey_factor"))
    assert set(table["quadrant"]) <= set(lesson1_factors.QUADRANT_COLORS)
    high = table["importance"] >= table["importance"].mean()
    low_perf = table["performance"] < table["performance"].mean()
    assert (table.loc[high & low_perf, "quadrant"] == "concentrate").all()
    assert (table.loc[~high & ~low_perf, "quadrant"] == "overkill").all()
    assert table[["importance", "performance"]].stack().between(1, 5).all()


def test_factor_table_names_factors_and_quadrants_in_the_language():
    zh, en = lesson1_factors.factor_table(100, 3, "zh"), lesson1_factors.factor_table(100, 3, "en")
    assert list(zh["quadrant"]) == list(en["quadrant"])
    assert set(zh["name"]) == set(terms.labels("survey_factor", "zh").values())
    assert set(en["quadrant_name"]) <= set(terms.labels("ipa_quadrant", "en").values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_quadrants_are_listed_and_redrawn_for_another_sample(lang):
    ipa = lesson1_factors.FactorAnalysis(lang)
    listed = shown(ipa.result)
    assert all(terms.label("ipa_quadrant", q, lang) in listed for q in lesson1_factors.QUADRANT_COLORS)
    table = lesson1_factors.factor_table(150, 0, lang)
    concentrate = table.loc[table["quadrant"] == "concentrate", "name"]
    assert len(concentrate) and all(name in listed for name in concentrate)
    assert_redraws(ipa.chart, lambda: setattr(ipa.seed, "value", 5))
    assert shown(ipa.message) == "" and ("第 5 批" if lang == "zh" else "batch 5") in ipa.ax.get_title()


def test_more_respondents_redraw_the_points_at_the_new_means():
    ipa = lesson1_factors.FactorAnalysis("zh")
    assert_redraws(ipa.chart, lambda: setattr(ipa.respondents, "value", 1000))
    table = lesson1_factors.factor_table(1000, 0, "zh")
    assert ipa.points.get_offsets().tolist() == table[["performance", "importance"]].to_numpy().tolist()
    assert ipa.vline.get_xdata()[0] == pytest.approx(table["performance"].mean())


def test_the_sliders_cannot_ask_for_an_empty_survey():
    ipa = lesson1_factors.FactorAnalysis("en")
    ipa.respondents.value = 0  # clamped to the slider's minimum: no empty survey
    assert ipa.respondents.value == ipa.respondents.min > 0 and shown(ipa.message) == ""
    assert f"{ipa.respondents.min} respondents" in ipa.ax.get_title()


def test_samples_come_from_one_population_so_size_matters():
    import numpy as np

    def spread(n):
        tables = [lesson1_factors.factor_table(n, seed, "en")[["importance", "performance"]].to_numpy()
                  for seed in range(6)]
        return np.std(tables, axis=0).mean()

    assert spread(1000) < spread(10) / 4
    assert lesson1_factors.sample(10, 0)["respondent"].nunique() == 10


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("n, seed", [(150, 0), (10, 3), (1000, 7)])
def test_factor_names_neither_overlap_nor_leave_the_plot(lang, n, seed):
    widget = lesson1_factors.FactorAnalysis(lang)
    widget.respondents.value, widget.seed.value = n, seed
    renderer = widget.chart.canvas.get_renderer()
    boxes = [note.get_window_extent(renderer) for note in widget.names]
    frame = widget.ax.get_window_extent(renderer)
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
