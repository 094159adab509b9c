"""Reading inquiries: one inquiry with its notes, lists, follow-ups due, search.

Rows come back as plain dataclasses (safe for Qt models and JSON). Follow-up dates are
the shop's local calendar days; "today" is always passed in or taken from
:func:`crmdesk.core.clock.local_today`, so a query at 23:59 and at 00:01 in Tokyo gives
the answer a person in the shop expects, whatever the UTC date is.

Search: subjects, bodies, response notes and the caller's name and phone digits are
normalised (:func:`crmdesk.core.normalize.normalize_text`, as for customers) into
``inquiry.search_text``, indexed by the FTS5 trigram table ``inquiry_fts``. Queries of one
or two characters, which a trigram index cannot serve, fall back to a ``LIKE`` scan of
``inquiry.search_text``: inquiries are far fewer than customers, so the scan stays fast.
Trigram hits come newest-logged first straight from the index (FTS5 rowid order), so a
common word among 100,000 inquiries still answers in about a millisecond.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, select, text
from sqlalchemy.orm import Session, aliased

from crmdesk.core import inquiry_rules as rules
from crmdesk.core.clock import local_today
from crmdesk.core.names import person_name
from crmdesk.core.normalize import normalize_text, phone_digits
from crmdesk.services.inquiries import get_inquiry_row
from crmdesk.services.search import SearchHit, search_customers
from crmdesk.store.models import Customer, Inquiry, InquiryCategory, InquiryNote, Staff

DEFAULT_LIMIT = 200
_PHONE_PUNCTUATION = "-+(). "


@dataclass(frozen=True)
class NoteRow:
    id: str
    noted_at: datetime
    staff: str
    body: str

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "noted_at": self.noted_at.isoformat()}


@dataclass(frozen=True)
class InquiryRow:
    """An inquiry as plain data: what lists, the dialog and ``--json`` show."""

    id: str
    received_at: datetime
    channel: str
    category_id: str | None
    category: str
    subject: str
    body: str
    status: str
    priority: str
    assignee_id: str | None
    assignee: str
    follow_up_on: date | None
    customer_id: str | None
    customer_number: str
    customer_name: str
    caller_name: str
    caller_phone: str
    closed_at: datetime | None
    notes: list[NoteRow] = field(default_factory=list)

    def is_due(self, today: date) -> bool:
        return rules.is_due(self.status, self.follow_up_on, today)

    def is_overdue(self, today: date) -> bool:
        return rules.is_overdue(self.status, self.follow_up_on, today)

    @property
    def who(self) -> str:
        """The customer's name, or the unknown caller as taken down."""
        return self.customer_name or self.caller_name or self.caller_phone

    def to_json(self, today: date | None = None) -> dict[str, Any]:
        data = asdict(self)
        for key in ("received_at", "closed_at", "follow_up_on"):
            value = getattr(self, key)
            data[key] = value.isoformat() if value is not None else None
        data["notes"] = [n.to_json() for n in self.notes]
        if today is not None:
            data["due"] = self.is_due(today)
            data["overdue"] = self.is_overdue(today)
        return data


_assignee = aliased(Staff)


def _base() -> Any:  # a Select of (Inquiry, category, assignee, customer columns)
    return (
        select(
            Inquiry,
            InquiryCategory.name,
            _assignee.name,
            Customer.customer_number,
            Customer.family_name,
            Customer.given_name,
        )
        .outerjoin(InquiryCategory, InquiryCategory.id == Inquiry.category_id)
        .outerjoin(_assignee, _assignee.id == Inquiry.assignee_id)
        .outerjoin(Customer, Customer.id == Inquiry.customer_id)
        .where(~Inquiry.deleted)
    )


def _row(result: Any, notes: list[NoteRow] | None = None) -> InquiryRow:
    inquiry, category, assignee, number, family, given = result
    return InquiryRow(
        id=inquiry.id,
        received_at=inquiry.received_at,
        channel=inquiry.channel,
        category_id=inquiry.category_id,
        category=category or "",
        subject=inquiry.subject,
        body=inquiry.body,
        status=inquiry.status,
        priority=inquiry.priority,
        assignee_id=inquiry.assignee_id,
        assignee=assignee or "",
        follow_up_on=inquiry.follow_up_on,
        customer_id=inquiry.customer_id,
        customer_number=number or "",
        customer_name=person_name(family, given),
        caller_name=inquiry.caller_name,
        caller_phone=inquiry.caller_phone,
        closed_at=inquiry.closed_at,
        notes=notes or [],
    )


def get_inquiry(session: Session, inquiry_id: str) -> InquiryRow:
    """One inquiry with its response notes, oldest first."""
    get_inquiry_row(session, inquiry_id)  # raises inquiry_not_found
    result = session.execute(_base().where(Inquiry.id == inquiry_id)).one()
    notes = [
        NoteRow(id=n, noted_at=at, staff=staff or "", body=body)
        for n, at, staff, body in session.execute(
            select(InquiryNote.id, InquiryNote.noted_at, Staff.name, InquiryNote.body)
            .outerjoin(Staff, Staff.id == InquiryNote.staff_id)
            .where(InquiryNote.inquiry_id == inquiry_id)
            .order_by(InquiryNote.noted_at, InquiryNote.id)
        )
    ]
    return _row(result, notes)


_PRIORITY_RANK = case({"high": 0, "normal": 1, "low": 2}, value=Inquiry.priority, else_=1)


def list_inquiries(
    session: Session,
    *,
    status: str | None = None,
    due: bool = False,
    today: date | None = None,
    customer_id: str | None = None,
    assignee_id: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[InquiryRow]:
    """Inquiries, newest first; with ``due``, follow-ups due by ``today``, oldest first.

    ``status`` is one of the statuses, or ``active`` for every status but closed.
    """
    query = _base()
    if status == "active":
        query = query.where(Inquiry.status != "closed")
    elif status is not None:
        rules.check_transition("open", status)  # raises invalid_status for a typo
        query = query.where(Inquiry.status == status)
    if customer_id is not None:
        query = query.where(Inquiry.customer_id == customer_id)
    if assignee_id is not None:
        query = query.where(Inquiry.assignee_id == assignee_id)
    if due:
        today = today or local_today()
        query = query.where(Inquiry.status != "closed", Inquiry.follow_up_on <= today)
        query = query.order_by(Inquiry.follow_up_on, _PRIORITY_RANK, Inquiry.received_at)
    else:
        query = query.order_by(Inquiry.received_at.desc(), Inquiry.id)
    return [_row(r) for r in session.execute(query.offset(offset).limit(limit))]


def due_follow_ups(session: Session, today: date | None = None) -> list[InquiryRow]:
    """Today's and overdue follow-ups of inquiries not closed, the most overdue first."""
    return list_inquiries(session, due=True, today=today or local_today(), limit=10_000)


def count_due(session: Session, today: date | None = None) -> tuple[int, int]:
    """(due today, overdue): the start-up reminder's figures."""
    today = today or local_today()
    due_today, overdue = session.execute(
        select(
            func.count().filter(Inquiry.follow_up_on == today),
            func.count().filter(Inquiry.follow_up_on < today),
        ).where(~Inquiry.deleted, Inquiry.status != "closed", Inquiry.follow_up_on <= today)
    ).one()
    return int(due_today), int(overdue)


@dataclass(frozen=True)
class AssigneeLoad:
    assignee_id: str | None
    assignee: str  # "" for inquiries nobody has taken
    open: int
    due: int


def open_by_assignee(session: Session, today: date | None = None) -> list[AssigneeLoad]:
    """Inquiries not closed, counted per assignee, with how many are due."""
    today = today or local_today()
    rows = session.execute(
        select(
            Inquiry.assignee_id,
            Staff.name,
            func.count(),
            func.count().filter(Inquiry.follow_up_on <= today),
        )
        .outerjoin(Staff, Staff.id == Inquiry.assignee_id)
        .where(~Inquiry.deleted, Inquiry.status != "closed")
        .group_by(Inquiry.assignee_id, Staff.name)
        .order_by(Staff.name.is_(None), Staff.name)
    )
    return [AssigneeLoad(a, name or "", int(n), int(d)) for a, name, n, d in rows]


def count_open(session: Session, customer_id: str) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                Inquiry.customer_id == customer_id, ~Inquiry.deleted, Inquiry.status != "closed"
            )
        )
        or 0
    )


def search_inquiries(session: Session, query: str, limit: int = 50) -> list[InquiryRow]:
    """Inquiries whose subject, body, notes or caller match ``query``, newest first."""
    norm = normalize_text(query)
    if not norm:
        return []
    if all(c.isdigit() or c in _PHONE_PUNCTUATION for c in query.strip()):
        norm = phone_digits(query) or norm
    if len(norm) >= 3:
        # Newest logged first, straight from the index: FTS5 walks its rowids backwards
        # and stops early (search_rowid grows with every inquiry logged). A margin covers
        # deleted rows filtered out afterwards.
        phrase = '"' + norm.replace('"', '""') + '"'
        rowids = [
            r[0]
            for r in session.execute(
                text(
                    "SELECT rowid FROM inquiry_fts WHERE inquiry_fts MATCH :q "
                    "ORDER BY rowid DESC LIMIT :n"
                ),
                {"q": phrase, "n": limit * 2 + 20},
            )
        ]
        ids = select(Inquiry.id).where(Inquiry.search_rowid.in_(rowids))
        order: Any = Inquiry.search_rowid.desc()
    else:
        # Too short for trigrams: scan the (small) inquiry table.
        escaped = norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        ids = select(Inquiry.id).where(Inquiry.search_text.like(f"%{escaped}%", escape="\\"))
        order = Inquiry.received_at.desc()
    newest = list(session.scalars(ids.where(~Inquiry.deleted).order_by(order).limit(limit)))
    if not newest:
        return []
    rows = session.execute(
        _base().where(Inquiry.id.in_(newest)).order_by(Inquiry.received_at.desc())
    )
    return [_row(r) for r in rows]


def likely_customers(session: Session, inquiry_id: str, limit: int = 10) -> list[SearchHit]:
    """Customers an unknown caller may be: phone matches first, then name matches."""
    inquiry = get_inquiry_row(session, inquiry_id)
    found: dict[str, SearchHit] = {}
    digits = phone_digits(inquiry.caller_phone)
    queries = [digits] if len(digits) >= 6 else []
    if inquiry.caller_name.strip():
        name = inquiry.caller_name.strip()
        queries.append(name)
        family = name.replace("\u3000", " ").split(" ")[0]
        if family != name:
            queries.append(family)
    for q in queries:
        for hit in search_customers(session, q, limit=limit):
            found.setdefault(hit.id, hit)
    return list(found.values())[:limit]
