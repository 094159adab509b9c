"""What the owner needs beside a sync conflict to decide it (read-only).

The engine (``crmdesk.sync.api.conflicts``) says which row and field, both values, and
which branch and staff made each; this module says whose row it is (customer number and
name), words branch and staff ids as names, and lists the point entries behind a
balance a merge drove below zero, each with the branch of its purchase.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core.hlc import wall_time
from crmdesk.core.names import person_name
from crmdesk.store.models import Branch, Customer, PointEntry, Purchase, Staff


@dataclass(frozen=True)
class EntryLine:
    occurred_at: datetime
    kind: str
    points: int
    balance: int
    branch: str  # the branch of the purchase behind the entry ("" when none)
    staff: str
    note: str


def customer_label(session: Session, customer_id: str) -> str:
    """``"000123 山田 花子"`` (number and name), or "" for no such customer."""
    row = session.execute(
        select(Customer.customer_number, Customer.family_name, Customer.given_name).where(
            Customer.id == customer_id
        )
    ).first()
    if row is None:
        return ""
    return f"{row[0]} {person_name(row[1], row[2])}".strip()


def branch_label(session: Session, ref: str | None) -> str:
    """A branch id or code as ``"name（code）"``; the reference itself when unknown."""
    if not ref:
        return ""
    row = session.execute(
        select(Branch.code, Branch.name).where((Branch.id == ref) | (Branch.code == ref))
    ).first()
    return f"{row[1]}（{row[0]}）" if row else ref


def staff_label(session: Session, ref: str | None) -> str:
    """A staff id as the staff member's name; anything else as given."""
    if not ref:
        return ""
    name = session.scalar(select(Staff.name).where(Staff.id == ref))
    return name or ref


hlc_time = wall_time  # the inbox's name for it


def entries_behind(session: Session, customer_id: str, *, limit: int = 50) -> list[EntryLine]:
    """The customer's newest point entries, newest first, with the running balance."""
    rows = session.execute(
        select(
            PointEntry.occurred_at,
            PointEntry.kind,
            PointEntry.points,
            Branch.code,
            Branch.name,
            Staff.name,
            PointEntry.note,
        )
        .outerjoin(Purchase, Purchase.id == PointEntry.purchase_id)
        .outerjoin(Branch, Branch.id == Purchase.branch_id)
        .outerjoin(Staff, Staff.id == PointEntry.staff_id)
        .where(PointEntry.customer_id == customer_id, ~PointEntry.deleted)
        .order_by(PointEntry.occurred_at, PointEntry.id)
    ).all()
    lines: list[EntryLine] = []
    balance = 0
    for at, kind, points, code, name, staff, note in rows:
        balance += points
        branch = f"{name}（{code}）" if code else ""
        lines.append(EntryLine(at, kind, points, balance, branch, staff or "", note or ""))
    return lines[::-1][:limit]
