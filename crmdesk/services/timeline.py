"""A customer's timeline: everything that happened with them, newest first.

Purchases and their voids, point entries, inquiries and their response notes, mailings
received and changes to the card (from the audit log: field names only, never values),
merged into one chronological list of plain rows. Each kind is one SQL query (with a
join where needed), capped; the capped lists are merged by time.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import inquiry_rules as rules
from crmdesk.core.clock import zone
from crmdesk.core.messages import field_label
from crmdesk.store.models import (
    AuditLog,
    Campaign,
    CampaignRecipient,
    Inquiry,
    InquiryNote,
    PointEntry,
    Purchase,
    PurchaseVoid,
    Staff,
)

KINDS = ("purchase", "void", "points", "inquiry", "note", "mailing", "change")
KIND_LABELS = {
    "purchase": "お買い上げ",
    "void": "取消",
    "points": "ポイント",
    "inquiry": "問い合わせ",
    "note": "対応メモ",
    "mailing": "DM",
    "change": "顧客情報の変更",
}
POINT_KINDS = {
    "earn": "付与",
    "redeem": "利用",
    "expire": "失効",
    "bonus": "ボーナス",
    "adjust": "調整",
    "transfer": "移行",
}
CHANGE_ACTIONS = {
    "customer.create": "顧客登録",
    "customer.update": "顧客情報を変更",
    "customer.tags": "タグを変更",
    "customer.delete": "顧客を削除",
    "customer.erase": "個人情報を消去",
    "customer.merge": "重複顧客を統合",
}
DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the timeline. ``ref_id`` is the row to open (the inquiry for notes)."""

    when: datetime  # UTC
    kind: str
    title: str
    detail: str
    ref_id: str

    def to_json(self) -> dict[str, Any]:
        return {
            "when": self.when.isoformat(),
            "kind": self.kind,
            "title": self.title,
            "detail": self.detail,
            "ref_id": self.ref_id,
        }


def _yen(amount: int) -> str:
    return f"¥{amount:,}"


def _purchases(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    query = select(Purchase.purchased_at, Purchase.id, Purchase.amount, Purchase.items).where(
        Purchase.customer_id == customer_id, ~Purchase.deleted
    )

    def make(r: Any) -> TimelineEntry:
        return TimelineEntry(r[0], "purchase", f"お買い上げ {_yen(r[2])}", _items(r[3]), r[1])

    return query.order_by(Purchase.purchased_at.desc()), make


def _items(raw: str) -> str:
    try:
        items = json.loads(raw) if raw else []
    except ValueError:
        return raw
    if isinstance(items, list):
        names = [i.get("name", "") if isinstance(i, dict) else str(i) for i in items]
        return "、".join(n for n in names if n)
    return str(items)


def _voids(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    query = (
        select(PurchaseVoid.voided_at, Purchase.id, Purchase.amount, PurchaseVoid.reason)
        .join(Purchase, Purchase.id == PurchaseVoid.purchase_id)
        .where(Purchase.customer_id == customer_id, ~PurchaseVoid.deleted)
    )

    def make(r: Any) -> TimelineEntry:
        return TimelineEntry(r[0], "void", f"お買い上げ取消 {_yen(r[2])}", r[3] or "", r[1])

    return query.order_by(PurchaseVoid.voided_at.desc()), make


def _points(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    query = select(
        PointEntry.occurred_at, PointEntry.id, PointEntry.points, PointEntry.kind, PointEntry.note
    ).where(PointEntry.customer_id == customer_id, ~PointEntry.deleted)

    def make(r: Any) -> TimelineEntry:
        label = POINT_KINDS.get(r[3], r[3])
        return TimelineEntry(r[0], "points", f"ポイント{label} {r[2]:+,} pt", r[4] or "", r[1])

    return query.order_by(PointEntry.occurred_at.desc()), make


def _inquiries(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    query = select(
        Inquiry.received_at, Inquiry.id, Inquiry.subject, Inquiry.status, Inquiry.channel
    ).where(Inquiry.customer_id == customer_id, ~Inquiry.deleted)

    def make(r: Any) -> TimelineEntry:
        status = rules.STATUS_LABELS.get(r[3], r[3])
        channel = rules.CHANNEL_LABELS.get(r[4], r[4])
        return TimelineEntry(r[0], "inquiry", f"問い合わせ（{channel}）{r[2]}", status, r[1])

    return query.order_by(Inquiry.received_at.desc()), make


def _notes(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    query = (
        select(InquiryNote.noted_at, Inquiry.id, Inquiry.subject, InquiryNote.body, Staff.name)
        .join(Inquiry, Inquiry.id == InquiryNote.inquiry_id)
        .outerjoin(Staff, Staff.id == InquiryNote.staff_id)
        .where(Inquiry.customer_id == customer_id, ~Inquiry.deleted, ~InquiryNote.deleted)
    )

    def make(r: Any) -> TimelineEntry:
        who = f"（{r[4]}）" if r[4] else ""
        return TimelineEntry(r[0], "note", f"対応メモ{who}: {r[2]}", r[3], r[1])

    return query.order_by(InquiryNote.noted_at.desc()), make


def _mailings(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    query = (
        select(Campaign.sent_on, Campaign.id, Campaign.name, Campaign.kind)
        .join(CampaignRecipient, CampaignRecipient.campaign_id == Campaign.id)
        .where(CampaignRecipient.customer_id == customer_id, ~Campaign.deleted)
        .where(~CampaignRecipient.deleted)
    )

    def make(r: Any) -> TimelineEntry:
        # A mailing has a day, not a moment: place it at the start of that local day.
        when = datetime.combine(r[0], time(0), tzinfo=zone()).astimezone(UTC)
        kind = "はがき" if r[3] == "postcards" else "宛名ラベル"
        return TimelineEntry(when, "mailing", f"DM送付: {r[2]}", kind, r[1])

    return query.order_by(Campaign.sent_on.desc()), make


def _changes(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    query = select(
        AuditLog.at, AuditLog.id, AuditLog.action, AuditLog.detail, AuditLog.actor
    ).where(
        AuditLog.entity == "customer",
        AuditLog.entity_id == customer_id,
        AuditLog.action.in_(CHANGE_ACTIONS),
    )

    def make(r: Any) -> TimelineEntry:
        try:
            fields = json.loads(r[3] or "{}").get("fields") or []
        except (ValueError, AttributeError):
            fields = []
        detail = "、".join(field_label(f, "ja") for f in fields if r[2] == "customer.update")
        return TimelineEntry(r[0], "change", CHANGE_ACTIONS[r[2]], detail, r[1])

    return query.order_by(AuditLog.at.desc()), make


SOURCES = {
    "purchase": _purchases,
    "void": _voids,
    "points": _points,
    "inquiry": _inquiries,
    "note": _notes,
    "mailing": _mailings,
    "change": _changes,
}


def customer_timeline(
    session: Session,
    customer_id: str,
    *,
    kinds: Iterable[str] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[TimelineEntry]:
    """The customer's timeline, newest first, at most ``limit`` rows.

    Args:
        kinds: Only these kinds (see :data:`KINDS`); all when None.
    """
    wanted = KINDS if kinds is None else tuple(k for k in KINDS if k in set(kinds))
    lists = []
    for kind in wanted:
        query, make = SOURCES[kind](customer_id)
        lists.append([make(r) for r in session.execute(query.limit(limit))])
    merged = heapq.merge(*lists, key=lambda e: e.when, reverse=True)
    return [e for _, e in zip(range(limit), merged, strict=False)]
