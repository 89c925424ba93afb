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

from .. import terms, value
from ._base import FigureView, guarded, message_box, parse_number


def text(key: str, lang: str, **fields) -> str:
    return terms.label("ui_lesson3", key, lang).format(**fields)


@dataclass(frozen=True)
class Iceberg:
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
        (self.tip,) = ax.bar([0], [0], width=0.6, color="#90caf9")
        (self.body,) = ax.bar([0], [0], width=1.4, color="#1565c0")
        ax.axhline(0, color="#0d47a1", linewidth=2)
        self.tip_label = ax.text(0.8, 0, "", va="bottom")
        self.body_label = ax.text(0.8, 0, "", va="top", color="#0d47a1")
        ax.set_xlim(-1.2, 2.6)
        ax.set_xticks([])
        ax.yaxis.set_major_formatter(lambda v, _pos: f"{abs(v):,.0f}")  # people below the water are not negative
        ax.set_ylabel(text("ice_y", lang))
        ax.set_title(text("ice_title", lang))
        self.ax = ax
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
        self.tip.set_height(berg.complaints)
        self.body.set_height(-berg.silent)
        self.tip_label.set_position((0.8, berg.complaints))
        self.tip_label.set_text(text("ice_tip", self.lang, n=berg.complaints))
        self.body_label.set_position((0.8, -berg.silent / 2))
        self.body_label.set_text(text("ice_body", self.lang, n=berg.silent))
        self.ax.set_ylim(-berg.silent * 1.1, max(berg.complaints * 3, berg.silent * 0.25))
        self.chart.refresh()
        self.result.value = html.escape(text("ice_result", self.lang, silent=berg.silent, leaving=berg.leaving,
                                             clv=berg.clv, risk=berg.at_risk))

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
