"""The glossary (autograder/authoring/guide_glossary.py): every course term defined in both languages."""
from __future__ import annotations

import re

import pytest

from autograder.authoring import guide, guide_glossary
from conftest import ROOT

TERMS = guide.read_toml(ROOT / "satisfaction" / "data" / "terms.toml")
GLOSSARY = guide.read_toml(ROOT / guide.SOURCES / "glossary.toml")


def definitions():
    for group, entries in GLOSSARY.items():
        for key, value in entries.items():
            if isinstance(value, dict):
                yield f"{group}.{key}", value


def test_every_term_of_the_terms_file_has_a_definition_in_both_languages():
    assert guide_glossary.missing_definitions(TERMS, GLOSSARY) == []
    assert guide_glossary.orphans(TERMS, GLOSSARY) == []


@pytest.mark.parametrize("name,entry", list(definitions()), ids=lambda v: v if isinstance(v, str) else "")
def test_each_definition_is_one_sentence_in_each_language(name, entry):
    zh, en = entry["zh"], entry["en"]
    assert zh.endswith("。") and zh.count("。") == 1 and not re.search(r"[？！]", zh), zh
    assert '"' not in zh and "'" not in zh, f"{name}: use “” in Chinese"
    assert re.search(r"\.”?$", en) and not re.search(r"[.!?]\s+[A-Z“]", en), en
    assert not re.search(r"[\u4e00-\u9fff]", en), f"{name}: Chinese in the English definition"


def test_the_page_lists_every_term_with_both_wordings():
    page = guide_glossary.render(TERMS, GLOSSARY, "zh")
    assert page.text.startswith("# 术语表\n") and page.missing == []
    assert "- **信赖度**（reliability）：可靠、准确地履行服务承诺的能力" in page.text
    assert "- **记录投诉内容**（Record the complaint）：第一步" in page.text   # arrays of tables, by key
    assert "- **5 级量表**（5-level scale）：" in page.text                   # a list-valued term, named
    assert "## 核心概念" in page.text and "- **服务利润链**（service-profit chain）：" in page.text
    en = guide_glossary.render(TERMS, GLOSSARY, "en").text
    assert "- **reliability** (信赖度): The ability to deliver" in en
    assert "- **CARE**: Four points" in en                                     # same wording: no aside
    terms = sum(len(entries) for entries in guide_glossary.term_entries(TERMS).values())
    assert page.text.count("\n- **") == terms + sum(1 for v in GLOSSARY["concepts"].values() if isinstance(v, dict))


def test_a_term_without_a_definition_is_listed_not_an_error():
    terms = {"servqual": {"reliability": {"zh": "信赖度", "en": "reliability"},
                          "new": {"zh": "新要素", "en": "new element"}},
             "steps": [{"key": "one", "zh": "第一步", "en": "step one"}]}
    glossary = {"servqual": {"title_zh": "五要素", "title_en": "Five elements",
                             "reliability": {"zh": "可靠。", "en": "Dependable."},
                             "gone": {"zh": "旧的。", "en": "Old."}}}
    assert guide_glossary.missing_definitions(terms, glossary) == [
        "servqual.new (zh)", "servqual.new (en)", "steps.one (zh)", "steps.one (en)",
        "steps (title_zh)", "steps (title_en)"]
    assert guide_glossary.orphans(terms, glossary) == ["servqual.gone"]
    page = guide_glossary.render(terms, glossary, "zh")
    assert "- **新要素**（new element）：（还没有定义）" in page.text
    assert "## 还没有定义的术语\n\n- `servqual.new (zh)`" in page.text
    assert "## steps" in page.text   # a group without a title shows its key


def test_a_phrase_to_avoid_shows_what_to_say_instead_as_the_terms_file_gives_it():
    terms = {"phrase_use": {"feel": {"zh": "我理解您的感受", "en": "I understand how you feel"}},
             "phrase_avoid": {"calm": {"zh": "你别激动", "en": "calm down", "instead": "feel"},
                              "should": {"zh": "你应该", "en": "you should", "instead_zh": "麻烦您……，好吗？",
                                         "instead_en": "Could you please …?"}}}
    glossary = {"phrase_use": {"title_zh": "推荐用语", "title_en": "Phrases to use",
                               "feel": {"zh": "认同情绪。", "en": "Acknowledges feelings."}},
                "phrase_avoid": {"title_zh": "忌语", "title_en": "Phrases to avoid",
                                 "calm": {"zh": "火上浇油。", "en": "Adds fuel to the fire."},
                                 "should": {"zh": "像命令。", "en": "Sounds like an order."}}}
    zh = guide_glossary.render(terms, glossary, "zh").text
    assert "- **你别激动**（calm down）：火上浇油。可以改说：“我理解您的感受”。" in zh
    assert "- **你应该**（you should）：像命令。可以改说：“麻烦您……，好吗？”\n" in zh
    assert "- **我理解您的感受**（I understand how you feel）：认同情绪。\n" in zh
    en = guide_glossary.render(terms, glossary, "en").text
    assert "- **calm down** (你别激动): Adds fuel to the fire. Say instead: “I understand how you feel”." in en
    assert "Sounds like an order. Say instead: “Could you please …?”\n" in en
