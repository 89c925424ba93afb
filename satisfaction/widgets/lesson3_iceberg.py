"""Lesson 3: the silent-dissatisfaction iceberg and the revenue at risk.

Seed 004: behind every customer who complains, 20 more are dissatisfied and
say nothing (:data:`satisfaction.SILENT_PER_COMPLAINT`), and 90–98 % of
dissatisfied customers never complain but simply leave. Seed 002: a customer's
lifetime value = spend per visit × visits per year × years. Together:
:func:`satisfaction.revenue_at_risk`. :func:`iceberg` does the arithmetic;
:class:`SilentIceberg` shows it above and below the waterline.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Polygon

from .. import terms, value
from ._base import FigureView, guarded, message_box, parse_number


#: Outline of the iceberg, as (x, share of the height) pairs: the tip above the
#: waterline is narrow, the body below it wide. Heights are scaled by the counts.
TIP_SHAPE = ((-0.35, 0.0), (-0.15, 1.0), (0.05, 0.8), (0.35, 0.0))
BODY_SHAPE = ((-0.35, 0.0), (-0.9, -0.3), (-0.6, -0.85), (-0.1, -1.0), (0.7, -0.75), (1.0, -0.3),
              (0.35, 0.0))
#: x where the count labels stand, right of the iceberg.
LABEL_X = 1.15


def text(key: str, lang: str, **fields) -> str:
    """A lesson-3 widget text (group ``ui_lesson3``) in ``lang``."""
    return terms.label("ui_lesson3", key, lang).format(**fields)


def outline(shape: tuple[tuple[float, float], ...], height: float) -> np.ndarray:
    """The polygon vertices of ``shape`` with its y shares scaled to ``height`` people."""
    xy = np.array(shape, dtype=float)
    xy[:, 1] *= height
    return xy


@dataclass(frozen=True)
class Iceberg:
    """What a month's complaints hide (counts of customers, amounts in yuan)."""

    complaints: float   # customers who complained (above the waterline)
    silent: float       # dissatisfied customers who said nothing (below it)
    leaving: float      # dissatisfied customers expected to leave
    clv: float          # lifetime value of one customer
    at_risk: float      # lifetime revenue those leaving take with them


def iceberg(complaints: float, spend: float, visits: float, years: float,
            leave_share: float = value.NEVER_COMPLAIN_SHARE[0]) -> Iceberg:
    """The iceberg behind ``complaints`` complaints, for customers worth ``spend × visits × years``."""
    clv = float(value.lifetime_value(spend, visits, years))
    silent = float(value.silent_dissatisfied(complaints))
    at_risk = float(value.revenue_at_risk(complaints, clv, leave_share))
    return Iceberg(float(complaints), silent, (complaints + silent) * leave_share, clv, at_risk)


class SilentIceberg:
    """Complaints received and what a customer is worth → the silent ones and the revenue at risk.

    Inputs (Text): ``complaints``, ``spend`` per visit, ``visits`` per year,
    ``years``; ``leave`` (slider, share of the dissatisfied who leave, 90–98 %
    in seed 004). Output: ``result`` and ``chart`` (the iceberg).
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        style = {"description_width": "230px"}
        box = dict(style=style, continuous_update=False)
        self.complaints = widgets.Text("5", description=text("ice_complaints", lang), **box)
        self.spend = widgets.Text("200", description=text("ice_spend", lang), **box)
        self.visits = widgets.Text("12", description=text("ice_visits", lang), **box)
        self.years = widgets.Text("5", description=text("ice_years", lang), **box)
        low, high = value.NEVER_COMPLAIN_SHARE
        self.leave = widgets.FloatSlider(low, min=0.5, max=1.0, step=0.01, description=text("ice_leave", lang),
                                         readout_format=".0%", **box)
        self.result = widgets.HTML()
        self.message = message_box()
        self.chart = FigureView(figsize=(5.6, 3.8))
        ax = self.chart.axes()
        ax.axhspan(-1e12, 0, color="#e3f2fd", zorder=0)  # the sea; the axes clip it
        ax.axhline(0, color="#0d47a1", linewidth=2, zorder=3)
        self.tip = ax.add_patch(Polygon(outline(TIP_SHAPE, 0), closed=True, facecolor="#bbdefb",
                                        edgecolor="#0d47a1", zorder=2))
        self.body = ax.add_patch(Polygon(outline(BODY_SHAPE, 0), closed=True, facecolor="#1565c0",
                                         edgecolor="#0d47a1", alpha=0.85, zorder=2))
        self.tip_label = ax.text(LABEL_X, 0, "", va="bottom", fontsize=9)
        self.body_label = ax.text(LABEL_X, 0, "", va="center", color="#0d47a1", fontsize=9)
        ax.set_xlim(-1.1, 3.4)
        ax.set_xticks([])
        ax.yaxis.set_major_formatter(lambda v, _pos: f"{abs(v):,.0f}")  # people below the water are not negative
        ax.set_ylabel(text("ice_y", lang))
        ax.set_title(text("ice_title", lang))
        self.ax = ax
        self._digits = 0  # width of the largest y tick label at the last layout
        update = guarded(self._update, self.message, lang)
        for control in (self.complaints, self.spend, self.visits, self.years, self.leave):
            control.observe(update, names="value")
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('ice_heading', lang))}</b>"),
                                self.complaints, self.spend, self.visits, self.years, self.leave,
                                self.result, self.message, self.chart.widget])
        update()

    def _number(self, box: widgets.Text, key: str) -> float:
        return parse_number(box.value, text(key, self.lang), self.lang, positive=True)

    def _update(self) -> None:
        berg = iceberg(self._number(self.complaints, "ice_complaints"), self._number(self.spend, "ice_spend"),
                       self._number(self.visits, "ice_visits"), self._number(self.years, "ice_years"),
                       self.leave.value)
        self.tip.set_xy(outline(TIP_SHAPE, berg.complaints))
        self.body.set_xy(outline(BODY_SHAPE, berg.silent))  # the shape's shares are negative
        self.tip_label.set_position((LABEL_X, berg.complaints * 0.2))
        self.tip_label.set_text(text("ice_tip", self.lang, n=berg.complaints))
        self.body_label.set_position((LABEL_X, -berg.silent / 2))
        self.body_label.set_text(text("ice_body", self.lang, n=berg.silent, leaving=berg.leaving))
        self.ax.set_ylim(-berg.silent * 1.08, max(berg.complaints * 3, berg.silent * 0.25))
        digits = len(f"{berg.silent:,.0f}")
        self.chart.refresh(relayout=digits != self._digits)  # wider tick labels need a new layout
        self._digits = digits
        self.result.value = html.escape(text("ice_result", self.lang, silent=berg.silent,
                                             total=berg.complaints + berg.silent, leaving=berg.leaving,
                                             clv=berg.clv, risk=berg.at_risk))

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
