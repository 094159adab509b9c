"""What an inquiry's fields may hold, checked before anything is written.

Each field on its own (:func:`clean_fields`: one ValidationError naming every bad field),
then the rules over several fields on the inquiry as it would be saved
(:func:`check_whole`). The customer, category and assignee an inquiry names must exist;
:func:`staff_by_name` finds the assignee the CLI's ``--assignee`` names.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import inquiry_rules as rules
from crmdesk.core import validate
from crmdesk.core.errors import DomainError, NotFoundError
from crmdesk.core.normalize import normalize_text
from crmdesk.store.models import Customer, Inquiry, InquiryCategory, Staff

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


def live_customer(session: Session, customer_id: str) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFoundError("customer_not_found", field="customer", ref=customer_id)
    if customer.deleted or customer.merged_into_id:
        raise DomainError("customer_deleted", field="customer")
    return customer


def clean_fields(session: Session, values: Mapping[str, Any]) -> dict[str, Any]:
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
                errors.check(live_customer, session, value)
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


def check_whole(inquiry: Inquiry) -> None:
    """Rules over several fields, on the inquiry as it would be saved."""
    errors = validate.FieldErrors()
    if not inquiry.subject and not inquiry.body:
        errors.add(DomainError("inquiry_empty", field="subject"))
    if not inquiry.customer_id and not (inquiry.caller_name or inquiry.caller_phone):
        errors.add(DomainError("caller_required", field="caller_name"))
    errors.check(rules.check_follow_up, inquiry.follow_up_on, inquiry.received_at)
    errors.raise_if_any()


def subject_from_body(body: str) -> str:
    first = body.strip().splitlines()[0] if body.strip() else ""
    return first[:SUBJECT_FROM_BODY]


def staff_by_name(session: Session, name: str) -> Staff:
    """An active staff member by name (what the CLI's ``--assignee`` takes)."""
    wanted = normalize_text(name)
    for staff in session.scalars(select(Staff).where(~Staff.deleted)):
        if normalize_text(staff.name) == wanted or staff.id == name:
            return staff
    raise NotFoundError("staff_not_found", field="assignee", ref=name)
