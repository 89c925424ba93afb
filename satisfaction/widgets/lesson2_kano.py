"""Lesson 2 widget: the customer perception model (客户感知模型, seed 001) as the Kano model.

Two questions per feature — how do you feel if it is present, and if it is
absent — give its category by :func:`satisfaction.kano_category`:
必须具备的因素 (must-be), 越舒适、越快、越好的因素 (one-dimensional) or
令人高兴的因素 (delighter), plus indifferent, reverse and questionable. The
Better/Worse diagram summarises a whole SYNTHETIC hotel survey
(:func:`satisfaction.synthetic.kano_survey`, :func:`satisfaction.kano_summary`).
"""
from __future__ import annotations

import html

import ipywidgets as widgets

from .. import kano, synthetic, terms
from ._base import block, FigureView, guarded, keep_apart, message_box, slider
from .lesson2 import text

#: Colour of each Kano category in the diagram.
CATEGORY_COLORS = {"A": "#2e7d32", "O": "#1565c0", "M": "#c62828", "I": "#9e9e9e",
                   "R": "#6a1b9a", "Q": "#000000"}
#: Where the Better/Worse diagram names each quadrant's category (axes fractions, alignment): at
#: the top of its quadrant, away from the outer corners where the features of that kind cluster.
DIAGRAM_CORNERS = {"A": (0.48, 0.97, "right"), "O": (0.52, 0.97, "left"), "I": (0.02, 0.47, "left"),
                   "M": (0.98, 0.47, "right")}
#: Room around the 0..1 coefficients, so that a point at 0 or 1 is drawn whole.
MARGIN = 0.04
#: Seed of the synthetic survey the diagram draws.
SURVEY_SEED = 0


def better_worse(n_respondents: int, lang: str, seed: int = SURVEY_SEED):
    """Kano summary of a synthetic hotel survey with each feature's name and category name."""
    table = kano.kano_summary(synthetic.kano_survey(n_respondents, seed=seed))
    table["name"] = [terms.label("kano_feature", f, lang) for f in table.index]
    table["category_name"] = [terms.label("kano_category", c, lang) for c in table["category"]]
    return table


class KanoClassifier:
    """Classify one answer pair, and see a survey's features on the Better/Worse diagram.

    ``functional`` and ``dysfunctional`` are Dropdowns of Kano answers (values are
    the answer keys); ``category`` shows the category's name and meaning.
    ``respondents`` sets the survey size; ``chart`` and ``table`` show it.
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        answers = [(terms.label("kano_answer", k, lang), k) for k in kano.ANSWERS]
        style = {"description_width": "initial"}
        self.functional = widgets.Dropdown(options=answers, value="like", style=style,
                                           description=text("kano_functional", lang))
        self.dysfunctional = widgets.Dropdown(options=answers, value="neutral", style=style,
                                              description=text("kano_dysfunctional", lang))
        self.category = widgets.HTML()
        self.category.add_class("sat-kano-category")
        self.respondents = slider(widgets.IntSlider, 100, text("kano_respondents", lang), min=10, max=2000, step=10)
        self.table = widgets.HTML()
        self.message = message_box()
        self.chart = FigureView(figsize=(6.4, 4.4))
        self._draw_axes()
        classify = guarded(self._classify, self.message, lang)
        self.functional.observe(classify, names="value")
        self.dysfunctional.observe(classify, names="value")
        survey = guarded(self._survey, self.message, lang, [self.table, self.chart])
        self.respondents.observe(survey, names="value")
        self.ui = widgets.VBox([
            widgets.HTML(f"<b>{html.escape(text('kano_heading', lang))}</b>"),
            self.functional, self.dysfunctional, self.category,
            widgets.HTML(f"<b>{html.escape(text('kano_survey_heading', lang))}</b>"),
            self.respondents, self.message, self.chart.widget, self.table])
        classify()
        survey()

    def _draw_axes(self) -> None:
        ax = self.chart.axes()
        n = len(terms.keys("kano_feature"))
        self.points = ax.scatter([0.5] * n, [0.5] * n, s=60, zorder=3)
        self.names = [ax.annotate("", (0.5, 0.5), xytext=(5, 4), textcoords="offset points", fontsize=9,
                                  annotation_clip=False, in_layout=False) for _ in range(n)]
        ax.axvline(0.5, color="black", linewidth=0.8, linestyle="--")
        ax.axhline(0.5, color="black", linewidth=0.8, linestyle="--")
        corners = [ax.text(x, y, terms.label("kano_category", category, self.lang), transform=ax.transAxes,
                           ha=ha, va="top", color=CATEGORY_COLORS[category], fontsize=9)
                   for category, (x, y, ha) in DIAGRAM_CORNERS.items()]
        self.chart.arrange(lambda renderer: keep_apart(self.names, corners, renderer))
        self.chart.animate(self.points, *self.names, ax.title)
        ax.set_xlim(-MARGIN, 1 + MARGIN)
        ax.set_ylim(-MARGIN, 1 + MARGIN)
        ax.set_xlabel(text("kano_x", self.lang))
        ax.set_ylabel(text("kano_y", self.lang))
        self.ax = ax

    def _classify(self) -> None:
        code = str(kano.kano_category(self.functional.value, self.dysfunctional.value))
        name = terms.label("kano_category", code, self.lang)
        meaning = text(f"kano_means_{code}", self.lang)
        self.category.value = (f'<span style="color:{CATEGORY_COLORS[code]};font-size:1.15em">'
                               f"<b>{html.escape(name)}</b></span> ({code}): {html.escape(meaning)}")

    def _survey(self) -> None:
        table = better_worse(self.respondents.value, self.lang)
        xy = list(zip(-table["worse"], table["better"]))
        self.points.set_offsets(xy)
        self.points.set_color([CATEGORY_COLORS[c] for c in table["category"]])
        for note, point, name in zip(self.names, xy, table["name"]):
            note.xy = point
            note.set_text(name)
        self.ax.set_title(text("kano_title", self.lang, n=self.respondents.value))
        self.chart.refresh()
        rows = "".join(
            f"<tr><td>{html.escape(r.name)}</td><td>{html.escape(r.category_name)}</td>"
            f"<td>{r.better:.2f}</td><td>{r.worse:.2f}</td></tr>" for r in table.itertuples())
        head = "".join(f"<th>{html.escape(text(k, self.lang))}</th>"
                       for k in ("kano_col_feature", "kano_col_category", "kano_col_better", "kano_col_worse"))
        self.table.value = block(f"<table><tr>{head}</tr>{rows}</table>")

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
