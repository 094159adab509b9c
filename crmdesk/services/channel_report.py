"""Which acquisition channel brings customers who stay: the figures per channel and month.

For the customers whose first visit (:func:`crmdesk.services.analytics.first_days`) falls
in the period, grouped by their channel and first-visit month:

- ``new_customers``: how many;
- ``repeat_rate_90d`` / ``repeat_rate_180d``: the share who came back (a purchase on a
  later day) within 90 / 180 days of the first visit. Only customers whose window has
  ended by the period's end count (``eligible_90d`` / ``eligible_180d``); with none the
  rate is None ("—"), never a zero that would read as "nobody came back";
- ``revenue_180d``: what they spent from the first visit to 180 days after it (up to the
  period's end: a young cohort's figure is still growing);
- ``spend_yen``: what the owner entered for that channel and month (``channel spend``);
  ``cost_per_new_yen`` = spend / new customers, ``cost_per_returning_yen`` = spend / those
  of them who came back within 90 days. Months without spend entered are left out of the
  costs (None), so a channel is never made to look free.

Customers without a channel are one row of their own (channel None, "(not set)").
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import channels as rules
from crmdesk.services.analytics import (
    Period,
    customer_scope,
    first_days_table,
    frame,
    valid_purchases,
)
from crmdesk.store.models import Channel, ChannelSpend

MONTHLY_COLUMNS = [
    "channel",
    "channel_id",
    "month",
    "new_customers",
    "eligible_90d",
    "returned_90d",
    "repeat_rate_90d",
    "eligible_180d",
    "returned_180d",
    "repeat_rate_180d",
    "revenue_180d",
    "spend_yen",
    "cost_per_new_yen",
    "cost_per_returning_yen",
]
SUMMARY_COLUMNS = [c for c in MONTHLY_COLUMNS if c != "month"]
COUNTS = ["new_customers", "eligible_90d", "returned_90d", "eligible_180d", "returned_180d",
          "revenue_180d"]  # fmt: skip
NOT_SET = ""  # the channel_id of customers without one, inside the frames


def _cohorts(session: Session, period: Period) -> pd.DataFrame:
    sql = f"""
        WITH cohort AS MATERIALIZED (
            SELECT fv.customer_id, fv.first_day, substr(fv.first_day, 1, 7) AS month,
                COALESCE(c.channel_id, '') AS channel_id
            FROM {first_days_table(session, period)} fv JOIN customer c ON c.id = fv.customer_id
            WHERE fv.first_day BETWEEN :sd AND :ed AND {customer_scope(period)}),
        pv AS (SELECT customer_id, day, amount FROM ({valid_purchases(period, bounded=False)})
               WHERE +purchased_at < :e AND customer_id IN (SELECT customer_id FROM cohort)),
        per AS (
            SELECT cohort.customer_id, cohort.channel_id, cohort.month,
                date(cohort.first_day, '+90 days') <= :ed AS ok90,
                date(cohort.first_day, '+180 days') <= :ed AS ok180,
                COALESCE(MAX(pv.day > cohort.first_day
                             AND pv.day <= date(cohort.first_day, '+90 days')), 0) AS back90,
                COALESCE(MAX(pv.day > cohort.first_day
                             AND pv.day <= date(cohort.first_day, '+180 days')), 0) AS back180,
                COALESCE(SUM(CASE WHEN pv.day >= cohort.first_day
                             AND pv.day <= date(cohort.first_day, '+180 days')
                             THEN pv.amount END), 0) AS revenue
            FROM cohort LEFT JOIN pv ON pv.customer_id = cohort.customer_id
            GROUP BY cohort.customer_id)
        SELECT channel_id, month, COUNT(*) AS new_customers,
            SUM(ok90) AS eligible_90d, SUM(ok90 * back90) AS returned_90d,
            SUM(ok180) AS eligible_180d, SUM(ok180 * back180) AS returned_180d,
            SUM(revenue) AS revenue_180d
        FROM per GROUP BY channel_id, month
    """
    return frame(session, sql, period.params())


def _spend(session: Session, period: Period) -> pd.DataFrame:
    rows = session.execute(
        select(ChannelSpend.channel_id, ChannelSpend.month, ChannelSpend.yen).where(
            ~ChannelSpend.deleted,
            ChannelSpend.month >= period.start.strftime("%Y-%m"),
            ChannelSpend.month <= period.end.strftime("%Y-%m"),
        )
    ).all()
    return pd.DataFrame(rows, columns=["channel_id", "month", "spend_yen"])


def _names(session: Session) -> tuple[dict[str, str], dict[str, int]]:
    found = session.execute(select(Channel.id, Channel.name, Channel.sort_order)).all()
    return {i: n for i, n, _ in found}, {i: o for i, _, o in found}


def _rate(part: pd.Series, whole: pd.Series) -> pd.Series:
    return (part / whole.where(whole > 0)).astype("float64")


def _finish(df: pd.DataFrame) -> pd.DataFrame:
    df["repeat_rate_90d"] = _rate(df["returned_90d"], df["eligible_90d"])
    df["repeat_rate_180d"] = _rate(df["returned_180d"], df["eligible_180d"])
    spent = df["spend_yen"].notna()
    df["cost_per_new_yen"] = (df["spend_yen"] / df["new_customers"].where(spent & (df[
        "new_customers"] > 0))).round()  # fmt: skip
    df["cost_per_returning_yen"] = (
        df["spend_yen"] / df["returned_90d"].where(spent & (df["returned_90d"] > 0))
    ).round()
    return df


def channel_monthly(session: Session, period: Period) -> pd.DataFrame:
    """One row per channel and first-visit month (and per month with spend entered)."""
    cohorts = _cohorts(session, period)
    spend = _spend(session, period)
    if cohorts.empty and spend.empty:
        return pd.DataFrame(columns=MONTHLY_COLUMNS)
    df = cohorts.merge(spend, on=["channel_id", "month"], how="outer")
    df[COUNTS] = df[COUNTS].fillna(0).astype("int64")
    names, order = _names(session)
    df["channel"] = df["channel_id"].map(lambda i: names.get(i) if i else None)
    df["_order"] = df["channel_id"].map(lambda i: order.get(i, 10**9) if i else 10**9 + 1)
    df = _finish(df).sort_values(["_order", "month"], ignore_index=True)
    return _none_for_unset(df[MONTHLY_COLUMNS])


def _none_for_unset(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["channel"] = df["channel"].astype(object).where(df["channel"].notna(), None)
    return df


def channel_summary(session: Session, period: Period) -> pd.DataFrame:
    """One row per channel over the whole period (costs over the months with spend)."""
    monthly = channel_monthly(session, period)
    if monthly.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    spent = monthly[monthly["spend_yen"].notna()]
    totals = monthly.groupby("channel_id", sort=False, dropna=False)[COUNTS].sum()
    paid = spent.groupby("channel_id", sort=False)[["spend_yen", "new_customers",
                                                    "returned_90d"]].sum()  # fmt: skip
    df = totals.join(paid.add_prefix("paid_"), how="left").reset_index()
    df["spend_yen"] = df["paid_spend_yen"]
    names = dict(zip(monthly["channel_id"], monthly["channel"], strict=False))
    df["channel"] = df["channel_id"].map(names)
    df = _finish(df)
    has = df["spend_yen"].notna()
    df["cost_per_new_yen"] = (df["spend_yen"] / df["paid_new_customers"].where(
        has & (df["paid_new_customers"] > 0))).round()  # fmt: skip
    df["cost_per_returning_yen"] = (df["spend_yen"] / df["paid_returned_90d"].where(
        has & (df["paid_returned_90d"] > 0))).round()  # fmt: skip
    return _none_for_unset(df[SUMMARY_COLUMNS])


def channel_figure(session: Session, period: Period) -> pd.DataFrame:
    """The dashboard's 流入経路 figure: the summary without the ids."""
    return channel_summary(session, period).drop(columns=["channel_id"])


def _row_json(row: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    out: dict[str, Any] = {"channel": row["channel"],
                           "channel_label": rules.display_name(row["channel"], lang)}  # fmt: skip
    for key in SUMMARY_COLUMNS[2:]:
        value = row[key]
        if key.startswith("repeat_rate"):
            out[key] = None if pd.isna(value) else round(float(value), 4)
        elif key in ("spend_yen", "cost_per_new_yen", "cost_per_returning_yen"):
            out[key] = None if pd.isna(value) else int(value)
        else:
            out[key] = int(value)
    return out


def channel_report(session: Session, period: Period, *, lang: str = "en") -> dict[str, Any]:
    """``kpi --by channel``: every channel's figures over the period and per month."""
    monthly = channel_monthly(session, period)
    summary = channel_summary(session, period)
    out = []
    for row in summary.to_dict("records"):
        months = monthly[monthly["channel_id"] == row["channel_id"]]
        item = _row_json(row, lang)
        item["months"] = [
            {"month": m["month"], **{k: v for k, v in _row_json(m, lang).items()
                                     if k not in ("channel", "channel_label")}}
            for m in months.to_dict("records")
        ]  # fmt: skip
        out.append(item)
    return {"period": period.to_json(), "by": "channel", "channels": out}
