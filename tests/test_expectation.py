import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from satisfaction import (expectation_gap, expectation_path, satisfaction_index, scale_label,
                          update_expectation, verdict)

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False)


def test_index_hand_worked():
    # A hotel guest expected 8 points of comfort and perceived 6: c = 6 / 8.
    assert satisfaction_index(6, 8) == pytest.approx(0.75)
    assert satisfaction_index(10, 8) == pytest.approx(1.25)


def test_index_keeps_the_input_shape():
    perceived = pd.Series([6.0, 8.0, 9.0], index=["a", "b", "c"])
    result = satisfaction_index(perceived, 8)
    assert isinstance(result, pd.Series) and list(result.index) == ["a", "b", "c"]
    np.testing.assert_allclose(result, [0.75, 1.0, 1.125])
    frame = pd.DataFrame({"x": [4, 8], "y": [2, 6]})
    assert isinstance(satisfaction_index(frame, 4), pd.DataFrame)
    np.testing.assert_allclose(satisfaction_index(np.array([1, 2]), np.array([2, 2])), [0.5, 1.0])


@pytest.mark.parametrize("expected", [0, -3, float("nan"), "8", None])
def test_index_refuses_bad_expectations(expected):
    with pytest.raises(ValueError, match="expected"):
        satisfaction_index(5, expected)


@pytest.mark.parametrize("perceived", ["good", float("nan"), float("inf"), [], [1, None]])
def test_index_refuses_bad_perceptions(perceived):
    with pytest.raises(ValueError, match="perceived"):
        satisfaction_index(perceived, 5)


def test_mismatched_shapes_are_named():
    with pytest.raises(ValueError, match="perceived.*expected"):
        satisfaction_index([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="same index"):
        satisfaction_index(pd.Series([1, 2], index=[0, 1]), pd.Series([1, 2], index=[5, 6]))


def test_gap_and_verdict_hand_worked():
    assert expectation_gap(9, 7) == 2
    assert verdict(9, 7) == "exceeds"
    assert verdict(7, 7) == "meets"
    assert verdict(6, 7) == "falls_short"
    assert verdict(7.4, 7, tolerance=0.5) == "meets"
    assert list(verdict(pd.Series([1, 5, 9]), 5)) == ["falls_short", "meets", "exceeds"]


def test_verdict_refuses_negative_tolerance():
    with pytest.raises(ValueError, match="tolerance"):
        verdict(5, 5, tolerance=-1)


@given(finite, finite, st.floats(min_value=0, max_value=10))
def test_verdict_agrees_with_the_gap_sign(b, a, tol):
    gap = expectation_gap(b, a)
    expected = "exceeds" if gap > tol else "falls_short" if gap < -tol else "meets"
    assert verdict(b, a, tolerance=tol) == expected


@given(finite, finite, positive)
def test_index_is_monotone_in_perceived(b1, b2, a):
    low, high = sorted((b1, b2))
    assert satisfaction_index(low, a) <= satisfaction_index(high, a)


def test_scale_labels_both_scales_and_languages():
    assert scale_label(1) == "很不满意"
    assert scale_label(3, levels=5) == "一般"
    assert scale_label(3, levels=7) == "不太满意"
    assert scale_label(7, levels=7, lang="en") == "very satisfied"
    assert list(scale_label([1, 5], lang="en")) == ["very dissatisfied", "very satisfied"]


@pytest.mark.parametrize("kwargs", [dict(score=0), dict(score=6), dict(score=2.5), dict(score="3"),
                                    dict(score=3, levels=10), dict(score=3, lang="fr")])
def test_scale_label_bad_input(kwargs):
    with pytest.raises(ValueError):
        scale_label(**kwargs)


def test_update_expectation_phone_repair():
    # Used to 60 minutes; served in 30: with weight 0.5 the next expectation is 45 minutes.
    assert update_expectation(60, 30, 0.5) == pytest.approx(45)
    assert update_expectation(60, 30, 0) == 60
    assert update_expectation(60, 30, 1) == 30
    np.testing.assert_allclose(expectation_path(60, [30, 30], 0.5), [60, 45, 37.5])


@pytest.mark.parametrize("weight", [-0.1, 1.5, float("nan"), "half"])
def test_update_expectation_bad_weight(weight):
    with pytest.raises(ValueError, match="weight"):
        update_expectation(60, 30, weight)


@given(finite, finite, st.floats(min_value=0, max_value=1))
def test_update_moves_toward_the_experience(old, got, w):
    new = update_expectation(old, got, w)
    assert min(old, got) - 1e-6 <= new <= max(old, got) + 1e-6
