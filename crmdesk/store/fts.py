"""The file's full-text indexes (FTS5), and remaking them in one pass after a bulk load.

Triggers (migrations 0001, 0005, 0015) keep each index current row by row: the insert
trigger numbers the row (``search_rowid``, the FTS rowid) and indexes its text. A bulk
load that sets those triggers aside (a hub's snapshot into an empty file, see
:mod:`crmdesk.sync.snapshot_load`) numbers its rows itself and remakes every index here
at the end, from the same text the triggers index: one pass over each table instead of
an index update per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FtsIndex:
    name: str  # the FTS5 table
    table: str  # the table it indexes, numbered by its search_rowid column
    #: the indexed text for a contentless index (content=''), None for an external-content
    #: one (content='<table>'), which FTS5 rebuilds from its table itself
    text: str | None


INDEXES = (
    FtsIndex("customer_fts", "customer", None),
    FtsIndex("customer_name_fts", "customer", "name_key || '|' || company_key"),
    FtsIndex("inquiry_fts", "inquiry", None),
)


def feeding_triggers(raw: Any) -> list[str]:
    """The names of the triggers that keep the FTS indexes current (``<index>_...``)."""
    names = [
        name
        for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        if any(name.startswith(f"{index.name}_") for index in INDEXES)
    ]
    return sorted(names)


def number_rows(raw: Any, table: str, start: int | None = None) -> int:
    """Give every row of ``table`` without a ``search_rowid`` the next free numbers (as the
    insert trigger would, one statement for them all); returns how many were numbered."""
    top = start if start is not None else next_rowid(raw, table) - 1
    ids = [i for (i,) in raw.execute(f'SELECT id FROM "{table}" WHERE search_rowid IS NULL')]
    raw.executemany(
        f'UPDATE "{table}" SET search_rowid = ? WHERE id = ?',
        [(top + n, row_id) for n, row_id in enumerate(ids, start=1)],
    )
    return len(ids)


def next_rowid(raw: Any, table: str) -> int:
    """The number the next row of ``table`` takes (its unique index answers at once)."""
    top = raw.execute(f'SELECT max(search_rowid) FROM "{table}"').fetchone()[0]
    return int(top or 0) + 1


def rebuild(raw: Any) -> None:
    """Every FTS index made afresh from its table (rows numbered first)."""
    for table in sorted({index.table for index in INDEXES}):
        number_rows(raw, table)
    for index in INDEXES:
        if index.text is None:
            raw.execute(f"INSERT INTO {index.name}({index.name}) VALUES ('rebuild')")
            continue
        raw.execute(f"INSERT INTO {index.name}({index.name}) VALUES ('delete-all')")
        raw.execute(
            f"INSERT INTO {index.name}(rowid, {_column(raw, index)}) "
            f'SELECT search_rowid, {index.text} FROM "{index.table}"'
        )


def _column(raw: Any, index: FtsIndex) -> str:
    """The one indexed column of ``index``."""
    (name,) = [row[1] for row in raw.execute(f"PRAGMA table_info({index.name})")]
    return str(name)
