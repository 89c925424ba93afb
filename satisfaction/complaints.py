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


def _patterns(lang: str) -> list[tuple[re.Pattern[str], str, str]]:
    use = terms.group("phrase_use")
    found = []
    for entry in terms.group("phrase_avoid").values():
        spellings = [entry["zh"]] if lang == "zh" else entry["match_en"]
        for spelling in spellings:
            pattern = re.escape(spelling) if lang == "zh" else r"\b" + re.escape(spelling) + r"\b"
            found.append((re.compile(pattern, re.IGNORECASE), entry[lang], use[entry["instead"]][lang]))
    return found


def check_reply(text: Any, lang: str = "zh") -> list[PhraseHit]:
    """Phrases to avoid in a service reply, each with a phrase to use instead (seed 004).

    Returns the hits in the order they occur in ``text`` (empty when the reply
    is clean). ``lang`` picks the phrase lists: ``"zh"`` matches the seed's
    phrases (你可能不明白, 你应该, 你别激动 …) anywhere; ``"en"`` matches their English
    wordings as whole words, ignoring case and curly apostrophes.
    """
    terms.check_lang(lang)
    if not isinstance(text, str):
        raise ValueError(f"text must be a string (the reply to check); got {type(text).__name__}")
    normalised = text.replace("\u2019", "'")
    hits: dict[int, PhraseHit] = {}
    for pattern, avoid, instead in _patterns(lang):
        for match in pattern.finditer(normalised):
            hits.setdefault(match.start(), PhraseHit(avoid, match.start(), instead))
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
