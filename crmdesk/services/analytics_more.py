"""More of the owner's figures: RFM, points, inquiries, mailings, who the customers are.

Same rules as :mod:`crmdesk.services.analytics`: SQL aggregates, pandas reshapes.
"""

from __future__ import annotations

import json

import pandas as pd
from sqlalchemy.orm import Session

from crmdesk.services.analytics import (
    Period,
    branch_filter,
    customer_scope,
    frame,
    valid_purchases,
)

RESPONSE_DAYS = 30
"""A mailing's recipient responded when they visit on the day it was sent or the 30 after."""

AGE_BANDS = [(0, "〜19歳"), (20, "20代"), (30, "30代"), (40, "40代"), (50, "50代"),
             (60, "60代"), (70, "70代"), (80, "80歳〜")]  # fmt: skip


def rfm(session: Session, period: Period) -> pd.DataFrame:
    """RFM scores of the customers who visited in the period, counted per (R, F) cell.

    Each customer gets recency (days from the last visit to the period end), frequency
    (visits) and monetary (yen) over the period; each is scored 1-5 by the quintile of its
    percent rank (``1 + floor(5 * PERCENT_RANK())``, 5 at most), computed by SQLite's
    window functions. Equal values share a score. Columns: r, f, customers, monetary,
    plus m_mean (mean M score of the cell).
    """
    sql = f"""
        WITH agg AS (
            SELECT customer_id, MAX(day) AS last_day, COUNT(DISTINCT day) AS frequency,
                SUM(amount) AS monetary
            FROM ({valid_purchases(period)}) WHERE customer_id IS NOT NULL
            GROUP BY customer_id),
        scored AS (
            SELECT monetary,
                MIN(5, 1 + CAST(5 * PERCENT_RANK() OVER (ORDER BY last_day) AS INTEGER)) AS r,
                MIN(5, 1 + CAST(5 * PERCENT_RANK() OVER (ORDER BY frequency) AS INTEGER)) AS f,
                MIN(5, 1 + CAST(5 * PERCENT_RANK() OVER (ORDER BY monetary) AS INTEGER)) AS m
            FROM agg)
        SELECT r, f, COUNT(*) AS customers, SUM(monetary) AS monetary, AVG(m) AS m_mean
        FROM scored GROUP BY r, f ORDER BY r, f
    """
    df = frame(session, sql, period.params())
    if df.empty:
        return pd.DataFrame(columns=["r", "f", "customers", "monetary", "m_mean"])
    return df.astype({"r": "int64", "f": "int64", "customers": "int64", "monetary": "int64"})


def yen_per_point(session: Session) -> float:
    """The value of a point when used: ``point_rules`` JSON ``yen_per_point_redeemed``,
    default 1 yen (``yen_per_point`` there is the earning rate, yen per point earned)."""
    raw = frame(session, "SELECT value FROM settings WHERE key = 'point_rules'", {})
    if raw.empty:
        return 1.0
    try:
        value = json.loads(raw.iloc[0]["value"] or "null")
        return float(value.get("yen_per_point_redeemed", 1)) if isinstance(value, dict) else 1.0
    except (ValueError, TypeError, AttributeError):
        return 1.0


def points(session: Session, period: Period) -> pd.DataFrame:
    """Points per month: issued (earn + bonus), redeemed, expired, adjusted (net), and
    the outstanding balance at each month's end. Shop-wide: the branch filter is ignored."""
    sql = """
        SELECT strftime('%Y-%m', occurred_at, :off) AS month,
            SUM(CASE WHEN kind IN ('earn', 'bonus') THEN points ELSE 0 END) AS issued,
            -SUM(CASE WHEN kind = 'redeem' THEN points ELSE 0 END) AS redeemed,
            -SUM(CASE WHEN kind = 'expire' THEN points ELSE 0 END) AS expired,
            SUM(CASE WHEN kind = 'adjust' THEN points ELSE 0 END) AS adjusted,
            SUM(points) AS net
        FROM point_entry WHERE deleted = 0 AND occurred_at >= :s AND occurred_at < :e
        GROUP BY month
    """
    params = period.params()
    df = frame(session, sql, params).set_index("month")
    index = pd.Index(period.months(), name="month")
    df = df.reindex(index, fill_value=0).astype("int64").reset_index()
    opening = outstanding_points(session, Period(period.start, period.start), before=True)
    df["outstanding"] = opening + df["net"].cumsum()
    return df.drop(columns="net")


def outstanding_points(session: Session, period: Period, *, before: bool = False) -> int:
    """Sum of the whole ledger up to the period's end (its start when ``before``)."""
    params = period.params()
    bound = ":s" if before else ":e"
    sql = f"SELECT COALESCE(SUM(points), 0) AS n FROM point_entry WHERE deleted = 0 AND occurred_at < {bound}"  # noqa: E501
    return int(frame(session, sql, params).iloc[0]["n"])


def inquiries(session: Session, period: Period) -> pd.DataFrame:
    """Inquiries received in the period per category and status (counts)."""
    sql = f"""
        SELECT COALESCE(ic.name, '未分類') AS category, i.status, COUNT(*) AS inquiries
        FROM inquiry i LEFT JOIN inquiry_category ic ON ic.id = i.category_id
        WHERE i.deleted = 0 AND i.received_at >= :s AND i.received_at < :e
        {branch_filter(period, "i.branch_id")}
        GROUP BY category, i.status ORDER BY category, i.status
    """
    df = frame(session, sql, period.params())
    return df.astype({"inquiries": "int64"}) if not df.empty else df


def close_times(session: Session, period: Period) -> pd.DataFrame:
    """Hours from receipt to close of inquiries received in the period and closed since,
    per category: closed, median_hours, mean_hours (a row "全体" for all)."""
    sql = f"""
        SELECT COALESCE(ic.name, '未分類') AS category,
            (julianday(i.closed_at) - julianday(i.received_at)) * 24.0 AS hours
        FROM inquiry i LEFT JOIN inquiry_category ic ON ic.id = i.category_id
        WHERE i.deleted = 0 AND i.received_at >= :s AND i.received_at < :e
        AND i.closed_at IS NOT NULL{branch_filter(period, "i.branch_id")}
    """
    rows = frame(session, sql, period.params())
    columns = ["category", "closed", "median_hours", "mean_hours"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows["hours"] = rows["hours"].astype(float).round(6)
    per = rows.groupby("category")["hours"].agg(["count", "median", "mean"]).reset_index()
    total = pd.DataFrame(
        [["全体", len(rows), rows["hours"].median(), rows["hours"].mean()]],
        columns=per.columns,
    )
    per = pd.concat([per, total], ignore_index=True)
    per.columns = columns
    return per


def mailings(session: Session, period: Period) -> pd.DataFrame:
    """Mailings sent in the period: recipients, responders (a visit within RESPONSE_DAYS
    of the sending day, at the branch when one is chosen) and the response rate."""
    sql = f"""
        SELECT c.name AS campaign, c.sent_on, COUNT(r.id) AS recipients,
            COALESCE(SUM(EXISTS (
                SELECT 1 FROM purchase p LEFT JOIN purchase_void v ON v.purchase_id = p.id
                WHERE p.customer_id = r.customer_id AND v.id IS NULL AND p.deleted = 0
                AND p.purchased_at >= datetime(c.sent_on, :neg)
                AND p.purchased_at < datetime(c.sent_on, :window, :neg)
                {branch_filter(period, "p.branch_id")})), 0) AS responded
        FROM campaign c JOIN campaign_recipient r ON r.campaign_id = c.id AND r.deleted = 0
        WHERE c.deleted = 0 AND c.sent_on BETWEEN :sd AND :ed
        GROUP BY c.id ORDER BY c.sent_on, c.name
    """
    params = period.params() | {"window": f"+{RESPONSE_DAYS + 1} days"}
    df = frame(session, sql, params)
    if df.empty:
        return pd.DataFrame(columns=["campaign", "sent_on", "recipients", "responded", "rate"])
    df = df.astype({"recipients": "int64", "responded": "int64"})
    df["rate"] = df["responded"] / df["recipients"]
    return df


def customers_by_gender(session: Session, period: Period) -> pd.DataFrame:
    sql = f"""
        SELECT CASE WHEN c.gender IN ('female', 'male', 'other') THEN c.gender
                    ELSE 'unknown' END AS gender, COUNT(*) AS customers
        FROM customer c WHERE {customer_scope(period)} GROUP BY 1
    """
    df = frame(session, sql, period.params())
    order = ["female", "male", "other", "unknown"]
    df = df.set_index("gender").reindex(order, fill_value=0).reset_index()
    return df.astype({"customers": "int64"})


def customers_by_age(session: Session, period: Period) -> pd.DataFrame:
    """Customers per age band (age on the period's last day; "不明" without a birthday)."""
    sql = f"""
        SELECT CASE WHEN c.birthday IS NULL THEN -1 ELSE
            (CAST(strftime('%Y', :ed) AS INTEGER) - CAST(strftime('%Y', c.birthday) AS INTEGER)
             - (strftime('%m-%d', :ed) < strftime('%m-%d', c.birthday))) END AS age,
            COUNT(*) AS customers
        FROM customer c WHERE {customer_scope(period)} GROUP BY age
    """
    df = frame(session, sql, period.params())
    labels = [label for _, label in AGE_BANDS] + ["不明"]
    if df.empty:
        return pd.DataFrame({"age_band": labels, "customers": 0})
    edges = [low for low, _ in AGE_BANDS]
    band = pd.cut(df["age"], bins=[*edges, 200], right=False, labels=labels[:-1])
    df["age_band"] = band.cat.add_categories("不明").fillna("不明")
    out = df.groupby("age_band", observed=False)["customers"].sum().reindex(labels).fillna(0)
    return out.astype("int64").reset_index()


def customers_by_area(session: Session, period: Period) -> pd.DataFrame:
    """Customers per prefecture and city, most first ("不明" when empty)."""
    sql = f"""
        SELECT CASE WHEN c.prefecture = '' THEN '不明' ELSE c.prefecture END AS prefecture,
            c.city, COUNT(*) AS customers
        FROM customer c WHERE {customer_scope(period)}
        GROUP BY 1, 2 ORDER BY customers DESC, prefecture, c.city
    """
    df = frame(session, sql, period.params())
    return df.astype({"customers": "int64"}) if not df.empty else df
