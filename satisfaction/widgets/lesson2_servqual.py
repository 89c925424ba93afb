"""Lesson 2 widget and figure: the five elements of service quality (SERVQUAL, seed 003).

信赖度 reliability, 反应度 responsiveness, 专业度 assurance, 同理度 empathy and
有形度 tangibles: the learner types the expected and perceived score of each
(1..7), :func:`satisfaction.servqual_gaps` gives the gaps, and the weakest
element is where improvement starts. :func:`item_gap_figure` shows the same
analysis on a SYNTHETIC 22-statement survey.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import servqual, synthetic, terms
from ._base import block, FigureView, check_button, guarded, label_width, message_box, on_submit, parse_number, text_box
from .lesson2 import text

#: The SERVQUAL answer scale.
SCALE_MIN, SCALE_MAX = 1, 7
#: Starting scores: a service centre whose reliability lags behind what customers expect.
START = {"reliability": (6.5, 5.2), "responsiveness": (6.2, 5.3), "assurance": (6.0, 5.8),
         "empathy": (5.8, 5.2), "tangibles": (5.5, 5.9)}
DIMENSION_COLORS = dict(zip(servqual.DIMENSIONS, ("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#795548")))


def score_table(expected: dict[str, float], perceived: dict[str, float]) -> pd.DataFrame:
    """The long table :func:`satisfaction.servqual_gaps` takes: one row per dimension."""
    return pd.DataFrame({"dimension": list(expected), "expected": list(expected.values()),
                         "perceived": [perceived[d] for d in expected]})


class ServqualChart:
    """A grid of expected/perceived scores per SERVQUAL element → grouped bars and gaps.

    ``expected[dim]`` and ``perceived[dim]`` are Text boxes (1..7); ``result``
    names the overall gap and the weakest element; ``chart`` shows the bars.
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        names = terms.labels("servqual", lang)
        self.expected = {d: text_box(START[d][0], width="5em") for d in names}
        self.perceived = {d: text_box(START[d][1], width="5em") for d in names}
        self.check = check_button(lang)
        self.result = widgets.HTML()
        self.message = message_box()
        self.chart = FigureView(figsize=(6.4, 3.4))
        ax = self.chart.axes()
        x = range(len(names))
        self.expected_bars = ax.bar([i - 0.2 for i in x], [0] * len(names), width=0.4, color="#90a4ae",
                                    label=text("sq_expected", lang))
        self.perceived_bars = ax.bar([i + 0.2 for i in x], [0] * len(names), width=0.4, color="#1565c0",
                                     label=text("sq_perceived", lang))
        self.gap_labels = [ax.text(i, SCALE_MAX + 0.2, "", ha="center") for i in x]
        ax.set_xticks(list(x), list(names.values()))
        ax.set_ylim(0, SCALE_MAX + 1)
        ax.set_ylabel(text("sq_axis", lang))
        # Under the axes, outside the data: the bars reach the top of the scale.
        self.chart.fig.legend(loc="outside lower center", ncols=2, fontsize=9)
        self.chart.animate(*self.expected_bars, *self.perceived_bars, *self.gap_labels)
        self.ax = ax
        update = guarded(self._update, self.message, lang, [self.result, self.chart])
        on_submit(update, [*self.expected.values(), *self.perceived.values()], self.check)
        first = label_width(max(names.values(), key=len))
        column = widgets.Layout(width=self.expected[next(iter(names))].layout.width)
        grid = [widgets.HBox([widgets.Label("", layout=widgets.Layout(width=first)),
                              widgets.HTML(f"<b>{html.escape(text('sq_expected', lang))}</b>", layout=column),
                              widgets.HTML(f"<b>{html.escape(text('sq_perceived', lang))}</b>", layout=column)])]
        for d, name in names.items():
            grid.append(widgets.HBox([widgets.Label(name, layout=widgets.Layout(width=first)),
                                      self.expected[d], self.perceived[d]]))
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('sq_title', lang))}</b>"), *grid,
                                self.check, self.message, self.result, self.chart.widget])
        update()

    def _score(self, box: widgets.Text, dimension: str) -> float:
        field = terms.label("servqual", dimension, self.lang)
        score = parse_number(box.value, field, self.lang)
        if not SCALE_MIN <= score <= SCALE_MAX:
            raise ValueError(text("sq_range", self.lang, field=field, lo=SCALE_MIN, hi=SCALE_MAX))
        return score

    def _update(self) -> None:
        expected = {d: self._score(b, d) for d, b in self.expected.items()}
        perceived = {d: self._score(b, d) for d, b in self.perceived.items()}
        result = servqual.servqual_gaps(score_table(expected, perceived))
        dims = result.dimensions
        for i, d in enumerate(self.expected):
            self.expected_bars[i].set_height(dims.loc[d, "expected"])
            self.perceived_bars[i].set_height(dims.loc[d, "perceived"])
            self.gap_labels[i].set_text(f"{dims.loc[d, 'gap']:+.1f}")
            self.gap_labels[i].set_color("#b00020" if dims.loc[d, "gap"] < 0 else "#1b5e20")
        self.chart.refresh()
        weakest = dims["gap"].idxmin()
        overall = result.overall  # dimensions weigh equally
        key = "sq_result" if dims.loc[weakest, "gap"] < 0 else "sq_all_met"
        self.result.value = block(html.escape(text(key, self.lang, overall=overall,
                                             weakest=terms.label("servqual", weakest, self.lang),
                                             gap=dims.loc[weakest, "gap"])))

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)


def item_gap_figure(lang: str = "zh", n_respondents: int = 300, seed: int = 2):
    """Figure: the mean gap of each of the 22 SERVQUAL statements of a synthetic survey,
    coloured by element, with each element's mean gap as a dashed line. Returns the Figure."""
    import matplotlib.pyplot as plt

    result = servqual.servqual_gaps(synthetic.servqual_survey(n_respondents, seed=seed))
    items = result.items
    fig, ax = plt.subplots(figsize=(7.2, 3.8))
    positions = range(len(items))
    ax.bar(positions, items["gap"], color=[DIMENSION_COLORS[d] for d in items["dimension"]])
    low, high = min(float(items["gap"].min()), 0.0) - 0.3, max(float(items["gap"].max()), 0.0) + 0.5
    for d in servqual.DIMENSIONS:
        where = [i for i, dim in enumerate(items["dimension"]) if dim == d]
        ax.hlines(result.dimensions.loc[d, "gap"], where[0] - 0.4, where[-1] + 0.4,
                  colors=DIMENSION_COLORS[d], linestyles="--")
        ax.text((where[0] + where[-1]) / 2, high - 0.1, terms.label("servqual", d, lang), ha="center",
                va="top", color=DIMENSION_COLORS[d])
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(list(positions), [str(i + 1) for i in positions])
    ax.set_ylim(low, high)
    ax.set_xlabel(text("sq_fig_x", lang))
    ax.set_ylabel(text("sq_fig_y", lang))
    ax.set_title(text("sq_fig_title", lang, n=n_respondents))
    return fig
