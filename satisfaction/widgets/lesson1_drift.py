"""Lesson 1 widget: how an expectation drifts (seed 003, the phone-repair case).

Xiao Wang always had his phone repaired at company B in about an hour; company
A fixed it in half an hour. Each experience moves his expectation toward what
he got (:func:`satisfaction.expectation_path`), so service that once exceeded
his expectation is merely expected next time. Repair times are minutes: a
shorter repair than expected exceeds the expectation.
"""
from __future__ import annotations

import html
import re

import ipywidgets as widgets
import numpy as np

from .. import expectation, terms
from ._base import block, FigureView, check_button, guarded, message_box, on_submit, parse_number, slider, text_box
from .lesson1 import VERDICT_COLORS, text

#: Separators accepted between repair times: commas (ASCII or full-width), semicolons, spaces.
SEPARATORS = re.compile(r"[,，;；、\s]+")
#: Most experiences the widget plots (a learner typing a very long list gets a message).
MAX_EXPERIENCES = 50
#: A repair within this many minutes of the expectation counts as 满足期望 (meets it): nobody
#: notices half a minute, and the widget shows expectations rounded to whole minutes.
MEETS_MINUTES = 0.5


def parse_times(raw: str, lang: str) -> list[float]:
    """Repair times typed as text, e.g. ``"30, 30, 45"`` → ``[30.0, 30.0, 45.0]``.

    Every time must be a number greater than 0; a localized ``ValueError`` says
    which entry is wrong.
    """
    field = text("drift_times", lang)
    tokens = [t for t in SEPARATORS.split(str(raw)) if t]
    if not tokens:
        raise ValueError(text("drift_no_times", lang))
    if len(tokens) > MAX_EXPERIENCES:
        raise ValueError(text("drift_too_many", lang, n=MAX_EXPERIENCES))
    return [parse_number(t, field, lang, positive=True) for t in tokens]


def visit_verdicts(path: np.ndarray, times: list[float]) -> list[str]:
    """Verdict of each repair against the expectation held before it (shorter = better).

    A repair time is a cost to the customer, so the roles swap: the expectation is
    compared with the time as if it were the performance, and a repair faster than
    expected ``exceeds`` the expectation. Within :data:`MEETS_MINUTES` it ``meets`` it.
    """
    return [str(v) for v in expectation.verdict(np.asarray(path[:-1]), np.asarray(times),
                                                tolerance=MEETS_MINUTES)]


class ExpectationDrift:
    """Initial expectation, experienced repair times and a weight → expectation over time.

    Controls: ``initial`` (Text, minutes), ``times`` (Text, e.g. "30, 30, 45"),
    ``weight`` (slider 0..1: how far one experience moves the expectation).
    Output: ``result`` (next expectation and each visit's verdict), ``chart``.
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        self.initial = text_box("60", text("drift_initial", lang), width="6em")
        self.times = text_box("30, 30, 45", text("drift_times", lang), width="16em")
        self.weight = slider(widgets.FloatSlider, 0.5, text("drift_weight", lang), min=0, max=1, step=0.05)
        self.check = check_button(lang)
        self.result = widgets.HTML()
        self.message = message_box()
        self.chart = FigureView(figsize=(6.4, 3.2))
        ax = self.chart.axes()
        (self.expect_line,) = ax.plot([], [], "o-", color="#1565c0", label=text("drift_expect_line", lang))
        (self.time_line,) = ax.plot([], [], "s", color="#ef6c00", label=text("drift_time_line", lang))
        ax.set_xlabel(text("drift_x", lang))
        ax.set_ylabel(text("drift_y", lang))
        ax.set_title(text("drift_title", lang))
        self.chart.fig.legend(loc="outside lower center", ncols=2)  # never over the points
        self.chart.animate(self.expect_line, self.time_line)
        self.ax = ax
        self._digits = 0
        update = guarded(self._update, self.message, lang, [self.result, self.chart])
        on_submit(update, (self.initial, self.times, self.weight), self.check)
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('drift_heading', lang))}</b>"),
                                self.initial, self.times, self.weight, self.check, self.message,
                                self.result, self.chart.widget])
        update()

    def _update(self) -> None:
        start = parse_number(self.initial.value, text("drift_initial", self.lang), self.lang, positive=True)
        times = parse_times(self.times.value, self.lang)
        path = expectation.expectation_path(start, times, self.weight.value)
        visits = np.arange(len(path))
        self.expect_line.set_data(visits, path)
        self.time_line.set_data(visits[1:], times)
        self.ax.set_xticks(visits)
        self.ax.set_xlim(-0.3, len(path) - 0.7)
        top = max(max(times), start) * 1.25
        self.ax.set_ylim(0, top)
        digits = len(f"{top:.0f}")  # wider tick labels need a new layout, or the axis label is cut
        self.chart.refresh(relayout=digits != self._digits)
        self._digits = digits
        names = terms.labels("verdict", self.lang)
        items = "".join(
            f'<li>{html.escape(text("drift_visit", self.lang, k=k, t=t, e=e))} '
            f'<span style="color:{VERDICT_COLORS[v]}">{html.escape(names[v])}</span></li>'
            for k, (t, e, v) in enumerate(zip(times, path[:-1], visit_verdicts(path, times)), start=1))
        self.result.value = block((f"<b>{html.escape(text('drift_next', self.lang, e=path[-1]))}</b>"
                             f"<ul>{items}</ul>"))

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
