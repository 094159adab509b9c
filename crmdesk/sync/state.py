"""The branch's own sync bookkeeping (``sync_state``: key -> JSON), read and written locally.

Keys: ``hub`` (URL without password), ``branch_id``, ``branch_code``, ``branch_number``,
``epoch``, ``cursor`` (the last hub sequence applied; written in the same transaction as
the rows it brought), ``last_sync_at``, ``last_error``, ``failures`` (for the retry
backoff), ``join`` (a join's progress, so a killed join resumes), ``hlc_high`` (the
highest clock seen, so a restarted process never stamps below what it already saw),
``branches`` (the hub's registry as last read, for the branches panel when offline),
``upload`` (how far a join's bulk upload of the seeded outbox got: :mod:`upload`),
``snapshot_schema`` (the indexes and triggers a join's bulk download set aside, as SQL,
until it remakes them: :mod:`snapshot_load`).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, text

from crmdesk.core.errors import DomainError

STATE_KEYS = (
    "hub",
    "branch_id",
    "branch_code",
    "branch_number",
    "epoch",
    "cursor",
    "last_sync_at",
    "last_error",
    "failures",
    "join",
    "hlc_high",
    "branches",
    "upload",
    "snapshot_schema",
)


def get(conn: Connection, key: str, default: Any = None) -> Any:
    value = conn.execute(text("SELECT value FROM sync_state WHERE key = :k"), {"k": key}).scalar()
    return default if value is None else json.loads(value)


def put(conn: Connection, key: str, value: Any) -> None:
    conn.execute(
        text(
            "INSERT INTO sync_state (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"k": key, "v": json.dumps(value, ensure_ascii=False)},
    )


def delete(conn: Connection, *keys: str) -> None:
    for key in keys:
        conn.execute(text("DELETE FROM sync_state WHERE key = :k"), {"k": key})


def all_state(conn: Connection) -> dict[str, Any]:
    rows = conn.execute(text("SELECT key, value FROM sync_state"))
    return {k: json.loads(v) for k, v in rows}


def require_joined(conn: Connection) -> dict[str, Any]:
    found = all_state(conn)
    if not found.get("branch_id") or found.get("join", {}).get("phase") not in (None, "done"):
        if found.get("join"):
            return found  # a join under way: sync_now/join continue it
        raise DomainError("not_joined")
    return found


def set_capture(conn: Connection, on: bool) -> None:
    conn.execute(text("UPDATE sync_flag SET capture = :c"), {"c": 1 if on else 0})


def applying(conn: Connection, on: bool) -> None:
    """Inside the engine's apply transaction: nothing captured, ledgers take the hub's row."""
    conn.execute(
        text("UPDATE sync_flag SET capture = :c, applying = :a"),
        {"c": 0 if on else 1, "a": 1 if on else 0},
    )


def outbox_high(conn: Connection) -> int:
    """The highest outbox id ever given (AUTOINCREMENT keeps it after trimming)."""
    value = conn.execute(
        text("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'")
    ).scalar()
    return int(value or 0)
