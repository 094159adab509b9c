"""A branch's sync state, read from its own file: no hub, no network.

The window reads it at start-up and after every write, so it imports only what reading
the file needs (the state and the outbox), not the engine, the hub code or psycopg: those
load when a sync runs. :mod:`crmdesk.sync.api` re-exports :func:`status`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from crmdesk.store.db import Database
from crmdesk.sync import outbox, state

RETRY_MIN_S, RETRY_MAX_S = 5, 300


def retry_in(failures: int) -> int:
    """Seconds to wait before the next automatic try after ``failures`` failures in a row."""
    if failures <= 0:
        return 0
    return int(min(RETRY_MAX_S, RETRY_MIN_S * 2 ** (failures - 1)))


def status(db: Database) -> dict[str, Any]:
    with db.engine.connect() as conn:
        st = state.all_state(conn)
        waiting = outbox.waiting(conn)
        rejected = int(conn.execute(text("SELECT count(*) FROM sync_rejected")).scalar() or 0)
        open_conflicts = int(
            conn.execute(
                text("SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL")
            ).scalar()
            or 0
        )
    error = st.get("last_error")
    return {
        "joined": bool(st.get("branch_id")) and not st.get("join"),
        "joining": bool(st.get("join")),
        "hub": st.get("hub"),
        "branch_code": st.get("branch_code"),
        "branch_id": st.get("branch_id"),
        "node_id": db.node_id,
        "epoch": st.get("epoch"),
        "waiting": waiting,
        "rejected": rejected,
        "conflicts": open_conflicts,
        "last_sync_at": st.get("last_sync_at"),
        "last_error": ({k: error[k] for k in ("code", "message", "message_ja")} if error else None),
        "retry_in": retry_in(int(st.get("failures", 0))),
        "cursor": int(st.get("cursor", 0) or 0),
        "warnings": st.get("warnings") or [],  # the last round's (insecure_hub)
    }
