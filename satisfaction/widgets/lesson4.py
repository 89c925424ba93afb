"""Lesson 4 (任务四 正确处理客户投诉): the complaint-process sequencer and the reply checker.

Seed 000: the eight steps of handling a complaint (:data:`satisfaction.COMPLAINT_STEPS`),
checked by :func:`satisfaction.check_step_order`. Seed 004: phrases to avoid and
phrases to use instead (:func:`satisfaction.check_reply`), and the recommended
phrases a reply already uses (:func:`phrases_used`). The complaint scenarios the
reply checker offers are in ``[[ui_lesson4_scenarios]]`` of ``data/ui_lesson4.toml``.
"""
from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass

import ipywidgets as widgets

from .. import complaints, terms
from ._base import guarded, message_box


def text(key: str, lang: str, **fields) -> str:
    """A lesson-4 widget text (group ``ui_lesson4``) in ``lang``."""
    return terms.label("ui_lesson4", key, lang).format(**fields)


def step_feedback(order: list[str | None], lang: str) -> tuple[int, list[str]]:
    """How many of the eight positions are right, and one line per misplaced step."""
    if any(key is None for key in order):
        raise ValueError(text("fill_all", lang))
    if len(set(order)) != len(order):
        raise ValueError(text("no_repeats", lang))
    names = {t.key: getattr(t, lang) for t in complaints.COMPLAINT_STEPS}
    wrong = complaints.check_step_order(list(order))
    lines = [text("misplaced", lang, n=n, got=names[got], want=names[want]) for n, got, want in wrong]
    return len(order) - len(wrong), lines


class StepSequencer:
    """Eight drop-downs, one per position; ``check`` compares the order with the seed's.

    Controls: ``slots`` (eight Dropdowns), ``check`` (Button). Output: ``feedback``.
    """

    def __init__(self, lang: str = "zh", seed: int = 4):
        self.lang = terms.check_lang(lang)
        steps = [(getattr(t, lang), t.key) for t in complaints.COMPLAINT_STEPS]
        start = [key for _, key in steps]
        random.Random(seed).shuffle(start)  # a shuffled start, the same for the whole class
        self.slots = [widgets.Dropdown(options=steps, value=key, description=text("position", lang, n=n),
                                       layout=widgets.Layout(width="420px"))
                      for n, key in enumerate(start, start=1)]
        self.check = widgets.Button(description=text("check_order", lang), button_style="primary")
        self.feedback = widgets.HTML()
        self.message = message_box()
        self.check.on_click(guarded(self._check, self.message, lang))
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('seq_title', lang))}</b>"),
                                *self.slots, self.check, self.feedback, self.message])

    def _check(self) -> None:
        right, lines = step_feedback([s.value for s in self.slots], self.lang)
        if not lines:
            self.feedback.value = f'<span style="color:#1b5e20">{html.escape(text("all_right", self.lang))}</span>'
            return
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        self.feedback.value = f"<b>{html.escape(text('some_right', self.lang, n=right))}</b><ul>{items}</ul>"

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)


#: Contractions spelled out before English phrases are compared ("I'm sorry" = "I am sorry").
CONTRACTIONS = {"i'm": "i am", "we've": "we have", "you've": "you have", "it's": "it is",
                "that's": "that is", "i've": "i have", "we're": "we are", "you're": "you are"}
_NOT_LETTERS = re.compile(r"[\W_]+")


def _plain(words: str, lang: str) -> str:
    """``words`` without case, punctuation and spaces (English contractions spelled out)."""
    words = words.lower().replace("\u2019", "'")
    if lang == "en":
        words = " ".join(CONTRACTIONS.get(w, w) for w in words.split())
    return _NOT_LETTERS.sub("", words)


def phrases_used(reply: str, lang: str) -> list[str]:
    """The recommended service phrases (seed 004, ``phrase_use``) that ``reply`` contains, in
    list order; punctuation, spaces, case and English contractions do not matter."""
    plain = _plain(str(reply), terms.check_lang(lang))
    return [phrase for phrase in terms.labels("phrase_use", lang).values() if _plain(phrase, lang) in plain]


def _quoted(phrases, lang: str) -> str:
    """Phrases in quotation marks, as a list in ``lang`` (they contain commas themselves)."""
    return text("list_sep", lang).join(text("quote", lang, p=phrase) for phrase in phrases)


def reply_report(reply: str, lang: str) -> str:
    """HTML: each phrase to avoid found in ``reply`` with what to say instead, the recommended
    phrases it already uses, or a reminder of them."""
    if not str(reply).strip():
        raise ValueError(text("empty_reply", lang))
    hits = complaints.check_reply(reply, lang=lang)
    used = phrases_used(reply, lang)
    parts = []
    if hits:
        items = "".join(f"<li>{html.escape(text('avoid_line', lang, avoid=h.avoid, instead=h.instead))}</li>"
                        for h in hits)
        parts.append(f'<b style="color:#b00020">{html.escape(text("reply_hits", lang, n=len(hits)))}</b><ul>{items}</ul>')
    else:
        parts.append(f'<span style="color:#1b5e20">{html.escape(text("reply_ok", lang))}</span>')
    if used:
        parts.append(f"<p>{html.escape(text('reply_used', lang, phrases=_quoted(used, lang)))}</p>")
    else:
        every = terms.labels("phrase_use", lang).values()
        parts.append(f"<p>{html.escape(text('reply_none_used', lang, phrases=_quoted(every, lang)))}</p>")
    return "".join(parts)


@dataclass(frozen=True)
class Complaint:
    """A complaint scenario of the reply checker in one language: title, the customer's words,
    and a poor first draft of a reply to improve."""

    title: str
    customer: str
    draft: str


def scenarios(lang: str) -> list[Complaint]:
    """The reply checker's complaint scenarios in ``lang``."""
    terms.check_lang(lang)
    return [Complaint(e[f"title_{lang}"], e[f"customer_{lang}"], e[f"draft_{lang}"])
            for e in terms.all_terms()["ui_lesson4_scenarios"]]


class ReplyChecker:
    """Pick a complaint, write a reply to the upset customer; phrases to avoid are flagged with
    better ones, and the recommended phrases used are acknowledged.

    Controls: ``scenario`` (Dropdown, index into :func:`scenarios`; choosing one puts its
    poor first draft into the box), ``reply`` (Textarea). Output: ``customer``, ``result``.
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        self.items = scenarios(lang)
        self.scenario = widgets.Dropdown(options=[(c.title, i) for i, c in enumerate(self.items)], value=0,
                                         description=text("reply_scenario", lang),
                                         style={"description_width": "initial"})
        self.customer = widgets.HTML()
        self.reply = widgets.Textarea(value="", continuous_update=False,
                                      layout=widgets.Layout(width="100%", height="90px"))
        self.result = widgets.HTML()
        self.message = message_box()
        self._check = guarded(self._update, self.message, lang)
        self.reply.observe(self._check, names="value")
        self.scenario.observe(self._show, names="value")
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('reply_title', lang))}</b>"),
                                self.scenario, self.customer, self.reply, self.result, self.message])
        self._show()

    def _show(self, _change=None) -> None:
        item = self.items[self.scenario.value]
        self.customer.value = f"<p>{html.escape(text('reply_customer', self.lang, words=item.customer))}</p>"
        if self.reply.value == item.draft:
            self._check()  # unchanged text fires no observer: check it here
        self.reply.value = item.draft

    def _update(self) -> None:
        self.result.value = reply_report(self.reply.value, self.lang)

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
