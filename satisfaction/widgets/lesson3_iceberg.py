"""Lesson 3: the silent-dissatisfaction iceberg and the revenue at risk.

Seed 004 (rules of thumb it attributes to the U.S. Office of Consumer Affairs,
usually traced to TARP's studies): behind every customer who complains, about
20 more are dissatisfied and say nothing (:data:`satisfaction.SILENT_PER_COMPLAINT`),
and 90–98 % of dissatisfied customers never complain. These are one fact seen
two ways (20 of every 21 ≈ 95 % stay silent), so the iceberg uses the 20 only.
How many of the silent customers leave is the learner's stated assumption, a
slider labelled as such, never the 90–98 %. Seed 002: a customer's lifetime
value = spend per visit × visits per year × years. Together:
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
from ._base import (FigureView, check_button, guarded, message_box, on_submit, parse_number, parse_years,
                    percent_slider, text_box, YEARS_MAX, YEARS_MIN)

#: Outline of the iceberg, as (x, share of the height) pairs: the tip above the
#: waterline is narrow, the body below it wide. Heights are scaled by the counts.
TIP_SHAPE = ((-0.35, 0.0), (-0.15, 1.0), (0.05, 0.8), (0.35, 0.0))
BODY_SHAPE = ((-0.35, 0.0), (-0.9, -0.3), (-0.6, -0.85), (-0.1, -1.0), (0.7, -0.75), (1.0, -0.3),
              (0.35, 0.0))
#: x where the count labels stand, right of the iceberg.
LABEL_X = 1.15
#: The assumed share (in %) of silent dissatisfied customers who leave, at the start.
START_LEAVE_PERCENT = 50


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
    leave_share: float  # ASSUMED share of the silent ones who leave (0..1)
    leaving: float      # silent dissatisfied customers expected to leave, by that assumption
    clv: float          # lifetime value of one customer
    at_risk: float      # lifetime revenue those leaving take with them

    @property
    def dissatisfied(self) -> float:
        """All dissatisfied customers: the complainers and the silent ones."""
        return self.complaints + self.silent

    @property
    def silent_share(self) -> float:
        """Share of the dissatisfied who did not complain (20 / 21 ≈ 95 % with seed 004's 20)."""
        return self.silent / self.dissatisfied if self.dissatisfied else 0.0


def iceberg(complaints: float, spend: float, visits: float, years: float, leave_share: float) -> Iceberg:
    """The iceberg behind ``complaints`` complaints, for customers worth ``spend × visits × years``.

    ``leave_share`` (0..1) is the assumed share of the silent dissatisfied who leave.
    """
    if not YEARS_MIN <= years <= YEARS_MAX:
        raise ValueError(f"years must be from {YEARS_MIN} to {YEARS_MAX}; got {years!r}")
    clv = float(value.lifetime_value(spend, visits, years))
    silent = float(value.silent_dissatisfied(complaints))
    at_risk = float(value.revenue_at_risk(complaints, clv, leave_share))
    return Iceberg(float(complaints), silent, float(leave_share), silent * leave_share, clv, at_risk)


class SilentIceberg:
    """Complaints received and what a customer is worth → the silent ones and the revenue at risk.

    Inputs (Text): ``complaints``, ``spend`` per visit, ``visits`` per year,
    ``years`` (1 to 100, as in every lesson); ``leave`` (slider, whole percent): the
    learner's assumption of how many of the silent dissatisfied leave. Output:
    ``result`` and ``chart`` (the iceberg); both are cleared while an input is bad.
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        self.complaints = text_box("5", text("ice_complaints", lang), width="7em")
        self.spend = text_box("200", text("ice_spend", lang), width="7em")
        self.visits = text_box("12", text("ice_visits", lang), width="7em")
        self.years = text_box("5", text("ice_years", lang), width="7em")
        # Whole percent, typed and shown the same way ("50" means 50 %).
        self.leave = percent_slider(START_LEAVE_PERCENT, text("ice_leave", lang), step=5)
        self.check = check_button(lang)
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
        self.update = guarded(self._update, self.message, lang, [self.result, self.chart])
        on_submit(self.update, (self.complaints, self.spend, self.visits, self.years, self.leave), self.check)
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('ice_heading', lang))}</b>"),
                                self.complaints, self.spend, self.visits, self.years, self.leave,
                                widgets.HTML(f"<small>{html.escape(text('ice_leave_note', lang))}</small>"),
                                self.check, self.message, self.result, self.chart.widget])
        self.update()

    def _update(self) -> None:
        """Recompute and redraw (``update``, guarded, shows a bad input's message and clears the
        result and chart instead)."""
        self._show(self._read())

    def _number(self, box: widgets.Text, key: str) -> float:
        return parse_number(box.value, text(key, self.lang), self.lang, positive=True)

    def _read(self) -> Iceberg:
        complaints, spend, visits = (self._number(box, key) for box, key in (
            (self.complaints, "ice_complaints"), (self.spend, "ice_spend"), (self.visits, "ice_visits")))
        years = parse_years(self.years.value, text("ice_years", self.lang), self.lang)
        return iceberg(complaints, spend, visits, years, self.leave.value / 100)

    def _show(self, berg: Iceberg) -> None:
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
        lines = [text("ice_result_silent", self.lang, n=berg.complaints, k=value.SILENT_PER_COMPLAINT,
                      silent=berg.silent,
                      total=berg.dissatisfied, percent=round(berg.silent_share * 100)),
                 text("ice_result_risk", self.lang, percent=round(berg.leave_share * 100),
                      leaving=berg.leaving, clv=berg.clv, risk=berg.at_risk),
                 text("ice_result_complainers", self.lang, n=berg.complaints)]
        self.result.value = "<br>".join(html.escape(line) for line in lines)

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
