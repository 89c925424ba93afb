"""Complaint handling: the eight-step process, the five gaps and the reply checker.

Seeds: 000 (处理客户投诉的流程, eight steps; 五种差距), 004 (phrases to use and
phrases to avoid when a customer complains).
"""
from __future__ import annotations

import re
from typing import Any, NamedTuple

from . import terms


class Term(NamedTuple):
    """A course term: its key and its zh-CN and English wording."""

    key: str
    zh: str
    en: str


class Gap(NamedTuple):
    """One of the five gaps (五种差距) and what it means, in both languages."""

    key: str
    zh: str
    en: str
    about_zh: str
    about_en: str


class PhraseHit(NamedTuple):
    """A phrase to avoid found in a reply, where it starts, and what to say instead."""

    avoid: str
    start: int
    instead: str


#: The eight steps of handling a complaint, in order (seed 000).
COMPLAINT_STEPS = tuple(Term(k, e["zh"], e["en"]) for k, e in terms.group("complaint_step").items())
#: The five gaps that cause dissatisfaction (seed 000).
FIVE_GAPS = tuple(Gap(k, e["zh"], e["en"], e["about_zh"], e["about_en"])
                  for k, e in terms.group("gap").items())


#: Punctuation that ends a clause: an exception marker counts only inside the phrase's clause.
_CLAUSE_END = re.compile(r"[，。！？；、,.!?;]")


class _Rule(NamedTuple):
    pattern: re.Pattern[str]
    avoid: str
    instead: str
    ok_markers: tuple[str, ...]


def _instead(entry: dict[str, Any], lang: str) -> str:
    """What to say instead of a phrase to avoid: a seed phrase to use, or the entry's own wording."""
    if "instead" in entry:
        return terms.label("phrase_use", entry["instead"], lang)
    return entry[f"instead_{lang}"]


def _rules(lang: str) -> list[_Rule]:
    found = []
    for entry in terms.group("phrase_avoid").values():
        if lang == "zh":  # 您 (polite "you") does not make a blaming phrase polite: match both
            spellings = [re.escape(entry["zh"]).replace("你", "[你您]")]
        else:
            spellings = [r"\b" + re.escape(s) + r"\b" for s in entry["match_en"]]
        markers = tuple(m.lower() for m in entry.get(f"ok_if_clause_has_{lang}", ()))
        found += [_Rule(re.compile(s, re.IGNORECASE), entry[lang], _instead(entry, lang), markers)
                  for s in spellings]
    return found


def _excused(rule: _Rule, text: str, end: int) -> bool:
    """Whether the clause after a match shows a promise, e.g. 我们不会让这种事再发生."""
    clause = _CLAUSE_END.split(text[end:], maxsplit=1)[0].lower()
    return any(marker in clause for marker in rule.ok_markers)


def check_reply(text: Any, lang: str = "zh") -> list[PhraseHit]:
    """Phrases to avoid in a service reply, each with a phrase to use instead (seed 004).

    Returns the hits in the order they occur in ``text`` (empty when the reply
    is clean). ``lang`` picks the phrase lists: ``"zh"`` matches the seed's
    phrases (你可能不明白, 你应该, 你别激动 …) anywhere, with 您 as well as 你;
    ``"en"`` matches their English wordings as whole words, ignoring case and
    curly apostrophes. A phrase whose clause shows a promise rather than a
    refusal (我们不会让这种事再发生, "we won't let it happen again") is not flagged.
    ``PhraseHit.avoid`` is the seed's wording of the phrase found.
    """
    terms.check_lang(lang)
    if not isinstance(text, str):
        raise ValueError(f"text must be a string (the reply to check); got {type(text).__name__}")
    normalised = text.replace("\u2019", "'")
    hits: dict[int, PhraseHit] = {}
    for rule in _rules(lang):
        for match in rule.pattern.finditer(normalised):
            if not _excused(rule, normalised, match.end()):
                hits.setdefault(match.start(), PhraseHit(rule.avoid, match.start(), rule.instead))
    return [hits[start] for start in sorted(hits)]


def check_step_order(order: list[str]) -> list[tuple[int, str, str]]:
    """Compare a proposed order of the eight complaint steps with the right one.

    ``order`` lists step keys (see :data:`COMPLAINT_STEPS`). Returns, for each
    misplaced position (1-based), ``(position, given_key, correct_key)``; empty
    when the order is right. The order must name each of the eight steps once.
    """
    right = [step.key for step in COMPLAINT_STEPS]
    order = list(order)
    if sorted(order) != sorted(right):
        unknown = [k for k in order if k not in right]
        missing = [k for k in right if k not in order]
        raise ValueError(f"order must list each of the eight steps once; unknown: {unknown}, "
                         f"missing: {missing}; allowed keys: {right}")
    return [(i, given, want) for i, (given, want) in enumerate(zip(order, right), start=1)
            if given != want]
