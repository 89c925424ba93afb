import pandas as pd
import pytest

from satisfaction import importance_performance, pareto, response_time_stats


def test_importance_performance_quadrants():
    survey = pd.DataFrame({
        "factor": ["price", "speed", "staff", "decor"],
        "importance": [5, 5, 1, 1],
        "performance": [1, 5, 1, 5],
    })
    table = importance_performance(survey)
    assert table["quadrant"].to_dict() == {"price": "concentrate", "speed": "keep_up",
                                           "staff": "low_priority", "decor": "overkill"}


def test_importance_performance_bad_input():
    with pytest.raises(ValueError, match="performance"):
        importance_performance(pd.DataFrame({"factor": ["a"], "importance": [3]}))
    with pytest.raises(ValueError, match="importance"):
        importance_performance(pd.DataFrame({"factor": ["a"], "importance": ["high"], "performance": [3]}))


def test_pareto_hand_worked():
    table = pareto(["late"] * 6 + ["rude"] * 3 + ["broken"])
    assert list(table.index) == ["late", "rude", "broken"]
    assert table["cumulative"].tolist() == pytest.approx([0.6, 0.9, 1.0])
    assert table["vital_few"].tolist() == [True, True, False]
    with pytest.raises(ValueError, match="empty"):
        pareto([])
    with pytest.raises(ValueError, match="missing"):
        pareto(["late", None])


def test_response_time_stats():
    stats = response_time_stats([1, 2, 3, 30], within=24)
    assert stats["median"] == 2.5 and stats["max"] == 30 and stats["share_within"] == 0.75
    with pytest.raises(ValueError, match="hours"):
        response_time_stats([1, -2])
