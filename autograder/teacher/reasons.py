"""Why a submission could not be graded, or what happened while it ran, in plain words.

The grading engine and nbgrader record reasons in English, for logs
(``grading/<assignment>/<student>.json``, ``grades/<assignment>.csv``). The report
and the feedback show them as a :class:`~autograder.teacher.texts.Message` in the
reader's language: the known causes by name, anything else as written.
"""
from __future__ import annotations

import re

from .texts import Message

_PATTERNS = [
    (re.compile(r"cell (\d+) ran longer than ([\d.]+) s and was interrupted"), "reason_timeout"),
    (re.compile(r"cell (\d+) ran longer than ([\d.]+) s and did not stop"), "reason_stopped"),
    (re.compile(r"ended during cell (\d+)"), "reason_ended"),
    (re.compile(r"grading worker stopped"), "reason_worker"),
    (re.compile(r"No notebooks (?:found|were matched)"), "reason_no_notebook"),
    (re.compile(r"NotJSONError|JSONDecodeError|not JSON|utf-8|codec can't decode|Expecting value"),
     "reason_not_notebook"),
    (re.compile(r"nbformat|Unsupported nbformat|schema"), "reason_format"),
    (re.compile(r"sandbox", re.I), "reason_sandbox"),
]


def explain_one(text: str) -> Message:
    """One reason (a part of a ``; ``-joined reason) as a message."""
    for pattern, key in _PATTERNS:
        match = pattern.search(text)
        if match:
            fields = dict(zip(("cell", "seconds"), match.groups()))
            return Message(key, fields, "report")
    return Message("reason_raw", {"text": text.strip()}, "report")


def explain(reason: str) -> list[Message]:
    """Every part of a recorded reason, in order, without repeats."""
    found: list[Message] = []
    for part in filter(None, (p.strip() for p in str(reason or "").split("; "))):
        message = explain_one(part)
        if message not in found:
            found.append(message)
    return found


def reason_text(reason: str, lang: str) -> str:
    """A recorded reason in ``lang`` (parts joined with ；/ ;)."""
    return ("；" if lang == "zh" else "; ").join(m.text(lang) for m in explain(reason))
