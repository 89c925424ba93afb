"""satisfaction.answers.labels: the form check and the per-item score of a dict answer."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satisfaction.answers import labels

ITEMS = ["F1", "F2", "F3"]
RIGHT = {"F1": "M", "F2": "A", "F3": "O"}


def problems(answer, lang="zh", kind="kano"):
    return labels.label_problems(answer, ITEMS, kind, lang, name="kano_answer")


def test_a_well_formed_answer_passes_whatever_its_values():
    assert labels.check_labels({"F1": "必备", "F2": "A", "F3": "越舒适，越快，越好的因素"}, ITEMS, "kano", "zh") is None
    assert problems({"F1": "I", "F2": "I", "F3": "R"}) == []  # wrong values are the score's business
    assert problems({"F1": "must-be", "F2": "delighter", "F3": "one-dimensional"}, "en") == []


@pytest.mark.parametrize("answer, zh, en", [
    (["M", "A", "O"], "应当是一个字典（dict）", "must be a dict"),
    (pd.Series(RIGHT), ".to_dict()", ".to_dict()"),
    ("M, A, O", "现在它是文字", "now it is text"),
    ({"F1": "M", "F2": "A"}, "缺少这些编号：“F3”", "missing these ids: “F3”"),
    ({**RIGHT, "F4": "M"}, "题目中没有的编号：“F4”", "ids the question does not list: “F4”"),
    ({1: "M", 2: "A", 3: "O"}, "编号是文字，要带引号", "An id is text, in quotes"),
    ({**RIGHT, "F2": 2}, "“F2” 的答案应当是一个类别的名称", "must be a category name"),
    ({**RIGHT, "F2": ["A"]}, "现在是列表", "now it is a list"),
    ({**RIGHT, "F3": "快的因素"}, "不是这道题的类别", "is not one of this question's categories"),
    ({**RIGHT, "F3": " "}, "“F3” 还没有作答", "“F3” in kano_answer is not answered yet"),
])
def test_form_errors_say_what_is_wrong_in_the_students_language(answer, zh, en):
    for lang, words in (("zh", zh), ("en", en)):
        found = problems(answer, lang)
        assert found and words in "\n".join(found), found
        with pytest.raises(AssertionError, match="kano_answer"):
            labels.check_labels(answer, ITEMS, "kano", lang, name="kano_answer")


def test_number_ids_are_told_apart_from_text():
    missing, extra = labels.label_problems({"2": "calm_down", 4: "impossible"}, [2, 4], "phrase_avoid", "zh", "avoid")
    assert "缺少这些编号：2。" in missing and "这里的编号是整数，不加引号" in extra
    message = "\n".join(labels.label_problems({"2": "calm_down", 4: "impossible"}, [2, 4], "phrase_avoid", "en"))
    assert "Here an id is a whole number, without quotes, e.g. 2." in message


def test_a_name_of_the_other_edition_is_called_so():
    [zh] = problems({**RIGHT, "F1": "must-be", "F2": "attractive (delighter)"}, "zh")
    assert "英文版的写法" in zh and "令人高兴的因素" in zh and "代码 A" in zh
    [en] = problems({**RIGHT, "F2": "令人高兴的因素"}, "en")
    assert "Chinese edition's name" in en and "“attractive (delighter)”" in en


def test_an_unknown_name_lists_every_category_and_so_reveals_nothing():
    [message] = problems({**RIGHT, "F3": "x"}, "zh")
    assert all(name in message for name in ("令人高兴的因素（A）", "必须具备的因素（M）", "可疑回答（Q）"))


def test_many_problems_are_summed_up():
    found = labels.label_problems({f"X{i}": 0 for i in range(9)}, [f"F{i}" for i in range(9)], "gap", "en")
    assert len(found) == 2
    with pytest.raises(AssertionError) as info:
        labels.check_labels({"F1": 1, "F2": 2, "F3": 3, "F4": 4, "F5": 5, "F6": 6},
                            [f"F{i}" for i in range(1, 7)], "gap", "zh")
    assert str(info.value).count("\n") == 4 and "还有 2 处类似的问题" in str(info.value)


def test_true_false_answers_are_booleans():
    assert labels.label_problems({"F1": True, "F2": False, "F3": True}, ITEMS, "true_false", "zh") == []
    [message] = labels.label_problems({"F1": "True", "F2": False, "F3": True}, ITEMS, "true_false", "en")
    assert "True or False (no quotes)" in message
    [empty] = labels.label_problems({"F1": None, "F2": False, "F3": True}, ITEMS, "true_false", "zh")
    assert "“F1” 还没有作答：把 None 换成 True（对）或 False（错）" in empty
    assert labels.score_labels({"F1": True, "F2": False, "F3": "True"}, {"F1": True, "F2": True, "F3": True},
                               "true_false", points=3) == 1.0


@given(st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.text(max_size=3), max_size=4),
                 st.dictionaries(st.one_of(st.sampled_from(ITEMS), st.integers(), st.text(max_size=3)),
                                 st.one_of(st.text(max_size=6), st.integers(), st.none(), st.booleans(),
                                           st.sampled_from(["M", "必备", "reverse", "令人高兴的因素"])),
                                 max_size=5)))
@settings(max_examples=300, deadline=None)
def test_any_answer_gets_a_message_or_passes_never_another_error(answer):
    for lang in ("zh", "en"):
        try:
            labels.check_labels(answer, ITEMS, "kano", lang, name="kano_answer")
        except AssertionError as error:
            assert str(error).strip()
        score = labels.score_labels(answer, RIGHT, "kano", lang, points=3)
        assert type(score) is float and 0 <= score <= 3


def test_each_item_earns_an_equal_share():
    score = labels.score_labels
    assert score(RIGHT, RIGHT, "kano", "zh", points=3) == 3.0
    assert score({**RIGHT, "F1": "A"}, RIGHT, "kano", "zh", points=3) == 2.0
    assert score({**RIGHT, "F1": "A", "F2": "M"}, RIGHT, "kano", points=2) == 0.67
    assert score({"F1": "必须具备的因素", "F2": "delighter", "F3": "o"}, RIGHT, "kano", points=3) == 3.0
    assert score({"F1": "必须具备的因素", "F2": "A", "F3": "O"}, RIGHT, "kano", "en", points=3) == 2.0
    assert score({"F1": "M"}, RIGHT, "kano", points=3) == 1.0
    assert score(["M", "A", "O"], RIGHT, "kano", points=3) == 0.0
    seven = {f"S{i}": "promotion" for i in range(7)}
    assert score({**seven, "S0": "behaviour"}, seven, "gap", points=3) == 2.57


def test_the_author_gets_a_value_error_for_a_bad_key():
    with pytest.raises(ValueError, match="not keys of kind 'kano'"):
        labels.score_labels(RIGHT, {"F1": "must_be"}, "kano")
    with pytest.raises(ValueError, match="at least one"):
        labels.score_labels(RIGHT, {}, "kano")
    with pytest.raises(ValueError, match="known kinds"):
        labels.check_labels(RIGHT, ITEMS, "kanoo", "zh")


@pytest.mark.parametrize("value", [3, 2.5, -1.0])
def test_check_number_passes_numbers(value):
    import numpy as np
    assert labels.check_number(value, "zh", "x") is None
    assert labels.check_number(np.float64(value), "en", "x") is None


@pytest.mark.parametrize("value, words", [
    ("12", "数不要加引号"), (pd.Series([1.0, 2.0]), "不是一整列"), (None, "空值 None"),
    (True, "True/False"), (float("nan"), "小数 nan"), ([1, 2], "列表"),
])
def test_check_number_says_what_is_wrong(value, words):
    with pytest.raises(AssertionError, match="clv 应当是一个数") as info:
        labels.check_number(value, "zh", "clv")
    assert words in str(info.value)


def test_the_untouched_template_is_unanswered_not_just_wrong():
    template = {"F1": "", "F2": "  ", "F3": None}
    with pytest.raises(labels.Unanswered, match="还没有填写"):
        labels.check_labels(template, ["F1", "F2", "F3"], "kano", "zh", name="kano_answer")
    with pytest.raises(AssertionError) as half:
        labels.check_labels({"F1": "M", "F2": "", "F3": None}, ["F1", "F2", "F3"], "kano", "en")
    assert not isinstance(half.value, labels.Unanswered)
