"""The audit log: who did what, when, to how many rows. Never personal data.

Entries name the staff member by id (``staff_id``) and the thing acted on by id; the
viewer and ``audit list`` add the staff member's name when showing them. :data:`KINDS`
groups the actions into the kinds the owner filters by.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crmdesk.core.clock import local_day_bounds
from crmdesk.core.errors import DomainError
from crmdesk.core.files import write_atomic
from crmdesk.store.models import AuditLog, Staff

#: kind -> the actions (exact, or a prefix ending in ".") it covers.
KINDS: dict[str, tuple[str, ...]] = {
    "sign_in": ("staff.sign_in", "staff.sign_in_failed", "staff.lock"),
    "export": ("export", "query", "analytics_export"),
    "print": ("labels.print", "postcards.print", "campaign.create"),
    "erase": ("customer.delete", "customer.erase"),
    "merge": ("customer.merge", "customer.merge_undo"),
    "points": ("points.adjust", "points.rules", "purchase.void"),
    "settings": (
        "settings.",
        "staff.add",
        "staff.edit",
        "staff.retire",
        "role.",
        "inquiry_category.",
    ),  # fmt: skip
    "disclosure": ("customer.disclose",),
    "reveal": ("privacy.reveal",),
}


def record(
    session: Session,
    action: str,
    *,
    entity: str = "",
    entity_id: str | None = None,
    row_count: int | None = None,
    actor: str = "",
    staff_id: str | None = None,
    **detail: Any,
) -> AuditLog:
    """Add one audit entry to the caller's transaction.

    ``detail`` must hold ids, counts, field names and options only: never a name, phone,
    email or address.
    """
    entry = AuditLog(
        at=datetime.now(UTC),
        action=action,
        entity=entity,
        entity_id=entity_id,
        row_count=row_count,
        actor=actor,
        staff_id=staff_id,
        detail=json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True),
    )
    session.add(entry)
    return entry


def entries(
    session: Session, *, action: str | None = None, entity_id: str | None = None
) -> list[AuditLog]:
    query = select(AuditLog).order_by(AuditLog.at, AuditLog.id)
    if action is not None:
        query = query.where(AuditLog.action == action)
    if entity_id is not None:
        query = query.where(AuditLog.entity_id == entity_id)
    return list(session.scalars(query))


def kind_of(action: str) -> str:
    for kind, actions in KINDS.items():
        if any(action == a or (a.endswith(".") and action.startswith(a)) for a in actions):
            return kind
    return "other"


@dataclass(frozen=True)
class AuditRow:
    """One entry as the viewer and ``audit list`` show it."""

    id: str
    at: datetime
    kind: str
    action: str
    staff_id: str | None
    staff: str  # the staff member's name now (not stored in the log), else the actor
    entity: str
    entity_id: str | None
    row_count: int | None
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "kind": self.kind,
            "action": self.action,
            "staff_id": self.staff_id,
            "staff": self.staff,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "row_count": self.row_count,
            "detail": self.detail,
        }


def parse_day(text: str | None, field: str) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DomainError("invalid_date", field=field) from None


def list_entries(
    session: Session,
    *,
    actor: Any,
    kind: str | None = None,
    staff_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
    entity_id: str | None = None,
    limit: int = 1000,
) -> list[AuditRow]:
    """The newest entries first, filtered; reading the log needs the ``audit`` permission.

    ``since`` and ``until`` are local (Asia/Tokyo) days, both included.
    """

    actor.require("audit")
    query = select(AuditLog).order_by(AuditLog.at.desc(), AuditLog.id.desc())
    if kind:
        if kind not in KINDS and kind != "other":
            raise DomainError("unknown_audit_kind", field="kind", kind=kind)
        if kind == "other":
            known = [a for acts in KINDS.values() for a in acts]
            for action in known:
                query = query.where(
                    ~AuditLog.action.startswith(action)
                    if action.endswith(".")
                    else AuditLog.action != action
                )
        else:
            query = query.where(or_(*(
                AuditLog.action.startswith(a) if a.endswith(".") else AuditLog.action == a
                for a in KINDS[kind]
            )))  # fmt: skip
    if staff_id:
        query = query.where(AuditLog.staff_id == staff_id)
    if entity_id:
        query = query.where(AuditLog.entity_id == entity_id)
    if since:
        start = local_day_bounds(since)[0]
        query = query.where(AuditLog.at >= start)
    if until:
        end = local_day_bounds(until)[1]
        query = query.where(AuditLog.at < end)
    logs = list(session.scalars(query.limit(limit)))
    ids = {e.staff_id for e in logs if e.staff_id}
    found: Any = (
        session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(ids))) if ids else []
    )
    names = {staff_id: name for staff_id, name in found}
    return [
        AuditRow(
            e.id,
            e.at,
            kind_of(e.action),
            e.action,
            e.staff_id,
            names.get(e.staff_id or "", e.actor),
            e.entity,
            e.entity_id,
            e.row_count,
            json.loads(e.detail or "{}"),
        )  # fmt: skip
        for e in logs
    ]


AUDIT_CSV_HEADERS = ["at", "kind", "action", "staff", "staff_id", "entity", "entity_id",
                     "row_count", "detail"]  # fmt: skip


def csv_rows(rows: list[AuditRow]) -> list[list[Any]]:
    return [
        [
            r.at.isoformat(),
            r.kind,
            r.action,
            r.staff,
            r.staff_id or "",
            r.entity,
            r.entity_id or "",
            "" if r.row_count is None else r.row_count,
            json.dumps(r.detail, ensure_ascii=False, sort_keys=True),
        ]  # fmt: skip
        for r in rows
    ]


def write_csv(path: Any, rows: list[AuditRow]) -> int:
    """The rows as a CSV file (UTF-8 with BOM for Excel), written private and whole."""

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(AUDIT_CSV_HEADERS)
    writer.writerows(csv_rows(rows))
    write_atomic(Path(path), buffer.getvalue().encode("utf-8-sig"))
    return len(rows)
