"""Lesson 1 widget: satisfaction survey factor analysis (客户满意度调查因素分析, seed 001).

Respondents rate how important each factor is and how well the company does
on it; :func:`satisfaction.importance_performance` places every factor in one
of four quadrants (重点改进区, 优势保持区, 次要改进区, 过度投入区). The survey is
SYNTHETIC: one fixed population of customers (:func:`population`, from
:func:`satisfaction.synthetic.factor_survey`), from which each survey draws a
sample (:func:`sample`). A new seed is a new batch of respondents of the same
company, so a sample of 1,000 barely moves while a sample of 10 wobbles.
"""
from __future__ import annotations

import functools
import html

import ipywidgets as widgets
import numpy as np
import pandas as pd

from .. import analysis, synthetic, terms
from ._base import block, FigureView, guarded, keep_apart, message_box, slider
from .lesson1 import text

#: Colour of each quadrant's points.
QUADRANT_COLORS = {"concentrate": "#b00020", "keep_up": "#1b5e20",
                   "low_priority": "#9e9e9e", "overkill": "#ef6c00"}
#: Where each quadrant's name is written (axes fractions, 1..5 rating axes).
QUADRANT_CORNERS = {"concentrate": (0.02, 0.97), "keep_up": (0.98, 0.97),
                    "low_priority": (0.02, 0.03), "overkill": (0.98, 0.03)}
#: Rating scale of the survey.
RATING_MIN, RATING_MAX = 1, 5
#: Customers of the synthetic company, and the seed that makes them.
POPULATION, POPULATION_SEED = 5000, 7


@functools.lru_cache(maxsize=1)
def population() -> pd.DataFrame:
    """The company's SYNTHETIC customers: one fixed population every survey sample is drawn from."""
    return synthetic.factor_survey(POPULATION, seed=POPULATION_SEED)


def sample(n_respondents: int, seed: int) -> pd.DataFrame:
    """The answers of ``n_respondents`` customers drawn at random (``seed``) from :func:`population`:
    a new seed is a new batch of respondents of the same company, so a large sample changes
    little from batch to batch and a small one a lot."""
    if not 1 <= n_respondents <= POPULATION:
        raise ValueError(f"n_respondents must be 1..{POPULATION}; got {n_respondents!r}")
    answers = population()
    chosen = np.random.default_rng(seed).choice(POPULATION, n_respondents, replace=False) + 1
    return answers[answers["respondent"].isin(chosen)]


def factor_table(n_respondents: int, seed: int, lang: str):
    """Importance–performance table of a survey sample, with each factor's name and quadrant name."""
    table = analysis.importance_performance(sample(n_respondents, seed))
    table["name"] = [terms.label("survey_factor", f, lang) for f in table.index]
    table["quadrant_name"] = [terms.label("ipa_quadrant", q, lang) for q in table["quadrant"]]
    return table


class FactorAnalysis:
    """Importance (y) against performance (x) of the survey factors, in four quadrants.

    Controls: ``respondents`` and ``seed`` sliders. Output: ``chart`` (the
    scatter), ``result`` (factors listed per quadrant).
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        self.respondents = slider(widgets.IntSlider, 150, text("ipa_respondents", lang), min=10, max=1000, step=10)
        self.seed = slider(widgets.IntSlider, 0, text("ipa_seed", lang), min=0, max=20)
        self.result = widgets.HTML()
        self.message = message_box()
        self.chart = FigureView(figsize=(6.4, 4.4))
        self._draw_axes()
        update = guarded(self._update, self.message, lang, [self.result, self.chart])
        self.respondents.observe(update, names="value")
        self.seed.observe(update, names="value")
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('ipa_heading', lang))}</b>"),
                                self.respondents, self.seed, self.message, self.chart.widget, self.result])
        update()

    def _draw_axes(self) -> None:
        ax = self.chart.axes()
        n = len(terms.keys("survey_factor"))
        self.points = ax.scatter([3] * n, [3] * n, s=60, zorder=3)
        self.names = [ax.annotate("", (3, 3), xytext=(5, 4), textcoords="offset points", fontsize=9,
                                  annotation_clip=False, in_layout=False) for _ in range(n)]
        self.vline = ax.axvline(3, color="black", linewidth=0.8, linestyle="--")
        self.hline = ax.axhline(3, color="black", linewidth=0.8, linestyle="--")
        corners = [ax.text(x, y, terms.label("ipa_quadrant", quadrant, self.lang), transform=ax.transAxes,
                           ha="left" if x < 0.5 else "right", va="top" if y > 0.5 else "bottom",
                           color=QUADRANT_COLORS[quadrant]) for quadrant, (x, y) in QUADRANT_CORNERS.items()]
        self.chart.arrange(lambda renderer: keep_apart(self.names, corners, renderer))
        self.chart.animate(self.points, *self.names, self.vline, self.hline, ax.title)
        ax.set_xlim(RATING_MIN, RATING_MAX)
        ax.set_ylim(RATING_MIN, RATING_MAX)
        ax.set_xlabel(text("ipa_x", self.lang))
        ax.set_ylabel(text("ipa_y", self.lang))
        self.ax = ax

    def _update(self) -> None:
        table = factor_table(self.respondents.value, self.seed.value, self.lang)
        xy = table[["performance", "importance"]].to_numpy()
        self.points.set_offsets(xy)
        self.points.set_color([QUADRANT_COLORS[q] for q in table["quadrant"]])
        for note, (x, y), name in zip(self.names, xy, table["name"]):
            note.xy = (x, y)
            note.set_text(name)
        self.vline.set_xdata([table["performance"].mean()] * 2)
        self.hline.set_ydata([table["importance"].mean()] * 2)
        self.ax.set_title(text("ipa_title", self.lang, n=self.respondents.value, seed=self.seed.value))
        self.chart.refresh()
        rows = []
        for quadrant in QUADRANT_COLORS:
            names = table.loc[table["quadrant"] == quadrant, "name"]
            listed = text("list_sep", self.lang).join(names) if len(names) else "—"
            rows.append(f'<li><b style="color:{QUADRANT_COLORS[quadrant]}">'
                        f'{html.escape(terms.label("ipa_quadrant", quadrant, self.lang))}</b>: '
                        f"{html.escape(listed)}</li>")
        self.result.value = block(f"<ul>{''.join(rows)}</ul>")

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
