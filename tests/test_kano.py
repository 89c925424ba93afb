import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from satisfaction import kano_category, kano_coefficients, kano_summary
from satisfaction.kano import ANSWERS, CATEGORIES
from satisfaction.synthetic import kano_survey


@pytest.mark.parametrize("functional, dysfunctional, category", [
    ("like", "dislike", "O"), ("like", "neutral", "A"), ("like", "must-be", "A"),
    ("must-be", "dislike", "M"), ("neutral", "dislike", "M"), ("neutral", "neutral", "I"),
    ("like", "like", "Q"), ("dislike", "dislike", "Q"), ("dislike", "like", "R"), ("neutral", "like", "R"),
    (1, 5, "O"), (3, 5, "M"), ("喜欢", "无所谓", "A"), ("I like it", "I dislike it", "O"),
])
def test_evaluation_table(functional, dysfunctional, category):
    assert kano_category(functional, dysfunctional) == category


def test_every_answer_pair_maps_to_exactly_one_category():
    pairs = list(itertools.product(ANSWERS, repeat=2))
    cats = kano_category([f for f, _ in pairs], [d for _, d in pairs])
    assert len(cats) == 25 and set(cats) <= set(CATEGORIES)
    counts = pd.Series(cats).value_counts().to_dict()
    assert counts == {"I": 9, "R": 7, "A": 3, "M": 3, "Q": 2, "O": 1}


def test_series_in_series_out():
    f = pd.Series(["like", "neutral"], index=[10, 11])
    result = kano_category(f, pd.Series(["dislike", "dislike"], index=[10, 11]))
    assert list(result.index) == [10, 11] and list(result) == ["O", "M"]


@pytest.mark.parametrize("bad", ["love", 0, 6, None, 2.5])
def test_bad_answers(bad):
    with pytest.raises(ValueError, match="functional"):
        kano_category(bad, "dislike")


def test_coefficients_hand_worked():
    # 3 A, 2 O, 4 M, 1 I (+ R and Q left out): better = 5/10, worse = -6/10.
    better, worse = kano_coefficients(list("AAAOOMMMMIRQ"))
    assert better == pytest.approx(0.5) and worse == pytest.approx(-0.6)


@given(st.lists(st.sampled_from(CATEGORIES), min_size=1))
def test_coefficient_ranges(cats):
    if not set(cats) & {"A", "O", "M", "I"}:
        with pytest.raises(ValueError):
            kano_coefficients(cats)
        return
    better, worse = kano_coefficients(cats)
    assert 0 <= better <= 1 and -1 <= worse <= 0


def test_coefficients_bad_input():
    with pytest.raises(ValueError, match="unknown Kano categories"):
        kano_coefficients(["A", "X"])


def test_summary_recovers_the_simulated_categories():
    table = kano_summary(kano_survey(300, seed=1))
    assert table.loc["clean_room", "category"] == "M"
    assert table.loc["wifi_speed", "category"] == "O"
    assert table.loc["free_upgrade", "category"] == "A"
    assert table.loc["logo_pen", "category"] == "I"
    assert np.all((table["better"] >= 0) & (table["better"] <= 1))
    with pytest.raises(ValueError, match="feature"):
        kano_summary(pd.DataFrame({"functional": [1], "dysfunctional": [5]}))
