"""The whole dashboard at once, and the headline figures (``crmdesk kpi``).

:func:`iter_dashboard` is a generator: it yields ``(done, total, name)`` after each figure
so a background job can show progress, and returns the :class:`Dashboard`.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core.errors import DomainError
from crmdesk.services import analytics as a
from crmdesk.services import analytics_more as m
from crmdesk.services import audit, channel_report, points_liability
from crmdesk.services.analytics import Period
from crmdesk.store.models import Branch

Figure = Callable[[Session, Period], pd.DataFrame]

FIGURES: dict[str, Figure] = {
    "customers": a.customers_summary,
    "visit_stats": a.visit_stats,
    "sales_daily": lambda s, p: a.sales(s, p, "day"),
    "sales_monthly": lambda s, p: a.sales(s, p, "month"),
    "new_vs_returning": a.new_vs_returning,
    "retention": a.retention,
    "ltv": a.ltv,
    "rfm": m.rfm,
    "points": m.points,
    "inquiries": m.inquiries,
    "close_times": m.close_times,
    "mailings": m.mailings,
    "gender": m.customers_by_gender,
    "age": m.customers_by_age,
    "area": m.customers_by_area,
    "channels": channel_report.channel_figure,
}
"""Every figure of the dashboard by name (the chart builders use the same names)."""


@dataclass
class Dashboard:
    period: Period
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    yen_per_point: float = 1.0
    liability_points: int = 0
    liability: points_liability.PointsLiability | None = None  # by expiry month, expected

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]


def resolve_branch(session: Session, code: str | None) -> str | None:
    """The id of the branch with ``code``; None for no code.

    Raises:
        DomainError: ``branch_not_found`` (field ``branch``).
    """
    if not code:
        return None
    branch_id = session.scalar(select(Branch.id).where(Branch.code == code, ~Branch.deleted))
    if branch_id is None:
        raise DomainError("branch_not_found", field="branch", branch_code=code)
    return branch_id


def iter_dashboard(
    session: Session, period: Period, names: list[str] | None = None, *, liability: bool = True
) -> Generator[tuple[int, int, str], None, Dashboard]:
    """Compute the figures (all, or ``names``), yielding progress after each one.

    ``liability``: also the points by expiry month and their expected cost (a replay of
    every ledger: about 20 s on 1,000,000 entries, so figures that do not show it skip it).
    """
    chosen = names or list(FIGURES)
    board = Dashboard(period)
    total = len(chosen) + 1
    for done, name in enumerate(chosen, start=1):
        board.frames[name] = FIGURES[name](session, period)
        yield done, total, name
    board.yen_per_point = m.yen_per_point(session)
    board.liability_points = m.outstanding_points(session, period)
    if liability:
        board.liability = points_liability.liability(session, as_of=period.end)
    yield total, total, "points_liability"
    return board


def compute_dashboard(
    session: Session, period: Period, names: list[str] | None = None, *, liability: bool = True
) -> Dashboard:
    gen = iter_dashboard(session, period, names, liability=liability)
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]


def kpi(session: Session, period: Period, *, liability: bool = True) -> dict[str, Any]:
    """The headline figures of a period as plain JSON-ready values (``liability`` False:
    no expected cost of the points, ``expected_yen`` None)."""
    board = compute_dashboard(
        session,
        period,
        ["customers", "visit_stats", "new_vs_returning", "points", "inquiries",
         "close_times", "mailings"],
        liability=liability,
    )  # fmt: skip
    return kpi_from(board, session)


def kpi_from(board: Dashboard, session: Session | None = None) -> dict[str, Any]:
    """Headline figures from a computed dashboard (the UI shows the same numbers)."""
    period = board.period
    cust = board["customers"].iloc[0]
    stats = board["visit_stats"].iloc[0]
    nvr = board["new_vs_returning"]
    pts = board["points"]
    inq = board["inquiries"]
    close = board["close_times"]
    mail = board["mailings"]
    overall = close[close["category"] == "全体"] if not close.empty else close
    recipients = int(mail["recipients"].sum()) if not mail.empty else 0
    responded = int(mail["responded"].sum()) if not mail.empty else 0
    liability = board.liability_points
    return {
        "period": period.to_json(),
        "branch_id": period.branch_id,
        "customers": {k: int(cust[k]) for k in ("total", "new", "active", "dormant")},
        "sales": int(stats["sales"]),
        "purchases": int(stats["purchases"]),
        "visits": int(stats["visits"]),
        "average_spend": round(float(stats["average_spend"]), 1),
        "purchase_frequency": round(float(stats["purchase_frequency"]), 3),
        "repeat_rate": round(float(stats["repeat_rate"]), 4),
        "ltv": round(a.lifetime_value(session, period), 1) if session is not None else None,
        "new_sales": int(nvr["new_sales"].sum()),
        "returning_sales": int(nvr["returning_sales"].sum()),
        "anonymous_sales": int(nvr["anonymous_sales"].sum()),
        "points": {
            "issued": int(pts["issued"].sum()),
            "redeemed": int(pts["redeemed"].sum()),
            "expired": int(pts["expired"].sum()),
            "adjusted": int(pts["adjusted"].sum()),
            "outstanding": liability,
            "yen_per_point": board.yen_per_point,
            "liability_yen": round(liability * board.yen_per_point),
            **_expected(board),
        },
        "inquiries": {
            "received": int(inq["inquiries"].sum()) if not inq.empty else 0,
            "closed": int(overall["closed"].iloc[0]) if not overall.empty else 0,
            "median_close_hours": (
                round(float(overall["median_hours"].iloc[0]), 2) if not overall.empty else None
            ),
        },
        "mailings": {
            "sent": len(mail),
            "recipients": recipients,
            "responded": responded,
            "response_rate": round(responded / recipients, 4) if recipients else 0.0,
        },
    }


def _expected(board: Dashboard) -> dict[str, Any]:
    """The expected cost of the outstanding points (see :mod:`crmdesk.core.breakage`)."""
    found = board.liability
    if found is None:
        return {"expected_yen": None, "redemption_rate": None}
    return {"expected_yen": found.expected_yen, "redemption_rate": round(found.rate.rate, 4)}


MONTHLY_CHARTS = ["sales_daily", "sales_monthly", "new_vs_returning", "points", "rfm",
                  "inquiries", "mailings", "retention", "channels"]  # fmt: skip
TREND_CHARTS = ("sales_monthly", "new_vs_returning", "points", "retention", "channels")


def monthly_figures(session: Session, month: Period) -> dict[str, Any]:
    """What the monthly report shows: the month's headline figures, the previous month's
    and the same month last year's, and the frames of its charts.

    The trend charts (monthly sales, new vs returning, points, retention, channels) cover
    the twelve months up to and including ``month``; the others cover the month itself.
    ``channels`` is the channel report of those twelve months (``kpi --by channel``).
    """
    year = Period(a.add_months(month.start, -11), month.end, month.branch_id)
    frames: dict[str, pd.DataFrame] = {}
    for name in MONTHLY_CHARTS:
        scope = year if name in TREND_CHARTS else month
        frames[name] = FIGURES[name](session, scope)
    found = points_liability.liability(session, as_of=month.end)
    current = kpi(session, month, liability=False)
    current["points"].update(expected_yen=found.expected_yen,
                             redemption_rate=round(found.rate.rate, 4))  # fmt: skip
    return {
        "month": month.start.strftime("%Y-%m"),
        "current": current,
        "previous": kpi(session, month.shifted_months(-1), liability=False),
        "last_year": kpi(session, month.shifted_months(-12), liability=False),
        "liability": found.to_json(),
        "channels": channel_report.channel_report(session, year),
        "frames": frames,
    }


def branches(session: Session) -> list[tuple[str, str, str]]:
    """(id, code, name) of every branch, for a branch selector."""
    rows = session.execute(
        select(Branch.id, Branch.code, Branch.name).where(~Branch.deleted).order_by(Branch.code)
    )
    return [(r.id, r.code, r.name) for r in rows]


def record_export(session: Session, figure: str, kind: str, rows: int, period: Period) -> None:
    """An export of a chart or its data goes to the audit log (no personal data in it)."""

    audit.record(session, "analytics_export", entity="analytics", row_count=rows,
                 figure=figure, format=kind, **period.to_json())  # fmt: skip
