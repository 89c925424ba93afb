"""The words of the answer checks: messages in the edition's language, type names, shown values."""
from __future__ import annotations

import numbers
from functools import lru_cache

from .. import terms
from .kinds import read_toml

#: How many problems one message lists before it says "and N more".
SHOWN = 4


@lru_cache(maxsize=1)
def texts() -> dict:
    """Every message and type name of the answer checks, both languages (read once)."""
    return read_toml("messages.toml")


def say(message: str, lang: str, /, **fields) -> str:
    """The message called ``message`` in ``lang`` with ``fields`` filled in."""
    terms.check_lang(lang)
    return texts()["message"][message][lang].format(**fields)


def type_name(value, lang: str) -> str:
    """How a message names the type of ``value`` (e.g. 列表, a pandas Series)."""
    names = texts()["type_name"]
    kind = type(value).__name__
    if kind in names:
        return names[kind][lang]
    if isinstance(value, bool):
        return names["bool"][lang]
    for base, name in ((dict, "dict"), (list, "list"), (tuple, "tuple"), (set, "set"), (str, "str"),
                       (numbers.Integral, "int"), (numbers.Real, "float")):
        if isinstance(value, base):
            return names[name][lang]
    return names["other"][lang].format(type=kind)


def show(value, limit: int = 40) -> str:
    """``value`` as a message quotes it: text in “”, anything else as Python writes it."""
    text = f"“{value}”" if isinstance(value, str) else " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def listing(values, lang: str) -> str:
    """Values joined the way the edition lists them (、 in zh, commas in en)."""
    return ("、" if lang == "zh" else ", ").join(values)


def joined(problems: list[str], lang: str) -> str:
    """Up to :data:`SHOWN` problems, one per line, and how many more there are."""
    text = "\n".join(problems[:SHOWN])
    if len(problems) > SHOWN:
        text += "\n" + say("more", lang, count=len(problems) - SHOWN)
    return text
