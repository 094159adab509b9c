"""Custom fields: the owner defines them, staff fill them in on the card.

Definitions live in ``custom_field`` and values in ``customer_field_value``; both are
ordinary synced tables. Values are kept as canonical text (:mod:`core.custom_fields`),
one row per customer and field with an id derived from the pair.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crmdesk.core import custom_fields as rules
from crmdesk.core.custom_fields import FieldDef
from crmdesk.core.errors import DomainError
from crmdesk.core.validate import FieldErrors
from crmdesk.services import audit
from crmdesk.store.models import CustomerFieldValue, CustomField


def _as_def(row: CustomField) -> FieldDef:
    return FieldDef(
        row.id, row.name, row.kind, tuple(json.loads(row.choices or "[]")), row.position
    )


def define_field(
    session: Session, name: str, kind: str, choices: Sequence[str] = (), *, actor: str = ""
) -> FieldDef:
    """Add a field to every card. Raises DomainError (bad name, kind or choices; taken)."""
    name, kind, cleaned = rules.clean_definition(name, kind, choices)
    fid = rules.field_id(name)
    row = session.get(CustomField, fid)
    if row is not None and not row.deleted:
        raise DomainError("custom_field_exists", field="field_name", name=row.name)
    last = session.scalar(select(func.max(CustomField.position))) or 0
    values = {"name": name, "kind": kind, "choices": json.dumps(list(cleaned), ensure_ascii=False),
              "position": last + 1, "deleted": False}  # fmt: skip
    if row is None:
        row = CustomField(id=fid, **values)
        session.add(row)
    else:  # defined once, deleted, defined again: the same row comes back
        for key, value in values.items():
            setattr(row, key, value)
    session.flush()
    audit.record(session, "custom_field.create", entity="custom_field", entity_id=fid,
                 actor=actor, kind=kind)  # fmt: skip
    return _as_def(row)


def list_fields(session: Session) -> list[FieldDef]:
    rows = session.scalars(
        select(CustomField)
        .where(CustomField.deleted.is_(False))
        .order_by(CustomField.position, CustomField.name)
    )
    return [_as_def(r) for r in rows]


def get_field(session: Session, name: str) -> FieldDef:
    row = session.get(CustomField, rules.field_id(name))
    if row is None or row.deleted:
        raise DomainError("custom_field_not_found", field="fields", name=name)
    return _as_def(row)


def clean_values(session: Session, raw: Mapping[str, Any]) -> dict[FieldDef, str]:
    """Validate values typed for several fields at once; every bad one is named."""
    errors = FieldErrors()
    out: dict[FieldDef, str] = {}
    for name, value in raw.items():
        field = errors.check(get_field, session, name)
        if field is None:
            continue
        stored = errors.check(rules.clean_value, field, value)
        if stored is not None:
            out[field] = stored
    errors.raise_if_any()
    return out


def set_values(
    session: Session, customer_id: str, raw: Mapping[str, Any], *, actor: str = ""
) -> list[str]:
    """Set a customer's custom field values (by field name); returns the names changed.

    Raises:
        ValidationError: naming every field that was unknown or had a bad value; then
            nothing is written.
    """
    cleaned = clean_values(session, raw)
    changed = []
    for field, stored in cleaned.items():
        vid = rules.value_id(customer_id, field.id)
        row = session.get(CustomerFieldValue, vid)
        if row is None:
            if not stored:
                continue
            session.add(CustomerFieldValue(id=vid, customer_id=customer_id, field_id=field.id,
                                           value=stored))  # fmt: skip
        elif row.value == stored and not row.deleted:
            continue
        else:
            row.value, row.deleted = stored, False
        changed.append(field.name)
    if changed:
        session.flush()
        audit.record(session, "customer.fields", entity="customer", entity_id=customer_id,
                     actor=actor, fields=changed)  # fmt: skip
    return changed


def stored_values(session: Session, customer_ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """{customer id: {field id: stored text}} for the given customers (set values only)."""
    ids = list(customer_ids)
    out: dict[str, dict[str, str]] = {}
    for first in range(0, len(ids), 500):
        rows = session.execute(
            select(CustomerFieldValue.customer_id, CustomerFieldValue.field_id,
                   CustomerFieldValue.value)
            .where(CustomerFieldValue.customer_id.in_(ids[first : first + 500]))
            .where(CustomerFieldValue.deleted.is_(False), CustomerFieldValue.value != "")
        )  # fmt: skip
        for customer_id, fid, value in rows:
            out.setdefault(customer_id, {})[fid] = value
    return out


def record_fields(session: Session, customer_id: str) -> dict[str, Any]:
    """Every defined field of one customer as plain values (None when not set)."""
    stored = stored_values(session, [customer_id]).get(customer_id, {})
    return {f.name: rules.typed_value(f, stored.get(f.id, "")) for f in list_fields(session)}


def summary(session: Session, customer_id: str, lang: str = "ja") -> list[tuple[str, str]]:
    """(name, value as shown) of the custom fields a customer has filled in, in card order."""
    stored = stored_values(session, [customer_id]).get(customer_id, {})
    return [
        (f.name, rules.display_value(f, stored[f.id], lang))
        for f in list_fields(session)
        if stored.get(f.id)
    ]
