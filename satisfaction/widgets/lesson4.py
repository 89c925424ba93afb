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
from ._base import block, guarded, label_width, message_box


def text(key: str, lang: str, **fields) -> str:
    """A lesson-4 widget text (group ``ui_lesson4``) in ``lang``."""
    return terms.label("ui_lesson4", key, lang).format(**fields)


def _misplaced(order: list[str | None], lang: str) -> list[tuple[int, str, str]]:
    if any(key is None for key in order):
        raise ValueError(text("fill_all", lang))
    if len(set(order)) != len(order):
        raise ValueError(text("no_repeats", lang))
    return complaints.check_step_order(list(order))


def step_marks(order: list[str | None], lang: str) -> list[str]:
    """One mark per position: ``right``, or ``earlier`` / ``later`` where the step chosen there
    belongs before / after that position. It tells which steps are misplaced and which way
    they should move, never which step belongs where."""
    right = [t.key for t in complaints.COMPLAINT_STEPS]
    wrong = {n for n, _got, _want in _misplaced(order, lang)}
    return ["right" if n not in wrong else "earlier" if right.index(key) + 1 < n else "later"
            for n, key in enumerate(order, start=1)]


class StepSequencer:
    """Eight drop-downs, one per position; ``check`` marks each position right or misplaced.

    Controls: ``slots`` (eight Dropdowns), ``check`` (Button). Output: ``marks`` (one HTML
    beside each slot: ✔, or ✘ with the way the step should move), ``feedback``, ``message``.
    """

    def __init__(self, lang: str = "zh", seed: int = 4):
        self.lang = terms.check_lang(lang)
        steps = [(getattr(t, lang), t.key) for t in complaints.COMPLAINT_STEPS]
        start = [key for _, key in steps]
        random.Random(seed).shuffle(start)  # a shuffled start, the same for the whole class
        width = f"calc({label_width(max((name for name, _ in steps), key=len))} + " \
                f"{label_width(text('position', lang, n=8))} + 3em)"  # step name, label, arrow
        self.slots = [widgets.Dropdown(options=steps, value=key, description=text("position", lang, n=n),
                                       style={"description_width": "initial"}, layout=widgets.Layout(width=width))
                      for n, key in enumerate(start, start=1)]
        self.marks = [widgets.HTML() for _ in self.slots]
        self.check = widgets.Button(description=text("check_order", lang), button_style="primary")
        self.feedback = widgets.HTML()
        self.message = message_box()
        self.check.on_click(guarded(self._check, self.message, lang, [self.feedback, *self.marks]))
        for slot, mark in zip(self.slots, self.marks):
            slot.observe(lambda _change, mark=mark: setattr(mark, "value", ""), names="value")  # stale
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('seq_title', lang))}</b>"),
                                *(widgets.HBox([s, m]) for s, m in zip(self.slots, self.marks)),
                                self.check, self.message, self.feedback])

    def _check(self) -> None:
        marks = step_marks([s.value for s in self.slots], self.lang)
        for mark, kind in zip(self.marks, marks):
            color = "#1b5e20" if kind == "right" else "#b00020"
            mark.value = f'<span style="color:{color}">{html.escape(text(f"mark_{kind}", self.lang))}</span>'
        right = marks.count("right")
        if right == len(marks):
            self.feedback.value = block(f'<span style="color:#1b5e20">{html.escape(text("all_right", self.lang))}</span>')
        else:
            self.feedback.value = block(f"<b>{html.escape(text('some_right_marked', self.lang, n=right))}</b>")

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


#: Words of a conversation: the customer addressed, or the staff member speaking for the company.
ADDRESS = {"zh": ("您", "你", "我", "咱", "先生", "女士", "顾客", "客户"),
           "en": ("you", "your", "yours", "we", "us", "our", "i")}
#: A reply shorter than this (Chinese characters / English words) is too short to be one.
MIN_LENGTH = {"zh": 6, "en": 4}
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-z']+")
_VOWELS = re.compile(r"[aeiouy]", re.I)


def reply_problems(reply: str, lang: str) -> list[str]:
    """Why ``reply`` does not read like a reply to a customer (``too_short``, ``not_language``,
    ``no_address``), or an empty list. Plain rules, no dictionary: enough different Chinese
    characters (or English words that look like words), mostly in the edition's language, and
    a word of a conversation (you, we, I, sir, ...)."""
    reply = str(reply)
    if lang == "zh":
        han = _HAN.findall(reply)
        letters = re.findall(r"[A-Za-z0-9]", reply)
        if len(set(han)) < MIN_LENGTH["zh"]:
            return ["too_short"] if len(han) >= len(letters) else ["not_language"]
        problems = ["not_language"] if len(han) < 2 * len(letters) else []
    else:
        words = _WORD.findall(reply)
        wordlike = [w for w in words if _VOWELS.search(w) and len(w) <= 15]
        if len(wordlike) < MIN_LENGTH["en"]:
            return ["too_short"] if len(wordlike) == len(words) else ["not_language"]
        problems = ["not_language"] if len(wordlike) < 0.8 * len(words) else []
    plain = reply.lower() if lang == "en" else reply
    spoken = any(re.search(rf"\b{w}\b", plain) for w in ADDRESS["en"]) if lang == "en" else \
        any(w in plain for w in ADDRESS["zh"])
    return problems + ([] if spoken else ["no_address"])


def reply_report(reply: str, lang: str) -> str:
    """HTML: each phrase to avoid found in ``reply`` with what to say instead, or whether it
    reads like a reply at all; then the recommended phrases it uses, or a reminder of them."""
    if not str(reply).strip():
        raise ValueError(text("empty_reply", lang))
    hits = complaints.check_reply(reply, lang=lang)
    used = phrases_used(reply, lang)
    parts = []
    if hits:
        items = "".join(f"<li>{html.escape(text('avoid_line', lang, avoid=h.avoid, instead=h.instead))}</li>"
                        for h in hits)
        parts.append(f'<b style="color:#b00020">{html.escape(text("reply_hits", lang, n=len(hits)))}</b><ul>{items}</ul>')
    elif problems := reply_problems(reply, lang):
        reasons = text("reason_sep", lang).join(text(f"reason_{p}", lang) for p in problems)
        parts.append(f'<span style="color:#ef6c00">{html.escape(text("reply_not_a_reply", lang, reasons=reasons))}</span>')
    else:
        parts.append(f'<span style="color:#1b5e20">{html.escape(text("reply_reads_well", lang))}</span>')
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
    better ones, the recommended phrases used are acknowledged, and text that does not read
    like a reply is told so.

    Controls: ``scenario`` (Dropdown, index into :func:`scenarios`), ``reply`` (Textarea; Enter
    checks it), ``check`` and ``draft`` (Buttons: check the reply; put the scenario's poor first
    draft into the box). Choosing a scenario puts its draft into the box only while the box
    holds the previous draft or nothing: a reply the student wrote is never overwritten.
    Output: ``customer``, ``note``, ``result``, ``message``.
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        self.items = scenarios(lang)
        self.scenario = widgets.Dropdown(options=[(c.title, i) for i, c in enumerate(self.items)], value=0,
                                         description=text("reply_scenario", lang),
                                         style={"description_width": "initial"},
                                         layout=widgets.Layout(width="auto", max_width="36em"))
        self.customer = widgets.HTML()
        self.reply = widgets.Textarea(value="", continuous_update=True, placeholder=text("reply_enter", lang),
                                      layout=widgets.Layout(width="100%", height="5.5em"))
        self.check = widgets.Button(description=text("check_reply", lang), button_style="primary")
        self.draft = widgets.Button(description=text("load_draft", lang), layout=widgets.Layout(width="auto"))
        self.note = widgets.HTML()
        self.result = widgets.HTML()
        self.message = message_box()
        self._run = guarded(self._update, self.message, lang, [self.result])
        self._shown_draft = ""
        self.reply.observe(self._on_typing, names="value")
        self.check.on_click(self._run)
        self.draft.on_click(lambda _button: self._load_draft())
        self.scenario.observe(self._show, names="value")
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('reply_title', lang))}</b>"),
                                self.scenario, self.customer, self.reply,
                                widgets.HBox([self.check, self.draft]), self.note, self.message, self.result])
        self._show()

    def _on_typing(self, change) -> None:
        """Enter (a new line break) checks the reply; other keystrokes clear the result, which
        would no longer be about the text in the box."""
        if change["new"].count("\n") > (change["old"] or "").count("\n"):
            self._run()
        else:
            self.result.value = ""

    def _load_draft(self) -> None:
        item = self.items[self.scenario.value]
        self._shown_draft = item.draft
        self.note.value = ""
        self.reply.value = item.draft
        self._run()

    def _show(self, _change=None) -> None:
        item = self.items[self.scenario.value]
        self.customer.value = f"<p>{html.escape(text('reply_customer', self.lang, words=item.customer))}</p>"
        if self.reply.value.strip() in ("", self._shown_draft.strip()):
            self._load_draft()
        else:
            self.note.value = f'<span style="color:#5f6368">{html.escape(text("reply_kept", self.lang))}</span>'

    def _update(self) -> None:
        self.result.value = block(reply_report(self.reply.value, self.lang))

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
