"""satisfaction.answers.choices: a list of chosen ids, every option scored as one item."""
from __future__ import annotations

import pytest

from satisfaction.answers import choices

OPTIONS = ["B1", "B2", "B3", "B4"]


def test_a_list_or_tuple_of_distinct_options_passes():
    assert choices.check_choices(["B2", "B4"], OPTIONS, "zh") is None
    assert choices.check_choices(("B1",), OPTIONS, "en") is None


@pytest.mark.parametrize("answer, zh, en", [
    ({"B1": True}, "不需要写成字典", "not a dict"),
    ("B1, B2", "应当是一个列表（list）", "must be a list"),
    (["B1", "B1"], "写了不止一次", "more than once"),
    (["B9"], "不是题目中的编号", "is not an id of the question"),
    ([], "还是空列表", "still an empty list"),
    ([1, "B2"], "1 不是题目中的编号", "1 in signals is not an id"),
])
def test_form_errors_say_what_is_wrong(answer, zh, en):
    for lang, words in (("zh", zh), ("en", en)):
        with pytest.raises(AssertionError, match="signals") as info:
            choices.check_choices(answer, OPTIONS, lang, name="signals")
        assert words in str(info.value)


def test_every_option_is_one_item():
    score = choices.score_choices
    assert score(["B1", "B3"], ["B1", "B3"], OPTIONS, points=2) == 2.0
    assert score(["B1"], ["B1", "B3"], OPTIONS, points=2) == 1.5       # B3 left out
    assert score(OPTIONS, ["B1", "B3"], OPTIONS, points=2) == 1.0       # B2, B4 chosen wrongly
    assert score([], ["B1", "B3"], OPTIONS, points=2) == 1.0
    assert score("B1", ["B1"], OPTIONS, points=2) == 0.0
    assert type(score(["B1", 7], ["B1"], OPTIONS)) is float


def test_expected_must_be_options():
    with pytest.raises(ValueError, match="subset"):
        choices.score_choices([], ["B9"], OPTIONS)
