import numpy as np
import pandas as pd
import pytest

from satisfaction import servqual_gaps
from satisfaction.synthetic import servqual_survey


def small_table():
    return pd.DataFrame({
        "respondent": [1, 1, 1, 2, 2, 2],
        "dimension": ["reliability", "reliability", "empathy"] * 2,
        "item": ["r1", "r2", "e1"] * 2,
        "expected": [7, 6, 5, 7, 6, 5],
        "perceived": [5, 6, 6, 4, 6, 6],
    })


def test_hand_worked_gaps():
    result = servqual_gaps(small_table())
    assert result.items.loc["r1", "gap"] == pytest.approx(-2.5)
    assert result.items.loc["r2", "gap"] == pytest.approx(0)
    assert result.dimensions.loc["reliability", "gap"] == pytest.approx(-1.25)
    assert result.dimensions.loc["empathy", "gap"] == pytest.approx(1.0)
    assert result.overall == pytest.approx((-1.25 + 1.0) / 2)
    assert list(result.dimensions.index) == ["reliability", "empathy"]


def test_weights_are_normalised():
    result = servqual_gaps(small_table(), weights={"reliability": 3, "empathy": 1})
    assert result.dimensions["weight"].tolist() == [0.75, 0.25]
    assert result.overall == pytest.approx(0.75 * -1.25 + 0.25 * 1.0)


def test_float_answers_take_the_general_path_with_the_same_result():
    table = small_table()
    as_float = table.astype({"expected": float, "perceived": float})
    pd.testing.assert_frame_equal(servqual_gaps(table).items, servqual_gaps(as_float).items)
    halves = table.assign(perceived=table["perceived"] + 0.5)
    assert servqual_gaps(halves).dimensions.loc["empathy", "gap"] == pytest.approx(1.5)


def test_item_column_is_optional():
    table = small_table().drop(columns="item")
    assert list(servqual_gaps(table).items.index) == ["reliability", "empathy"]


def test_synthetic_survey_shows_its_built_in_gaps():
    result = servqual_gaps(servqual_survey(2000, seed=3))
    gaps = result.dimensions["gap"]
    assert gaps.idxmin() == "reliability" and gaps.idxmax() == "tangibles"
    assert len(result.items) == 22


@pytest.mark.parametrize("change, message", [
    (lambda t: t.drop(columns="perceived"), "lack column"),
    (lambda t: t.assign(dimension="speed"), "not a SERVQUAL dimension"),
    (lambda t: t.assign(expected=np.nan), "expected"),
    (lambda t: t.assign(perceived="good"), "perceived"),
    (lambda t: t.assign(item="same"), "more than one dimension"),
    (lambda t: t.iloc[0:0], "empty"),
])
def test_bad_tables(change, message):
    with pytest.raises(ValueError, match=message):
        servqual_gaps(change(small_table()))


@pytest.mark.parametrize("weights, message", [
    ({"reliability": 1}, "lack dimension"), ({"reliability": 1, "empathy": 1, "speed": 1}, "unknown"),
    ({"reliability": 0, "empathy": 0}, "all 0"), ({"reliability": -1, "empathy": 1}, "at least 0"),
])
def test_bad_weights(weights, message):
    with pytest.raises(ValueError, match=message):
        servqual_gaps(small_table(), weights=weights)


def test_not_a_dataframe():
    with pytest.raises(ValueError, match="DataFrame"):
        servqual_gaps([[1, 2, 3]])
