"""satisfaction.answers.words: how the checks word their messages."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from satisfaction.answers import words


@pytest.mark.parametrize("value, zh, en", [
    ({}, "字典", "a dict"), ([], "列表", "a list"), ("x", "文字", "text"), (1, "整数", "a whole number"),
    (1.5, "小数", "a decimal number"), (True, "True/False", "True/False"), (np.bool_(True), "True/False", "True/False"),
    (pd.Series(dtype=float), "pandas 的 Series（一列数据）", "a pandas Series (one column)"),
    (np.int64(3), "整数", "a whole number"), (object(), "object 类型", "a object"),
])
def test_type_names(value, zh, en):
    assert (words.type_name(value, "zh"), words.type_name(value, "en")) == (zh, en)


def test_show_quotes_text_and_shortens():
    assert words.show("M") == "“M”" and words.show(3) == "3"
    assert len(words.show("x" * 100)) == 40 and words.show("x" * 100).endswith("…")
    assert "\n" not in words.show(pd.DataFrame({"a": [1, 2]}))


def test_say_fills_fields_and_knows_its_languages():
    assert words.say("duplicate", "zh", name="a", value="“B”") == "a 里的 “B” 写了不止一次，每个编号只写一次。"
    with pytest.raises(ValueError, match="lang"):
        words.say("duplicate", "de", name="a", value="b")


def test_zh_messages_use_chinese_punctuation():
    for entry in words.texts()["message"].values():
        assert '"' not in entry["zh"] and not any(mark in entry["zh"] for mark in (", ", "; ", ": "))
