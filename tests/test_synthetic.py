import pandas as pd
import pytest

from satisfaction import synthetic


@pytest.mark.parametrize("make", [synthetic.servqual_survey, synthetic.kano_survey,
                                  synthetic.factor_survey, synthetic.complaints_log])
def test_seeded_and_reproducible(make):
    a, b = make(50, seed=7), make(50, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(make(50, seed=8))


def test_shapes():
    assert len(synthetic.servqual_survey(10)) == 10 * 22
    assert len(synthetic.servqual_survey(10, items_per_dimension=1)) == 50
    assert synthetic.servqual_survey(10)[["expected", "perceived"]].stack().between(1, 7).all()
    log = synthetic.complaints_log(200)
    assert log["complaint_id"].is_unique and (log["response_hours"] >= 0).all()
    f, d = synthetic.kano_answers(1000)
    assert len(f) == len(d) == 1000


@pytest.mark.parametrize("n", [0, -5, 2.5, "ten", True])
def test_bad_sizes(n):
    with pytest.raises(ValueError, match="whole number"):
        synthetic.servqual_survey(n)


def test_docstring_says_synthetic():
    assert "SYNTHETIC" in synthetic.__doc__


def test_kano_survey_mixed_follows_its_profiles():
    from satisfaction import kano_summary
    profiles = {"a": {"M": 0.8, "I": 0.2}, "b": {"A": 0.6, "O": 0.3, "R": 0.1}, "c": {"Q": 1.0}}
    survey = synthetic.kano_survey_mixed(profiles, 400, seed=3)
    assert len(survey) == 1200
    pd.testing.assert_frame_equal(survey, synthetic.kano_survey_mixed(profiles, 400, seed=3))
    table = kano_summary(survey)
    assert list(table.loc[["a", "b", "c"], "category"]) == ["M", "A", "Q"]
    assert abs(table.loc["a", "M"] / 400 - 0.8) < 0.06 and table.loc["b", "R"] > 0
    with pytest.raises(ValueError, match="add up to 1"):
        synthetic.kano_survey_mixed({"a": {"M": 0.5}}, 10)


def test_complaints_log_designed_has_the_counts_and_channel_speeds_asked_for():
    counts = {"product_quality": 30, "service_attitude": 20, "late_remedy": 5}
    log = synthetic.complaints_log_designed(counts, {"store": 0.5, "letter": 0.5},
                                            {"store": 2.0, "letter": 60.0}, seed=1)
    assert log["cause"].value_counts().to_dict() == counts and log["complaint_id"].is_unique
    medians = log.groupby("channel")["response_hours"].median()
    assert medians["store"] < 6 < 30 < medians["letter"]
    assert list(log.columns) == list(synthetic.complaints_log(5).columns)
    with pytest.raises(ValueError, match="causes must be among"):
        synthetic.complaints_log_designed({"rude": 3}, {"store": 1.0}, {"store": 1.0})


def test_lesson_4_log_shows_what_the_lesson_says():
    """Lesson 4: a few causes bring most complaints, and letters are answered slowest."""
    from satisfaction.analysis import pareto

    log = synthetic.complaints_log(300, seed=0)
    table = pareto(log["cause"])
    assert table["vital_few"].sum() == 2 and table["share"].iloc[:2].sum() >= 0.8
    medians = log.groupby("channel")["response_hours"].median()
    assert list(medians.sort_values().index) == ["store", "phone", "online", "letter"]
