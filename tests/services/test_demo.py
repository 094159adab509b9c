"""Demo data looks like a real shop's history: nothing in the future, new customers buy."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from crmdesk.core import clock
from crmdesk.core.errors import DomainError
from crmdesk.services import demo

# 07:30 in Tokyo: the shop (open 10-19) has sold nothing yet today.
NOW = datetime(2026, 11, 21, 22, 30, tzinfo=UTC)
MOMENTS = {
    "purchase": "purchased_at",
    "purchase_void": "voided_at",
    "point_entry": "occurred_at",
    "point_card": "issued_at",
    "inquiry": "received_at",
}


def _utc(value: object) -> datetime:
    at = datetime.fromisoformat(str(value))
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def test_nothing_in_the_demo_happens_later_than_now(session: Session) -> None:
    demo.generate(session, customers=300, seed=3, now=NOW)
    for table, column in MOMENTS.items():
        latest = session.execute(text(f"SELECT MAX({column}) FROM {table}")).scalar_one()
        assert latest is not None and _utc(latest) <= NOW, (table, latest)


def test_a_new_customer_buys_on_the_first_visit_day(session: Session) -> None:
    summary = demo.generate(session, customers=300, seed=4, now=NOW)
    assert summary["purchases"] > 0
    since = date(2026, 11, 22) - timedelta(days=700)
    rows = session.execute(
        text(
            "SELECT c.first_visit, MIN(p.purchased_at) FROM customer c"
            " JOIN purchase p ON p.customer_id = c.id"
            " WHERE c.first_visit >= :since GROUP BY c.id"
        ),
        {"since": since.isoformat()},
    ).all()
    assert len(rows) > 50
    for first_visit, first_purchase in rows:
        assert clock.to_local(_utc(first_purchase)).date().isoformat() == str(first_visit)


def test_a_file_that_syncs_gets_no_demo_data(session: Session) -> None:
    """Its made-up customers and sales would be sent to the hub and every branch."""
    session.execute(text("UPDATE sync_flag SET capture = 1"))  # as joining a hub sets it
    with pytest.raises(DomainError) as raised:
        demo.generate(session, customers=30, seed=5, now=NOW)
    assert raised.value.code == "demo_on_synced_file"
    assert "ハブと同期しています" in raised.value.message("ja")
    assert session.execute(text("SELECT count(*) FROM customer")).scalar() == 0


def test_inquiries_come_in_shop_hours_whatever_the_hour_the_demo_is_made(
    session: Session,
) -> None:
    """Made at 03:50 in Tokyo (the window offers demo data at any hour), the demo's calls
    and visits came in through the night: 17:50 to 03:50."""
    night = datetime(2026, 11, 21, 18, 50, tzinfo=UTC)  # 03:50 on the 22nd in Tokyo
    demo.generate(session, customers=300, seed=6, now=night)
    moments = [
        clock.to_local(_utc(at))
        for (at,) in session.execute(text("SELECT received_at FROM inquiry"))
    ]
    assert len(moments) == 100
    for moment in moments:
        if moment.date() == date(2026, 11, 22):  # today, before the shop opens: until now
            assert moment <= clock.to_local(night)
        else:
            assert 10 <= moment.hour <= 19, moment


def test_points_expire_on_the_day_after_their_last_day(session: Session) -> None:
    """As the window's start-up expiry records them: the demo expired a lot when its
    customer next came in, and everything left at the end on one day (2.5 million points
    on the demo's last day at 100,000 customers, a spike in the points chart)."""
    demo.generate(session, customers=300, seed=8, now=NOW)
    rows = session.execute(
        text("SELECT occurred_at, expires_on FROM point_entry WHERE kind = 'expire'")
    ).all()
    assert len(rows) > 50
    for at, last_day in rows:
        assert clock.to_local(_utc(at)).date() == date.fromisoformat(last_day) + timedelta(days=1)
