"""Values on the wire: SQLite's storage form (text dates, 0/1 booleans, integer yen).

A branch sends what its file stores; the hub turns it into PostgreSQL's types for its
tables and back again for a snapshot. Money and points stay integers end to end.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Table

from crmdesk.store.types import UTCDateTime

SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"


def _kind(table: Table, col: str) -> type | None:
    kind = table.c[col].type
    if isinstance(kind, UTCDateTime | DateTime):
        return datetime
    if isinstance(kind, Date):
        return date
    if isinstance(kind, Boolean):
        return bool
    if isinstance(kind, Integer):
        return int
    return None


def to_hub(table: Table, col: str, value: Any) -> Any:
    """A wire value as PostgreSQL takes it for ``table.col``."""
    if value is None:
        return None
    kind = _kind(table, col)
    if kind is datetime:
        return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if kind is date:
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if kind is bool:
        return bool(int(value)) if not isinstance(value, str) else value not in ("0", "")
    if kind is int:
        return int(value)
    return value


def from_hub(value: Any) -> Any:
    """A PostgreSQL value in SQLite's storage form."""
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).strftime(SQLITE_DATETIME)
    if isinstance(value, date):
        return value.isoformat()
    return value
