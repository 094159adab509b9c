"""The conflict log a branch keeps: values that lost here to a concurrent edit elsewhere,
and customers whose merged point balance went below zero (two branches redeemed offline).

Resolving a field conflict with ``keep="mine"`` writes the lost value back as a new local
edit (captured and sent like any other, so every branch gets it); ``keep="theirs"`` keeps
what won. Either way the entry is marked resolved. An overdraft is never corrected by
sync: resolving it only says the owner has seen it (corrections are new ledger entries).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from sqlalchemy import Connection, text

from crmdesk.core.errors import DomainError
from crmdesk.core.hlc import wall_time
from crmdesk.services import audit
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.db import Database
from crmdesk.store.synced import by_name
from crmdesk.sync import derived
from crmdesk.sync.engine import now_iso


def _time(stamp: str | None) -> str | None:
    """The wall-clock moment of a stamp, ISO 8601 UTC (None when unknown)."""
    moment = wall_time(stamp)
    return moment.isoformat(timespec="seconds") if moment else None


def _customer_of(conn: Connection, tbl: str, row_id: str) -> str | None:
    """Whose row the conflict is about (a customer's own, or one naming her)."""
    if tbl == "customer":
        return row_id
    table = by_name().get(tbl)
    if table is None or "customer_id" not in table.table.c or "id" not in table.table.c:
        return None
    found = conn.execute(text(f'SELECT customer_id FROM "{tbl}" WHERE id = :i'), {"i": row_id})
    value = found.scalar()
    return str(value) if value else None


def _entry(row: Any, customer_id: str | None = None) -> dict[str, Any]:
    return {
        "id": row["id"],
        "kind": row["kind"],
        "table": row["tbl"],
        "row_id": row["row_id"],
        "column": row["col"],
        "mine": json.loads(row["mine"]),
        "theirs": json.loads(row["theirs"]),
        "mine_hlc": row["mine_hlc"],
        "theirs_hlc": row["theirs_hlc"],
        "mine_branch": row["mine_branch"],
        "theirs_branch": row["theirs_branch"],
        # Who: the staff member signed in where each side was made (None: nobody was, or
        # a shop without accounts), the branch and the moment.
        "mine_staff": row["mine_staff"],
        "theirs_staff": row["theirs_staff"],
        "mine_at": _time(row["mine_hlc"]),
        "theirs_at": _time(row["theirs_hlc"]),
        "customer_id": customer_id,
        "at": row["at"],
        "resolved": row["resolved_at"] is not None,
        "resolution": row["resolution"],
    }


def listing(db: Database, *, include_resolved: bool = False) -> list[dict[str, Any]]:
    where = "" if include_resolved else "WHERE resolved_at IS NULL"
    with db.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT * FROM sync_conflict {where} ORDER BY at, id")).mappings()
        return [_entry(r, _customer_of(conn, r["tbl"], r["row_id"])) for r in rows.all()]


def resolve(
    db: Database,
    conflict_id: str,
    keep: Literal["mine", "theirs"],
    *,
    actor: Actor = CLI_ACTOR,
) -> dict[str, Any]:
    """Settle one conflict, and leave the audit entry (who, which conflict, which side
    kept) in the same transaction. Settling one already settled changes nothing."""
    if keep not in ("mine", "theirs"):
        raise DomainError("invalid_choice", field="keep", choices="mine/theirs")
    with db.transaction() as session:
        conn = session.connection()
        row = (
            conn.execute(text("SELECT * FROM sync_conflict WHERE id = :i"), {"i": conflict_id})
            .mappings()
            .first()
        )
        if row is None:
            raise DomainError("conflict_not_found", ref=conflict_id)
        if row["kind"] == "field" and keep == "mine" and row["resolved_at"] is None:
            table = by_name().get(row["tbl"])
            if table is not None and row["col"] in table.table.c:
                stamp = db.clock.now().encode()
                conn.execute(
                    text(f'UPDATE "{table.name}" SET "{row["col"]}" = :v, hlc = :h WHERE id = :i'),
                    {"v": json.loads(row["mine"]), "h": stamp, "i": row["row_id"]},
                )
                if table.name == "customer":
                    touched = derived.Touched()
                    touched.note("customer", {"id": row["row_id"]})
                    derived.refresh(conn, touched)
        customer_id = _customer_of(conn, row["tbl"], row["row_id"])
        if row["resolved_at"] is None:
            audit.record(
                session,
                "sync.conflict_resolved",
                entity=str(row["tbl"]),
                entity_id=customer_id or str(row["row_id"]),
                actor=actor.audit_name,
                staff_id=actor.staff_id,
                conflict_id=conflict_id,
                column=row["col"],
                kind=row["kind"],
                keep=keep,
            )
        conn.execute(
            text(
                "UPDATE sync_conflict SET resolved_at = coalesce(resolved_at, :at), "
                "resolution = coalesce(resolution, :k) WHERE id = :i"
            ),
            {"at": now_iso(), "k": keep, "i": conflict_id},
        )
        after = (
            conn.execute(text("SELECT * FROM sync_conflict WHERE id = :i"), {"i": conflict_id})
            .mappings()
            .first()
        )
        return _entry(after, customer_id)
