"""APPI disclosure (開示請求): everything crmdesk holds on one customer.

:func:`disclosure` gathers the card, point cards, purchases and voids, the point
ledger, inquiries with their notes, the mailings the customer received (as printed) and
the audit entries about any of these, as plain JSON-ready data. It needs the ``export``
and ``view_full`` permissions (the customer gets their data whole) and is itself
audited as ``customer.disclose``. :mod:`crmdesk.reports.disclosure` turns it into a PDF.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crmdesk.services import audit, customer_index, customers
from crmdesk.services.staff import Actor
from crmdesk.store.models import (
    AuditLog,
    Campaign,
    CampaignRecipient,
    Inquiry,
    InquiryCategory,
    InquiryNote,
    PointCard,
    PointEntry,
    Purchase,
    PurchaseVoid,
)

#: The sections of a disclosure, in order (JSON keys and PDF headings).
SECTIONS = ("customer", "cards", "purchases", "points", "inquiries", "mailings", "audit")


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: _value(getattr(obj, name)) for name in names}


def disclosure(session: Session, customer_id: str, *, actor: Actor) -> dict[str, Any]:
    """All data about one customer (erased customers too: what is left of them)."""
    actor.require("export")
    actor.require("view_full")
    customer = customer_index.get_customer(session, customer_id, include_deleted=True)
    record = customers.customer_record(customer)
    cid = customer.id
    cards = list(session.scalars(select(PointCard).where(PointCard.customer_id == cid)))
    purchases = list(session.scalars(
        select(Purchase).where(Purchase.customer_id == cid).order_by(Purchase.purchased_at)
    ))  # fmt: skip
    purchase_ids = [p.id for p in purchases]
    voids = {v.purchase_id: v for v in session.scalars(
        select(PurchaseVoid).where(PurchaseVoid.purchase_id.in_(purchase_ids))
    )} if purchase_ids else {}  # fmt: skip
    entries = list(session.scalars(
        select(PointEntry).where(PointEntry.customer_id == cid).order_by(PointEntry.occurred_at)
    ))  # fmt: skip
    inquiries = list(session.scalars(
        select(Inquiry).where(Inquiry.customer_id == cid, ~Inquiry.deleted)
        .order_by(Inquiry.received_at)
    ))  # fmt: skip
    categories: dict[str, str] = {
        k: v for k, v in session.execute(select(InquiryCategory.id, InquiryCategory.name))
    }
    inquiry_ids = [i.id for i in inquiries]
    notes: dict[str, list[InquiryNote]] = {}
    if inquiry_ids:
        query = select(InquiryNote).where(InquiryNote.inquiry_id.in_(inquiry_ids))
        for note in session.scalars(query.order_by(InquiryNote.noted_at)):
            notes.setdefault(note.inquiry_id, []).append(note)
    mailings = session.execute(
        select(Campaign, CampaignRecipient)
        .join(CampaignRecipient, CampaignRecipient.campaign_id == Campaign.id)
        .where(CampaignRecipient.customer_id == cid, ~CampaignRecipient.deleted)
        .order_by(Campaign.sent_on)
    ).all()
    about = {cid, *(c.id for c in cards), *purchase_ids, *inquiry_ids}
    logs = list(session.scalars(
        select(AuditLog).where(or_(AuditLog.entity_id.in_(about),
                                   AuditLog.detail.contains(f'"{cid}"')))
        .order_by(AuditLog.at)
    ))  # fmt: skip
    data: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(),
        "customer": record,
        "cards": [
            _row(c, ("card_number", "status", "issued_at", "status_changed_at")) for c in cards
        ],  # fmt: skip
        "purchases": [
            _row(p, ("id", "amount", "items", "purchased_at"))
            | {
                "voided": p.id in voids,
                "void_reason": voids[p.id].reason if p.id in voids else "",
            }  # fmt: skip
            for p in purchases
        ],
        "points": [
            _row(e, ("kind", "points", "expires_on", "note", "occurred_at")) for e in entries
        ],  # fmt: skip
        "points_balance": sum(e.points for e in entries),
        "inquiries": [
            _row(
                i,
                (
                    "id",
                    "received_at",
                    "channel",
                    "subject",
                    "body",
                    "status",
                    "priority",
                    "follow_up_on",
                    "closed_at",
                ),
            )  # fmt: skip
            | {
                "category": categories.get(i.category_id or "", ""),
                "notes": [_row(n, ("noted_at", "body")) for n in notes.get(i.id, [])],
            }  # fmt: skip
            for i in inquiries
        ],
        "mailings": [
            {
                "campaign": c.name,
                "kind": c.kind,
                "sent_on": _value(c.sent_on),
                "label": json.loads(r.label_text or "{}"),
            }  # fmt: skip
            for c, r in mailings
        ],
        "audit": [
            {
                "at": _value(e.at),
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "row_count": e.row_count,
            }  # fmt: skip
            for e in logs
        ],
    }
    audit.record(session, "customer.disclose", entity="customer", entity_id=cid,
                 actor=actor.audit_name, staff_id=actor.staff_id,
                 counts={s: len(data[s]) for s in SECTIONS if s != "customer"})  # fmt: skip
    return data
