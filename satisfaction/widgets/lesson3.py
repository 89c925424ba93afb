"""Lesson 3 (任务三 客户不满意的处理): the five-gap diagnosis drill.

Seed 000: dissatisfaction comes from 五种差距 — 促销差距, 理解差距, 程序差距,
行为差距, 感受差距 (:data:`satisfaction.FIVE_GAPS`). The drill shows short
service scenarios (``[[ui_lesson3_scenarios]]`` in ``data/ui_lesson3.toml``),
the learner picks the gap, and :func:`diagnose` says whether that is right and why.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets

from .. import complaints, terms
from ._base import block, message_box, show_error


def text(key: str, lang: str, **fields) -> str:
    """A lesson-3 widget text (group ``ui_lesson3``) in ``lang``."""
    return terms.label("ui_lesson3", key, lang).format(**fields)


@dataclass(frozen=True)
class Scenario:
    """One drill scenario in one language, with the gap that explains it."""

    story: str
    gap: str
    why: str


def scenarios(lang: str) -> list[Scenario]:
    """The drill's scenarios in ``lang``; each names one of the five gaps."""
    terms.check_lang(lang)
    keys = {g.key for g in complaints.FIVE_GAPS}
    found = []
    for number, entry in enumerate(terms.all_terms()["ui_lesson3_scenarios"], start=1):
        if entry["gap"] not in keys:
            raise ValueError(f"scenario {number}: gap {entry['gap']!r} is not one of {sorted(keys)}")
        found.append(Scenario(entry[lang], entry["gap"], entry[f"why_{lang}"]))
    return found


def diagnose(scenario: Scenario, choice: str | None, lang: str) -> tuple[bool, str]:
    """Whether ``choice`` (a gap key) explains ``scenario``, and the feedback to show."""
    if choice is None:
        raise ValueError(text("pick_first", lang))
    gaps = {g.key: g for g in complaints.FIVE_GAPS}
    if choice not in gaps:
        raise ValueError(f"choice must be one of {sorted(gaps)}; got {choice!r}")
    right = gaps[scenario.gap]
    name = getattr(right, lang)
    if choice == scenario.gap:
        return True, text("right", lang, gap=name, why=scenario.why)
    return False, text("wrong", lang, chosen=getattr(gaps[choice], lang), gap=name, why=scenario.why,
                       about=getattr(gaps[choice], f"about_{lang}"))


class GapDrill:
    """Scenario → choose the gap → feedback; ``next`` moves to the next scenario.

    Controls: ``choice`` (RadioButtons of the five gaps), ``check`` and ``next``
    (Buttons). Output: ``scenario`` (HTML), ``feedback`` (HTML), ``score``
    (HTML: first tries right / scenarios tried), ``message``.
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        self.items = scenarios(lang)
        self.position = 0
        self.first_try: dict[int, bool] = {}  # scenario position → was the first answer right?
        self.scenario = widgets.HTML()
        self.choice = widgets.RadioButtons(
            options=[(getattr(g, lang), g.key) for g in complaints.FIVE_GAPS], value=None,
            layout=widgets.Layout(width="auto"))
        self.check = widgets.Button(description=text("check", lang), button_style="primary")
        self.next = widgets.Button(description=text("next", lang))
        self.feedback = widgets.HTML()
        self.score = widgets.HTML()
        self.message = message_box()
        self.check.on_click(self._check)
        self.next.on_click(self._next)
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('drill_title', lang))}</b>"),
                                self.scenario, self.choice, widgets.HBox([self.check, self.next]),
                                self.feedback, self.score, self.message])
        self._show()

    @property
    def right(self) -> int:
        """Scenarios whose first checked answer was right (trying again does not count)."""
        return sum(self.first_try.values())

    def _show(self) -> None:
        item = self.items[self.position]
        self.scenario.value = block((f"<p><b>{html.escape(text('scenario_no', self.lang, n=self.position + 1, of=len(self.items)))}"
                               f"</b> {html.escape(item.story)}</p>"))
        self.choice.value = None
        self.feedback.value = self.message.value = ""

    def _check(self, _button=None) -> None:
        try:
            right, words = diagnose(self.items[self.position], self.choice.value, self.lang)
        except ValueError as error:
            show_error(self.message, error, self.lang)
            return
        self.message.value = ""
        self.first_try.setdefault(self.position, right)
        color = "#1b5e20" if right else "#b00020"
        self.feedback.value = block(f'<span style="color:{color}">{html.escape(words)}</span>')
        self.score.value = html.escape(text("score", self.lang, right=self.right, done=len(self.first_try),
                                            of=len(self.items)))

    def _next(self, _button=None) -> None:
        self.position = (self.position + 1) % len(self.items)
        self._show()

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)


def communication_figure(lang: str = "zh"):
    """Figure: the three signals of face-to-face communication (seed 004: face 55 %, voice 38 %,
    words 7 %, :data:`satisfaction.value.COMMUNICATION_SHARES`). Returns the pyplot Figure."""
    import matplotlib.pyplot as plt

    from .. import value

    shares = value.COMMUNICATION_SHARES
    fig, ax = plt.subplots(figsize=(5.2, 3.6))
    _wedges, _labels, percents = ax.pie(
        list(shares.values()), labels=[text(f"comm_{k}", lang) for k in shares], autopct="%.0f%%",
        startangle=90, counterclock=False, colors=["#1565c0", "#42a5f5", "#bbdefb"])
    percents[0].set_color("white")  # the largest share sits on the darkest wedge
    ax.set_title(text("comm_title", lang))
    return fig
