"""Who is slipping away: each customer's chance of still being active and what the next
90 days should bring, precomputed into ``customer_outlook``.

:func:`summary_rows` builds the frequency / recency / T table in one SQL pass over the
purchases (days in local time; a visit is a local day with a non-voided purchase; voided,
deleted and *future* purchases — after the as-of day — are left out; ``monetary`` is the
mean spend of the repeat visit days). :func:`refresh` fits BG/NBD and Gamma-Gamma
(:mod:`crmdesk.core.clv`) on that table and writes every customer's scores, so the card,
the list and the segment conditions only read a row.

Too little history for the models — fewer than :data:`MIN_CUSTOMERS` customers with a
visit, fewer than :data:`MIN_REPEAT_CUSTOMERS` of them with a second visit, or less than
:data:`MIN_HISTORY_DAYS` days between the first visit and the as-of day — and the outlook
falls back to RFM (``model`` ``"rfm"``): no probabilities (null), and "at risk" means a
customer who has not come for :data:`RFM_AT_RISK_DAYS` days, ranked by what she spent.
A model fit that fails is the same fallback, never a nonsense number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session

from crmdesk.core import clock
from crmdesk.core.clv import FitError, fit_bgnbd, fit_gamma_gamma
from crmdesk.core.names import display_name
from crmdesk.store.db import set_setting, setting
from crmdesk.store.models import Customer, CustomerOutlook, Purchase

HORIZON_DAYS = 90
MIN_CUSTOMERS = 100
MIN_REPEAT_CUSTOMERS = 30
MIN_HISTORY_DAYS = 90
AT_RISK_P = 0.5  # "at risk": still-active probability below this
RFM_AT_RISK_DAYS = 90
MODEL_KEY = "outlook_model"
STALE_PURCHASES = 50
STALE_SHARE = 0.01

SUMMARY_SQL = """
WITH days AS (
    SELECT p.customer_id, date(p.purchased_at, :off) AS day, SUM(p.amount) AS spend
    FROM purchase p
    JOIN customer c ON c.id = p.customer_id AND c.deleted = 0 AND c.merged_into_id IS NULL
    WHERE p.deleted = 0 AND p.purchased_at < :e
      AND NOT EXISTS (SELECT 1 FROM purchase_void v
                      WHERE v.purchase_id = p.id AND v.deleted = 0)
    GROUP BY p.customer_id, day
), per AS (
    SELECT customer_id, COUNT(*) - 1 AS frequency, MIN(day) AS first_day,
           MAX(day) AS last_day, SUM(spend) AS total
    FROM days GROUP BY customer_id
)
SELECT per.customer_id, per.frequency,
       julianday(per.last_day) - julianday(per.first_day) AS recency,
       julianday(:today) - julianday(per.first_day) AS age,
       per.last_day, per.total,
       CASE WHEN per.frequency > 0
            THEN (per.total - d.spend) * 1.0 / per.frequency ELSE 0 END AS monetary
FROM per JOIN days d ON d.customer_id = per.customer_id AND d.day = per.first_day
"""
"""The frequency / recency / T (``age``) table, in days, as of the end of ``:today``."""


@dataclass(frozen=True)
class OutlookRun:
    as_of: date
    model: str  # "bgnbd" | "rfm"
    customers: int
    repeat_customers: int
    history_days: int
    params: dict[str, float] = field(default_factory=dict)
    reason: str = ""  # why the fallback, when model == "rfm"

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "model": self.model,
                "customers": self.customers, "repeat_customers": self.repeat_customers,
                "history_days": self.history_days, "params": self.params,
                "reason": self.reason}  # fmt: skip


def summary_rows(session: Session, as_of: date) -> list[Any]:
    """(customer_id, frequency, recency, age, last_day, total, monetary) per customer."""
    start, end = clock.local_day_bounds(as_of)
    offset = clock.to_local(start).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    params = {"off": f"{minutes:+d} minutes", "e": end, "today": as_of.isoformat()}
    return list(session.execute(text(SUMMARY_SQL), params))


def _fallback_reason(customers: int, repeat: int, history: int) -> str:
    if customers < MIN_CUSTOMERS:
        return f"fewer than {MIN_CUSTOMERS} customers with a visit"
    if repeat < MIN_REPEAT_CUSTOMERS:
        return f"fewer than {MIN_REPEAT_CUSTOMERS} customers with a second visit"
    if history < MIN_HISTORY_DAYS:
        return f"less than {MIN_HISTORY_DAYS} days of history"
    return ""


def refresh(session: Session, *, as_of: date | None = None) -> OutlookRun:
    """Fit on the shop's purchases and rewrite every customer's outlook (one transaction:
    the caller's)."""
    as_of = as_of or clock.local_today()
    rows = summary_rows(session, as_of)
    x = np.array([r.frequency for r in rows], dtype=np.float64)
    t_x = np.array([r.recency for r in rows], dtype=np.float64)
    age = np.array([r.age for r in rows], dtype=np.float64)
    m = np.array([r.monetary for r in rows], dtype=np.float64)
    history = int(age.max()) if len(rows) else 0
    repeat = int((x > 0).sum())
    reason = _fallback_reason(len(rows), repeat, history)
    params: dict[str, float] = {}
    p_active = visits = spend = None
    if not reason:
        try:
            bg = fit_bgnbd(x, t_x, age)
            p_active = bg.p_alive(x, t_x, age)
            visits = bg.expected_visits(HORIZON_DAYS, x, t_x, age)
            params = bg.to_json()
            per_visit = np.where(x > 0, m, np.array([r.total for r in rows]) / (x + 1))
            try:
                gg = fit_gamma_gamma(x, m)
                if gg.q > 1:
                    per_visit = gg.expected_spend(x, m)
                    params |= gg.to_json()
            except FitError:
                pass  # each customer's own mean per visit, documented in the README
            spend = visits * per_visit
        except FitError as error:
            reason = f"the model could not be fitted ({error})"
    model = "rfm" if reason else "bgnbd"
    now = clock.now_utc()
    session.execute(delete(CustomerOutlook))
    values = [
        {
            "customer_id": r.customer_id,
            "frequency": int(r.frequency),
            "recency_days": float(r.recency),
            "age_days": float(r.age),
            "last_visit": date.fromisoformat(r.last_day),
            "spend_total": int(r.total),
            "p_active": None if reason or p_active is None else round(float(p_active[i]), 4),
            "expected_visits_90d": None if reason or visits is None else round(float(visits[i]), 3),
            "expected_spend_90d": None if reason or spend is None else round(float(spend[i])),
            "model": model,
            "computed_at": now,
        }
        for i, r in enumerate(rows)
    ]
    if values:
        session.execute(insert(CustomerOutlook), values)
    run = OutlookRun(as_of, model, len(rows), repeat, history, params, reason)
    stamp = {"computed_at": now.isoformat(), "purchases": _purchase_count(session)}
    set_setting(session, MODEL_KEY, {**run.to_json(), **stamp})
    return run


def _purchase_count(session: Session) -> int:
    return int(session.scalar(select(func.count(Purchase.id))) or 0)


def is_stale(session: Session, *, today: date | None = None) -> bool:
    """Whether the stored outlook should be refreshed: never computed, computed before
    today, or the purchases grew by more than :data:`STALE_PURCHASES` (or
    :data:`STALE_SHARE` of them) since — an import. A cheap count, for a timer."""
    run = last_run(session)
    if run is None or run.get("as_of") != (today or clock.local_today()).isoformat():
        return True
    before = int(run.get("purchases", 0))
    grown = _purchase_count(session) - before
    return grown > max(STALE_PURCHASES, before * STALE_SHARE)


def last_run(session: Session) -> dict[str, Any] | None:
    found = setting(session, MODEL_KEY)
    return found if isinstance(found, dict) else None


def outlook_json(row: CustomerOutlook | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "p_active": row.p_active,
        "expected_visits_90d": row.expected_visits_90d,
        "expected_spend_90d": row.expected_spend_90d,
        "model": row.model,
        "last_visit": row.last_visit.isoformat(),
        "computed_at": row.computed_at.isoformat(),
    }


def for_customer(session: Session, customer_id: str) -> dict[str, Any] | None:
    """The stored outlook of one customer (None: no visit yet, or never computed)."""
    return outlook_json(session.get(CustomerOutlook, customer_id))


@dataclass(frozen=True)
class AtRisk:
    customer_id: str
    customer_number: str
    name: str
    spend_total: int
    last_visit: date
    outlook: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"customer_id": self.customer_id, "customer_number": self.customer_number,
                "name": self.name, "spend_total": self.spend_total,
                "last_visit": self.last_visit.isoformat(), **self.outlook}  # fmt: skip


def valuable_at_risk(session: Session, *, limit: int = 20) -> list[AtRisk]:
    """The valuable customers most at risk: with the models, still-active probability
    below :data:`AT_RISK_P`, ordered by the spend at stake (spend so far × (1 − p));
    under RFM, not seen for :data:`RFM_AT_RISK_DAYS` days, by spend so far."""
    o = CustomerOutlook
    query = select(o, Customer.customer_number, Customer.family_name, Customer.given_name,
                   Customer.company).join(Customer, Customer.id == o.customer_id)  # fmt: skip
    query = query.where(~Customer.deleted, Customer.merged_into_id.is_(None))
    risky = (o.model == "bgnbd") & (o.p_active < AT_RISK_P)
    lapsed = (o.model == "rfm") & (o.age_days - o.recency_days >= RFM_AT_RISK_DAYS)
    at_stake = o.spend_total * (1 - o.p_active)
    query = query.where(risky | lapsed).order_by(
        (o.model == "rfm"), at_stake.desc(), o.spend_total.desc(), o.customer_id
    )
    out = []
    for row, number, family, given, company in session.execute(query.limit(limit)):
        name = display_name(family, given, company)
        out.append(AtRisk(row.customer_id, number, name, row.spend_total, row.last_visit,
                          outlook_json(row) or {}))  # fmt: skip
    return out


def model_summary(run: dict[str, Any] | None) -> str:
    """One line on how the scores were made (for the CLI and logs: no personal data)."""
    if run is None:
        return "no outlook computed yet"
    return json.dumps({k: run[k] for k in ("model", "as_of", "customers", "reason")})
