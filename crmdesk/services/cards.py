"""Point cards: issue, report lost and reissue, retire, look up at the counter.

A customer may hold several cards over time; card numbers are unique. Points belong to
the customer (the ledger's ``customer_id``); each entry also names the card it went
through. Reissuing a lost card moves the balance to the new card with ``transfer``
entries, one pair per expiry date, so the points keep their dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crmdesk.core import clock
from crmdesk.core.errors import DomainError, NotFoundError, ValidationError
from crmdesk.core.point_ledger import after_last
from crmdesk.services import audit, customer_index
from crmdesk.services.points import add_entry, ledger_state
from crmdesk.services.staff import Actor
from crmdesk.store.models import PointCard

CARD_PREFIX = "24"  # the GS1 range for in-store numbers


@dataclass(frozen=True)
class CardChange:
    customer_id: str
    card_number: str  # the card issued, or the one retired
    old_card_number: str | None = None
    moved_points: int = 0


def clean_card_number(text: str) -> str:
    number = customer_index.normalize_card_number(text or "").replace(" ", "")
    if not number.isdigit() or not 4 <= len(number) <= 32:
        raise ValidationError([DomainError("invalid_card_number", field="card_number")])
    return number


def ean13_check_digit(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def next_card_number(session: Session) -> str:
    """The next shop card number: 24 + a 10-digit serial + an EAN-13 check digit.

    A syncing branch takes serials only from its own range (``numbers.card_serial_range``,
    handed out by the hub at join), so cards issued offline at two branches never clash.
    """
    lo, hi = customer_index.number_range(session, "numbers.card_serial_range")
    query = select(func.max(PointCard.card_number)).where(
        PointCard.card_number.like(f"{CARD_PREFIX}%"),
        func.length(PointCard.card_number) == 13,
    )
    if lo is not None and hi is not None:
        query = query.where(
            PointCard.card_number >= f"{CARD_PREFIX}{lo:010d}",
            PointCard.card_number < f"{CARD_PREFIX}{hi + 1:010d}",
        )
    top = session.scalar(query)
    serial = int(top[2:12]) + 1 if top and top.isdigit() else 1
    if lo is not None and hi is not None:
        serial = max(serial, lo)
        if serial > hi:
            raise DomainError("number_range_exhausted", kind="card")
    first12 = f"{CARD_PREFIX}{serial:010d}"
    return first12 + ean13_check_digit(first12)


def find_card(session: Session, card_number: str) -> PointCard | None:
    number = customer_index.normalize_card_number(card_number or "")
    return session.scalar(select(PointCard).where(PointCard.card_number == number))


def card_for_counter(session: Session, card_number: str) -> PointCard:
    """The active card for a scanned number; a clear error for unknown, lost or retired."""
    number = clean_card_number(card_number)
    card = find_card(session, number)
    if card is None or card.customer.deleted:
        raise NotFoundError("card_not_found", field="card_number", ref=number)
    if card.status == "lost":
        raise DomainError(
            "card_reported_lost",
            field="card_number",
            card=number,
            replacement=replacement_for(session, card).card_number,
        )
    if card.status != "active":
        raise DomainError("card_retired", field="card_number", card=number)
    return card


def replacement_for(session: Session, card: PointCard) -> PointCard:
    """The card now standing in for a lost one: the end of its chain of replacements, or
    the customer's active card; the card itself when there is neither."""
    seen = {card.id}
    current = card
    while current.replaced_by_id and current.replaced_by_id not in seen:
        following = session.get(PointCard, current.replaced_by_id)
        if following is None:
            break
        seen.add(following.id)
        current = following
    if current.status != "active":
        current = active_card(session, card.customer_id) or current
    return current


def issue_card(
    session: Session,
    customer_id: str,
    card_number: str | None = None,
    *,
    actor: Actor,
    at: datetime | None = None,
) -> CardChange:
    """Issue a card (a number scanned from a blank card, or the next shop number)."""
    customer = customer_index.get_customer(session, customer_id)
    number = clean_card_number(card_number) if card_number else next_card_number(session)
    if find_card(session, number) is not None:
        raise ValidationError([DomainError("card_number_taken", field="card_number", card=number)])
    card = PointCard(card_number=number, status="active", issued_at=at or clock.now_utc())
    customer.cards.append(card)
    session.flush()
    customer_index.refresh_search_keys(customer)
    audit.record(
        session,
        "card.issue",
        entity="point_card",
        entity_id=card.id,
        actor=actor.audit_name,
        staff_id=actor.staff_id,
    )
    return CardChange(customer.id, number)


def _set_status(card: PointCard, status: str, at: datetime) -> None:
    card.status = status
    card.status_changed_at = at


def _live_card(session: Session, card_number: str) -> PointCard:
    card = find_card(session, clean_card_number(card_number))
    if card is None or card.customer.deleted:
        raise NotFoundError("card_not_found", field="card_number", ref=card_number)
    if card.status != "active":
        raise DomainError("card_not_active", field="card_number", card=card.card_number)
    return card


def report_lost(
    session: Session,
    card_number: str,
    new_card_number: str | None = None,
    *,
    actor: Actor,
    at: datetime | None = None,
) -> CardChange:
    """Mark a card lost, issue a new one and move the balance onto it."""
    old = _live_card(session, card_number)
    now = at or clock.now_utc()
    _set_status(old, "lost", now)
    session.flush()
    issued = issue_card(session, old.customer_id, new_card_number, actor=actor, at=now)
    new = find_card(session, issued.card_number)
    assert new is not None
    old.replaced_by_id = new.id
    moved = transfer_balance(session, old.customer_id, old.id, new.id, actor=actor, at=now)
    customer_index.refresh_search_keys(old.customer)
    audit.record(
        session,
        "card.lost",
        entity="point_card",
        entity_id=old.id,
        actor=actor.audit_name,
        staff_id=actor.staff_id,
    )
    return CardChange(old.customer_id, new.card_number, old.card_number, moved)


def transfer_balance(
    session: Session,
    customer_id: str,
    from_card_id: str,
    to_card_id: str,
    *,
    actor: Actor,
    at: datetime | None = None,
) -> int:
    """Move every open lot onto another card: an out and an in entry per expiry date."""
    state = ledger_state(session, customer_id)
    groups: dict[object, int] = {}
    for lot in state.open_lots():
        groups[lot.expires_on] = groups.get(lot.expires_on, 0) + lot.remaining
    now = after_last(state, at or clock.now_utc())
    # All outs before all ins: an in-lot must not be taken by the next out.
    outs = []
    for points in groups.values():
        outs.append(
            add_entry(
                session,
                customer_id=customer_id,
                kind="transfer",
                points=-points,
                at=now,
                card_id=from_card_id,
                note="card reissued",
                staff_id=actor.staff_id,
            )
        )
        session.flush()
    for out, (expires_on, points) in zip(outs, groups.items(), strict=True):
        add_entry(
            session,
            customer_id=customer_id,
            kind="transfer",
            points=points,
            at=now,
            card_id=to_card_id,
            related_entry_id=out.id,
            expires_on=expires_on,  # type: ignore[arg-type]
            note="card reissued",
            staff_id=actor.staff_id,
        )
        session.flush()
    moved = sum(groups.values())
    session.flush()
    return moved


def retire_card(session: Session, card_number: str, *, actor: Actor) -> CardChange:
    """Stop using a card (the customer keeps the points; they follow the customer)."""
    card = _live_card(session, card_number)
    _set_status(card, "retired", clock.now_utc())
    session.flush()
    customer_index.refresh_search_keys(card.customer)
    audit.record(
        session,
        "card.retire",
        entity="point_card",
        entity_id=card.id,
        actor=actor.audit_name,
        staff_id=actor.staff_id,
    )
    return CardChange(card.customer_id, card.card_number)


def active_card(session: Session, customer_id: str) -> PointCard | None:
    return session.scalar(
        select(PointCard)
        .where(PointCard.customer_id == customer_id, PointCard.status == "active")
        .order_by(PointCard.issued_at.desc())
        .limit(1)
    )
