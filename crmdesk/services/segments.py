"""Segments: saved filters over customers, counted live and listed as members.

A segment is a name and a condition tree (see :mod:`crmdesk.core.segments`) stored as
JSON; :mod:`crmdesk.services.segment_sql` turns the tree into one query.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crmdesk.core import segments as rules
from crmdesk.core.clock import local_today
from crmdesk.core.errors import DomainError, NotFoundError, ValidationError
from crmdesk.services import audit
from crmdesk.services.segment_sql import customer_query
from crmdesk.store.models import Customer, Segment


@dataclass(frozen=True)
class SegmentInfo:
    id: str
    name: str
    description: str
    definition: dict[str, Any]
    updated_at: datetime | None = None
    count: int | None = None
    changed: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "definition": self.definition,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }
        if self.count is not None:
            data["count"] = self.count
        return data


def _info(segment: Segment, count: int | None = None) -> SegmentInfo:
    return SegmentInfo(
        id=segment.id,
        name=segment.name,
        description=segment.description,
        definition=json.loads(segment.definition or "{}") or rules.empty_tree(),
        updated_at=segment.updated_at,
        count=count,
    )


def count_segment(session: Session, tree: dict[str, Any], *, today: date | None = None) -> int:
    """How many customers a (possibly unsaved) tree selects: the live count."""
    clean = rules.validate_tree(tree)
    query = customer_query(session, clean, today or local_today()).with_only_columns(
        func.count(Customer.id)
    )
    return session.scalar(query.order_by(None)) or 0


def member_query(
    session: Session,
    tree: dict[str, Any],
    *,
    today: date | None = None,
    include_erased: bool = False,
) -> Any:
    clean = rules.validate_tree(tree)
    return customer_query(session, clean, today or local_today(), include_erased=include_erased)


def members(
    session: Session,
    tree: dict[str, Any],
    *,
    today: date | None = None,
    include_erased: bool = False,
    limit: int | None = None,
) -> list[Customer]:
    """The customers a tree selects, by customer number."""
    query = member_query(session, tree, today=today, include_erased=include_erased)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def segment_member_ids(session: Session, ref: str, *, today: date | None = None) -> list[str]:
    """The ids of a saved segment's members today (by name or id), by customer number."""
    segment = get_segment(session, ref)
    query = member_query(session, segment.definition, today=today)
    return list(session.scalars(query.with_only_columns(Customer.id)))


def save_segment(
    session: Session,
    name: str,
    tree: dict[str, Any],
    *,
    description: str = "",
    segment_id: str | None = None,
    actor: str = "",
) -> SegmentInfo:
    """Create a segment, or replace the one with ``segment_id``; the name is unique."""
    name = (name or "").strip()
    if not name:
        raise ValidationError([DomainError("required", field="segment_name")])
    if len(name) > 100:
        raise ValidationError([DomainError("too_long", field="segment_name", max=100)])
    clean = rules.validate_tree(tree)
    same_name = session.scalar(select(Segment).where(Segment.name == name))
    if segment_id is not None:
        segment = session.get(Segment, segment_id)
        if segment is None or segment.deleted:
            raise NotFoundError("segment_not_found", field="segment", ref=segment_id)
        if same_name is not None and same_name.id != segment.id:
            if not same_name.deleted:
                raise ValidationError(
                    [DomainError("segment_name_taken", field="segment_name", name=name)]
                )
            same_name.name = f"{same_name.name}~{same_name.id[-8:]}"  # free a deleted one's name
            session.flush()
    elif same_name is not None and not same_name.deleted:
        raise ValidationError([DomainError("segment_name_taken", field="segment_name", name=name)])
    elif same_name is not None:
        segment = same_name  # bring a deleted segment of that name back
        segment.deleted = False
    else:
        segment = Segment(name=name)
        session.add(segment)
    segment.name = name
    segment.description = description.strip()
    segment.definition = json.dumps(clean, ensure_ascii=False, sort_keys=True)
    session.flush()
    audit.record(session, "segment.save", entity="segment", entity_id=segment.id, actor=actor)
    return _info(segment)


def get_segment(session: Session, ref: str) -> SegmentInfo:
    """A segment by id or by name."""
    ref = (ref or "").strip()
    segment = session.get(Segment, ref)
    if segment is None or segment.deleted:
        segment = session.scalar(select(Segment).where(Segment.name == ref, ~Segment.deleted))
    if segment is None:
        raise NotFoundError("segment_not_found", field="segment", ref=ref)
    return _info(segment)


def list_segments(
    session: Session, *, with_counts: bool = False, today: date | None = None
) -> list[SegmentInfo]:
    rows = session.scalars(select(Segment).where(~Segment.deleted).order_by(Segment.name))
    out = []
    for segment in rows:
        info = _info(segment)
        count = count_segment(session, info.definition, today=today) if with_counts else None
        out.append(_info(segment, count))
    return out


def delete_segment(session: Session, ref: str, *, actor: str = "") -> str:
    """Tombstone a segment (mailings keep pointing at it)."""
    info = get_segment(session, ref)
    segment = session.get(Segment, info.id)
    assert segment is not None
    segment.deleted = True
    audit.record(session, "segment.delete", entity="segment", entity_id=segment.id, actor=actor)
    return segment.id
