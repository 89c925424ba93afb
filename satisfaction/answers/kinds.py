"""The categories a judgement answer is written in, and which names each edition accepts.

A *kind* (``"kano"``, ``"gap"``, ``"loyalty_zone"``, …) is a list of categories, each with a
key. ``kinds.toml`` builds a kind from the course's terms (``satisfaction/data/terms.toml``)
or lists its categories itself. An answer may name a category

- by its key or another course code (``"M"``, ``"must-be"``, ``"promotion"``): in both editions;
- by its name or a listed short name in the edition's language (``"必须具备的因素"``, ``"必备"``).

Names are compared after Unicode NFKC folding, without case, spaces or punctuation, so
``"越舒适、越快、越好的因素"`` and ``"越舒适，越快，越好的因素"`` are the same answer.
A name of the other edition is recognised as such, so the student can be told so.
The special kind ``"true_false"`` takes Python's ``True`` and ``False``.
"""
from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .. import terms

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

#: The kind whose answers are booleans rather than names.
TRUE_FALSE = "true_false"


def fold(text: str) -> str:
    """``text`` as compared: NFKC, case-folded, letters and digits only."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


@dataclass(frozen=True)
class Category:
    """One category: its key, codes, and names per language."""

    key: str
    names: dict[str, str]
    codes: tuple[str, ...] = ()
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def accepted(self, lang: str) -> list[str]:
        """Every written form accepted in ``lang``'s edition."""
        return [self.key, *self.codes, self.names[lang], *self.aliases.get(lang, ())]


@dataclass(frozen=True)
class Kind:
    """A list of categories and the lookup from a folded name to its category key."""

    name: str
    categories: tuple[Category, ...]

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.categories]

    def lookup(self, lang: str) -> dict[str, str]:
        """Folded accepted form → category key, for ``lang``'s edition."""
        return {fold(form): c.key for c in self.categories for form in c.accepted(lang)}

    def category(self, key: str) -> Category:
        return next(c for c in self.categories if c.key == key)

    def resolve(self, value: str, lang: str) -> str | None:
        """The key ``value`` names in ``lang``'s edition, or None."""
        return self.lookup(lang).get(fold(value))

    def foreign(self, value: str, lang: str) -> str | None:
        """The key ``value`` names only in the other edition (e.g. an English name in zh), or None."""
        if self.resolve(value, lang) is not None:
            return None
        other = next(code for code in terms.LANGS if code != lang)
        return self.lookup(other).get(fold(value))

    def display(self, lang: str) -> list[str]:
        """``name (key)`` per category, as a question or a message lists them."""
        left, right = ("（", "）") if lang == "zh" else (" [", "]")
        return [f"{c.names[lang]}{left}{c.key}{right}" if fold(c.names[lang]) != fold(c.key) else c.key
                for c in self.categories]


@lru_cache(maxsize=None)
def read_toml(name: str) -> dict:
    """This package's ``name`` (read once; treat the result as read-only)."""
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text("utf-8"))


def _from_terms(spec: dict) -> list[Category]:
    categories = []
    for group in spec["groups"]:
        for key, entry in terms.group(group).items():
            categories.append(Category(
                key, {lang: entry[lang] for lang in terms.LANGS},
                tuple(spec.get("codes", {}).get(key, ())),
                {lang: tuple(spec.get(f"aliases_{lang}", {}).get(key, ())) for lang in terms.LANGS}))
    return categories


def _listed(spec: dict) -> list[Category]:
    return [Category(entry["key"], {lang: entry[lang] for lang in terms.LANGS}, tuple(entry.get("codes", ())),
                     {lang: tuple(entry.get(f"aliases_{lang}", ())) for lang in terms.LANGS})
            for entry in spec["category"]]


def _checked(kind: Kind) -> Kind:
    """``kind`` if no written form names two categories, in either edition."""
    for lang in terms.LANGS:
        seen: dict[str, str] = {}
        for category in kind.categories:
            for form in category.accepted(lang):
                folded = fold(form)
                if not folded or seen.setdefault(folded, category.key) != category.key:
                    raise ValueError(f"kind {kind.name!r}: {form!r} names both {seen.get(folded)!r} "
                                     f"and {category.key!r} in the {lang} edition")
    return kind


@lru_cache(maxsize=None)
def kind(name: str) -> Kind:
    """The kind called ``name``; ``ValueError`` naming the known kinds otherwise."""
    specs = read_toml("kinds.toml")["kind"]
    if name not in specs:
        raise ValueError(f"no answer kind {name!r}; known kinds: {sorted(specs) + [TRUE_FALSE]}")
    spec = specs[name]
    categories = _from_terms(spec) if "groups" in spec else _listed(spec)
    return _checked(Kind(name, tuple(categories)))


def kind_names() -> list[str]:
    """Every kind a question may use (``true_false`` included)."""
    return sorted(read_toml("kinds.toml")["kind"]) + [TRUE_FALSE]


def names(kind_name: str, lang: str = "zh") -> list[str]:
    """The categories of a kind as a question lists them: ``name (key)`` in ``lang``."""
    terms.check_lang(lang)
    if kind_name == TRUE_FALSE:
        return ["True", "False"]
    return kind(kind_name).display(lang)
