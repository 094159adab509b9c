"""A customer's refusal of further email, from the card, an imported list or a reply.

Removing email consent is the refusal: the customer leaves every future email campaign
(and the pending messages of one being sent), and a dated audit entry (``email.refusal``,
with where it came from, never the address) keeps the record the law expects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import validate
from crmdesk.core.errors import DomainError
from crmdesk.services import audit
from crmdesk.services.staff import Actor
from crmdesk.store.models import Customer

SOURCES = ("card", "list", "reply")


def record_refusal(session: Session, customer: Customer, *, source: str, actor: Actor) -> bool:
    """Take away the customer's email consent; False when there was none to take."""
    if source not in SOURCES:
        raise ValueError(source)
    if not customer.email_consent:
        return False
    customer.email_consent = False
    audit_refusal(
        session, customer.id, source=source, actor_name=actor.audit_name, staff_id=actor.staff_id
    )
    return True


def audit_refusal(
    session: Session, customer_id: str, *, source: str, actor_name: str, staff_id: str | None
) -> None:
    audit.record(
        session,
        "email.refusal",
        entity="customer",
        entity_id=customer_id,
        actor=actor_name,
        staff_id=staff_id,
        source=source,
    )


@dataclass(frozen=True)
class RefusalImport:
    lines: int
    refused: int  # customers whose consent was taken away
    already: int  # matched, but had no consent any more
    unknown: int  # addresses no customer has
    invalid: list[int]  # line numbers that are no email address

    def to_json(self) -> dict[str, object]:
        return {
            "lines": self.lines,
            "refused": self.refused,
            "already": self.already,
            "unknown": self.unknown,
            "invalid_lines": self.invalid,
        }


def import_refusals(session: Session, lines: Iterable[str], *, actor: Actor) -> RefusalImport:
    """Refusals from a list of addresses, one a line (a CSV's first column; # comments)."""
    actor.require("settings")
    count = refused = already = unknown = 0
    invalid: list[int] = []
    for number, raw in enumerate(lines, start=1):
        text = raw.strip().split(",")[0].strip().strip('"')
        if not text or text.startswith("#"):
            continue
        count += 1
        try:
            address = validate.clean_email(text)
        except DomainError:
            invalid.append(number)
            continue
        matches = list(
            session.scalars(select(Customer).where(Customer.email_key == address.lower()))
        )
        if not matches:
            unknown += 1
        for customer in matches:
            if record_refusal(session, customer, source="list", actor=actor):
                refused += 1
            else:
                already += 1
    return RefusalImport(count, refused, already, unknown, invalid)
