"""Lesson 4 (任务四 正确处理客户投诉): the complaint-process sequencer and the reply checker.

Seed 000: the eight steps of handling a complaint (:data:`satisfaction.COMPLAINT_STEPS`),
checked by :func:`satisfaction.check_step_order`. Seed 004: phrases to avoid and
phrases to use instead, found by :func:`satisfaction.check_reply`.
"""
from __future__ import annotations

import html
import random

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


def reply_report(reply: str, lang: str) -> str:
    """HTML: each phrase to avoid found in ``reply`` with what to say instead, or praise."""
    if not str(reply).strip():
        raise ValueError(text("empty_reply", lang))
    hits = complaints.check_reply(reply, lang=lang)
    if not hits:
        return f'<span style="color:#1b5e20">{html.escape(text("reply_ok", lang))}</span>'
    items = "".join(f"<li>{html.escape(text('avoid_line', lang, avoid=h.avoid, instead=h.instead))}</li>"
                    for h in hits)
    return f"<b>{html.escape(text('reply_hits', lang, n=len(hits)))}</b><ul>{items}</ul>"


class ReplyChecker:
    """Type a reply to an upset customer; phrases to avoid are flagged with better ones.

    Control: ``reply`` (Textarea). Output: ``result``.
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        self.reply = widgets.Textarea(value=text("reply_start", lang), continuous_update=False,
                                      layout=widgets.Layout(width="100%", height="90px"))
        self.result = widgets.HTML()
        self.message = message_box()
        update = guarded(self._update, self.message, lang)
        self.reply.observe(update, names="value")
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('reply_title', lang))}</b>"),
                                self.reply, self.result, self.message])
        update()

    def _update(self) -> None:
        self.result.value = reply_report(self.reply.value, self.lang)

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
