"""Lesson 1 (任务一 识别客户满意度): the gap calculator and the hotel-guests figure.

Seeds: 001 (客户满意度 c = b / a, b = 感知的实际体验, a = 期望值; the 5- and
7-level satisfaction scales; what follows from each verdict), 003 (超出期望 /
满足期望 / 低于期望; the five elements of service quality used as the
dimensions here: 信赖度, 反应度, 专业度, 同理度, 有形度).

The pure functions :func:`index_level`, :func:`overall_verdict`,
:func:`gap_summary` and :func:`hotel_guests` do the computing;
:class:`GapCalculator` only reads its sliders and shows their results, and
:func:`hotel_figure` draws the seed-003 hotel case (one hotel, guests with
different expectations) on the 5-level scale.
"""
from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
import pandas as pd

from .. import expectation, servqual, terms
from ._base import block, FigureView, guarded, label_width, message_box

#: Half-width of the band around c = 1 that still counts as 满足期望 (meets
#: expectations): customers do not notice a 5 % difference either way.
MEETS_BAND = 0.05
#: Cut points on the index c where the next level of the scale starts. The
#: middle level (一般 / neutral) is exactly the 满足期望 band 0.95 ≤ c ≤ 1.05, so
#: the verdict and the scale level never contradict each other.
LEVEL_CUTS = {5: (0.75, 0.95, 1.05, 1.25), 7: (0.75, 0.85, 0.95, 1.05, 1.15, 1.25)}
#: Slack for floating-point sums such as 5.25 / 5 that land on a cut point.
_EPS = 1e-9
#: Slider range for expectation and perception (1 = very low … 10 = very high).
SLIDER_MIN, SLIDER_MAX = 1, 10
#: Starting sliders: a shop that falls a little short of what customers expect.
START_EXPECTED = {d: 7 for d in servqual.DIMENSIONS}
START_PERCEIVED = dict(zip(servqual.DIMENSIONS, (6, 5, 7, 6, 8)))
#: Width of a slider column of the calculator (its track stays above 200 px).
COLUMN = "330px"
VERDICT_COLORS = {"exceeds": "#1b5e20", "meets": "#5f6368", "falls_short": "#b00020"}
#: The synthetic hotel of :func:`hotel_guests` (1..10 scale): the typical stay and expectation,
#: how much guests' expectations spread (past experience differs) and how much the stay varies.
HOTEL_STAY, HOTEL_EXPECTATION_SPREAD, HOTEL_STAY_SPREAD = 6.5, 1.6, 0.6


def text(key: str, lang: str, **fields) -> str:
    """A lesson-1 widget text (group ``ui_lesson1``) in ``lang``."""
    return terms.label("ui_lesson1", key, lang).format(**fields)


def index_level(index: float, levels: int = 5) -> int:
    """The level 1..``levels`` of the 5- or 7-level scale (seed 001) a satisfaction index c falls in.

    c = b / a compares experience with expectation, so c = 1 is the middle of
    the scale (一般). Levels are bounded by :data:`LEVEL_CUTS`: a cut below 1
    belongs to the level above it, a cut above 1 to the level below it, which
    keeps 0.95 ≤ c ≤ 1.05 in the middle level. For example, on 5 levels
    c = 0.70 → 1 (很不满意), 0.90 → 2 (不满意), 1.00 → 3 (一般), 1.20 → 4 (满意),
    1.30 → 5 (很满意).
    """
    if levels not in LEVEL_CUTS:
        raise ValueError(f"levels must be 5 or 7 (the seed's two scales); got {levels!r}")
    c = float(index)
    if not math.isfinite(c) or c < 0:
        raise ValueError(f"index must be a finite number ≥ 0; got {index!r}")
    level = 1
    for cut in LEVEL_CUTS[levels]:
        if (c >= cut - _EPS) if cut < 1 else (c > cut + _EPS):
            level += 1
    return level


def overall_verdict(index: float) -> str:
    """``exceeds`` / ``meets`` / ``falls_short`` for an index c, with the :data:`MEETS_BAND`."""
    return str(expectation.verdict(float(index), 1.0, tolerance=MEETS_BAND + _EPS))


@dataclass(frozen=True)
class GapSummary:
    """What :func:`gap_summary` returns: per-dimension gaps and the overall reading."""

    gaps: pd.Series       # perceived − expected per dimension
    expected: float       # mean expectation a
    perceived: float      # mean perceived experience b
    index: float          # c = b / a
    verdict: str          # key of the ``verdict`` terms group
    level: int            # 1..levels on the chosen scale


def gap_summary(expected: Mapping[str, float], perceived: Mapping[str, float],
                levels: int = 5) -> GapSummary:
    """Gaps per dimension, index c = mean perceived / mean expected, verdict and scale level."""
    dims = list(expected)
    if not dims or set(dims) != set(perceived):
        raise ValueError("expected and perceived must rate the same, non-empty set of dimensions")
    a = pd.Series(expected, dtype=float)[dims]
    b = pd.Series(perceived, dtype=float)[dims]
    gaps = pd.Series(expectation.expectation_gap(b.to_numpy(), a.to_numpy()), index=dims)
    c = float(expectation.satisfaction_index(b.mean(), a.mean()))
    return GapSummary(gaps, float(a.mean()), float(b.mean()), c, overall_verdict(c),
                      index_level(c, levels))


class GapCalculator:
    """Expected and perceived quality per dimension → gaps, c = b / a, verdict and scale level.

    ``expected[dim]`` and ``perceived[dim]`` are the sliders, ``levels`` the
    5/7-level toggle; ``verdict`` shows the verdict words, ``result`` the
    index, level and likely outcome, ``chart`` the gap bars.
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        names = terms.labels("servqual", lang)
        slider = dict(min=SLIDER_MIN, max=SLIDER_MAX, step=1, continuous_update=False,
                      layout=widgets.Layout(width=COLUMN))
        self.expected = {d: widgets.IntSlider(value=START_EXPECTED[d], **slider) for d in names}
        self.perceived = {d: widgets.IntSlider(value=START_PERCEIVED[d], **slider) for d in names}
        self.levels = widgets.ToggleButtons(
            options=[(text("five_levels", lang), 5), (text("seven_levels", lang), 7)], value=5)
        self.verdict = widgets.HTML()
        self.verdict.add_class("sat-verdict")
        self.verdict.add_class("course-verdict")
        self.result = widgets.HTML()
        self.message = message_box()
        self.chart = FigureView(figsize=(6.4, 3.2))
        self._draw_axes(names)

        first = label_width(max(names.values(), key=len))  # the dimension names' column
        header = widgets.HBox([widgets.Label("", layout=widgets.Layout(width=first)),
                               widgets.HTML(f"<b>{html.escape(text('expected_col', lang))}</b>",
                                            layout=widgets.Layout(width=COLUMN)),
                               widgets.HTML(f"<b>{html.escape(text('perceived_col', lang))}</b>")])
        rows = [widgets.HBox([widgets.Label(names[d], layout=widgets.Layout(width=first)),
                              self.expected[d], self.perceived[d]]) for d in names]
        update = guarded(self._update, self.message, lang, [self.verdict, self.result, self.chart])
        for control in [*self.expected.values(), *self.perceived.values(), self.levels]:
            control.observe(update, names="value")
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('gap_title', lang))}</b>"),
                                header, *rows, self.levels, self.verdict, self.result,
                                self.message, self.chart.widget])
        update()

    def _draw_axes(self, names: dict[str, str]) -> None:
        ax = self.chart.axes()
        self.bars = ax.bar(range(len(names)), [0] * len(names), color="#5f6368")
        self.bar_labels = [ax.text(i, 0, "", ha="center", va="bottom") for i in range(len(names))]
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xticks(range(len(names)), list(names.values()))
        ax.set_ylim(SLIDER_MIN - SLIDER_MAX - 1, SLIDER_MAX - SLIDER_MIN + 1)
        ax.set_ylabel(text("gap_axis", self.lang))
        ax.set_title(text("gap_chart_title", self.lang))
        self.chart.animate(*self.bars, *self.bar_labels)

    def _update(self) -> None:
        summary = gap_summary({d: s.value for d, s in self.expected.items()},
                              {d: s.value for d, s in self.perceived.items()}, self.levels.value)
        for bar, label, gap in zip(self.bars, self.bar_labels, summary.gaps):
            bar.set_height(gap)
            bar.set_color(VERDICT_COLORS[str(expectation.verdict(gap, 0.0))])
            label.set_position((label.get_position()[0], gap if gap >= 0 else gap - 0.2))
            label.set_verticalalignment("bottom" if gap >= 0 else "top")
            label.set_text(f"{gap:+g}" if gap else "0")
        self.chart.refresh()
        words = terms.group("verdict")[summary.verdict]
        color = VERDICT_COLORS[summary.verdict]
        self.verdict.value = (f'<span style="color:{color};font-size:1.2em"><b>'
                              f"{html.escape(words[self.lang])}</b></span>")
        scale = expectation.scale_label(summary.level, self.levels.value, self.lang)
        self.result.value = block(html.escape(text(
            "gap_result", self.lang, b=summary.perceived, a=summary.expected, c=summary.index,
            scale=scale, outcome=words[f"outcome_{self.lang}"])))

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)


def hotel_guests(n_guests: int = 200, seed: int = 3) -> pd.DataFrame:
    """SYNTHETIC guests of one three-star hotel (seed 003's hotel case; seed 001: satisfaction is
    individual). Everyone gets much the same stay, but expectations differ with past experience.

    Columns: ``expected`` (a) and ``perceived`` (b), whole numbers 1..10 like the gap
    calculator's sliders; ``c`` = b / a; ``verdict``; ``level`` on the 5-level scale.
    The same ``seed`` always gives the same guests.
    """
    if isinstance(n_guests, bool) or not isinstance(n_guests, (int, np.integer)) or n_guests < 1:
        raise ValueError(f"n_guests must be a whole number >= 1; got {n_guests!r}")
    rng = np.random.default_rng(seed)
    a = np.clip(np.rint(rng.normal(HOTEL_STAY, HOTEL_EXPECTATION_SPREAD, n_guests)), SLIDER_MIN, SLIDER_MAX)
    b = np.clip(np.rint(rng.normal(HOTEL_STAY, HOTEL_STAY_SPREAD, n_guests)), SLIDER_MIN, SLIDER_MAX)
    c = expectation.satisfaction_index(b, a)
    return pd.DataFrame({"expected": a.astype(int), "perceived": b.astype(int), "c": c,
                         "verdict": [overall_verdict(x) for x in c],
                         "level": [index_level(x, 5) for x in c]})


def hotel_figure(lang: str = "zh", n_guests: int = 200, seed: int = 3):
    """Figure: how many guests of :func:`hotel_guests` land on each level of the 5-level scale,
    coloured by verdict. Returns the pyplot Figure."""
    import matplotlib.pyplot as plt

    guests = hotel_guests(n_guests, seed)
    counts = guests["level"].value_counts().reindex(range(1, 6), fill_value=0)
    middle = 3
    kinds = ["falls_short" if k < middle else "meets" if k == middle else "exceeds" for k in counts.index]
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    bars = ax.bar(range(5), counts.to_numpy(), color=[VERDICT_COLORS[k] for k in kinds])
    ax.bar_label(bars)
    ax.set_xticks(range(5), list(expectation.scale_label(np.arange(1, 6), 5, lang)))
    handles = [plt.Rectangle((0, 0), 1, 1, color=VERDICT_COLORS[k]) for k in expectation.VERDICTS]
    ax.legend(handles, [terms.label("verdict", k, lang) for k in expectation.VERDICTS], loc="upper right")
    ax.set_ylim(0, counts.max() * 1.2)
    ax.set_xlabel(text("hotel_x", lang))
    ax.set_ylabel(text("hotel_y", lang))
    ax.set_title(text("hotel_title", lang, n=n_guests))
    return fig
