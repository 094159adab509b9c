"""A customer's timeline: everything that happened with them, newest first.

Purchases and their voids, point entries, inquiries and their response notes, mailings
received and changes to the card (from the audit log: field names only, never values),
merged into one chronological list of rows: a kind, an event code and its parameters
(:mod:`crmdesk.core.timeline_words` words them, in Japanese or English).
Each kind is one SQL query (with a join where needed), capped; the capped lists are
merged by time.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import timeline_words as words
from crmdesk.core.clock import zone
from crmdesk.services.branch_here import current_branch_id
from crmdesk.store.models import (
    AuditLog,
    Branch,
    Campaign,
    CampaignRecipient,
    Inquiry,
    InquiryCategory,
    InquiryNote,
    PointEntry,
    Purchase,
    PurchaseVoid,
    Staff,
)

KINDS = ("purchase", "void", "points", "inquiry", "note", "mailing", "change")
DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the timeline, as data: the window words it in its own language.

    ``event`` says what happened within the kind: ``purchase``, ``void``, ``inquiry``,
    ``note``, ``mailing``; the point entry's kind (``earn``, ``redeem``, ``expire``,
    ``bonus``, ``adjust``, ``transfer``); the audit action for changes
    (``customer.update``...). ``params`` holds what the sentence needs:

    - purchase: ``amount`` (yen), ``items`` (names); void: ``amount``, ``reason``
    - points: ``points`` (signed), ``note``
    - inquiry: ``subject``, ``channel``, ``status`` (codes), ``category`` (name or "")
    - note: ``subject``, ``body``, ``staff`` (name or "")
    - mailing: ``campaign`` (name), ``layout`` (``labels`` or ``postcards``)
    - change: ``fields`` (field names changed, never values)

    ``title`` and ``detail`` are the plain Japanese rendering (CLI, JSON); :meth:`text`
    gives either language (the window). ``ref_id`` is
    the row to open (the inquiry for notes). ``branch`` names the branch of a purchase
    (also for its void and its points) or an inquiry (also for its notes).
    """

    when: datetime  # UTC
    kind: str
    event: str
    params: Mapping[str, Any]
    ref_id: str
    #: Where it happened: the branch of the purchase or inquiry ("name（code）"), "" if none
    #: (a shop without branches, mailings, changes).
    branch: str = ""

    def text(self, lang: str = "ja") -> tuple[str, str]:
        """The entry as a (title, detail) pair of plain text in ``lang``."""
        return words.title_and_detail(self.kind, self.event, self.params, lang)

    @property
    def title(self) -> str:
        return self.text("ja")[0]

    @property
    def detail(self) -> str:
        return self.text("ja")[1]

    def to_json(self) -> dict[str, Any]:
        return {
            "when": self.when.isoformat(),
            "kind": self.kind,
            "event": self.event,
            "params": dict(self.params),
            "title": self.title,
            "detail": self.detail,
            "ref_id": self.ref_id,
            "branch": self.branch,
        }


_BRANCH = (Branch.code, Branch.name)


def _branch(code: str | None, name: str | None) -> str:
    if not code:
        return ""
    return f"{name}（{code}）" if name else code


def _purchases(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    query = (
        select(Purchase.purchased_at, Purchase.id, Purchase.amount, Purchase.items, *_BRANCH)
        .outerjoin(Branch, Branch.id == Purchase.branch_id)
        .where(Purchase.customer_id == customer_id, ~Purchase.deleted)
    )

    def make(r: Any) -> TimelineEntry:
        params = {"amount": r[2], "items": _items(r[3])}
        return TimelineEntry(r[0], "purchase", "purchase", params, r[1], _branch(r[4], r[5]))

    return query.order_by(Purchase.purchased_at.desc()), make


def _items(raw: str) -> list[str]:
    try:
        items = json.loads(raw) if raw else []
    except ValueError:
        return [raw]
    if isinstance(items, list):
        names = [i.get("name", "") if isinstance(i, dict) else str(i) for i in items]
        return [str(n) for n in names if n]
    return [str(items)]


def _voids(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    query = (
        select(PurchaseVoid.voided_at, Purchase.id, Purchase.amount, PurchaseVoid.reason, *_BRANCH)
        .join(Purchase, Purchase.id == PurchaseVoid.purchase_id)
        .outerjoin(Branch, Branch.id == Purchase.branch_id)
        .where(Purchase.customer_id == customer_id, ~PurchaseVoid.deleted)
    )

    def make(r: Any) -> TimelineEntry:
        params = {"amount": r[2], "reason": r[3] or ""}
        return TimelineEntry(r[0], "void", "void", params, r[1], _branch(r[4], r[5]))

    return query.order_by(PurchaseVoid.voided_at.desc()), make


def _points(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    entry = PointEntry
    query = (
        select(entry.occurred_at, entry.id, entry.points, entry.kind, entry.note, *_BRANCH)
        .outerjoin(Purchase, Purchase.id == entry.purchase_id)
        .outerjoin(Branch, Branch.id == Purchase.branch_id)
        .where(entry.customer_id == customer_id, ~entry.deleted)
    )

    def make(r: Any) -> TimelineEntry:
        params = {"points": r[2], "note": r[4] or ""}
        return TimelineEntry(r[0], "points", r[3], params, r[1], _branch(r[5], r[6]))

    return query.order_by(PointEntry.occurred_at.desc()), make


def _inquiries(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    query = (
        select(
            Inquiry.received_at,
            Inquiry.id,
            Inquiry.subject,
            Inquiry.status,
            Inquiry.channel,
            InquiryCategory.name,
            *_BRANCH,
        )
        .outerjoin(InquiryCategory, InquiryCategory.id == Inquiry.category_id)
        .outerjoin(Branch, Branch.id == Inquiry.branch_id)
        .where(Inquiry.customer_id == customer_id, ~Inquiry.deleted)
    )

    def make(r: Any) -> TimelineEntry:
        params = {"subject": r[2], "status": r[3], "channel": r[4], "category": r[5] or ""}
        return TimelineEntry(r[0], "inquiry", "inquiry", params, r[1], _branch(r[6], r[7]))

    return query.order_by(Inquiry.received_at.desc()), make


def _notes(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    query = (
        select(
            InquiryNote.noted_at,
            Inquiry.id,
            Inquiry.subject,
            InquiryNote.body,
            Staff.name,
            *_BRANCH,
        )  # fmt: skip
        .join(Inquiry, Inquiry.id == InquiryNote.inquiry_id)
        .outerjoin(Staff, Staff.id == InquiryNote.staff_id)
        .outerjoin(Branch, Branch.id == Inquiry.branch_id)
        .where(Inquiry.customer_id == customer_id, ~Inquiry.deleted, ~InquiryNote.deleted)
    )

    def make(r: Any) -> TimelineEntry:
        params = {"subject": r[2], "body": r[3], "staff": r[4] or ""}
        return TimelineEntry(r[0], "note", "note", params, r[1], _branch(r[5], r[6]))

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
        layout = "postcards" if r[3] == "postcards" else "labels"
        params = {"campaign": r[2], "layout": layout}
        return TimelineEntry(when, "mailing", "mailing", params, r[1])

    return query.order_by(Campaign.sent_on.desc()), make


def _changes(customer_id: str) -> tuple[Any, Callable[[Any], TimelineEntry]]:
    query = select(
        AuditLog.at, AuditLog.id, AuditLog.action, AuditLog.detail, AuditLog.actor
    ).where(
        AuditLog.entity == "customer",
        AuditLog.entity_id == customer_id,
        AuditLog.action.in_(words.CHANGES),
    )

    def make(r: Any) -> TimelineEntry:
        fields: list[str] = []
        try:
            detail = json.loads(r[3] or "{}")
        except ValueError:
            detail = {}
        detail = detail if isinstance(detail, dict) else {}
        if r[2] == "customer.update":
            fields = [str(f) for f in detail.get("fields") or []]
        # An edit applied by sync names its branch; one made here has none (see below).
        branch = str(detail.get("branch") or "")
        return TimelineEntry(r[0], "change", r[2], {"fields": fields}, r[1], branch)

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
    return _name_change_branches(session, [e for _, e in zip(range(limit), merged, strict=False)])


def _name_change_branches(session: Session, entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Changes: the audit log is this computer's, so an edit without a branch of its own
    was made here (this computer's branch, when it has one); a code from sync is named."""
    if not any(e.kind == "change" for e in entries):
        return entries
    rows = session.execute(select(Branch.id, Branch.code, Branch.name)).all()
    names = {ref: _branch(code, name) for bid, code, name in rows for ref in (bid, code)}
    here_id = current_branch_id(session)
    here = names.get(here_id, "") if here_id else ""
    return [
        replace(e, branch=names.get(e.branch, e.branch) if e.branch else here)
        if e.kind == "change"
        else e
        for e in entries
    ]
