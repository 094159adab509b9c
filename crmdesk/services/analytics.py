"""The owner's figures: pandas frames aggregated by SQL (definitions: docs/analytics.md).

Every figure takes a Session and a :class:`Period` (local days, an optional branch) and
returns a DataFrame. The database does the aggregation; pandas only reshapes the few
rows that come back (fills missing days with zero, divides, pivots), never loops rows.

Local days and months are in the shop's zone (:mod:`crmdesk.core.clock`). Timestamps are
stored in UTC; a query shifts them by the zone's UTC offset taken at the period's start
(:meth:`Period.offset_modifier`). Asia/Tokyo has no daylight saving time, so one fixed
offset is exact there; a zone with DST would put the hour around its switch on the
neighbouring day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import text
from sqlalchemy.orm import Session

from crmdesk.core import clock
from crmdesk.core.errors import DomainError
from crmdesk.core.validate import parse_date

MAX_YEARS = 50
DORMANT_DAYS = 180
"""A customer whose last visit is this many days or more before the period end is dormant."""

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_SQL_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime in SQLite


@dataclass(frozen=True)
class Period:
    """Local calendar days ``start`` to ``end`` (both included), optionally one branch."""

    start: date
    end: date
    branch_id: str | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise DomainError("period_end_before_start", field="to")
        if (self.end - self.start).days > MAX_YEARS * 366:
            raise DomainError("period_too_long", field="from", max=MAX_YEARS)

    @classmethod
    def parse(cls, start: str | None, end: str | None, *, today: date | None = None) -> Period:
        """A period from user text; a missing start is 11 months before, a missing end today.

        Raises:
            DomainError: ``invalid_date`` (field ``from``/``to``), or the codes of
                ``__post_init__``.
        """
        today = today or clock.local_today()
        end_day = _parse_day(end, "to") if end else today
        default_start = add_months(end_day.replace(day=1), -11)
        start_day = _parse_day(start, "from") if start else default_start
        return cls(start_day, end_day)

    @classmethod
    def month(cls, value: str) -> Period:
        """The local calendar month ``YYYY-MM``.

        Raises:
            DomainError: ``invalid_month`` (field ``month``) for anything else, e.g. 2026-13.
        """
        m = _MONTH.fullmatch((value or "").strip())
        if not m or not 1 <= int(m[2]) <= 12 or int(m[1]) < 1900:
            raise DomainError("invalid_month", field="month", value=value)
        first = date(int(m[1]), int(m[2]), 1)
        return cls(first, add_months(first, 1) - timedelta(days=1))

    def with_branch(self, branch_id: str | None) -> Period:
        return replace(self, branch_id=branch_id)

    def shifted_months(self, months: int) -> Period:
        """The same calendar months ``months`` later (negative: earlier)."""
        start = add_months(self.start.replace(day=1), months)
        end = add_months(self.end.replace(day=1), months)
        end = add_months(end, 1) - timedelta(days=1)
        return Period(start, end, self.branch_id)

    @property
    def utc_start(self) -> datetime:
        return clock.local_day_bounds(self.start)[0]

    @property
    def utc_end(self) -> datetime:
        """The instant the day after ``end`` starts (exclusive bound)."""
        return clock.local_day_bounds(self.end)[1]

    def offset_minutes(self) -> int:
        local_start = datetime.combine(self.start, time(0), tzinfo=clock.zone())
        offset = local_start.utcoffset() or timedelta(0)
        return int(offset.total_seconds() // 60)

    def offset_modifier(self) -> str:
        """SQLite date modifier turning a stored UTC time into local time, e.g. '+540 minutes'."""
        return f"{self.offset_minutes():+d} minutes"

    def months(self) -> list[str]:
        out, month = [], self.start.replace(day=1)
        while month <= self.end:
            out.append(month.strftime("%Y-%m"))
            month = add_months(month, 1)
        return out

    def params(self) -> dict[str, Any]:
        """Bind parameters every figure's SQL may use."""
        return {
            "s": sql_time(self.utc_start),
            "e": sql_time(self.utc_end),
            "sd": self.start.isoformat(),
            "ed": self.end.isoformat(),
            "off": self.offset_modifier(),
            "neg": f"{-self.offset_minutes():+d} minutes",
            "branch": self.branch_id,
        }

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def _parse_day(value: str, field: str) -> date:
    try:
        return parse_date(value)
    except ValueError:
        raise DomainError("invalid_date", field=field) from None


def add_months(day: date, months: int) -> date:
    """The first-of-month ``day`` moved by ``months`` (day must be the 1st)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def sql_time(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).strftime(_SQL_TIME)


def frame(session: Session, sql: str, params: dict[str, Any]) -> pd.DataFrame:
    """Run one aggregate query; its rows become a DataFrame with the query's column names."""
    result = session.execute(text(sql), params)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def branch_filter(period: Period, column: str) -> str:
    return f" AND {column} = :branch" if period.branch_id else ""


#: ``purchased_at`` in a period's bounds, kept away from ``ix_purchase_purchased_at``:
#: SQLite takes a range on an indexed column for a narrow one, but a dashboard's period
#: (a year by default) holds a good share of all purchases, and walking the index then
#: reads each row at random. At a million customers (5.2M purchases) the year's
#: purchases took 19.4 s that way and 1.9 s reading the table through; even one month
#: read faster so (1.5 s against 1.8 s), on the demo file whose rows are not in time order.
IN_PERIOD = " AND +p.purchased_at >= :s AND +p.purchased_at < :e"
BEFORE_END = " AND +p.purchased_at < :e"


def valid_purchases(period: Period, *, bounded: bool = True) -> str:
    """SQL: non-voided purchases (in the period when ``bounded``) with their local day."""
    bounds = IN_PERIOD if bounded else ""
    return (
        "SELECT p.id, p.customer_id, p.amount, p.purchased_at,"
        " date(p.purchased_at, :off) AS day"
        " FROM purchase p LEFT JOIN purchase_void v ON v.purchase_id = p.id"
        f" WHERE v.id IS NULL AND p.deleted = 0{bounds}"
        f"{branch_filter(period, 'p.branch_id')}"
    )


def first_days(period: Period) -> str:
    """SQL: each current customer's first-visit day, as of the period's end.

    The earlier of the card's ``first_visit`` and the local day of the customer's first
    non-voided purchase at any branch; customers without either are left out.
    """
    return (
        "SELECT c.id AS customer_id,"
        " COALESCE(MIN(c.first_visit, fp.day), c.first_visit, fp.day) AS first_day"
        " FROM customer c LEFT JOIN ("
        "  SELECT p.customer_id, date(MIN(p.purchased_at), :off) AS day"
        "  FROM purchase p LEFT JOIN purchase_void v ON v.purchase_id = p.id"
        "  WHERE v.id IS NULL AND p.deleted = 0 AND p.customer_id IS NOT NULL"
        f"  {BEFORE_END} GROUP BY +p.customer_id) fp ON fp.customer_id = c.id"
        " WHERE c.deleted = 0 AND c.merged_into_id IS NULL"
        " AND (c.first_visit IS NOT NULL OR fp.day IS NOT NULL)"
    )


def first_days_table(session: Session, period: Period) -> str:
    """:func:`first_days` computed once per session and period end, as a temp table.

    Several figures need every customer's first-visit day, a pass over the whole purchase
    history; the dashboard computes it once. The table lives in the connection's temp
    schema and is rebuilt on first use in each session, so it never outlives the data.
    """
    key = f"{period.end:%Y%m%d}_{period.offset_minutes() + 1440}"
    built: set[str] = session.info.setdefault("analytics_first_days", set())
    table = f"analytics_first_day_{key}"
    if key not in built:
        session.execute(text(f"DROP TABLE IF EXISTS temp.{table}"))
        session.execute(text(f"CREATE TEMP TABLE {table} AS {first_days(period)}"),
                        period.params())  # fmt: skip
        session.execute(text(f"CREATE INDEX temp.ix_{table} ON {table} (customer_id)"))
        built.add(key)
    return f"temp.{table}"


def customer_scope(period: Period) -> str:
    """SQL condition on ``c``: current customers, of the branch when one is chosen."""
    # +: a table scan, not one of the partial indexes of live customers walked with a
    # random read of each row (a million of them for the dashboard's cohorts)
    cond = " +c.deleted = 0 AND c.merged_into_id IS NULL"
    cond += " AND COALESCE(c.first_visit, date(c.created_at, :off)) <= :ed"
    if period.branch_id:
        cond += (
            " AND (c.home_branch_id = :branch OR EXISTS (SELECT 1 FROM purchase bp"
            " WHERE bp.customer_id = c.id AND bp.branch_id = :branch AND bp.purchased_at < :e))"
        )
    return cond


def days_index(period: Period) -> pd.Index:
    return pd.Index(
        [d.date().isoformat() for d in pd.date_range(period.start, period.end, freq="D")],
        name="day",
    )


# --- sales and visits -------------------------------------------------------------


def sales(session: Session, period: Period, grain: str = "day") -> pd.DataFrame:
    """Sales (yen), purchases, visits and distinct customers per local day or month.

    Every day (or month) of the period has a row, zero when nothing was sold.
    """
    key = "day" if grain == "day" else "substr(day, 1, 7)"
    sql = (
        f"SELECT {key} AS bucket, SUM(amount) AS sales, COUNT(*) AS purchases,"
        " COUNT(DISTINCT customer_id || '|' || day) AS visits,"
        " COUNT(DISTINCT customer_id) AS customers"
        f" FROM ({valid_purchases(period)}) GROUP BY bucket ORDER BY bucket"
    )
    df = frame(session, sql, period.params()).set_index("bucket")
    index = days_index(period) if grain == "day" else pd.Index(period.months(), name="month")
    df = df.reindex(index, fill_value=0).astype("int64").reset_index()
    return df.rename(columns={"index": index.name})


def customers_summary(session: Session, period: Period) -> pd.DataFrame:
    """One row: total, new, active and dormant customers, never-visited, as of the period."""
    sql = f"""
        WITH fv AS (SELECT * FROM {first_days_table(session, period)}),
        pv AS ({valid_purchases(period)}),
        last AS (
            SELECT p.customer_id, date(MAX(p.purchased_at), :off) AS last_day
            FROM purchase p LEFT JOIN purchase_void v ON v.purchase_id = p.id
            WHERE v.id IS NULL AND p.deleted = 0 AND p.customer_id IS NOT NULL
            {BEFORE_END}{branch_filter(period, "p.branch_id")}
            GROUP BY +p.customer_id)
        SELECT COUNT(*) AS total,
            COALESCE(SUM(fv.first_day BETWEEN :sd AND :ed), 0) AS new,
            COALESCE(SUM(c.id IN (SELECT customer_id FROM pv)), 0) AS active,
            COALESCE(SUM(last.last_day <= date(:ed, :dormant)), 0) AS dormant
        FROM customer c LEFT JOIN fv ON fv.customer_id = c.id
        LEFT JOIN last ON last.customer_id = c.id
        WHERE {customer_scope(period)}
    """
    params = period.params() | {"dormant": f"-{DORMANT_DAYS} days"}
    return frame(session, sql, params).astype("int64")


def visit_stats(session: Session, period: Period) -> pd.DataFrame:
    """One row: sales, purchases, visits, active customers, repeaters and the ratios."""
    sql = f"""
        WITH pv AS ({valid_purchases(period)}),
        per AS (SELECT customer_id, COUNT(DISTINCT day) AS visits FROM pv
                WHERE customer_id IS NOT NULL GROUP BY customer_id)
        SELECT (SELECT COALESCE(SUM(amount), 0) FROM pv) AS sales,
            (SELECT COUNT(*) FROM pv) AS purchases,
            COALESCE(SUM(visits), 0) AS visits,
            COUNT(*) AS active_customers,
            COALESCE(SUM(visits >= 2), 0) AS repeaters
        FROM per
    """
    df = frame(session, sql, period.params()).astype("int64")
    df["average_spend"] = _ratio(df["sales"], df["purchases"])
    df["purchase_frequency"] = _ratio(df["visits"], df["active_customers"])
    df["repeat_rate"] = _ratio(df["repeaters"], df["active_customers"])
    return df


def new_vs_returning(session: Session, period: Period) -> pd.DataFrame:
    """Sales per month split into first-visit-day sales, returning sales and anonymous sales."""
    sql = f"""
        WITH fv AS (SELECT * FROM {first_days_table(session, period)}),
        pv AS ({valid_purchases(period)})
        SELECT substr(pv.day, 1, 7) AS month,
            COALESCE(SUM(CASE WHEN pv.day <= fv.first_day THEN pv.amount END), 0) AS new_sales,
            COALESCE(SUM(CASE WHEN pv.day > fv.first_day THEN pv.amount END), 0)
                AS returning_sales,
            COALESCE(SUM(CASE WHEN fv.first_day IS NULL THEN pv.amount END), 0)
                AS anonymous_sales
        FROM pv LEFT JOIN fv ON fv.customer_id = pv.customer_id
        GROUP BY month
    """
    df = frame(session, sql, period.params()).set_index("month")
    index = pd.Index(period.months(), name="month")
    return df.reindex(index, fill_value=0).astype("int64").reset_index()


def retention(session: Session, period: Period) -> pd.DataFrame:
    """Cohorts by first-visit month within the period, and the share seen in each later month.

    Columns: cohort, month, months_since, cohort_size, retained, rate.
    """
    cohort = (
        "SELECT customer_id, substr(first_day, 1, 7) AS cohort"
        f" FROM {first_days_table(session, period)} WHERE first_day BETWEEN :sd AND :ed"
    )
    sql = f"""
        WITH cohort AS MATERIALIZED ({cohort})
        SELECT cohort.cohort, substr(pv.day, 1, 7) AS month,
            COUNT(DISTINCT pv.customer_id) AS retained
        FROM ({valid_purchases(period)}) pv JOIN cohort ON cohort.customer_id = pv.customer_id
        WHERE substr(pv.day, 1, 7) >= cohort.cohort
        GROUP BY cohort.cohort, month
    """
    params = period.params()
    seen = frame(session, sql, params)
    sizes = frame(session, f"SELECT cohort, COUNT(*) AS cohort_size FROM ({cohort}) GROUP BY 1",
                  params)  # fmt: skip
    columns = ["cohort", "month", "months_since", "cohort_size", "retained", "rate"]
    if sizes.empty:
        return pd.DataFrame(columns=columns)
    # every cohort has its first month, at zero when nobody of it bought then
    first = sizes.assign(month=sizes["cohort"])[["cohort", "month"]]
    df = pd.concat([first, seen[["cohort", "month"]]]).drop_duplicates()
    df = df.merge(sizes, on="cohort").merge(seen, on=["cohort", "month"], how="left")
    df["retained"] = df["retained"].fillna(0)
    df = df.sort_values(["cohort", "month"], ignore_index=True)
    df["months_since"] = _month_number(df["month"]) - _month_number(df["cohort"])
    df["rate"] = df["retained"] / df["cohort_size"]
    return df[columns].astype({"cohort_size": "int64", "retained": "int64"})


def ltv(session: Session, period: Period) -> pd.DataFrame:
    """Realised lifetime value per first-visit cohort (month) in the period.

    Columns: cohort, customers, sales (all their non-voided sales up to the period's
    end), ltv (sales per customer, yen).
    """
    sql = f"""
        WITH cohort AS (SELECT customer_id, substr(first_day, 1, 7) AS cohort
                        FROM {first_days_table(session, period)}
                        WHERE first_day BETWEEN :sd AND :ed),
        spend AS (SELECT pv.customer_id, SUM(pv.amount) AS sales
                  FROM ({valid_purchases(period, bounded=False)}) pv
                  WHERE +pv.purchased_at < :e
                  AND pv.customer_id IN (SELECT customer_id FROM cohort)
                  GROUP BY pv.customer_id)
        SELECT cohort.cohort, COUNT(*) AS customers, COALESCE(SUM(spend.sales), 0) AS sales
        FROM cohort LEFT JOIN spend ON spend.customer_id = cohort.customer_id
        GROUP BY cohort.cohort ORDER BY cohort.cohort
    """
    df = frame(session, sql, period.params())
    if df.empty:
        return pd.DataFrame(columns=["cohort", "customers", "sales", "ltv"])
    df = df.astype({"customers": "int64", "sales": "int64"})
    df["ltv"] = _ratio(df["sales"], df["customers"])
    return df


def lifetime_value(session: Session, period: Period) -> float:
    """All non-voided sales to identified customers up to the period's end, per such customer."""
    sql = f"""
        SELECT COALESCE(SUM(amount), 0) AS sales, COUNT(DISTINCT customer_id) AS customers
        FROM ({valid_purchases(period, bounded=False)})
        WHERE customer_id IS NOT NULL AND +purchased_at < :e
    """
    row = frame(session, sql, period.params()).iloc[0]
    return float(row["sales"]) / int(row["customers"]) if row["customers"] else 0.0


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return (numerator / denominator.where(denominator != 0)).fillna(0.0)


def _month_number(months: pd.Series) -> pd.Series:
    parts = months.str.split("-", expand=True).astype("int64")
    return parts[0] * 12 + parts[1]
