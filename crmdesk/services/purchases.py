"""Purchases at the counter: record (with points earned and used) and void.

A purchase records the full amount (tax included). Points used are a yen discount: the
customer pays ``amount - redeemed * yen_per_point_redeemed`` and the ``redeem`` entry
records the points. Recording runs the customer's due expiry first, so expired points
are never used. Everything one purchase writes is in the caller's transaction.

A void is a ``purchase_void`` row plus new entries: the points the purchase earned are
taken back (``earn``/``bonus`` with negative points naming the lot) and the points it
used are given back (``redeem`` with positive points, keeping their expiry dates). A
void that would take the balance below zero (the earned points were already used) is
refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crmdesk.core import clock
from crmdesk.core.errors import DomainError, NotFoundError
from crmdesk.core.point_ledger import after_last
from crmdesk.core.points import check_amount, check_redemption, earn, rank_for
from crmdesk.services import audit, cards, customer_index
from crmdesk.services import points as ledger
from crmdesk.services.branch_here import current_branch_id
from crmdesk.services.staff import Actor
from crmdesk.store.models import PointCard, PointEntry, Purchase, PurchaseVoid


@dataclass(frozen=True)
class PurchaseResult:
    purchase_id: str
    customer_id: str
    card_number: str | None
    amount: int
    paid: int  # what the customer pays after points used
    earned: int
    bonus: int
    redeemed: int
    expired: int  # points that expired just before (due expiry runs first)
    balance: int
    rank: str

    def to_json(self) -> dict[str, Any]:
        return {
            "purchase_id": self.purchase_id,
            "customer_id": self.customer_id,
            "card_number": self.card_number,
            "amount": self.amount,
            "paid": self.paid,
            "earned": self.earned,
            "bonus": self.bonus,
            "redeemed": self.redeemed,
            "expired": self.expired,
            "balance": self.balance,
            "rank": self.rank,
        }


def record_purchase(
    session: Session,
    *,
    amount: int,
    actor: Actor,
    card_number: str | None = None,
    customer_id: str | None = None,
    redeem: int = 0,
    at: datetime | None = None,
    items: list[Any] | None = None,
) -> PurchaseResult:
    """Record a purchase by card number (or for a customer without a card at hand).

    Given both, the card must be the customer's: a card of someone else is refused.
    """
    check_amount(amount)
    card: PointCard | None
    if card_number:
        card = cards.card_for_counter(session, card_number)
        customer = card.customer
        if customer_id and customer.id != customer_id:
            # the open customer and the scanned card disagree: never charge either silently
            raise DomainError(
                "card_of_another_customer", field="card_number", card=card.card_number
            )
    elif customer_id:
        customer = customer_index.get_customer(session, customer_id)
        card = cards.active_card(session, customer.id)
    else:
        raise DomainError("required", field="card_number")
    rules = ledger.load_rules(session)
    at = at or clock.now_utc()
    today = clock.to_local(at).date()
    expired = ledger.expire_customer(session, customer.id, as_of=today, at=at, rules=rules)
    session.flush()
    current = ledger.balance(session, customer.id)
    check_redemption(rules, redeem, balance=current, amount=amount)
    spent = ledger.rank_spend(session, rules, customer.id, at)
    earning = earn(
        rules, amount, redeemed=redeem, day=today, spend=spent, birthday=customer.birthday
    )
    purchase = Purchase(
        customer_id=customer.id,
        card_id=card.id if card else None,
        staff_id=actor.staff_id,
        branch_id=current_branch_id(session),
        amount=amount,
        items=json.dumps(items or [], ensure_ascii=False),
        purchased_at=at,
    )
    session.add(purchase)
    session.flush()
    common: dict[str, Any] = {"customer_id": customer.id, "card_id": purchase.card_id, "at": at}
    common |= {"purchase_id": purchase.id, "staff_id": actor.staff_id}
    if redeem:
        ledger.add_entry(session, kind="redeem", points=-redeem, **common)
    expires = ledger.lot_expiry_for(rules, at)
    if earning.base:
        ledger.add_entry(session, kind="earn", points=earning.base, expires_on=expires, **common)
    if earning.bonus:
        note = f"x{float(earning.multiplier):g}"
        ledger.add_entry(
            session, kind="bonus", points=earning.bonus, expires_on=expires, note=note, **common
        )
    session.flush()
    rank, _ = rank_for(rules, spent + amount)
    return PurchaseResult(
        purchase_id=purchase.id,
        customer_id=customer.id,
        card_number=card.card_number if card else None,
        amount=amount,
        paid=amount - redeem * rules.yen_per_point_redeemed,
        earned=earning.base,
        bonus=earning.bonus,
        redeemed=redeem,
        expired=expired,
        balance=current - redeem + earning.total,
        rank=rank.name,
    )


@dataclass(frozen=True)
class VoidResult:
    purchase_id: str
    customer_id: str
    taken_back: int  # earned points reversed
    given_back: int  # used points returned
    balance: int

    def to_json(self) -> dict[str, Any]:
        return {
            "purchase_id": self.purchase_id,
            "customer_id": self.customer_id,
            "points_taken_back": self.taken_back,
            "points_given_back": self.given_back,
            "balance": self.balance,
        }


def get_purchase(session: Session, purchase_id: str) -> Purchase:
    ref = (purchase_id or "").strip()
    purchase = session.get(Purchase, ref)
    if purchase is None and len(ref) >= 8:
        found = list(session.scalars(select(Purchase).where(Purchase.id.like(f"{ref}%")).limit(2)))
        purchase = found[0] if len(found) == 1 else None
    if purchase is None:
        raise NotFoundError("purchase_not_found", field="purchase_id", ref=ref)
    return purchase


def void_purchase(
    session: Session,
    purchase_id: str,
    *,
    actor: Actor,
    reason: str = "",
    at: datetime | None = None,
) -> VoidResult:
    purchase = get_purchase(session, purchase_id)
    voided = session.scalar(select(PurchaseVoid.id).where(PurchaseVoid.purchase_id == purchase.id))
    if voided is not None:
        raise DomainError("purchase_already_voided", field="purchase_id")
    customer_id = purchase.customer_id
    at = at or clock.now_utc()
    entries = list(session.scalars(select(PointEntry).where(PointEntry.purchase_id == purchase.id)))
    if customer_id is None or not entries:  # nothing earned or used: nothing to reverse
        unchanged = ledger.balance(session, customer_id) if customer_id else 0
        return _write_void(session, purchase, actor, reason, at, 0, 0, unchanged)
    state = ledger.ledger_state(session, customer_id)
    at = after_last(state, at)
    refunds: list[tuple[PointEntry, date | None, int]] = []
    reversals: list[tuple[PointEntry, int]] = []
    for entry in entries:
        if entry.kind == "redeem" and entry.points < 0:
            by_expiry: dict[date | None, int] = {}
            for lot_id, taken in state.consumed.get(entry.id, []):
                expires_on = state.lots[lot_id].expires_on
                by_expiry[expires_on] = by_expiry.get(expires_on, 0) + taken
            refunds += [(entry, expires_on, pts) for expires_on, pts in by_expiry.items()]
        elif entry.kind in ("earn", "bonus") and entry.points > 0:
            expired = _expired_from(state, entry.id, session, customer_id)
            if entry.points - expired > 0:
                reversals.append((entry, entry.points - expired))
    given = sum(p for _, _, p in refunds)
    taken = sum(p for _, p in reversals)
    current = ledger.balance(session, customer_id)
    if current + given - taken < 0:
        raise DomainError("void_points_used", field="purchase_id", short=taken - given - current)
    common: dict[str, Any] = {"customer_id": customer_id, "purchase_id": purchase.id, "at": at}
    common |= {"staff_id": actor.staff_id, "note": "void"}
    for entry, expires_on, pts in refunds:  # refunds first: a reversal may use them
        ledger.add_entry(
            session,
            kind="redeem",
            points=pts,
            card_id=entry.card_id,
            related_entry_id=entry.id,
            expires_on=expires_on,
            **common,
        )
    for entry, pts in reversals:
        ledger.add_entry(
            session,
            kind=entry.kind,
            points=-pts,
            card_id=entry.card_id,
            related_entry_id=entry.id,
            **common,
        )
    return _write_void(session, purchase, actor, reason, at, taken, given, current + given - taken)


def _expired_from(state: Any, lot_id: str, session: Session, customer_id: str) -> int:
    """Points of a lot that expiry already took (gone from the balance, not to reverse)."""
    query = select(func.coalesce(func.sum(PointEntry.points), 0)).where(
        PointEntry.customer_id == customer_id,
        PointEntry.kind == "expire",
        PointEntry.related_entry_id == lot_id,
    )
    return -int(session.scalar(query) or 0)


def _write_void(
    session: Session,
    purchase: Purchase,
    actor: Actor,
    reason: str,
    at: datetime,
    taken: int,
    given: int,
    balance: int,
) -> VoidResult:
    session.add(
        PurchaseVoid(purchase_id=purchase.id, staff_id=actor.staff_id, reason=reason, voided_at=at)
    )
    session.flush()
    audit.record(
        session,
        "purchase.void",
        entity="purchase",
        entity_id=purchase.id,
        actor=actor.audit_name,
        staff_id=actor.staff_id,
    )
    return VoidResult(purchase.id, purchase.customer_id or "", taken, given, balance)


@dataclass(frozen=True)
class PurchaseLine:
    id: str
    purchased_at: datetime
    amount: int
    points: int  # net points this purchase moved (earned + bonus - used)
    card_number: str | None
    voided: bool


@dataclass(frozen=True)
class PurchaseHistory:
    lines: list[PurchaseLine]
    count: int  # live purchases, all time
    total: int  # yen of live purchases, all time


def purchase_history(session: Session, customer_id: str, *, limit: int = 200) -> PurchaseHistory:
    session.flush()
    voided = select(PurchaseVoid.id).where(PurchaseVoid.purchase_id == Purchase.id).exists()
    moved = (
        select(func.coalesce(func.sum(PointEntry.points), 0))
        .where(PointEntry.purchase_id == Purchase.id, PointEntry.note != "void")
        .scalar_subquery()
    )
    query = (
        select(Purchase.id, Purchase.purchased_at, Purchase.amount, moved, PointCard.card_number)
        .add_columns(voided)
        .outerjoin(PointCard, PointCard.id == Purchase.card_id)
        .where(Purchase.customer_id == customer_id)
        .order_by(Purchase.purchased_at.desc(), Purchase.id.desc())
        .limit(limit)
    )
    lines = [PurchaseLine(*row) for row in session.execute(query)]
    totals = session.execute(
        select(func.count(), func.coalesce(func.sum(Purchase.amount), 0)).where(
            Purchase.customer_id == customer_id, ~voided
        )
    ).one()
    return PurchaseHistory(lines=lines, count=int(totals[0]), total=int(totals[1]))
