"""Lesson 2 Kano classifier: two answers → the seed's category name; survey → Better/Worse."""
import pytest

from conftest import assert_redraws, shown
from satisfaction import kano_summary, synthetic, terms
from satisfaction.widgets import lesson2_kano


def test_better_worse_table_names_every_feature():
    table = lesson2_kano.better_worse(400, "zh")
    assert len(table) == len(terms.keys("kano_feature"))
    assert table["better"].between(0, 1).all() and table["worse"].between(-1, 0).all()
    assert "令人高兴的因素" in set(table["category_name"]) and "必须具备的因素" in set(table["category_name"])
    assert set(table["name"]) == set(terms.labels("kano_feature", "zh").values())


def test_a_large_survey_recovers_each_features_true_category():
    table = lesson2_kano.better_worse(2000, "en")
    truth = {key: entry["true"] for key, entry in terms.group("kano_feature").items()}
    assert table["category"].to_dict() == truth


@pytest.mark.parametrize("lang, functional, dysfunctional, code, name", [
    ("zh", "like", "neutral", "A", "令人高兴的因素"), ("zh", "like", "dislike", "O", "越舒适、越快、越好的因素"),
    ("zh", "neutral", "dislike", "M", "必须具备的因素"), ("en", "neutral", "neutral", "I", "indifferent"),
    ("en", "dislike", "like", "R", "reverse"), ("en", "like", "like", "Q", "questionable"),
    ("en", "must-be", "dislike", "M", "must-be")])
def test_two_answers_give_the_category(lang, functional, dysfunctional, code, name):
    kano = lesson2_kano.KanoClassifier(lang)
    kano.functional.value, kano.dysfunctional.value = functional, dysfunctional
    assert name in shown(kano.category) and f"({code})" in shown(kano.category)
    assert terms.label("ui_lesson2", f"kano_means_{code}", lang) in shown(kano.category)
    assert shown(kano.message) == ""


def test_answers_are_offered_in_the_learners_language():
    zh, en = lesson2_kano.KanoClassifier("zh"), lesson2_kano.KanoClassifier("en")
    assert [label for label, _ in zh.functional.options] == list(terms.labels("kano_answer", "zh").values())
    assert [key for _, key in en.dysfunctional.options] == [key for _, key in zh.dysfunctional.options]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_survey_size_redraws_the_scatter_and_table(lang):
    kano = lesson2_kano.KanoClassifier(lang)
    table = kano.table.value
    assert_redraws(kano.chart, lambda: setattr(kano.respondents, "value", 1000))
    assert kano.table.value != table and "Better" in shown(kano.table)
    summary = kano_summary(synthetic.kano_survey(1000, seed=lesson2_kano.SURVEY_SEED))
    expected = list(zip(-summary["worse"], summary["better"]))
    assert kano.points.get_offsets().tolist() == [list(p) for p in expected]
    assert "1000" in kano.ax.get_title()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("n", [10, 100, 2000])
def test_feature_names_stay_inside_the_diagram_apart_from_each_other(lang, n):
    widget = lesson2_kano.KanoClassifier(lang)
    widget.respondents.value = n
    renderer = widget.chart.canvas.get_renderer()
    boxes = [note.get_window_extent(renderer) for note in widget.names]
    frame = widget.ax.get_window_extent(renderer)
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
