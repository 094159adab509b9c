"""Retention: the change log is pruned once every active branch has it and time has passed.

A change is pruned when its sequence is at or below the cursor of every branch that is
still active (seen within the retention period and not left) and it, and every change
before it, is older than the retention period (default 30 days). Nobody has to remember
it: a sync round prunes when the hub's ``hub_meta.pruned_at_ms`` is more than a day old
(:func:`prune_if_due`, whichever branch syncs first that day; the handshake already read
the meta, so a round on a day it was done costs nothing). ``crmdesk hub prune URL`` does
the same by hand, with its own period. ``hub_meta.pruned_to`` remembers the highest pruned
sequence; a branch whose cursor is below it was away too long and re-downloads a snapshot
(:func:`resnapshot`), after which its cursor is the head it started from, so it never
loops. Tombstones themselves stay in the hub's tables (an erased customer's tombstone is
what keeps the erasure from being undone), so a snapshot carries them too.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from crmdesk.store.db import Database
from crmdesk.sync import engine, join, state
from crmdesk.sync.hub_apply import HEAD_SQL, lock_log

log = logging.getLogger(__name__)
RETENTION = timedelta(days=30)
PRUNE_EVERY_MS = 24 * 3600 * 1000  # a sync round prunes the hub at most once a day


def tombstones_waiting(conn: Connection) -> int:
    """Deletions in the change log that some branch has not acknowledged or that are young."""
    value = conn.execute(
        text(
            "SELECT count(*) FROM hub_change WHERE op = 'd' OR cols ->> 'deleted' IN ('1', 'true')"
        )
    ).scalar()
    return int(value or 0)


def last_prune(conn: Connection) -> dict[str, Any]:
    """``pruned_at`` (ISO, UTC, or None before the first prune) and ``pruned_to``."""
    meta: dict[str, Any] = dict(
        conn.execute(
            text("SELECT key, value FROM hub_meta WHERE key IN ('pruned_at_ms', 'pruned_to')")
        ).all()
    )
    at_ms = meta.get("pruned_at_ms")
    at = (
        datetime.fromtimestamp(int(at_ms) / 1000, UTC).isoformat(timespec="seconds")
        if at_ms
        else None
    )
    return {"pruned_at": at, "pruned_to": int(meta.get("pruned_to") or 0)}


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
    # The first change still young, read from the old end of the log (a short scan when
    # the log is pruned regularly): everything below it is old enough.
    young = conn.execute(
        text("SELECT min(seq) FROM hub_change WHERE at >= now() - :r"), {"r": retention}
    ).scalar()
    upto = max(0, limit if young is None else min(limit, int(young) - 1))
    deleted = 0
    if upto:
        deleted = conn.execute(text("DELETE FROM hub_change WHERE seq <= :u"), {"u": upto}).rowcount
    if not deleted:
        upto = 0  # nothing left to drop: pruned_to stays where it is
    else:
        conn.execute(
            text(
                "INSERT INTO hub_meta (key, value) VALUES ('pruned_to', :u) ON CONFLICT (key) "
                "DO UPDATE SET value = GREATEST(hub_meta.value::bigint, CAST(:u AS bigint))::text"
            ),
            {"u": str(upto)},
        )
    conn.execute(text("DELETE FROM hub_batch WHERE at < now() - :r"), {"r": retention})
    conn.execute(
        text(
            "INSERT INTO hub_meta (key, value) VALUES ('pruned_at_ms', "
            "(extract(epoch FROM now()) * 1000)::bigint::text) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
    )
    return {"pruned": int(deleted), "pruned_to": upto}


def due(found: dict[str, Any]) -> bool:
    """Whether the hub was last pruned more than a day ago, from the handshake's reads
    (``hub_meta_`` and the hub's clock ``hub_now_ms_``): no query."""
    last = int((found.get("hub_meta_") or {}).get("pruned_at_ms") or 0)
    return int(found["hub_now_ms_"]) - last >= PRUNE_EVERY_MS


def prune_if_due(conn: Connection, found: dict[str, Any]) -> dict[str, int] | None:
    """The automatic prune of a sync round: when :func:`due`, prune under the log lock (a
    branch that pruned since this round's handshake wins: checked again under the lock).

    Housekeeping never fails the round that did the branch's work: a prune that cannot
    finish (the log lock held past ``lock_timeout`` by a huge push) is rolled back and
    left to the next round, which finds the hub still due."""
    if not due(found):
        return None
    try:
        return _prune_now(conn)
    except DBAPIError as error:
        log.warning("hub prune left for the next round (%s)", type(error.orig).__name__)
        return None


def _prune_now(conn: Connection) -> dict[str, int] | None:
    with conn.begin():
        lock_log(conn)
        again = conn.execute(
            text(
                "SELECT (extract(epoch FROM now()) * 1000)::bigint - coalesce("
                "(SELECT value::bigint FROM hub_meta WHERE key = 'pruned_at_ms'), 0)"
            )
        ).scalar()
        if int(again or 0) < PRUNE_EVERY_MS:
            return None
        return prune(conn)


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
