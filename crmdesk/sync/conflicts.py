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

from sqlalchemy import text

from crmdesk.core.errors import DomainError
from crmdesk.store.db import Database
from crmdesk.store.synced import by_name
from crmdesk.sync.engine import now_iso


def _entry(row: Any) -> dict[str, Any]:
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
        "mine_staff": None,
        "theirs_staff": None,
        "at": row["at"],
        "resolved": row["resolved_at"] is not None,
        "resolution": row["resolution"],
    }


def listing(db: Database, *, include_resolved: bool = False) -> list[dict[str, Any]]:
    where = "" if include_resolved else "WHERE resolved_at IS NULL"
    with db.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT * FROM sync_conflict {where} ORDER BY at, id")).mappings()
        return [_entry(r) for r in rows]


def resolve(db: Database, conflict_id: str, keep: Literal["mine", "theirs"]) -> dict[str, Any]:
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
                    text(
                        f'UPDATE "{table.name}" SET "{row["col"]}" = :v, hlc = :h, origin = :o '
                        "WHERE id = :i"
                    ),
                    {"v": json.loads(row["mine"]), "h": stamp, "o": db.node_id, "i": row["row_id"]},
                )
                if table.name == "customer":
                    from crmdesk.sync import derived

                    touched = derived.Touched()
                    touched.note("customer", {"id": row["row_id"]})
                    derived.refresh(conn, touched)
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
        return _entry(after)
