"""The audit log: who did what, when, to how many rows. Never personal data."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.store.models import AuditLog


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
