"""Customers: create, update, delete, look up, tag, show.

Every function takes the caller's Session; the caller owns the transaction, so one user
action is one commit. Input is validated field by field before anything is written
(:mod:`~crmdesk.services.customer_fields`), and a
:class:`~crmdesk.core.errors.ValidationError` names every bad field. The search columns
and numbers are made, and a customer is looked up by id, number or card, in
:mod:`~crmdesk.services.customer_index`; the list is paged in
:mod:`~crmdesk.services.customer_list`, erasure is :mod:`~crmdesk.services.erasure`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from crmdesk.core.address import full_address
from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.wareki import age_on, to_wareki
from crmdesk.services import audit
from crmdesk.services.channels import clean_links, link_record
from crmdesk.services.custom_fields import record_fields
from crmdesk.services.customer_fields import (
    ADDRESS_FROM_POSTAL,
    EDITABLE,
    LINK_FIELDS,
    clean_fields,
    fill_from_postal,
    has_name_or_company,
    today_local,
)
from crmdesk.services.customer_index import (
    get_customer,
    next_customer_number,
    refresh_search_keys,
)
from crmdesk.services.email_refusals import audit_refusal
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.models import Customer, CustomerTag, Tag


@dataclass(frozen=True)
class CustomerChange:
    """What a mutating call changed, so a screen can refresh only that."""

    customer_id: str
    created: bool = False
    deleted: bool = False
    fields: tuple[str, ...] = ()


def create_customer(
    session: Session, values: Mapping[str, Any], *, today: date | None = None, actor: str = ""
) -> CustomerChange:
    """Add a customer. Duplicates are not refused here: see
    :func:`crmdesk.services.customer_dupes.find_duplicates`."""
    clean = clean_fields(values, today=today)
    clean.update(_links(session, clean, None))
    fill_from_postal(clean)
    number = clean.get("customer_number") or next_customer_number(session)
    _check_number_free(session, number, None)
    clean["customer_number"] = number
    if clean.get("first_visit") is None:
        clean["first_visit"] = today or today_local()
    customer = Customer(**clean)
    customer.cards = []
    customer.tags = []
    refresh_search_keys(customer)
    session.add(customer)
    session.flush()
    audit.record(session, "customer.create", entity="customer", entity_id=customer.id, actor=actor)
    return CustomerChange(customer.id, created=True, fields=tuple(sorted(clean)))


def update_customer(
    session: Session,
    customer_id: str,
    values: Mapping[str, Any],
    *,
    today: date | None = None,
    actor: str = "",
) -> CustomerChange:
    customer = get_customer(session, customer_id)
    clean = clean_fields(values, today=today, partial=True)
    clean.update(_links(session, clean, customer))
    if "customer_number" in clean:
        if not clean["customer_number"]:
            raise ValidationError([DomainError("required", field="customer_number")])
        _check_number_free(session, clean["customer_number"], customer.id)
    if "postal_code" in clean:
        fill_from_postal(clean, {n: getattr(customer, n) for n in ADDRESS_FROM_POSTAL})
    merged = {**_name_of(customer), "company": customer.company, **clean}
    if not has_name_or_company(merged):
        raise ValidationError([DomainError("name_or_company_required", field="family_name")])
    changed = tuple(sorted(k for k, v in clean.items() if getattr(customer, k) != v))
    for name in changed:
        setattr(customer, name, clean[name])
    if changed:
        refresh_search_keys(customer)
        session.flush()
        audit.record(
            session,
            "customer.update",
            entity="customer",
            entity_id=customer.id,
            actor=actor,
            fields=list(changed),
        )
        if "email_consent" in changed and not customer.email_consent:
            audit_refusal(session, customer.id, source="card", actor_name=actor, staff_id=None)
    return CustomerChange(customer.id, fields=changed)


def _links(session: Session, clean: Mapping[str, Any], customer: Customer | None) -> dict[str, Any]:
    wanted = {k: clean[k] for k in LINK_FIELDS if k in clean}
    return clean_links(session, wanted, customer) if wanted else {}


def _name_of(customer: Customer) -> dict[str, str]:
    return {"family_name": customer.family_name, "given_name": customer.given_name}


def _check_number_free(session: Session, number: str, own_id: str | None) -> None:
    other = session.scalar(select(Customer.id).where(Customer.customer_number == number))
    if other is not None and other != own_id:
        raise ValidationError([DomainError("duplicate_customer_number", field="customer_number")])


def delete_customer(
    session: Session, customer_id: str, *, actor: Actor = CLI_ACTOR
) -> CustomerChange:
    """Soft delete: a tombstone that hides the customer and syncs (permission ``erase``)."""
    actor.require("erase")
    customer = get_customer(session, customer_id)
    customer.deleted = True
    refresh_search_keys(customer)
    audit.record(session, "customer.delete", entity="customer", entity_id=customer.id,
                 actor=actor.audit_name, staff_id=actor.staff_id)  # fmt: skip
    return CustomerChange(customer.id, deleted=True)


def set_tags(
    session: Session, customer_id: str, names: Iterable[str], *, actor: str = ""
) -> CustomerChange:
    customer = get_customer(session, customer_id)
    wanted = sorted({n.strip() for n in names if n and n.strip()})
    for name in wanted:
        if len(name) > 40:
            raise ValidationError([DomainError("too_long", field="tags", max=40)])
    existing = {t.name: t for t in session.scalars(select(Tag).where(Tag.name.in_(wanted)))}
    tags = [existing.get(n) or Tag(name=n) for n in wanted]
    if sorted(t.name for t in customer.tags) == wanted:
        return CustomerChange(customer.id)
    customer.tags = tags
    session.flush()
    audit.record(session, "customer.tags", entity="customer", entity_id=customer.id, actor=actor)
    return CustomerChange(customer.id, fields=("tags",))


def customer_tags(session: Session, customer_id: str) -> list[str]:
    """Her tags' names, sorted."""
    return sorted(t.name for t in get_customer(session, customer_id).tags)


def all_tags(session: Session) -> list[str]:
    used = select(CustomerTag.tag_id).distinct()
    return list(session.scalars(select(Tag.name).where(Tag.id.in_(used)).order_by(Tag.name)))


def customer_record(customer: Customer, *, today: date | None = None) -> dict[str, Any]:
    """A customer as plain data: the JSON of ``customer show`` and what screens display."""
    today = today or today_local()
    active = [c.card_number for c in customer.cards if c.status == "active"]
    record: dict[str, Any] = {"id": customer.id}
    for name in EDITABLE:
        value = getattr(customer, name)
        record[name] = value.isoformat() if isinstance(value, date) else value
    record.update(
        name=customer.name,
        kana=customer.kana,
        address=full_address(customer),
        age=age_on(customer.birthday, today) if customer.birthday else None,
        birthday_wareki=to_wareki(customer.birthday) if customer.birthday else None,
        tags=sorted(t.name for t in customer.tags),
        card_number=active[-1] if active else None,
        cards=[{"card_number": c.card_number, "status": c.status} for c in customer.cards],
        deleted=customer.deleted,
        erased=customer.erased_at is not None,
        fields=_custom_fields(customer),
        **_link_fields(customer),
    )
    return record


def _link_fields(customer: Customer) -> dict[str, Any]:
    session = object_session(customer)
    if session is None:
        return {"channel": None, "referred_by": None, "referrals": 0}
    return link_record(session, customer)


def _custom_fields(customer: Customer) -> dict[str, Any]:
    session = object_session(customer)
    return record_fields(session, customer.id) if session is not None else {}
