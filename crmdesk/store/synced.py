"""What syncs, read from the models: the one place that says which tables and columns travel.

It lives in the store (not in crmdesk.sync) because the capture triggers built from it are
recreated after every migration, also by a crmdesk that never imports the sync engine.

Every table of the schema is one of three kinds, decided here and nowhere else:

- **row tables**: the models in ``SYNCED_TABLES`` (a text ``id`` primary key, ``hlc``,
  ``origin``, ``deleted``). Each column merges on its own by last-writer-wins.
- **link tables**: a table whose primary key is made of foreign keys to row tables and
  that has no ``id`` of its own (a customer's tags). A link row is present or absent; it
  merges as a set (the latest add or remove of each pair wins).
- **local tables**: :data:`LOCAL_TABLES`, per computer by nature (audit log, merge undo,
  settings, the sync engine's own bookkeeping). Never captured, never sent.

A column marked ``info={"sync": "local"}`` in the models is derived per file (search
keys, FTS rowids): it is neither captured nor sent, and the sync engine
recomputes it after sync applies a change. A test fails when a table of the schema is
none of the three kinds, so a new table cannot be forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Column, Table, UniqueConstraint

from crmdesk.store.models import SYNCED_TABLES, Base, Synced

#: Tables that stay on their computer (the sync engine's own tables start with sync_).
LOCAL_TABLES = frozenset(
    {"audit_log", "merge_undo", "settings", "alembic_version", "pin_attempt", "customer_outlook"}
)
LOCAL_PREFIXES = ("sync_", "sqlite_", "customer_fts", "inquiry_fts")

#: Row metadata that travels with every change rather than as a column of it.
META_COLUMNS = ("hlc", "origin")

#: Natural keys: unique columns people read. "merge" keys (a tag name) mean the same
#: thing when two branches create them offline: the rows become one. "rename" keys
#: (a customer number) name different things: the later one is renamed and flagged.
MERGE_KEYS = frozenset({"name", "code"})

ROW, LINK = "row", "link"


@dataclass(frozen=True)
class SyncedTable:
    name: str
    kind: str  # ROW | LINK
    columns: tuple[str, ...]  # every synced column (meta columns excluded)
    key: tuple[str, ...]  # the primary key columns
    unique: tuple[tuple[str, ...], ...]  # single-column natural keys
    local: tuple[str, ...]  # derived columns recomputed per file

    @property
    def table(self) -> Table:
        return Base.metadata.tables[self.name]

    def column(self, name: str) -> Column[object]:
        return self.table.c[name]

    def row_id(self, values: dict[str, object]) -> str:
        """The text id of a row in the outbox and change log ("a|b" for a link row)."""
        return "|".join(str(values[k]) for k in self.key)

    def key_values(self, row_id: str) -> dict[str, str]:
        parts = row_id.split("|") if self.kind == LINK else [row_id]
        return dict(zip(self.key, parts, strict=True))

    def merges_on(self, column: str) -> bool:
        return column in MERGE_KEYS


def is_local_column(column: Column[object]) -> bool:
    return column.info.get("sync") == "local"


def _is_link(table: Table) -> bool:
    keys = list(table.primary_key.columns)
    return len(keys) > 1 and "id" not in table.c and all(c.foreign_keys for c in keys)


def is_local_table(name: str) -> bool:
    return name in LOCAL_TABLES or name.startswith(LOCAL_PREFIXES)


def _describe(table: Table, kind: str) -> SyncedTable:
    local = tuple(c.name for c in table.c if is_local_column(c))
    columns = tuple(c.name for c in table.c if c.name not in local and c.name not in META_COLUMNS)
    unique: list[tuple[str, ...]] = []
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint) and len(constraint.columns) == 1:
            (col,) = constraint.columns
            if col.name not in local:
                unique.append((col.name,))
    for col in table.c:
        if col.unique and col.name not in local and (col.name,) not in unique:
            unique.append((col.name,))
    keys = tuple(c.name for c in table.primary_key.columns)
    return SyncedTable(table.name, kind, columns, keys, tuple(unique), local)


@cache
def synced_tables() -> tuple[SyncedTable, ...]:
    """Every synced table in foreign-key order (parents before children)."""
    # Every model with the Synced columns syncs, listed in SYNCED_TABLES or not.
    rows = set(SYNCED_TABLES) | {
        str(m.persist_selectable.description)
        for m in Base.registry.mappers
        if issubclass(m.class_, Synced)
    }
    out: list[SyncedTable] = []
    for table in Base.metadata.sorted_tables:
        if table.name in rows:
            out.append(_describe(table, ROW))
        elif not is_local_table(table.name) and _is_link(table):
            out.append(_describe(table, LINK))
    return tuple(out)


@cache
def by_name() -> dict[str, SyncedTable]:
    return {t.name: t for t in synced_tables()}


def unclassified() -> list[str]:
    """Tables of the schema that are neither synced nor local (a test keeps this empty)."""
    known = set(by_name())
    return sorted(
        t.name
        for t in Base.metadata.sorted_tables
        if t.name not in known and not is_local_table(t.name)
    )


def local_columns() -> dict[str, set[str]]:
    """Per synced table, the columns that are per file (for comparing files in tests)."""
    return {t.name: set(t.local) for t in synced_tables() if t.local}
