"""Lesson 2 (任务二 提高客户满意度): delivered value and customer lifetime value.

Seeds: 000 (客户购买的整体价值: 产品价值, 服务价值, 人员价值, 形象价值; the cost
factors 货币成本, 时间成本, 精力成本), 002 (the value equation; the customer
lifetime value worksheet: spend per visit × visits per year × years).
The computing is :func:`satisfaction.delivered_value`,
:func:`satisfaction.value_ratio` and :func:`satisfaction.lifetime_value`.
"""
from __future__ import annotations

import html
import math

import ipywidgets as widgets
import numpy as np

from .. import terms, value
from ._base import (block, YEARS_MAX, FigureView, check_button, guarded, message_box, nice_limit, on_submit,
                    parse_number, parse_years, percent_slider, text_box)

#: Starting amounts (yuan, or yuan-equivalents for time and energy): a customer buying a washing machine.
START_VALUES = {"product": 2000, "service": 400, "personnel": 300, "image": 300}
START_COSTS = {"money": 2200, "time": 200, "energy": 100}
VALUE_COLORS = ["#1565c0", "#42a5f5", "#26a69a", "#80cbc4"]
COST_COLORS = ["#c62828", "#ef6c00", "#ffb300"]

def text(key: str, lang: str, **fields) -> str:
    """A lesson-2 widget text (group ``ui_lesson2``) in ``lang``."""
    return terms.label("ui_lesson2", key, lang).format(**fields)


def value_equation(values: dict[str, float], costs: dict[str, float]) -> float | None:
    """Seed 002's value equation on the seed-000 value and cost kinds, or None without any cost.

    Service utility = product + image value; service process quality = service
    + personnel value; price = money cost; cost of obtaining the service = time
    + energy cost. Above 1 the customer gets more than they give up.
    """
    price, obtaining = costs.get("money", 0), costs.get("time", 0) + costs.get("energy", 0)
    if price + obtaining <= 0:
        return None
    return float(value.value_ratio(values.get("product", 0) + values.get("image", 0),
                                   values.get("service", 0) + values.get("personnel", 0),
                                   price, obtaining))


def cumulative_clv(spend: float, visits: float, years: float, margin: float = 1.0,
                   discount_rate: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Years 0, 1, …, ``years`` (the last one may be fractional) and the lifetime value
    accumulated by each, by :func:`satisfaction.lifetime_value`; at most the course's limit for
    years, :data:`._base.YEARS_MAX`."""
    if years > YEARS_MAX:
        raise ValueError(f"years must be at most {YEARS_MAX}; got {years!r}")
    t = np.arange(0, math.floor(years) + 1, dtype=float)
    if t[-1] < years:
        t = np.append(t, years)
    return t, np.asarray(value.lifetime_value(spend, visits, t, margin, discount_rate), dtype=float)


class DeliveredValue:
    """Four value kinds and three cost kinds (Text inputs) → delivered value and a stacked bar chart.

    ``values[kind]`` and ``costs[kind]`` are the inputs; ``result`` shows total
    value, total cost, delivered value and the value equation.
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        self.values = {k: text_box(v, terms.label("value_kind", k, lang), width="7em") for k, v in START_VALUES.items()}
        self.costs = {k: text_box(v, terms.label("cost_kind", k, lang), width="7em") for k, v in START_COSTS.items()}
        self.check = check_button(lang)
        self.result = widgets.HTML()
        self.message = message_box()
        self.chart = FigureView(figsize=(6.4, 3.6))
        ax = self.chart.axes()
        self.value_bars = [ax.bar(0, 0, color=c, label=terms.label("value_kind", k, lang))[0]
                           for k, c in zip(START_VALUES, VALUE_COLORS)]
        self.cost_bars = [ax.bar(1, 0, color=c, label=terms.label("cost_kind", k, lang))[0]
                          for k, c in zip(START_COSTS, COST_COLORS)]
        ax.set_xticks([0, 1], [text("total_value", lang), text("total_cost", lang)])
        ax.set_xlim(-0.7, 2.6)
        ax.set_ylabel(text("amount", lang))
        ax.legend(loc="upper right", fontsize=8)
        self.chart.animate(*self.value_bars, *self.cost_bars, ax.title)
        self.ax = ax
        self._digits = 0
        update = guarded(self._update, self.message, lang, [self.result, self.chart])
        on_submit(update, [*self.values.values(), *self.costs.values()], self.check)
        columns = widgets.HBox([
            widgets.VBox([widgets.HTML(f"<b>{html.escape(text('values_heading', lang))}</b>"),
                          *self.values.values()]),
            widgets.VBox([widgets.HTML(f"<b>{html.escape(text('costs_heading', lang))}</b>"),
                          *self.costs.values()])])
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('dv_title', lang))}</b>"), columns,
                                self.check, self.message, self.result, self.chart.widget])
        update()

    def _read(self, boxes: dict[str, widgets.Text], group: str) -> dict[str, float]:
        return {k: parse_number(b.value, terms.label(group, k, self.lang), self.lang, nonnegative=True)
                for k, b in boxes.items()}

    def _update(self) -> None:
        values, costs = self._read(self.values, "value_kind"), self._read(self.costs, "cost_kind")
        delivered = float(value.delivered_value(values, costs))
        for bars, amounts in ((self.value_bars, values), (self.cost_bars, costs)):
            bottom = 0.0
            for bar, amount in zip(bars, amounts.values()):
                bar.set_y(bottom)
                bar.set_height(amount)
                bottom += amount
        total_value, total_cost = sum(values.values()), sum(costs.values())
        top = nice_limit(max(total_value, total_cost, 1) * 1.05)
        self.ax.set_ylim(0, top)
        self.ax.set_title(text("dv_chart_title", self.lang, d=delivered))
        digits = len(f"{top:.0f}")  # wider tick labels need a new layout, or the axis label is cut
        self.chart.refresh(relayout=digits != self._digits)
        self._digits = digits
        ratio = value_equation(values, costs)
        verdict = "dv_positive" if delivered > 0 else "dv_negative" if delivered < 0 else "dv_zero"
        ratio_text = text("ratio", self.lang, r=ratio) if ratio is not None else text("no_ratio", self.lang)
        self.result.value = block(html.escape(text("dv_result", self.lang, v=total_value, c=total_cost, d=delivered)
                                        ) + "<br>" + html.escape(f"{text(verdict, self.lang)} {ratio_text}"))

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)


class LifetimeValue:
    """Customer lifetime value (seed 002) and how it accumulates year by year.

    Inputs: ``spend`` per visit, ``visits`` per year, ``years`` as a customer
    (Text, years 1–100 as in every lesson), ``margin`` and ``discount`` (sliders in whole
    percents), ``check`` (Button). Output: ``result``, ``chart``.
    """

    def __init__(self, lang: str = "zh"):
        self.lang = terms.check_lang(lang)
        self.spend = text_box("300", text("clv_spend", lang), width="7em")
        self.visits = text_box("12", text("clv_visits", lang), width="7em")
        self.years = text_box("10", text("clv_years", lang), width="7em")
        self.margin = percent_slider(100, text("clv_margin_pct", lang))
        self.discount = percent_slider(0, text("clv_discount_pct", lang), high=30)
        self.check = check_button(lang)
        self.result = widgets.HTML()
        self.message = message_box()
        self.chart = FigureView(figsize=(6.4, 3.4))
        ax = self.chart.axes()
        (self.revenue_line,) = ax.plot([], [], "--", color="#9e9e9e", label=text("clv_revenue_line", lang))
        (self.clv_line,) = ax.plot([], [], "o-", color="#1565c0", label=text("clv_line", lang))
        ax.set_xlabel(text("clv_x", lang))
        ax.set_ylabel(text("amount", lang))
        ax.legend(loc="upper left")
        self.chart.animate(self.revenue_line, self.clv_line, ax.title)
        self.ax = ax
        self._digits = 0
        update = guarded(self._update, self.message, lang, [self.result, self.chart])
        on_submit(update, (self.spend, self.visits, self.years, self.margin, self.discount), self.check)
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('clv_title', lang))}</b>"),
                                self.spend, self.visits, self.years, self.margin, self.discount, self.check,
                                self.message, self.result, self.chart.widget])
        update()

    def _update(self) -> None:
        spend = parse_number(self.spend.value, text("clv_spend", self.lang), self.lang, positive=True)
        visits = parse_number(self.visits.value, text("clv_visits", self.lang), self.lang, positive=True)
        years = parse_years(self.years.value, text("clv_years", self.lang), self.lang)
        t, clv = cumulative_clv(spend, visits, years, self.margin.value / 100, self.discount.value / 100)
        self.clv_line.set_data(t, clv)
        self.revenue_line.set_data(t, spend * visits * t)
        self.ax.set_xlim(0, max(years, 1))
        top = nice_limit(max(spend * visits * years, 1) * 1.05)
        self.ax.set_ylim(0, top)
        self.ax.set_title(text("clv_chart_title", self.lang, v=clv[-1]))
        digits = len(f"{top:.0f}")  # wider tick labels need a new layout, or the axis label is cut
        self.chart.refresh(relayout=digits != self._digits)
        self._digits = digits
        key = "clv_result" if clv[-1] > 0 else "clv_result_zero"
        self.result.value = block(html.escape(text(key, self.lang, annual=spend * visits, years=years, v=clv[-1])))

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
