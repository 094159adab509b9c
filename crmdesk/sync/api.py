"""The sync engine's facade: the CLI and the window call only this (see SYNC_API.md).

Every function raises :class:`crmdesk.core.errors.DomainError` with a stable code for
what a person can act on; ``sync_now`` also records the error (``status()["last_error"]``)
and a retry delay that doubles after each failure (5 s up to 5 min), so a window can keep
working offline and try again. Warnings (``insecure_hub``) come back in ``"warnings"``.

``sync_now`` and ``join`` keep their hub connection in the process's pool for the next
round (a window syncing every few minutes pays for connecting once; see
:mod:`crmdesk.sync.hub`); ``keep_connection=False`` (the CLI: one command, one process)
connects afresh and closes. A kept connection outlives a password changed on the hub
until the server drops it; a new connection asks for the password again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from crmdesk.core.errors import DomainError
from crmdesk.core.hlc import Timestamp
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.db import Database
from crmdesk.sync import conflicts as conflict_log
from crmdesk.sync import engine, hub, hub_schema, outbox, retention, snapshot_load, state, upload
from crmdesk.sync import join as joining
from crmdesk.sync.hub_apply import HEAD_SQL
from crmdesk.sync.status import RETRY_MAX_S as RETRY_MAX_S  # re-exported: the api's names
from crmdesk.sync.status import RETRY_MIN_S as RETRY_MIN_S
from crmdesk.sync.status import retry_in as retry_in
from crmdesk.sync.status import status as status

Progress = Callable[[str, int, int], None] | None
JOIN_BATCH = 5000  # a join's upload goes up in pages of this many changes


def init_hub(url: str) -> dict[str, Any]:
    """Create or migrate the hub schema; {"schema", "protocol"}."""
    with hub.connect(url, keep=False) as (_engine, conn), conn.begin():
        result = hub_schema.upgrade(conn)
    return {
        "schema": result["schema"],
        "protocol": result["protocol"],
        "data_revision": result["data_revision"],
    }


def hub_status(url: str) -> dict[str, Any]:
    with hub.connect(url, keep=False) as (_engine, conn):
        with conn.begin():
            found = hub_schema.check_compatible(conn)
            head = int(conn.execute(text(HEAD_SQL)).scalar() or 0)
            branches = []
            for row in conn.execute(text("SELECT * FROM hub_branch ORDER BY number")).mappings():
                waiting = conn.execute(
                    text(
                        "SELECT count(*) FROM hub_change WHERE seq > :c AND "
                        "(branch_id IS DISTINCT FROM :b)"
                    ),
                    {"c": row["cursor"], "b": row["id"]},
                ).scalar()
                branches.append(
                    {
                        "code": row["code"],
                        "name": row["name"],
                        "node_id": row["node_id"],
                        "number": row["number"],
                        "epoch": row["epoch"],
                        "last_seen": row["last_seen"].isoformat() if row["last_seen"] else None,
                        "cursor": int(row["cursor"]),
                        "lag": max(0, head - int(row["cursor"])),
                        "waiting_acks": int(waiting or 0),
                        "left": row["left_at"] is not None,
                    }
                )
            tombstones = retention.tombstones_waiting(conn)
            pruned = retention.last_prune(conn)
            revision = hub_schema.hub_revision(conn)
        warnings = hub.warnings_for(url, conn)
    return {
        "schema": revision,
        "protocol": int(found.get("protocol", 0)),
        "head_seq": head,
        "branches": branches,
        "tombstones": tombstones,
        **pruned,
        "warnings": warnings,
    }


def join(
    db: Database,
    url: str,
    *,
    branch_code: str,
    name: str,
    progress: Progress = None,
    page_size: int = 5000,
    keep_connection: bool = True,
) -> dict[str, Any]:
    start = time.monotonic()
    code = joining.check_code(branch_code)
    st = engine.local_state(db)
    if st.get("branch_id") and not st.get("join"):
        raise DomainError("already_joined", branch=st.get("branch_code", ""))
    if st.get("join") and st.get("branch_code") not in (None, code):
        raise DomainError("already_joined", branch=st.get("branch_code", ""))
    shown = hub.redact(url)
    resumed = bool(st.get("join"))
    with hub.connect(url, keep=keep_connection) as (_engine, conn):
        with conn.begin():
            hub_schema.check_compatible(conn)
        warnings = hub.warnings_for(url, conn)
        if not resumed:
            st = joining.register(db, conn, shown, code, name or code)
        uploaded = _waiting(db)
        codes = engine.branch_codes(conn)
        conn.commit()
        downloaded = joining.download(db, conn, st, progress, page_size, codes)
        upload.upload(db, conn, engine.local_state(db), progress)
        result = _round(db, conn, progress, max_batch=JOIN_BATCH)
    return {
        "branch_id": st["branch_id"],
        "branch_code": code,
        "uploaded": uploaded,
        "downloaded": downloaded,
        "resumed": resumed,
        "seconds": engine.elapsed(start),
        "warnings": warnings + result.warnings,
    }


def _waiting(db: Database) -> int:
    with db.engine.connect() as conn:
        return outbox.waiting(conn)


def _round(db: Database, conn: Any, progress: Progress, max_batch: int) -> engine.Round:
    st = engine.local_state(db)
    high = st.get("hlc_high")
    if high:
        db.clock.observe(Timestamp.decode(high))
    result = engine.Round()
    found = engine.handshake(db, conn, st)
    engine.push_all(db, conn, st, result, max_batch, progress)
    pruned = int(found["hub_meta_"].get("pruned_to") or 0)
    if int(st.get("cursor") or 0) < pruned:
        retention.resnapshot(db, conn, st, progress)
        conn.commit()
        st.update(engine.local_state(db))
    before = int(st.get("cursor") or 0)
    # Nothing sent and the log's head where this file already is: nothing to pull (a
    # change committed since the handshake is the next round's, as if it came just after).
    if result.pushed or result.rejected or int(found["hub_head_"] or 0) > before:
        engine.pull_all(db, conn, st, result, progress)
    if int(st.get("cursor") or 0) != before:  # the hub's lag figure follows what we have
        with conn.begin():
            conn.execute(
                text("UPDATE hub_branch SET cursor = :c WHERE id = :i"),
                {"c": int(st["cursor"]), "i": st["branch_id"]},
            )
    retention.prune_if_due(conn, found)  # at most once a day per hub, whoever syncs
    if result.pushed or result.pulled or not st.get("generation"):
        engine.renew_generation(db, conn, st)
    registry = _registry_if_stale(conn, st, moved=bool(result.pushed or result.pulled))
    warned = hub.warnings_for(str(st["hub"]), conn)  # kept for status
    with db.transaction() as session:
        local = session.connection()
        state.put(local, "last_sync_at", engine.now_iso())
        if warned != (st.get("warnings") or []):
            state.put(local, "warnings", warned)
        state.delete(local, "last_error", "failures")
        if registry is not None:
            state.put(local, "branches", registry)
    return result


REGISTRY_TTL_S = 60  # the branches panel's figures may be this old after a quiet round


def _read_registry(conn: Any) -> dict[str, Any]:
    """The hub's registry as the branches panel shows it (one snapshot)."""
    with conn.begin():
        head = int(conn.execute(text(HEAD_SQL)).scalar() or 0)
        rows = conn.execute(
            text(
                "SELECT id, code, name, last_seen, cursor, left_at FROM hub_branch ORDER BY number"
            )
        ).mappings()
        found = [
            {
                "id": r["id"],
                "code": r["code"],
                "name": r["name"],
                "last_seen": r["last_seen"].isoformat() if r["last_seen"] else None,
                "lag": max(0, head - int(r["cursor"] or 0)),
                "left": r["left_at"] is not None,
            }
            for r in rows
        ]
    return {"at": engine.now_iso(), "head": head, "rows": found}


def _registry_if_stale(conn: Any, st: dict[str, Any], *, moved: bool) -> dict[str, Any] | None:
    cached = st.get("branches") or {}
    try:
        age = time.time() - datetime.fromisoformat(str(cached.get("at"))).timestamp()
    except ValueError:
        age = float("inf")
    if not moved and age < REGISTRY_TTL_S:
        return None
    return _read_registry(conn)


def branches(db: Database, *, refresh: bool = False) -> dict[str, Any]:
    """The other branches of this hub for the window's panel: code, name, last seen (UTC),
    lag (changes on the hub that branch has not pulled) and whether it left.

    Reads what the last sync round cached (no network: fine on the UI thread);
    ``refresh=True`` asks the hub first and falls back to the cache when it cannot be
    reached (``offline: true``). ``at`` says when the figures were read from the hub.
    """
    st = engine.local_state(db)
    if not st.get("branch_id"):
        raise DomainError("not_joined")
    cached: dict[str, Any] | None = st.get("branches")
    offline = bool(st.get("last_error"))
    if refresh or cached is None:
        try:
            with hub.connect(str(st["hub"])) as (_engine, conn):
                cached = _read_registry(conn)
            offline = False
        except (DomainError, DBAPIError, OSError):
            offline = True
        else:
            with db.transaction() as session:
                state.put(session.connection(), "branches", cached)
    rows = (cached or {}).get("rows", [])
    return {
        "branches": [
            {k: r[k] for k in ("code", "name", "last_seen", "lag", "left")}
            for r in rows
            if r["id"] != st["branch_id"]
        ],
        "at": (cached or {}).get("at"),
        "offline": offline,
    }


def sync_now(
    db: Database,
    *,
    progress: Progress = None,
    max_batch: int = 1000,
    keep_connection: bool = True,
) -> dict[str, Any]:
    start = time.monotonic()
    st = engine.local_state(db)
    if not st.get("branch_id"):
        raise DomainError("not_joined")
    try:
        with hub.connect(str(st["hub"]), keep=keep_connection) as (_engine, conn):
            warnings = hub.warnings_for(str(st["hub"]), conn)
            if st.get("join"):
                joining.download(db, conn, st, progress, 5000, engine.branch_codes(conn))
                conn.commit()
            if st.get("upload"):
                upload.upload(db, conn, engine.local_state(db), progress)
            result = _round(db, conn, progress, max_batch)
    except DomainError as error:
        _record_failure(db, error)
        raise
    except (DBAPIError, OSError) as error:  # the line was cut mid-round: ConnectionError too
        failure = hub.translate(error)
        _record_failure(db, failure)
        raise failure from None
    with db.engine.connect() as local:
        cursor = state.get(local, "cursor", 0)
    return {
        "pushed": result.pushed,
        "pulled": result.pulled,
        "conflicts": result.conflicts,
        "rejected": result.rejected,
        "overdrafts": result.overdrafts,
        "seconds": engine.elapsed(start),
        "cursor": cursor,
        "warnings": warnings + result.warnings,
    }


def _record_failure(db: Database, error: DomainError) -> None:
    with db.transaction() as session:
        local = session.connection()
        failures = int(state.get(local, "failures", 0)) + 1
        state.put(local, "failures", failures)
        state.put(
            local,
            "last_error",
            {
                "code": error.code,
                "message": error.message("en"),
                "message_ja": error.message("ja"),
                "at": engine.now_iso(),
            },
        )


def conflicts(db: Database, *, include_resolved: bool = False) -> list[dict[str, Any]]:
    return conflict_log.listing(db, include_resolved=include_resolved)


def resolve(
    db: Database,
    conflict_id: str,
    keep: Literal["mine", "theirs"],
    *,
    actor: Actor = CLI_ACTOR,
) -> dict[str, Any]:
    """Settle a conflict; the audit entry (``sync.conflict_resolved``: ``actor``, the
    conflict, the side kept) is written in the same transaction."""
    return conflict_log.resolve(db, conflict_id, keep, actor=actor)


def leave(db: Database) -> None:
    """Stop syncing; the local file keeps every row (the hub marks the branch as left)."""
    st = engine.local_state(db)
    if not st.get("branch_id"):
        raise DomainError("not_joined")
    try:
        with hub.connect(str(st["hub"]), keep=False) as (_engine, conn), conn.begin():
            conn.execute(
                text("UPDATE hub_branch SET left_at = now() WHERE id = :i"), {"i": st["branch_id"]}
            )
    except DomainError:
        pass  # offline: the hub learns it when retention counts the branch as away
    with db.transaction() as session:
        local = session.connection()
        state.set_capture(local, False)
        snapshot_load.restore(local)  # a join left half way: its indexes come back
        local.execute(text("DELETE FROM sync_outbox"))
        local.execute(text("DELETE FROM sync_clock"))
        local.execute(text("DELETE FROM sync_state"))


def save_password(url: str, password: str) -> None:
    hub.save_password(url, password)


def prune_hub(url: str, *, days: int = 30) -> dict[str, Any]:
    """Retention: drop change-log rows every active branch has that are older than ``days``."""
    with hub.connect(url, keep=False) as (_engine, conn), conn.begin():
        hub_schema.check_compatible(conn)
        return retention.prune(conn, timedelta(days=days))
