"""What the hub's apply reads and writes, fetched and written a batch at a time.

One push batch is up to a thousand changes; reading each row and its clocks on its own,
and writing each insert on its own, would cost several round trips per change. Before a
batch is applied its rows, their column clocks, the natural keys its inserts bring and the
customers merged away are read in a few queries; inserts, updates and clocks are kept and
written at :meth:`HubCache.flush` (new rows with COPY, the rest with executemany). Every
read goes through the cache, so the rules in :mod:`crmdesk.sync.hub_apply` see their own
writes. Anything that runs plain
SQL over many rows (following a merge, renaming a number) flushes first.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Table, text

from crmdesk.store.synced import LINK, SyncedTable, by_name
from crmdesk.sync import wire
from crmdesk.sync.hub_schema import data_tables
from crmdesk.sync.outbox import Change
from crmdesk.sync.pgcopy import any_text, copy_rows, texts

MISSING = object()


class HubCache:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.tables: dict[str, Table] = data_tables()
        self.reset()

    def reset(self) -> None:
        self.rows: dict[tuple[str, str], dict[str, Any] | None] = {}
        self.clocks: dict[tuple[str, str], dict[str, str]] = {}
        self.unique: dict[tuple[str, str, Any], str | None] = {}
        self.merged: dict[str, str] = {
            i: m
            for i, m in self.conn.execute(
                text("SELECT id, merged_into_id FROM customer WHERE merged_into_id IS NOT NULL")
            )
        }
        self.new_rows: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self.changed: dict[tuple[str, str], dict[str, Any]] = {}
        self.clock_writes: dict[tuple[str, str, str], str] = {}

    # --- reading ---------------------------------------------------------------------------
    def prefetch(self, changes: list[Change]) -> None:
        by_table: dict[str, set[str]] = defaultdict(set)
        for change in changes:
            by_table[change.tbl].add(change.row_id)
        for tbl, ids in by_table.items():
            table = by_name().get(tbl)
            if table is None:
                continue
            id_list = sorted(ids)
            for row_id in id_list:
                self.rows.setdefault((tbl, row_id), None)
                self.clocks.setdefault((tbl, row_id), {})
            if table.kind == LINK:
                first = table.key[0]
                firsts = sorted({table.key_values(i)[first] for i in id_list})
                found = self.conn.execute(
                    text(f'SELECT * FROM "{tbl}" WHERE "{first}" = {any_text("v")}'),
                    {"v": texts(firsts)},
                ).mappings()
            else:
                found = self.conn.execute(
                    text(f'SELECT * FROM "{tbl}" WHERE id = {any_text("v")}'),
                    {"v": texts(id_list)},
                ).mappings()
            for row in found:
                self.rows[(tbl, table.row_id(dict(row)))] = dict(row)
            for row_id, col, hlc in self.conn.execute(
                text(
                    "SELECT row_id, col, hlc FROM hub_clock WHERE tbl = :t "
                    f"AND row_id = {any_text('v')}"
                ),
                {"t": tbl, "v": texts(id_list)},
            ):
                self.clocks.setdefault((tbl, row_id), {})[col] = hlc
            self._prefetch_unique(table, [c for c in changes if c.tbl == tbl and c.op == "i"])

    def _prefetch_unique(self, table: SyncedTable, inserts: list[Change]) -> None:
        hub_table = self.tables[table.name]
        for (col,) in table.unique:
            values = {wire.to_hub(hub_table, col, c.cols[col]) for c in inserts if c.cols.get(col)}
            if not values:
                continue
            for value in values:
                self.unique[(table.name, col, value)] = None
            ordered = sorted(values, key=str)
            if all(isinstance(v, str) for v in ordered):
                query = f'SELECT "{col}", id FROM "{table.name}" WHERE "{col}" = {any_text("v")}'
                params: dict[str, Any] = {"v": texts(ordered)}
            else:
                query = f'SELECT "{col}", id FROM "{table.name}" WHERE "{col}" = ANY(:v)'
                params = {"v": ordered}
            for value, row_id in self.conn.execute(text(query), params):
                self.unique[(table.name, col, value)] = row_id

    def row(self, table: SyncedTable, row_id: str) -> dict[str, Any] | None:
        key = (table.name, row_id)
        if key not in self.rows:
            keys = table.key_values(row_id)
            where = " AND ".join(f'"{k}" = :{k}' for k in keys)
            found = self.conn.execute(
                text(f'SELECT * FROM "{table.name}" WHERE {where}'), keys
            ).mappings()
            first = found.first()
            self.rows[key] = dict(first) if first is not None else None
        found_row = self.rows[key]
        return dict(found_row) if found_row is not None else None

    def clocks_of(self, tbl: str, row_id: str) -> dict[str, str]:
        key = (tbl, row_id)
        if key not in self.clocks:
            rows = self.conn.execute(
                text("SELECT col, hlc FROM hub_clock WHERE tbl = :t AND row_id = :r"),
                {"t": tbl, "r": row_id},
            )
            self.clocks[key] = {c: h for c, h in rows}
        return self.clocks[key]

    def holder(self, table: SyncedTable, col: str, value: Any) -> str | None:
        """The id of the row that holds ``value`` in the unique column ``col``."""
        key = (table.name, col, value)
        if key not in self.unique:
            self.unique[key] = self.conn.execute(
                text(f'SELECT id FROM "{table.name}" WHERE "{col}" = :v'), {"v": value}
            ).scalar()
        return self.unique[key]

    def survivor(self, customer_id: str | None) -> str | None:
        seen: set[str] = set()
        while customer_id and customer_id in self.merged and customer_id not in seen:
            seen.add(customer_id)
            customer_id = self.merged[customer_id]
        return customer_id

    # --- writing ---------------------------------------------------------------------------
    def insert(self, table: SyncedTable, values: dict[str, Any]) -> None:
        row_id = table.row_id(values)
        self.new_rows[table.name][row_id] = dict(values)
        self.rows[(table.name, row_id)] = dict(values)
        for (col,) in table.unique:
            if values.get(col) is not None:
                self.unique[(table.name, col, values[col])] = row_id

    def update(self, table: SyncedTable, row_id: str, values: dict[str, Any]) -> None:
        pending = self.new_rows[table.name].get(row_id)
        if pending is not None:
            pending.update(values)
        else:
            self.changed.setdefault((table.name, row_id), {}).update(values)
        current = self.rows.get((table.name, row_id))
        if current is not None:
            current.update(values)
        if "merged_into_id" in values and values["merged_into_id"]:
            self.merged[row_id] = values["merged_into_id"]

    def set_clock(self, tbl: str, row_id: str, col: str, hlc: str) -> None:
        clocks = self.clocks_of(tbl, row_id)
        if hlc > clocks.get(col, ""):
            clocks[col] = hlc
            self.clock_writes[(tbl, row_id, col)] = hlc

    def flush(self) -> None:
        for name in [t.name for t in by_name().values()]:
            rows = self.new_rows.get(name)
            if not rows:
                continue
            groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
            for values in rows.values():
                groups[tuple(sorted(values))].append(values)
            for cols, group in groups.items():
                copy_rows(self.conn, name, cols, ([v[c] for c in cols] for v in group))
        self.new_rows.clear()
        updates: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
        for (tbl, row_id), values in self.changed.items():
            updates[(tbl, tuple(sorted(values)))].append({**values, "_id": row_id})
        for (tbl, cols), params in updates.items():
            sets = ", ".join(f'"{c}" = :{c}' for c in cols)
            self.conn.execute(text(f'UPDATE "{tbl}" SET {sets} WHERE id = :_id'), params)
        self.changed.clear()
        if self.clock_writes:
            self.conn.execute(
                text(
                    "INSERT INTO hub_clock (tbl, row_id, col, hlc) VALUES (:t, :r, :c, :h) "
                    "ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc "
                    "WHERE hub_clock.hlc < excluded.hlc"
                ),
                [{"t": t, "r": r, "c": c, "h": h} for (t, r, c), h in self.clock_writes.items()],
            )
            self.clock_writes.clear()

    def forget(self, table: SyncedTable, row_id: str) -> None:
        """A row removed by plain SQL (a link row): drop it from the cache."""
        self.rows[(table.name, row_id)] = None
