"""satisfaction.primer.tryit: lesson 0's immediate feedback, right or a hint, never an error."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satisfaction import synthetic
from satisfaction.primer import tryit

TABLE = pd.read_csv(tryit.SAMPLE_CSV)
RIGHT = {
    "run_order": 4, "clv": 30 * 50 * 4, "ratio": 5.4 / 6.0, "rounded": round(0.8881856, 2),
    "verdicts": {"T03": "meets", "T08": "exceeds", "T02": "falls_short"},
    "app_rows": TABLE[TABLE["channel"] == "app"],
    "mean_wait": TABLE.groupby("channel")["waited"].mean(),
    "slowest": TABLE.groupby("channel")["waited"].mean().idxmax(),
    "share_back": TABLE["came_back"].mean(),
    "rating_by_channel": TABLE.groupby("channel")["rating"].mean(),
    "late_customers": sorted(TABLE[TABLE["waited"] > TABLE["expected"]]["customer"]),
    "waited_longer": {"T01": True, "T02": True, "T03": False},
}


def test_the_lesson_table_is_the_seeded_synthetic_one():
    pd.testing.assert_frame_equal(TABLE, synthetic.milk_tea_orders(20, seed=1))


def test_what_the_feedback_says_about_the_table_is_true():
    """The texts name facts of the table (seven late customers, half came back, delivery slowest)."""
    assert len(RIGHT["late_customers"]) == 7 and RIGHT["share_back"] == 0.5
    assert RIGHT["slowest"] == "delivery" == RIGHT["rating_by_channel"].idxmin()
    assert len(RIGHT["app_rows"]) == 7
    row = TABLE.set_index("customer")
    assert row.loc["T03", "waited"] == row.loc["T03", "expected"] == 4


@pytest.mark.parametrize("step", sorted(tryit.STEPS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_right_answer_gets_a_tick_and_the_blank_is_not_done_yet(step, lang):
    right = tryit.check(step, RIGHT[step], lang)
    assert right.ok and right.text.startswith("✔"), right.text
    blank = tryit.check(step, ..., lang)
    assert not blank.ok and ("还没有作答" if lang == "zh" else "Not done yet") in blank.text
    assert tryit.STEPS[step][0] in blank.text


@pytest.mark.parametrize("step, value, words", [
    ("run_order", 3, "下面那个单元还没有运行"), ("run_order", 6, "运行了不止一次"),
    ("clv", "6000", "数不要加引号"), ("clv", 30 + 50 + 4, "三个变量用 * 相乘"),
    ("ratio", 6.0 / 5.4, "你用 a 除以了 b"), ("rounded", 0.9, "要保留 2 位"),
    ("verdicts", ["meets"], "应当是一个字典"), ("verdicts", {"T03": "meets", "T08": "meets", "T02": "falls_short"},
                                                 "T08 还不对"),
    ("app_rows", TABLE["channel"], "你选出的是一列"), ("app_rows", TABLE[TABLE["channel"] == "store"], "选出的行不对"),
    ("mean_wait", TABLE["waited"].mean(), "你得到的是一个数"),
    ("mean_wait", TABLE.groupby("channel")["expected"].mean(), "不是 waited 的平均值"),
    ("slowest", TABLE.groupby("channel")["waited"].mean().max(), "不是那个数"),
    ("late_customers", TABLE["customer"], "应当是一个列表"), ("late_customers", ["T01"], "正好相等的不算"),
    ("waited_longer", {"T01": "True", "T02": True, "T03": False}, "不带引号"),
])
def test_a_wrong_answer_gets_a_hint_in_the_learners_language(step, value, words):
    found = tryit.check(step, value, "zh")
    assert not found.ok and words in found.text, found.text


def test_a_name_not_yet_defined_and_bad_steps():
    assert "还没有 clv" in tryit.check("clv", tryit.MISSING, "zh").text
    with pytest.raises(ValueError, match="known"):
        tryit.check("clvv", 1, "zh")
    with pytest.raises(ValueError, match="lang"):
        tryit.check("clv", 1, "fr")


@given(st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.text(max_size=4),
                 st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.booleans(), max_size=3)))
@settings(max_examples=150, deadline=None)
def test_any_value_gets_feedback_never_an_error(value):
    for step in tryit.STEPS:
        assert isinstance(tryit.check(step, value, "en").text, str)


def test_feedback_shows_as_html_and_text():
    fb = tryit.check("clv", 6000, "en")
    assert "sat-tryit" in fb._repr_html_() and repr(fb) == fb.text
    assert "&lt;" in tryit.Feedback(False, "<b>")._repr_html_()
