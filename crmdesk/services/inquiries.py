"""Inquiries: log, edit, change status, add response notes, link an unknown caller.

Every function takes the caller's Session and an :class:`~crmdesk.services.staff.Actor`;
one user action is one transaction, and input is checked in full before anything is
written. Reading (lists, follow-ups, search) lives in :mod:`crmdesk.services.inquiry_queries`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import inquiry_rules as rules
from crmdesk.core import ordering, validate
from crmdesk.core.errors import DomainError, NotFoundError, ValidationError
from crmdesk.core.normalize import normalize_text
from crmdesk.core.search_keys import inquiry_search_text
from crmdesk.services import audit
from crmdesk.services.branch_here import current_branch_id
from crmdesk.services.customers import resolve_customer
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.models import Customer, Inquiry, InquiryCategory, InquiryNote, Staff

#: What :func:`create_inquiry` and :func:`update_inquiry` accept.
FIELDS = (
    "received_at",
    "channel",
    "category_id",
    "subject",
    "body",
    "status",
    "priority",
    "assignee_id",
    "follow_up_on",
    "customer_id",
    "caller_name",
    "caller_phone",
)
SUBJECT_FROM_BODY = 40  # an inquiry typed without a subject takes the body's first line


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


def _clean_date(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        raise DomainError("invalid_date", field=field)
    if isinstance(value, date):
        return value
    try:
        return validate.parse_date(str(value))
    except ValueError:
        raise DomainError("invalid_date", field=field) from None


def _choice(value: Any, allowed: tuple[str, ...], code: str, field: str) -> str:
    text = str(value or "").strip().lower()
    if text not in allowed:
        raise DomainError(code, field=field)
    return text


def _live_customer(session: Session, customer_id: str) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFoundError("customer_not_found", field="customer", ref=customer_id)
    if customer.deleted or customer.merged_into_id:
        raise DomainError("customer_deleted", field="customer")
    return customer


def _clean(session: Session, values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the fields given; raises one ValidationError naming every bad one."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise DomainError("unknown_field", field=sorted(unknown)[0])
    errors = validate.FieldErrors()
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "subject":
            out[name] = errors.check(
                validate.clean_optional, value, name, max_length=rules.SUBJECT_MAX
            )
        elif name == "body":
            out[name] = errors.check(
                validate.clean_optional, value, name, max_length=rules.BODY_MAX
            )
        elif name == "caller_name":
            out[name] = errors.check(validate.clean_optional, value, name, max_length=100)
        elif name == "caller_phone":
            out[name] = errors.check(validate.clean_phone, value or "", field=name)
        elif name == "channel":
            out[name] = errors.check(_choice, value, rules.CHANNELS, "invalid_channel", name)
        elif name == "priority":
            out[name] = errors.check(_choice, value, rules.PRIORITIES, "invalid_priority", name)
        elif name == "status":
            out[name] = errors.check(_choice, value, rules.STATUSES, "invalid_status", name)
        elif name == "follow_up_on":
            out[name] = errors.check(_clean_date, value, name)
        elif name == "received_at":
            if not isinstance(value, datetime) or value.tzinfo is None:
                errors.add(DomainError("invalid_date", field=name))
            out[name] = value
        elif name == "customer_id":
            out[name] = value or None
            if value:
                errors.check(_live_customer, session, value)
        elif name == "category_id":
            out[name] = value or None
            if value and session.get(InquiryCategory, value) is None:
                errors.add(DomainError("category_not_found", field="category", ref=value))
        elif name == "assignee_id":
            out[name] = value or None
            staff = session.get(Staff, value) if value else None
            if value and (staff is None or staff.deleted):
                errors.add(DomainError("staff_not_found", field="assignee", ref=value))
    errors.raise_if_any()
    return out


def _check_whole(inquiry: Inquiry) -> None:
    """Rules over several fields, on the inquiry as it would be saved."""
    errors = validate.FieldErrors()
    if not inquiry.subject and not inquiry.body:
        errors.add(DomainError("inquiry_empty", field="subject"))
    if not inquiry.customer_id and not (inquiry.caller_name or inquiry.caller_phone):
        errors.add(DomainError("caller_required", field="caller_name"))
    errors.check(rules.check_follow_up, inquiry.follow_up_on, inquiry.received_at)
    errors.raise_if_any()


def _subject_from_body(body: str) -> str:
    first = body.strip().splitlines()[0] if body.strip() else ""
    return first[:SUBJECT_FROM_BODY]


def create_inquiry(
    session: Session,
    values: Mapping[str, Any],
    *,
    actor: Actor = CLI_ACTOR,
    now: datetime | None = None,
) -> InquiryChange:
    """Log a new inquiry (for a customer, or for a caller not yet known)."""
    clean = _clean(session, values)
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
    inquiry.subject = inquiry.subject or _subject_from_body(inquiry.body or "")
    inquiry.body = inquiry.body or ""
    inquiry.caller_name = inquiry.caller_name or ""
    inquiry.caller_phone = inquiry.caller_phone or ""
    inquiry.created_by_id = actor.staff_id
    if inquiry.branch_id is None:
        inquiry.branch_id = current_branch_id(session)
    _check_whole(inquiry)
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
    clean = _clean(session, values)
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
            _check_whole(inquiry)
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
    customer = _live_customer(session, customer_id)
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


# --- categories (the owner's list) -------------------------------------------------

DEFAULT_CATEGORIES = ("商品について", "予約", "修理", "在庫・取り寄せ", "クレーム", "その他")


def list_categories(session: Session, *, include_inactive: bool = False) -> list[InquiryCategory]:
    query = select(InquiryCategory).where(~InquiryCategory.deleted)
    if not include_inactive:
        query = query.where(InquiryCategory.active)
    return list(session.scalars(query.order_by(InquiryCategory.sort_order, InquiryCategory.name)))


def find_category(session: Session, ref: str) -> InquiryCategory:
    """A category by id or by name (any width/kana form)."""
    ref = ref.strip()
    found = session.get(InquiryCategory, ref)
    if found is None:
        wanted = normalize_text(ref)
        found = next(
            (
                c
                for c in list_categories(session, include_inactive=True)
                if normalize_text(c.name) == wanted
            ),
            None,
        )
    if found is None or found.deleted:
        raise NotFoundError("category_not_found", field="category", ref=ref)
    return found


def add_category(session: Session, name: str, *, actor: Actor = CLI_ACTOR) -> InquiryCategory:
    """Add a category (owner only)."""
    actor.require("settings")
    name = validate.clean_required(name, "category", max_length=60)
    try:
        find_category(session, name)
    except NotFoundError:
        pass
    else:
        raise ValidationError([DomainError("duplicate_category", field="category", ref=name)])
    last = max((c.sort_order for c in list_categories(session, include_inactive=True)), default=0)
    category = InquiryCategory(name=name, sort_order=last + 10, active=True)
    session.add(category)
    session.flush()
    return category


def rename_category(
    session: Session, category_id: str, name: str, *, actor: Actor = CLI_ACTOR
) -> InquiryCategory:
    actor.require("settings")
    category = find_category(session, category_id)
    name = validate.clean_required(name, "category", max_length=60)
    wanted = normalize_text(name)
    for other in list_categories(session, include_inactive=True):
        if other.id != category.id and normalize_text(other.name) == wanted:
            raise ValidationError([DomainError("duplicate_category", field="category", ref=name)])
    category.name = name
    session.flush()
    return category


def set_category_active(
    session: Session, category_id: str, active: bool, *, actor: Actor = CLI_ACTOR
) -> InquiryCategory:
    """Retire (or bring back) a category; inquiries keep the one they had."""
    actor.require("settings")
    category = find_category(session, category_id)
    category.active = active
    session.flush()
    return category


def move_category(
    session: Session, category_id: str, offset: int, *, actor: Actor = CLI_ACTOR
) -> InquiryCategory:
    """Move a category ``offset`` places up (negative) or down the list (owner only).

    The list (retired categories included) is renumbered 10, 20, 30...; moving past
    either end stops there.
    """
    actor.require("settings")
    category = find_category(session, category_id)
    ordered = list_categories(session, include_inactive=True)
    ordering.move(ordered, category, offset)
    session.flush()
    return category


def ensure_default_categories(session: Session) -> None:
    """The starting list, added once when the shop has none."""
    if session.scalar(select(InquiryCategory.id).limit(1)) is not None:
        return
    for i, name in enumerate(DEFAULT_CATEGORIES):
        session.add(InquiryCategory(name=name, sort_order=(i + 1) * 10, active=True))
    session.flush()


def staff_by_name(session: Session, name: str) -> Staff:
    """An active staff member by name (what the CLI's ``--assignee`` takes)."""
    wanted = normalize_text(name)
    for staff in session.scalars(select(Staff).where(~Staff.deleted)):
        if normalize_text(staff.name) == wanted or staff.id == name:
            return staff
    raise NotFoundError("staff_not_found", field="assignee", ref=name)


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
