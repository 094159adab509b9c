"""Inquiries: log, edit, change status, add response notes, link an unknown caller.

Every function takes the caller's Session and an :class:`~crmdesk.services.staff.Actor`;
one user action is one transaction, and input is checked in full before anything is
written (:mod:`~crmdesk.services.inquiry_fields`). Reading (lists, follow-ups, search)
lives in :mod:`~crmdesk.services.inquiry_queries`, the owner's list of categories in
:mod:`~crmdesk.services.inquiry_categories`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import inquiry_rules as rules
from crmdesk.core import validate
from crmdesk.core.errors import DomainError, NotFoundError, ValidationError
from crmdesk.core.search_keys import inquiry_search_text
from crmdesk.services import audit
from crmdesk.services.branch_here import current_branch_id
from crmdesk.services.customer_index import resolve_customer
from crmdesk.services.inquiry_fields import (
    FIELDS,
    check_whole,
    clean_fields,
    live_customer,
    subject_from_body,
)
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.models import Customer, Inquiry, InquiryNote


@dataclass(frozen=True)
class InquiryChange:
    """What a mutating call changed, so a screen refreshes only that."""

    inquiry_id: str
    created: bool = False
    fields: tuple[str, ...] = ()
    status: str = ""
    customer_id: str | None = None


def search_text(inquiry: Inquiry, notes: list[str]) -> str:
    """The normalised text the inquiry search matches (subject, body, notes, caller)."""
    return make_search_text(
        inquiry.subject, inquiry.body, notes, inquiry.caller_name, inquiry.caller_phone
    )


def make_search_text(
    subject: str, body: str, notes: list[str], caller_name: str, caller_phone: str
) -> str:
    """The inquiry search text (also used by bulk loads): :mod:`core.search_keys`."""
    return inquiry_search_text(subject, body, notes, caller_name, caller_phone)


def _refresh_search_text(session: Session, inquiry: Inquiry) -> None:
    notes = list(
        session.scalars(
            select(InquiryNote.body)
            .where(InquiryNote.inquiry_id == inquiry.id)
            .order_by(InquiryNote.noted_at)
        )
    )
    value = search_text(inquiry, notes)
    if inquiry.search_text != value:
        inquiry.search_text = value


def create_inquiry(
    session: Session,
    values: Mapping[str, Any],
    *,
    actor: Actor = CLI_ACTOR,
    now: datetime | None = None,
) -> InquiryChange:
    """Log a new inquiry (for a customer, or for a caller not yet known)."""
    clean = clean_fields(session, values)
    now = now or datetime.now(UTC)
    clean.setdefault("received_at", now)
    clean.setdefault("status", "open")
    clean.setdefault("channel", "phone")
    clean.setdefault("priority", "normal")
    if clean["status"] == "closed":
        clean["closed_at"] = now
    if clean.get("customer_id"):
        clean["caller_name"] = clean["caller_phone"] = ""
    inquiry = Inquiry(**{k: v for k, v in clean.items() if v is not None or k == "customer_id"})
    inquiry.subject = inquiry.subject or subject_from_body(inquiry.body or "")
    inquiry.body = inquiry.body or ""
    inquiry.caller_name = inquiry.caller_name or ""
    inquiry.caller_phone = inquiry.caller_phone or ""
    inquiry.created_by_id = actor.staff_id
    if inquiry.branch_id is None:
        inquiry.branch_id = current_branch_id(session)
    check_whole(inquiry)
    inquiry.search_text = search_text(inquiry, [])
    session.add(inquiry)
    session.flush()
    _audit(session, "inquiry.create", inquiry, actor)
    return InquiryChange(
        inquiry.id,
        created=True,
        fields=tuple(sorted(clean)),
        status=inquiry.status,
        customer_id=inquiry.customer_id,
    )


def get_inquiry_row(session: Session, inquiry_id: str) -> Inquiry:
    inquiry = session.get(Inquiry, inquiry_id)
    if inquiry is None or inquiry.deleted:
        raise NotFoundError("inquiry_not_found", field="inquiry", ref=inquiry_id)
    return inquiry


def update_inquiry(
    session: Session,
    inquiry_id: str,
    values: Mapping[str, Any],
    *,
    actor: Actor = CLI_ACTOR,
    now: datetime | None = None,
) -> InquiryChange:
    """Change the fields given. A status in ``values`` follows :func:`set_status` rules."""
    inquiry = get_inquiry_row(session, inquiry_id)
    clean = clean_fields(session, values)
    status = clean.pop("status", None)
    changed = [k for k, v in clean.items() if getattr(inquiry, k) != v]
    # The edit form always sends the status: an unchanged one (closed included) is no move.
    if (
        status is not None
        and status != inquiry.status
        and rules.check_transition(inquiry.status, status)
    ):
        changed.append("status")
    if not changed:
        return InquiryChange(inquiry.id, status=inquiry.status, customer_id=inquiry.customer_id)
    with session.no_autoflush:
        before = {k: getattr(inquiry, k) for k in FIELDS}
        for name in changed:
            if name != "status":
                setattr(inquiry, name, clean[name])
        if status is not None and "status" in changed:
            _apply_status(inquiry, status, now or datetime.now(UTC))
        try:
            check_whole(inquiry)
        except DomainError:
            for k, v in before.items():
                setattr(inquiry, k, v)
            raise
    _refresh_search_text(session, inquiry)
    session.flush()
    _audit(session, "inquiry.update", inquiry, actor, fields=sorted(changed))
    return InquiryChange(
        inquiry.id,
        fields=tuple(sorted(changed)),
        status=inquiry.status,
        customer_id=inquiry.customer_id,
    )


def _apply_status(inquiry: Inquiry, status: str, now: datetime) -> None:
    inquiry.status = status
    inquiry.closed_at = now if status == "closed" else None


def set_status(
    session: Session,
    inquiry_id: str,
    status: str,
    *,
    actor: Actor = CLI_ACTOR,
    now: datetime | None = None,
) -> InquiryChange:
    """Move an inquiry to ``status`` (see :func:`crmdesk.core.inquiry_rules.check_transition`)."""
    inquiry = get_inquiry_row(session, inquiry_id)
    if not rules.check_transition(inquiry.status, status):
        return InquiryChange(inquiry.id, status=inquiry.status, customer_id=inquiry.customer_id)
    previous = inquiry.status
    _apply_status(inquiry, status, now or datetime.now(UTC))
    session.flush()
    _audit(session, "inquiry.status", inquiry, actor, previous=previous, status=status)
    return InquiryChange(
        inquiry.id, fields=("status",), status=status, customer_id=inquiry.customer_id
    )


def close_inquiry(
    session: Session, inquiry_id: str, *, actor: Actor = CLI_ACTOR, now: datetime | None = None
) -> InquiryChange:
    """Close; closing a closed inquiry raises ``inquiry_already_closed``."""
    return set_status(session, inquiry_id, "closed", actor=actor, now=now)


def reopen_inquiry(
    session: Session, inquiry_id: str, *, actor: Actor = CLI_ACTOR, now: datetime | None = None
) -> InquiryChange:
    inquiry = get_inquiry_row(session, inquiry_id)
    if inquiry.status != "closed":
        return InquiryChange(inquiry.id, status=inquiry.status, customer_id=inquiry.customer_id)
    return set_status(session, inquiry_id, "open", actor=actor, now=now)


def add_note(
    session: Session,
    inquiry_id: str,
    text: str,
    *,
    actor: Actor = CLI_ACTOR,
    now: datetime | None = None,
) -> InquiryNote:
    """Append a response note (who, when, what). Notes are never edited."""
    inquiry = get_inquiry_row(session, inquiry_id)
    body = validate.clean_optional(text, "note", max_length=rules.NOTE_MAX)
    if not body:
        raise ValidationError([DomainError("required", field="note")])
    note = InquiryNote(
        inquiry_id=inquiry.id,
        staff_id=actor.staff_id,
        body=body,
        noted_at=now or datetime.now(UTC),
    )
    session.add(note)
    session.flush()
    _refresh_search_text(session, inquiry)
    session.flush()
    _audit(session, "inquiry.note", inquiry, actor, note_id=note.id)
    return note


def link_customer(
    session: Session, inquiry_id: str, customer_id: str, *, actor: Actor = CLI_ACTOR
) -> InquiryChange:
    """Attach an unknown caller's inquiry to a customer found later.

    The caller's name and phone are kept on the inquiry as they were taken down (they
    are what staff heard); the inquiry then shows on the customer's timeline.
    """
    inquiry = get_inquiry_row(session, inquiry_id)
    customer = live_customer(session, customer_id)
    if inquiry.customer_id == customer.id:
        return InquiryChange(inquiry.id, status=inquiry.status, customer_id=customer.id)
    previous = inquiry.customer_id
    inquiry.customer_id = customer.id
    session.flush()
    _audit(session, "inquiry.link", inquiry, actor, customer_id=customer.id, previous=previous)
    return InquiryChange(
        inquiry.id, fields=("customer_id",), status=inquiry.status, customer_id=customer.id
    )


def customer_id_for_link(session: Session, ref: str) -> str:
    """The customer a reference names, deleted ones included (so linking can say why not)."""
    try:
        return resolve_customer(session, ref).id
    except NotFoundError:
        found = session.scalar(
            select(Customer.id).where(
                (Customer.id == ref.strip()) | (Customer.customer_number == ref.strip())
            )
        )
        if found is None:
            raise
        return found


def _audit(session: Session, action: str, inquiry: Inquiry, actor: Actor, **detail: Any) -> None:
    audit.record(
        session,
        action,
        entity="inquiry",
        entity_id=inquiry.id,
        actor=actor.audit_name,
        staff_id=actor.staff_id,
        **detail,
    )


def forget_customer(session: Session, customer_id: str) -> int:
    """Erasure (APPI/GDPR): blank what an erased customer's inquiries say about them.

    Body, caller name and phone, and every note's text go; the inquiry itself stays
    (category, status, dates) so the shop's counts remain right. Returns how many
    inquiries were blanked.
    """
    inquiries = list(session.scalars(select(Inquiry).where(Inquiry.customer_id == customer_id)))
    for inquiry in inquiries:
        inquiry.body = ""
        inquiry.caller_name = ""
        inquiry.caller_phone = ""
        for note in session.scalars(
            select(InquiryNote).where(InquiryNote.inquiry_id == inquiry.id)
        ):
            if not note.erased:
                note.body = ""
                note.erased = True
        _refresh_search_text(session, inquiry)
    return len(inquiries)
