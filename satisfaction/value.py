"""Customer value, lifetime value and what dissatisfaction costs.

Seeds: 000 (客户购买的整体价值: product, service, personnel and image value;
money, time and energy cost), 002 (the value equation; customer lifetime value
worksheet), 004 (the figures on dissatisfied customers, below).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import _checks, terms

# --- Seed 004 figures (quoted in the customer-management deck) ------------------
#: Positive impressions needed to undo one negative impression.
POSITIVE_TO_UNDO_NEGATIVE = 12
#: Extra cost of remedying a poor first service, as a share of its cost (25–50 %).
REMEDY_EXTRA_COST = (0.25, 0.50)
#: New customers that 100 satisfied customers bring in.
REFERRALS_PER_100_SATISFIED = 25
#: Customers who share a complaint silently behind every one who complains.
SILENT_PER_COMPLAINT = 20
#: Share of dissatisfied customers who never complain and just leave (90–98 %).
NEVER_COMPLAIN_SHARE = (0.90, 0.98)
#: Share of lost customers who had said they were satisfied (65–85 %).
LOST_BUT_SATISFIED_SHARE = (0.65, 0.85)
#: What carries a message face to face: expression 55 %, voice 38 %, words 7 %.
COMMUNICATION_SHARES = {"face": 0.55, "voice": 0.38, "words": 0.07}

VALUE_KINDS = tuple(terms.keys("value_kind"))
COST_KINDS = tuple(terms.keys("cost_kind"))


def _total(parts: Any, allowed: tuple[str, ...], what: str):
    if isinstance(parts, pd.DataFrame):
        parts = {column: parts[column] for column in parts.columns}
    if not isinstance(parts, Mapping):
        raise ValueError(f"{what} must be a mapping (or DataFrame) from kind to amount; "
                         f"kinds allowed: {list(allowed)}")
    unknown = [kind for kind in parts if kind not in allowed]
    if unknown:
        raise ValueError(f"unknown {what} kind(s) {unknown}; allowed: {list(allowed)}")
    arrays = [_checks.numbers(v, f"{what}[{k!r}]", minimum=0) for k, v in parts.items()]
    total = sum(_checks.broadcast(*arrays, names=tuple(parts))) if arrays else np.zeros(1)
    return total, list(parts.values())


def delivered_value(values: Any, costs: Any) -> Any:
    """Customer delivered value: total customer value − total customer cost (seed 000).

    ``values`` maps value kinds (``product``, ``service``, ``personnel``,
    ``image``: 产品 / 服务 / 人员 / 形象价值) to amounts; ``costs`` maps cost kinds
    (``money``, ``time``, ``energy``: 货币 / 时间 / 精力成本) to amounts. Missing
    kinds count as 0; amounts must be ≥ 0, and may be arrays or Series (one per
    customer). A DataFrame with those columns works too.
    """
    value_total, value_parts = _total(values, VALUE_KINDS, "values")
    cost_total, cost_parts = _total(costs, COST_KINDS, "costs")
    value_total, cost_total = _checks.broadcast(value_total, cost_total, names=("values", "costs"))
    return _checks.like(_checks.template(*value_parts, *cost_parts, 0), value_total - cost_total)


def value_ratio(utility: Any, process_quality: Any, price: Any, acquisition_cost: Any) -> Any:
    """Seed 002's value equation: (service utility + process quality) / (price + cost of obtaining it).

    Above 1 the customer gets more than they give up. The denominator must be > 0.
    """
    names = ("utility", "process_quality", "price", "acquisition_cost")
    raw = (utility, process_quality, price, acquisition_cost)
    u, q, p, c = _checks.broadcast(*(_checks.numbers(x, n, minimum=0) for x, n in zip(raw, names)),
                                   names=names)
    if ((p + c) <= 0).any():
        raise ValueError("price + acquisition_cost must be greater than 0")
    return _checks.like(_checks.template(*raw), (u + q) / (p + c))


def lifetime_value(spend_per_visit: Any, visits_per_year: Any, years: Any,
                   margin: float = 1.0, discount_rate: float = 0.0) -> Any:
    """Customer lifetime value (seed 002: spend per visit × visits per year × years).

    ``margin`` (0..1) turns revenue into profit; the seed's worksheet uses revenue
    (margin 1). With ``discount_rate`` r > 0 each year's amount is discounted,
    timing convention: a year's spending counts at the *end* of that year, so

        CLV = annual × margin × (1 − (1 + r) ** −years) / r

    which for whole years equals Σ_{t=1..years} annual × margin / (1 + r) ** t and
    stays smooth for fractional years. With r = 0 it is annual × margin × years.
    """
    spend = _checks.numbers(spend_per_visit, "spend_per_visit", minimum=0)
    visits = _checks.numbers(visits_per_year, "visits_per_year", minimum=0)
    span = _checks.numbers(years, "years", minimum=0)
    m = _checks.numbers(margin, "margin", minimum=0, maximum=1)
    r = _checks.numbers(discount_rate, "discount_rate", minimum=0, maximum=1)
    spend, visits, span, m, r = _checks.broadcast(
        spend, visits, span, m, r,
        names=("spend_per_visit", "visits_per_year", "years", "margin", "discount_rate"))
    safe_r = np.where(r > 0, r, 1.0)
    factor = np.where(r > 0, (1 - (1 + safe_r) ** -span) / safe_r, span)
    tmpl = _checks.template(spend_per_visit, visits_per_year, years, margin, discount_rate)
    return _checks.like(tmpl, spend * visits * m * factor)


def silent_dissatisfied(complaints: Any, silent_per_complaint: float = SILENT_PER_COMPLAINT) -> Any:
    """Customers who share the complaint but stay silent (seed 004: 20 behind each one).

    ``complaints`` is the number of customers who did complain (≥ 0).
    """
    n = _checks.numbers(complaints, "complaints", minimum=0)
    k = _checks.numbers(silent_per_complaint, "silent_per_complaint", minimum=0)
    return _checks.like(_checks.template(complaints), n * k)


def revenue_at_risk(complaints: Any, customer_lifetime_value: Any, leave_share: float = 1.0,
                    silent_per_complaint: float = SILENT_PER_COMPLAINT) -> Any:
    """Lifetime revenue lost if the dissatisfied customers leave (seed 004 + seed 002).

    Dissatisfied customers = complaints + :func:`silent_dissatisfied`; of them the
    share ``leave_share`` (0..1) leaves, each taking ``customer_lifetime_value``.
    """
    share = _checks.numbers(leave_share, "leave_share", minimum=0, maximum=1)
    k = _checks.numbers(silent_per_complaint, "silent_per_complaint", minimum=0)
    n = _checks.numbers(complaints, "complaints", minimum=0)
    clv = _checks.numbers(customer_lifetime_value, "customer_lifetime_value", minimum=0)
    n, clv = _checks.broadcast(n, clv, names=("complaints", "customer_lifetime_value"))
    total = n * (1 + k) * share * clv
    return _checks.like(_checks.template(complaints, customer_lifetime_value), total)
