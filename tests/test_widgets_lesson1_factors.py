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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_quadrants_are_listed_and_redrawn_for_another_sample(lang):
    ipa = lesson1_factors.FactorAnalysis(lang)
    listed = shown(ipa.result)
    assert all(terms.label("ipa_quadrant", q, lang) in listed for q in lesson1_factors.QUADRANT_COLORS)
    assert_redraws(ipa.chart, lambda: setattr(ipa.seed, "value", 5))
    assert shown(ipa.message) == ""
