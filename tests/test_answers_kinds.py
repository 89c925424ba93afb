"""satisfaction.answers.kinds: which names each edition accepts for a judgement answer."""
from __future__ import annotations

import pytest

from satisfaction import terms
from satisfaction.answers import kinds


@pytest.mark.parametrize("name", [k for k in kinds.kind_names() if k != kinds.TRUE_FALSE])
def test_every_kind_loads_with_names_in_both_editions(name):
    found = kinds.kind(name)
    assert len(found.categories) >= 3
    for category in found.categories:
        assert category.key.isascii() and all(category.names[lang].strip() for lang in terms.LANGS)
        for lang in terms.LANGS:  # every accepted form finds its own category, nothing else
            assert all(found.resolve(form, lang) == category.key for form in category.accepted(lang))


def test_fold_ignores_case_width_spaces_and_punctuation():
    assert kinds.fold("越舒适、越快、越好的因素") == kinds.fold("越舒适，越快，越好的因素 ")
    assert kinds.fold("Must-Be") == kinds.fold("must be") == kinds.fold("ｍｕｓｔ－ｂｅ") == "mustbe"
    assert kinds.fold("“请问这样解决，您还满意吗？”") == kinds.fold("请问这样解决,您还满意吗?")


def test_keys_and_codes_in_both_editions_names_in_their_own():
    kano = kinds.kind("kano")
    for lang in terms.LANGS:
        assert kano.resolve("M", lang) == kano.resolve("must-be", lang) == "M"
        assert kano.resolve(" o ", lang) == "O"
    assert kano.resolve("必须具备的因素", "zh") == kano.resolve("必备", "zh") == "M"
    assert kano.resolve("必须具备的因素", "en") is None and kano.foreign("必须具备的因素", "en") == "M"
    assert kano.resolve("attractive (delighter)", "en") == "A"
    assert kano.resolve("one-dimensional", "zh") == "O" and kano.foreign("one-dimensional", "zh") is None
    assert kano.foreign("one-dimensional (the more the better)", "zh") == "O"  # the English name
    assert kano.resolve("the more the better", "zh") is None and kano.foreign("the more the better", "zh") == "O"
    assert kano.foreign("nonsense", "zh") is None


def test_kinds_built_from_the_terms_follow_their_wording():
    for kind_name, group in [("kano", "kano_category"), ("servqual", "servqual"), ("gap", "gap"),
                             ("phrase_avoid", "phrase_avoid"), ("verdict", "verdict")]:
        found = kinds.kind(kind_name)
        assert found.keys == terms.keys(group)
        assert [c.names["zh"] for c in found.categories] == list(terms.labels(group, "zh").values())
    assert kinds.kind("complaint_step").keys == terms.keys("complaint_step")
    assert kinds.kind("value_cost").keys == terms.keys("value_kind") + terms.keys("cost_kind")


def test_the_seeds_own_names():
    principles = kinds.kind("complaint_principle")
    assert principles.category("authority").names["zh"] == "独立权威性"
    assert principles.category("timeliness").names["zh"] == "及时准确性"
    assert kinds.kind("dissatisfaction_way").category("extra_value").names["zh"] == "提供更多的附加值"
    assert [c.names["zh"] for c in kinds.kind("loyalty_zone").categories] == ["传道者", "图利者", "囚禁者", "破坏者"]
    assert [c.names["zh"] for c in kinds.kind("scale7").categories] == terms.group("scale")["7"]["zh"]


def test_names_list_each_category_with_its_key():
    assert kinds.names("gap", "zh")[0] == "促销差距（promotion）"
    assert kinds.names("kano", "en")[2] == "must-be [M]"
    assert kinds.names("servqual", "en")[0] == "reliability"
    assert kinds.names(kinds.TRUE_FALSE, "zh") == ["True", "False"]


def test_unknown_kind_names_the_known_ones():
    with pytest.raises(ValueError, match="known kinds.*gap"):
        kinds.kind("gaps")
    with pytest.raises(ValueError, match="lang"):
        kinds.names("gap", "fr")


def test_a_name_for_two_categories_is_refused():
    clash = kinds.Kind("clash", (kinds.Category("a", {"zh": "甲", "en": "same"}),
                                 kinds.Category("b", {"zh": "乙", "en": "Same!"})))
    with pytest.raises(ValueError, match="names both 'a' and 'b' in the en edition"):
        kinds._checked(clash)
