"""The teacher's glossary: every term of ``satisfaction/data/terms.toml`` with a definition.

The terms (and their wording in both editions) come from the course's terms
file; the one-sentence definitions, and each group's title, from
``content/teachers/glossary.toml``, keyed the same way::

    [servqual]                       # a group of terms.toml
    title_zh = "服务质量五要素"
    title_en = "The five elements of service quality"
    [servqual.reliability]           # a term of that group
    zh = "……。"
    en = "…."

A term with something to say instead (``instead``, a key of ``phrase_use``, or
``instead_zh`` / ``instead_en``: the phrases to avoid) shows it after its definition.
Its ``[concepts]`` group holds course concepts that are not in the terms file
(each with ``term_zh`` / ``term_en``); any term may set ``term_zh`` / ``term_en``
to show a name instead of its wording (the scales, whose wording is a list).
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: The glossary group of concepts that are not in the terms file.
CONCEPTS = "concepts"
WORDS = {
    "zh": {"title": "术语表", "missing": "还没有定义的术语", "orphans": "术语文件中已没有的定义",
           "intro": "先列课程的核心概念，再按 `satisfaction/data/terms.toml` 的分组列出课程用到的全部用语"
                    "（学生在互动课和练习里看到的就是这些说法）。每条先写中文术语，再写英文版中的说法。",
           "sep": "、", "undefined": "（还没有定义）", "instead": "可以改说：“{}”", "stop": "。"},
    "en": {"title": "Glossary", "missing": "Terms without a definition yet",
           "orphans": "Definitions of terms no longer in the terms file",
           "intro": "The course's core concepts first, then every word of `satisfaction/data/terms.toml`, "
                    "group by group (exactly what students see in the lessons and exercises). Each entry "
                    "gives the English wording with the Chinese term beside it.",
           "sep": ", ", "undefined": "(no definition yet)", "instead": "Say instead: “{}”", "stop": "."},
}


@dataclass
class Page:
    text: str
    missing: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)


def term_entries(terms: dict) -> dict[str, dict[str, dict]]:
    """Group → key → entry for every term group of the terms file (arrays keyed by ``key``)."""
    groups = {}
    for name, entries in terms.items():
        if isinstance(entries, list):
            groups[name] = {entry["key"]: entry for entry in entries}
        elif isinstance(entries, dict):
            groups[name] = {k: v for k, v in entries.items() if isinstance(v, dict)}
    return groups


def _wording(entry: dict, definition: dict, lang: str) -> str:
    if definition.get(f"term_{lang}"):
        return definition[f"term_{lang}"]
    value = entry.get(lang, "")
    return WORDS[lang]["sep"].join(value) if isinstance(value, list) else str(value)


def instead(entry: dict, terms: dict, lang: str) -> str:
    """What to say instead of a phrase to avoid, as the terms file gives it ("" if nothing)."""
    wording = (entry.get(f"instead_{lang}")
               or terms.get("phrase_use", {}).get(entry.get("instead", ""), {}).get(lang, "")).strip()
    if not wording:
        return ""
    ends = wording[-1] in "。.！!？?…"
    return WORDS[lang]["instead"].format(wording.rstrip("。.")) + ("" if ends and wording[-1] not in "。." else WORDS[lang]["stop"])


def missing_definitions(terms: dict, glossary: dict) -> list[str]:
    """``group.key`` (and the language) of every term without a definition in ``glossary``."""
    found = []
    for group, entries in term_entries(terms).items():
        for key in entries:
            definition = glossary.get(group, {}).get(key, {})
            found += [f"{group}.{key} ({lang})" for lang in ("zh", "en")
                      if not str(definition.get(lang, "")).strip()]
    for group, entries in term_entries(terms).items():
        found += [f"{group} (title_{lang})" for lang in ("zh", "en")
                  if entries and not str(glossary.get(group, {}).get(f"title_{lang}", "")).strip()]
    return found


def orphans(terms: dict, glossary: dict) -> list[str]:
    """Definitions whose term is not in the terms file (concepts excepted)."""
    known = term_entries(terms)
    return [f"{group}.{key}" for group, entries in glossary.items() if group != CONCEPTS
            for key, value in entries.items() if isinstance(value, dict) and key not in known.get(group, {})]


def _entry(term: str, other: str, definition: str, lang: str) -> str:
    words = WORDS[lang]
    aside = "" if other == term else f"（{other}）" if lang == "zh" else f" ({other})"
    return f"- **{term}**{aside}{'：' if lang == 'zh' else ': '}{definition or words['undefined']}"


def render(terms: dict, glossary: dict, lang: str) -> Page:
    """One edition's glossary page."""
    words, other = WORDS[lang], "en" if lang == "zh" else "zh"
    page = Page("", missing_definitions(terms, glossary), orphans(terms, glossary))
    out = [f"# {words['title']}", "", words["intro"], ""]
    concepts = glossary.get(CONCEPTS, {})
    if concepts:
        out += [f"## {concepts.get(f'title_{lang}', CONCEPTS)}", ""]
        for value in concepts.values():
            if isinstance(value, dict):
                out.append(_entry(value.get(f"term_{lang}", ""), value.get(f"term_{other}", ""),
                                  value.get(lang, "").strip(), lang))
        out.append("")
    for group, entries in term_entries(terms).items():
        titles = glossary.get(group, {})
        out += [f"## {titles.get(f'title_{lang}') or group}", ""]
        for key, entry in entries.items():
            definition = titles.get(key, {})
            text = str(definition.get(lang, "")).strip()
            suggestion = instead(entry, terms, lang) if text else ""
            out.append(_entry(_wording(entry, definition, lang), _wording(entry, definition, other),
                              f"{text}{'' if lang == 'zh' else ' '}{suggestion}".strip(), lang))
        out.append("")
    if page.missing:
        out += [f"## {words['missing']}", ""] + [f"- `{m}`" for m in page.missing] + [""]
    page.text = "\n".join(out).rstrip() + "\n"
    return page
