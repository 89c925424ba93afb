"""The course's words in both languages, read from the TOML files in ``data/``.

Every label a learner sees (scale names, verdicts, Kano categories, SERVQUAL
dimensions, complaint steps, service phrases, widget texts) lives there, zh-CN
and English side by side; code refers to entries by group and key.
``terms.toml`` holds the course's terms; ``ui_*.toml`` the widgets' texts.
A group (top-level table) may be defined in one file only.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

#: Languages of the two editions.
LANGS = ("zh", "en")


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is an edition's language, else raise ``ValueError``."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}; got {lang!r}")
    return lang


@lru_cache(maxsize=1)
def all_terms() -> dict[str, Any]:
    """All groups of all data files, merged (cached; treat as read-only)."""
    merged: dict[str, Any] = {}
    data = resources.files("satisfaction").joinpath("data")
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        for name, value in tomllib.loads(entry.read_text("utf-8")).items():
            if name in merged:
                raise ValueError(f"term group {name!r} is defined twice (again in {entry.name})")
            merged[name] = value
    return merged


def group(name: str) -> dict[str, dict[str, Any]]:
    """The entries of one table of the terms file, in file order, by key."""
    terms = all_terms()
    if name not in terms:
        raise ValueError(f"no term group {name!r}; known groups: {sorted(terms)}")
    entries = terms[name]
    if isinstance(entries, list):  # arrays of tables carry their key inside
        return {entry["key"]: entry for entry in entries}
    return entries


def keys(name: str) -> list[str]:
    """The keys of a group, in file order."""
    return list(group(name))


def label(name: str, key: str, lang: str = "zh") -> str:
    """The wording of one entry in ``lang``."""
    check_lang(lang)
    entries = group(name)
    if key not in entries:
        raise ValueError(f"{key!r} is not in {name}; allowed: {list(entries)}")
    return entries[key][lang]


def labels(name: str, lang: str = "zh") -> dict[str, str]:
    """Key → wording for a whole group in ``lang``."""
    check_lang(lang)
    return {key: entry[lang] for key, entry in group(name).items()}
