"""What staff without ``view_full`` see of phone numbers and birthdays, and "show".

The window's list, the customer card, exports and the CLI all pass customer data
through :func:`mask_record` / :func:`masked_phones` with the actor who looks, so the
rule lives here, once. "Show" (:func:`reveal`) hands the full values to the screen when
someone allowed to see them confirms with their PIN or card, and is audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from crmdesk.core.masking import mask_birthday, mask_phone
from crmdesk.services import audit
from crmdesk.services.customer_index import get_customer
from crmdesk.services.staff import Actor

#: The fields hidden from roles without ``view_full``.
MASKED_FIELDS = ("phone1", "phone2", "birthday")


def can_view_full(actor: Actor) -> bool:
    return actor.can("view_full")


def masked_phones(phones: Iterable[str], actor: Actor) -> tuple[str, ...]:
    if can_view_full(actor):
        return tuple(phones)
    return tuple(mask_phone(p) for p in phones)


def mask_value(field: str, value: Any, actor: Actor) -> Any:
    """One field as ``actor`` may see it (phones and birthdays partly hidden)."""
    if can_view_full(actor) or value in (None, ""):
        return value
    if field in ("phone1", "phone2", "phone"):
        return mask_phone(str(value))
    if field == "birthday":
        return mask_birthday(value)
    return value


def mask_record(record: dict[str, Any], actor: Actor) -> dict[str, Any]:
    """A :func:`~crmdesk.services.customers.customer_record` as ``actor`` may see it.

    The masked copy lists the hidden fields in ``masked``; the age and the wareki
    birthday go too (they would give the year away).
    """
    if can_view_full(actor):
        return record
    shown = dict(record)
    hidden = []
    for field in MASKED_FIELDS:
        if shown.get(field):
            shown[field] = mask_value(field, shown[field], actor)
            hidden.append(field)
    if shown.get("birthday"):
        shown["age"] = None
        shown["birthday_wareki"] = None
    shown["masked"] = hidden
    return shown


def reveal(session: Session, customer_id: str, *, viewer: Actor, approver: Actor) -> dict[str, Any]:
    """The full phones and birthday of one customer, for ``viewer``'s screen.

    ``approver`` (who confirmed with their PIN or card; may be the viewer) must hold
    ``view_full``. The log names both by id, never the values.
    """

    approver.require("view_full")
    customer = get_customer(session, customer_id)
    audit.record(session, "privacy.reveal", entity="customer", entity_id=customer.id,
                 actor=viewer.audit_name, staff_id=viewer.staff_id,
                 approver=approver.staff_id or approver.name)  # fmt: skip
    birthday = customer.birthday.isoformat() if customer.birthday else ""
    return {"phone1": customer.phone1, "phone2": customer.phone2, "birthday": birthday}
