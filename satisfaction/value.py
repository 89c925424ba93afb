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

# --- Seed 004 figures -----------------------------------------------------------
# Seed 004 (a customer-management deck) quotes these as rules of thumb. It
# attributes the 90–98 % to the U.S. Office of Consumer Affairs; both complaint
# figures are usually traced to the studies TARP (Technical Assistance Research
# Programs) made for that office in the 1970s and 1980s: old American survey
# results that show the size of the problem, not laws. The communication shares
# come from Mehrabian's laboratory studies of the 1960s (see below).

#: Positive impressions needed to undo one negative impression.
POSITIVE_TO_UNDO_NEGATIVE = 12
#: Extra cost of remedying a poor first service, as a share of its cost (25–50 %).
REMEDY_EXTRA_COST = (0.25, 0.50)
#: New customers that 100 satisfied customers bring in.
REFERRALS_PER_100_SATISFIED = 25
#: Dissatisfied customers who say nothing behind every one who complains (about 20).
SILENT_PER_COMPLAINT = 20
#: Share of dissatisfied customers who never complain (90–98 %, "and just switch").
#: This is the SAME fact as :data:`SILENT_PER_COMPLAINT`, seen as a share: if 20
#: stay silent for every one who complains, 20 of every 21 dissatisfied customers
#: (about 95 %, :func:`silent_share`) never complain. So never multiply one figure
#: by the other, and never apply this share to the customers who did complain. It
#: is not a share of customers who leave either: how many of the silent ones leave
#: is an assumption the user states (``leave_share`` of :func:`revenue_at_risk`).
NEVER_COMPLAIN_SHARE = (0.90, 0.98)
#: Share of lost customers who had said they were satisfied (65–85 %).
LOST_BUT_SATISFIED_SHARE = (0.65, 0.85)
#: Face 55 %, voice 38 %, words 7 % (seed 004). Mehrabian's laboratory finding is
#: narrow: it is how much each signal weighs when a listener judges the speaker's
#: FEELINGS OR ATTITUDE (liking) and the words and the tone disagree. It is not the
#: share of any message's content carried by each signal.
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


def silent_share(silent_per_complaint: float = SILENT_PER_COMPLAINT) -> float:
    """Share of all dissatisfied customers who never complain, from "k silent per complaint".

    With seed 004's 20 it is 20 / 21 ≈ 0.952, inside the seed's other figure,
    90–98 % (:data:`NEVER_COMPLAIN_SHARE`): the two figures describe one fact.
    """
    k = float(_checks.numbers(silent_per_complaint, "silent_per_complaint", minimum=0))
    return k / (1 + k)


def silent_dissatisfied(complaints: Any, silent_per_complaint: float = SILENT_PER_COMPLAINT) -> Any:
    """Dissatisfied customers who say nothing, behind ``complaints`` complaints (seed 004: 20 each).

    ``complaints`` is the number of customers who did complain (≥ 0). All the
    dissatisfied customers are ``complaints`` + this number (21 per complaint).
    """
    n = _checks.numbers(complaints, "complaints", minimum=0)
    k = _checks.numbers(silent_per_complaint, "silent_per_complaint", minimum=0)
    return _checks.like(_checks.template(complaints), n * k)


def revenue_at_risk(complaints: Any, customer_lifetime_value: Any, leave_share: Any,
                    silent_per_complaint: float = SILENT_PER_COMPLAINT) -> Any:
    """Lifetime revenue the silent dissatisfied customers may take away (seed 004 + seed 002).

    = :func:`silent_dissatisfied` × ``leave_share`` × ``customer_lifetime_value``.

    ``leave_share`` (0..1) is an ASSUMPTION the caller states: the share of the
    silent dissatisfied customers expected to leave. The seed gives no such
    figure; its 90–98 % (:data:`NEVER_COMPLAIN_SHARE`) is the share who stay
    silent, already counted by the 20 per complaint, so it must not be used here.
    The customers who complained are not counted: the company knows them and
    can still win them back by handling the complaint well (lesson 4).
    """
    n = _checks.numbers(complaints, "complaints", minimum=0)
    k = _checks.numbers(silent_per_complaint, "silent_per_complaint", minimum=0)
    clv = _checks.numbers(customer_lifetime_value, "customer_lifetime_value", minimum=0)
    share = _checks.numbers(leave_share, "leave_share", minimum=0, maximum=1)
    n, clv, share = _checks.broadcast(n, clv, share,
                                      names=("complaints", "customer_lifetime_value", "leave_share"))
    return _checks.like(_checks.template(complaints, customer_lifetime_value, leave_share),
                        n * k * share * clv)
