"""Values on the wire: SQLite's storage form (text dates, 0/1 booleans, integer yen).

A branch sends what its file stores; the hub turns it into PostgreSQL's types for its
tables, and a snapshot reads them back in SQLite's form, converted by the server
(:func:`sqlite_sql`). Money and points stay integers end to end.

The conversion of a column is looked up once per table (:func:`converters`), so a join
moving a million rows pays a dictionary lookup per value, not a type inspection.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Table

from crmdesk.store.types import UTCDateTime

SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
Convert = Callable[[Any], Any]


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


def _datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _bool(value: Any) -> bool:
    return bool(int(value)) if not isinstance(value, str) else value not in ("0", "")


_TO_HUB: dict[type | None, Convert | None] = {
    datetime: _datetime,
    date: _date,
    bool: _bool,
    int: int,
    None: None,
}


@cache
def converters(table: Table) -> dict[str, Convert | None]:
    """Per column of a hub table, the function making a wire value PostgreSQL's (None:
    taken as it is)."""
    return {c.name: _TO_HUB[_kind(table, c.name)] for c in table.c}


def to_hub(table: Table, col: str, value: Any) -> Any:
    """A wire value as PostgreSQL takes it for ``table.col``."""
    if value is None:
        return None
    convert = converters(table)[col]
    return value if convert is None else convert(value)


def typed(table: Table, cols: dict[str, Any]) -> dict[str, Any]:
    """``cols`` as PostgreSQL takes them for ``table``; columns it lacks are left out."""
    convert = converters(table)
    out: dict[str, Any] = {}
    for col, value in cols.items():
        if col in convert:
            fn = convert[col]
            out[col] = value if value is None or fn is None else fn(value)
    return out


#: PostgreSQL expressions giving what :func:`from_hub` gives (a snapshot reads a million
#: values: converted by the server, not one Python call each). ``FMYYYY``: the year
#: unpadded below 1000, as :func:`_sqlite_datetime` writes it.
_SQLITE_SQL: dict[type | None, str] = {
    datetime: "to_char({}, 'FMYYYY-MM-DD HH24:MI:SS.US')",
    date: "to_char({}, 'YYYY-MM-DD')",
    bool: "CAST({} AS integer)",
    int: "{}",
    None: "{}",
}


def sqlite_sql(table: Table, col: str) -> str:
    """The select expression reading ``table.col`` of the hub in SQLite's storage form."""
    return _SQLITE_SQL[_kind(table, col)].format(f'"{col}"')


def from_hub(value: Any) -> Any:
    """A PostgreSQL value in SQLite's storage form."""
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, datetime):
        return _sqlite_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _sqlite_datetime(value: datetime) -> str:
    if value.year < 1000:  # strftime does not pad the year; isoformat does
        return value.replace(tzinfo=None).strftime(SQLITE_DATETIME)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")
