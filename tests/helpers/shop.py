"""Hand-built shop history for segment and mailing tests: purchases, voids, points."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from crmdesk.store.models import Inquiry, PointEntry, Purchase, PurchaseVoid

TOKYO = ZoneInfo("Asia/Tokyo")


def at_noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=TOKYO).astimezone(UTC)


def buy(session: Session, customer_id: str, amount: int, day: date, *, void: bool = False) -> str:
    purchase = Purchase(customer_id=customer_id, amount=amount, purchased_at=at_noon(day))
    session.add(purchase)
    session.flush()
    if void:
        session.add(PurchaseVoid(purchase_id=purchase.id, voided_at=at_noon(day)))
        session.flush()
    return purchase.id


def points(session: Session, customer_id: str, amount: int, day: date) -> None:
    kind = "earn" if amount >= 0 else "redeem"
    session.add(
        PointEntry(customer_id=customer_id, kind=kind, points=amount, occurred_at=at_noon(day))
    )
    session.flush()


def inquiry(session: Session, customer_id: str, day: date, *, closed: bool = False) -> None:
    session.add(
        Inquiry(
            customer_id=customer_id,
            received_at=at_noon(day),
            subject="問い合わせ",
            status="closed" if closed else "open",
            closed_at=at_noon(day) if closed else None,
        )
    )
    session.flush()


def type_text(qtbot, edit, text: str) -> None:  # noqa: ANN001 - pytest-qt objects
    """Type into a line edit; Japanese arrives as an input method commits it (QTest's
    keyClicks only knows ASCII keys)."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)
