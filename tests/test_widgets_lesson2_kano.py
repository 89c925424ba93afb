"""Lesson 2 Kano classifier: two answers → the seed's category name; survey → Better/Worse."""
import pytest

from conftest import assert_redraws, shown
from satisfaction.widgets import lesson2_kano


def test_better_worse_table_names_every_feature():
    table = lesson2_kano.better_worse(400, "zh")
    assert table["better"].between(0, 1).all() and table["worse"].between(-1, 0).all()
    assert "令人高兴的因素" in set(table["category_name"]) and "必须具备的因素" in set(table["category_name"])


@pytest.mark.parametrize("lang, functional, dysfunctional, name", [
    ("zh", "like", "neutral", "令人高兴的因素"), ("zh", "like", "dislike", "越舒适、越快、越好的因素"),
    ("zh", "neutral", "dislike", "必须具备的因素"), ("en", "neutral", "neutral", "indifferent"),
    ("en", "dislike", "like", "reverse")])
def test_two_answers_give_the_category(lang, functional, dysfunctional, name):
    kano = lesson2_kano.KanoClassifier(lang)
    kano.functional.value, kano.dysfunctional.value = functional, dysfunctional
    assert name in shown(kano.category)


def test_survey_size_redraws_the_scatter_and_table():
    kano = lesson2_kano.KanoClassifier("zh")
    table = kano.table.value
    assert_redraws(kano.chart, lambda: setattr(kano.respondents, "value", 1000))
    assert kano.table.value != table and "Better" in shown(kano.table)
