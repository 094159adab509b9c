"""Retention: the change log is pruned once every active branch has it and time has passed.

A change is pruned when its sequence is at or below the cursor of every branch that is
still active (seen within the retention period and not left) and it is older than the
retention period (default 30 days). ``hub_meta.pruned_to`` remembers the highest pruned
sequence; a branch whose cursor is below it was away too long and re-downloads a snapshot
(:func:`resnapshot`), after which its cursor is the head it started from, so it never
loops. Tombstones themselves stay in the hub's tables (an erased customer's tombstone is
what keeps the erasure from being undone), so a snapshot carries them too.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, text

from crmdesk.store.db import Database
from crmdesk.sync import engine, join, state
from crmdesk.sync.hub_apply import HEAD_SQL, lock_log

RETENTION = timedelta(days=30)


def tombstones_waiting(conn: Connection) -> int:
    """Deletions in the change log that some branch has not acknowledged or that are young."""
    value = conn.execute(
        text(
            "SELECT count(*) FROM hub_change WHERE op = 'd' OR cols ->> 'deleted' IN ('1', 'true')"
        )
    ).scalar()
    return int(value or 0)


def prune(conn: Connection, retention: timedelta = RETENTION) -> dict[str, int]:
    """Delete change-log rows every active branch has and older than ``retention``."""
    lock_log(conn)
    active_cursor = conn.execute(
        text(
            "SELECT min(cursor) FROM hub_branch WHERE left_at IS NULL AND "
            "coalesce(last_seen, joined_at) > now() - :r"
        ),
        {"r": retention},
    ).scalar()
    head = int(conn.execute(text(HEAD_SQL)).scalar() or 0)
    limit = head if active_cursor is None else int(active_cursor)
    upto = conn.execute(
        text("SELECT coalesce(max(seq), 0) FROM hub_change WHERE seq <= :l AND at < now() - :r"),
        {"l": limit, "r": retention},
    ).scalar()
    upto = int(upto or 0)
    deleted = 0
    if upto:
        deleted = conn.execute(text("DELETE FROM hub_change WHERE seq <= :u"), {"u": upto}).rowcount
        conn.execute(
            text(
                "INSERT INTO hub_meta (key, value) VALUES ('pruned_to', :u) ON CONFLICT (key) "
                "DO UPDATE SET value = GREATEST(hub_meta.value::bigint, CAST(:u AS bigint))::text"
            ),
            {"u": str(upto)},
        )
    conn.execute(text("DELETE FROM hub_batch WHERE at < now() - :r"), {"r": retention})
    return {"pruned": int(deleted), "pruned_to": upto}


def resnapshot(db: Database, conn: Connection, st: dict[str, Any], progress: Any) -> None:
    """Download the hub's rows again (the cursor fell below what the hub keeps), once."""
    with conn.begin():
        head = int(conn.execute(text(HEAD_SQL)).scalar() or 0)
    with db.transaction() as session:
        state.put(
            session.connection(),
            "join",
            {"phase": "resnapshot", "head": head, "table": 0, "last": None},
        )
    st = engine.local_state(db)
    join.download(db, conn, st, progress, 5000, engine.branch_codes(conn))
    st_after = engine.local_state(db)
    st.update(st_after)
