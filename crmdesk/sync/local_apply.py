"""A branch applies what it pulled (or a snapshot page), inside one local transaction.

The same rules as the hub (:mod:`crmdesk.sync.hub_apply`), plus what only a branch has:
its own edits not yet sent. A column edited here and still in the outbox is newer than
anything the hub can send for it (the hub has not seen it), so it is kept; the hub will
take it. When an incoming value beats a value edited here that the sender had not seen
(its *base* differs), the value lost here goes to ``sync_conflict`` with both values,
stamps and branches: the owner can restore it (:mod:`crmdesk.sync.conflicts`).
Foreign keys are checked at commit (``PRAGMA defer_foreign_keys``), so a page may bring
children before parents.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, text

from crmdesk.core.hlc import HybridClock, Timestamp
from crmdesk.core.ids import new_id
from crmdesk.store import fts
from crmdesk.store.synced import LINK, SyncedTable, by_name
from crmdesk.sync import derived, links, state
from crmdesk.sync.hub_apply import REPLACE, STAFF_KEY, alias_refs, customer_refs
from crmdesk.sync.outbox import LINK_CLOCK

ROWID = "search_rowid"  # a row's number in the full-text index (crmdesk.store.fts)
ZERO = "0000000000000000-0000-"  # the stamp of a row that has none
PENDING = "\uffff"  # sorts above every stamp: an edit here that the hub has not seen
#: The page cache while a page is applied (KiB). SQLite's default (2 MB) cannot hold the
#: index pages a snapshot page of 5,000 ledger rows touches: the same inserts took twice
#: as long (measured). Set for the page, put back after it.
PAGE_CACHE_KIB = 65_536


@contextmanager
def roomy_cache(conn: Connection) -> Iterator[None]:
    """``conn``'s page cache at :data:`PAGE_CACHE_KIB` within the block."""
    raw: Any = conn.connection.dbapi_connection
    before = raw.execute("PRAGMA cache_size").fetchone()[0]
    raw.execute(f"PRAGMA cache_size = {-PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size = {int(before)}")


@cache
def _defaults_of(table: SyncedTable) -> dict[str, Any]:
    """The defaults of ``table``'s local (derived) columns."""
    out: dict[str, Any] = {}
    for name in table.local:
        col = table.column(name)
        # a Column default here is always a ColumnDefault (scalar or callable), never a
        # Sequence or server default, so it has .arg
        default = getattr(col.default, "arg", None)
        out[name] = default if not callable(default) else None
    return out


@dataclass
class Prepared:
    """A snapshot page's rows as they are inserted (see :func:`prepare_rows`)."""

    columns: tuple[str, ...]  # the INSERT's columns (then search_rowid when ``numbered``)
    rows: list[tuple[Any, ...]]  # aligned with the page's rows
    numbered: bool  # the page numbers its rows for the search (search_rowid)


def prepare_rows(table: SyncedTable, names: list[str], rows: list[tuple[Any, ...]]) -> Prepared:
    """Each snapshot row (its values in ``names`` order, then its stamp) as the tuple it is
    inserted as: the values, the local columns (a customer's search keys made from her
    fields) and ``hlc`` (``origin`` is computed from it). Depends on the rows alone, not on
    this file, so the join makes it on its reading thread while this file takes the page
    before (SQLite lets go of Python while it inserts)."""
    defaults = _defaults_of(table)
    local = [c for c in defaults if c not in names and c != ROWID]
    fixed = tuple(defaults[c] for c in local)
    keyed = table.name == "customer"
    out: list[tuple[Any, ...]] = []
    for row in rows:
        stamp = row[-1] or ZERO
        extra = fixed
        if keyed:
            keys = derived.customer_keys(dict(zip(names, row, strict=False)), [])
            extra = tuple(keys.get(c, d) for c, d in zip(local, fixed, strict=True))
        out.append(row[:-1] + extra + (stamp,))
    numbered = ROWID in defaults and ROWID not in names
    return Prepared((*names, *local, "hlc"), out, numbered)


class LocalView:
    """What every page of a pull or a snapshot needs to know of this file: the customers
    merged away and the edits not sent yet (:attr:`LocalApply.pending`).

    Read in full for the first page, then kept up to date from the outbox rows written
    since (every local write is captured there, in id order, and a page holds the write
    lock while it reads them): a snapshot of a hundred thousand customers is a few hundred
    pages, and reading every customer and the whole outbox again for each cost more than
    the page. A page that commits hands its own view back (:meth:`keep`); one that failed
    does not, so nothing it did leaks into the next.
    """

    def __init__(self) -> None:
        self.seen = -1  # the outbox id read up to (-1: nothing read yet)
        self.merged: dict[str, str] = {}
        self.pending: dict[tuple[str, str], frozenset[str]] = {}

    def load(
        self, conn: Connection
    ) -> tuple[dict[str, str], dict[tuple[str, str], frozenset[str]]]:
        """Brought up to date; returns copies for one page to change."""
        first = self.seen < 0
        if first:
            self.merged = {
                i: m
                for i, m in conn.execute(
                    text("SELECT id, merged_into_id FROM customer WHERE merged_into_id IS NOT NULL")
                )
            }
            self.seen = 0
        high = self.seen
        for seq, tbl, row_id, op, cols, unsent in conn.exec_driver_sql(
            "SELECT id, tbl, row_id, op, cols, base IS NULL FROM sync_outbox WHERE id > ? "
            "ORDER BY id",
            (self.seen,),
        ):
            high = seq
            table = by_name().get(tbl)
            if table is None:
                continue
            values = {} if table.kind == LINK else json.loads(cols)
            if not first and tbl == "customer" and "merged_into_id" in values:
                if values["merged_into_id"]:
                    self.merged[row_id] = str(values["merged_into_id"])
                else:
                    self.merged.pop(row_id, None)
            if not unsent:
                continue
            names = {LINK_CLOCK} if table.kind == LINK else set(values)
            if op == "i":
                names.add("*row")
            self.pending[(tbl, row_id)] = self.pending.get((tbl, row_id), frozenset()) | names
        self.seen = high
        return dict(self.merged), dict(self.pending)

    def keep(self, applier: LocalApply) -> None:
        """The page of ``applier`` committed: its view is the file's now."""
        self.merged, self.pending = applier.merged, applier.pending


class LocalApply:
    def __init__(
        self,
        conn: Connection,
        clock: HybridClock,
        branch_code: str,
        codes: dict[str, str],
        view: LocalView | None = None,
    ) -> None:
        self.conn, self.clock, self.code, self.codes = conn, clock, branch_code, codes
        self.node = clock.node
        self.touched = derived.Touched()
        self.points_of: set[str] = set()
        self.conflicts = 0
        self.refs = customer_refs()
        self.alias_cols = alias_refs()
        self.mark = state.outbox_high(conn)
        self.merged, self.pending = (view or LocalView()).load(conn)
        #: a bulk load (crmdesk.sync.snapshot_load): the rows inserted at once leave their
        #: owners' derived columns and every overdraft check to the load's end, which
        #: makes them for the whole file in one pass
        self.deferred = False
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")

    # --- reading -----------------------------------------------------------------------
    # Per-change reads and clock writes go straight to the sqlite3 connection (the same
    # one, so the same transaction): a pull applies thousands of them, and building a
    # SQLAlchemy result for each cost more than the query (measured: 2 ms a row read).
    def _raw(self) -> Any:
        return self.conn.connection.dbapi_connection

    def _row(self, table: SyncedTable, row_id: str) -> dict[str, Any] | None:
        keys = table.key_values(row_id)
        where = " AND ".join(f'"{k}" = ?' for k in keys)
        cur = self._raw().execute(
            f'SELECT * FROM "{table.name}" WHERE {where}', tuple(keys.values())
        )
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def _clock(self, tbl: str, row_id: str, col: str) -> tuple[str, int]:
        if col in self.pending.get((tbl, row_id), ()):
            return PENDING, self.mark
        found = (
            self._raw()
            .execute(
                "SELECT hlc, mark FROM sync_clock WHERE tbl = ? AND row_id = ? AND col = ?",
                (tbl, row_id, col),
            )
            .fetchone()
        )
        return (found[0], found[1]) if found else ("", 0)

    def _set_clock(self, tbl: str, row_id: str, col: str, hlc: str) -> None:
        self._raw().execute(
            "INSERT INTO sync_clock (tbl, row_id, col, hlc, mark) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc, "
            "mark = excluded.mark, staff_id = NULL WHERE excluded.hlc > sync_clock.hlc",
            (tbl, row_id, col, hlc, self.mark),
        )

    def _survivor(self, customer_id: str | None) -> str | None:
        seen: set[str] = set()
        while customer_id and customer_id in self.merged and customer_id not in seen:
            seen.add(customer_id)
            customer_id = self.merged[customer_id]
        return customer_id

    def insert_many(
        self, table: SyncedTable, changes: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Rows new to this file, nothing in the way: inserted at once. Returns the others."""
        if not changes:
            return []
        ids = [c["row_id"] for c in changes]
        existing: set[str] = set()
        first = table.key[0]
        expr = " || '|' || ".join(f'"{k}"' for k in table.key)
        firsts = sorted(
            {table.key_values(i)[first] for i in ids} if table.kind == LINK else set(ids)
        )
        for start in range(0, len(firsts), 900):
            chunk = firsts[start : start + 900]
            marks = ", ".join("?" * len(chunk))
            sql = f'SELECT {expr} FROM "{table.name}" WHERE "{first}" IN ({marks})'
            existing |= {r[0] for r in self.conn.exec_driver_sql(sql, tuple(chunk))}
        if table.kind == LINK:  # a pair added or removed here already: the clocks decide
            for start in range(0, len(ids), 900):
                chunk = ids[start : start + 900]
                marks = ", ".join("?" * len(chunk))
                sql = f"SELECT row_id FROM sync_clock WHERE tbl = ? AND row_id IN ({marks})"
                found = self.conn.exec_driver_sql(sql, (table.name, *chunk))
                existing |= {r[0] for r in found}
        taken = {
            col: self._held(
                table.name, col, [c["cols"][col] for c in changes if c["cols"].get(col)]
            )
            for (col,) in table.unique
        }
        simple: list[dict[str, Any]] = []
        rest: list[dict[str, Any]] = []
        seen_values: dict[str, set[Any]] = {c: set() for c in taken}
        refs = self.refs.get(table.name, []) if self.merged else []
        for change in changes:
            cols = change["cols"]
            blocked = (
                change["row_id"] in existing
                or (table.name, change["row_id"]) in self.pending
                or bool(cols.get("merged_into_id"))
                or (
                    taken
                    and any(cols.get(c) in taken[c] or cols.get(c) in seen_values[c] for c in taken)
                )
                or (refs and any(cols.get(c) in self.merged for c in refs))
            )
            if blocked:
                rest.append(change)
                continue
            simple.append(change)
            for c in taken:
                if cols.get(c) is not None:
                    seen_values[c].add(cols[c])
        rows: list[dict[str, Any]] = []
        if simple:  # the clock ends past the newest stamp seen: one observation does it
            self.clock.observe(Timestamp.decode(max(c["hlc"] for c in simple)))
        for change in simple:
            if table.kind == LINK:
                values = dict(table.key_values(change["row_id"]))
                if "hlc" in table.table.c:
                    values["hlc"] = change.get("row_hlc") or change["hlc"]
            else:
                values = self._full(table, change, change["cols"])
                if table.name == "customer":
                    values.update(derived.customer_keys(values, []))
            rows.append(values)
            if table.name != "customer":
                self.touched.note(table.name, values)
            if table.name == "point_entry":
                self.points_of.add(values["customer_id"])
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for values in rows:  # a page's rows are made alike: their columns in one order
            groups.setdefault(tuple(values), []).append(values)
        for names, group in groups.items():  # plain executemany: a snapshot page is large
            row_of = itemgetter(*names) if len(names) > 1 else lambda v, n=names[0]: (v[n],)
            cols_sql = ", ".join(f'"{c}"' for c in names)
            marks = ", ".join("?" for _ in names)
            self.conn.exec_driver_sql(
                f'INSERT INTO "{table.name}" ({cols_sql}) VALUES ({marks})',
                [row_of(values) for values in group],
            )
        clocks = [
            {"t": table.name, "r": c["row_id"], "c": col, "h": stamp, "m": self.mark}
            for c in simple
            for col, stamp in (c.get("clocks") or {}).items()
        ]
        if table.kind == LINK:  # a pair's clock, as _link keeps it
            clocks += [
                {"t": table.name, "r": c["row_id"], "c": LINK_CLOCK, "h": c["hlc"], "m": self.mark}
                for c in simple
                if LINK_CLOCK not in (c.get("clocks") or {})
            ]
        if clocks:
            self.conn.execute(
                text(
                    "INSERT OR REPLACE INTO sync_clock (tbl, row_id, col, hlc, mark) "
                    "VALUES (:t, :r, :c, :h, :m)"
                ),
                clocks,
            )
        return rest

    def insert_rows(
        self,
        table: SyncedTable,
        names: list[str],
        rows: list[tuple[Any, ...]],
        clocks: dict[str, dict[str, str]],
        prepared: Prepared | None = None,
    ) -> list[tuple[Any, ...]]:
        """A snapshot page of a row table (each row its values in ``names`` order, then
        its stamp): the rows :meth:`insert_many` would insert at once, inserted straight
        from the tuples (a snapshot is a million rows: no dictionary per row); returns the
        others, for :meth:`apply`. The same rules as :meth:`insert_many`. ``prepared``:
        the page made ready already (:func:`prepare_rows`)."""
        made = prepared or prepare_rows(table, names, rows)
        at = {c: i for i, c in enumerate(names)}
        key = at["id"]
        existing = self._held(table.name, "id", [r[key] for r in rows])
        taken = {
            at[col]: self._held(table.name, col, [r[at[col]] for r in rows if r[at[col]]])
            for (col,) in table.unique
            if col in at
        }
        seen: dict[int, set[Any]] = {i: set() for i in taken}
        refs = [at[c] for c in self.refs.get(table.name, []) if c in at] if self.merged else []
        merging = at.get("merged_into_id")
        simple: list[tuple[Any, ...]] = []
        out: list[tuple[Any, ...]] = []
        rest: list[tuple[Any, ...]] = []
        pending = {row_id for tbl, row_id in self.pending if tbl == table.name}
        # A snapshot is a million rows: the checks a row meets cost nothing when there is
        # nothing they could find (an empty file), so the loop asks only those that can.
        uniques = list(taken.items())
        for row, ready in zip(rows, made.rows, strict=True):
            row_id = row[key]
            if (
                row_id in existing
                or row_id in pending
                or (merging is not None and row[merging])
                or (
                    uniques
                    and any(row[i] and (row[i] in held or row[i] in seen[i]) for i, held in uniques)
                )
                or (refs and any(row[i] in self.merged for i in refs))
            ):
                rest.append(row)
                continue
            simple.append(row)
            out.append(ready)
            for i in taken:
                if row[i] is not None:
                    seen[i].add(row[i])
        if not simple:
            return rest
        self.clock.observe(Timestamp.decode(max(r[-1] or ZERO for r in simple)))
        columns = made.columns
        if made.numbered:  # numbered here, a page at a time: the insert trigger need not
            first = fts.next_rowid(self._raw(), table.name)
            out = [ready + (n,) for n, ready in enumerate(out, start=first)]
            columns = (*columns, ROWID)
        cols_sql = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        self.conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({cols_sql}) VALUES ({marks})', out)
        owner = derived.OWNERS.get(table.name)
        if owner is not None and table.name != "customer" and not self.deferred:
            ids = self.touched.ids[owner[0]]
            ids.update(str(r[at[owner[1]]]) for r in simple if r[at[owner[1]]])
        if table.name == "point_entry" and not self.deferred:
            self.points_of.update(r[at["customer_id"]] for r in simple)
        stamps = [
            (table.name, row[key], col, hlc, self.mark)
            for row in simple
            if row[key] in clocks
            for col, hlc in clocks[row[key]].items()
        ]
        if stamps:
            self.conn.exec_driver_sql(
                "INSERT OR REPLACE INTO sync_clock (tbl, row_id, col, hlc, mark) "
                "VALUES (?, ?, ?, ?, ?)",
                stamps,
            )
        return rest

    def _held(self, tbl: str, col: str, values: list[Any]) -> set[Any]:
        """Which of ``values`` this file's ``tbl.col`` holds."""
        found: set[Any] = set()
        ordered = sorted(set(values), key=str)
        for start in range(0, len(ordered), 900):
            chunk = ordered[start : start + 900]
            marks = ", ".join("?" * len(chunk))
            sql = f'SELECT "{col}" FROM "{tbl}" WHERE "{col}" IN ({marks})'
            found |= {r[0] for r in self.conn.exec_driver_sql(sql, tuple(chunk))}
        return found

    # --- applying ------------------------------------------------------------------------
    def apply(self, change: dict[str, Any]) -> None:
        table = by_name().get(change["tbl"])
        if table is None:
            return  # a table this release does not know: the handshake stops version skew
        self.clock.observe(Timestamp.decode(change["hlc"]))
        cols = dict(change["cols"])
        for col in self.refs.get(table.name, []):
            if cols.get(col):
                cols[col] = self._survivor(cols[col])
        op = change["op"]
        if op == "a":
            self._alias(table, change["row_id"], cols["canonical"])
        elif table.kind == LINK:
            self._link(table, change, cols)
        elif op in ("i", "s"):
            self._insert(table, change, cols)
        elif op == "r":
            self._correction(table, change, cols)
        else:
            self._update(table, change, cols)

    def _correction(self, table: SyncedTable, change: dict[str, Any], cols: dict[str, Any]) -> None:
        """The hub refused a change (an edit of an erased row, a second insert of one id):
        its values win where its stamp beats what this file holds. A correction reaches
        every branch, also one holding a newer value the hub took later (its own, which it
        never pulls back): that one is kept. A second insert's row is replaced outright."""
        row_id = change["row_id"]
        row = self._row(table, row_id)
        if row is None:
            return
        replace = bool(cols.get(REPLACE))
        won: dict[str, Any] = {}
        for c, v in cols.items():
            if c not in table.table.c or c in ("hlc", "origin"):
                continue
            mine = self._clock(table.name, row_id, c)[0]
            if mine != PENDING and (replace or change["hlc"] > mine):
                won[c] = v
        has_hlc = "hlc" in cols and "hlc" in table.table.c
        meta: dict[str, Any] = {"hlc": cols["hlc"]} if has_hlc else {}
        if meta and not replace and str(meta.get("hlc") or "") <= str(row.get("hlc") or ""):
            meta = {}
        if not won and not meta:
            return
        values = {**won, **meta}
        sets = ", ".join(f'"{c}" = :{c}' for c in values)
        self.conn.execute(
            text(f'UPDATE "{table.name}" SET {sets} WHERE id = :_id'), {**values, "_id": row_id}
        )
        for col in won:
            self._set_clock(table.name, row_id, col, change["hlc"])
        self._after(table, row_id, won, inserted=False)

    def _link(self, table: SyncedTable, change: dict[str, Any], cols: dict[str, Any]) -> None:
        row_id = table.row_id(cols)
        if change["hlc"] <= self._clock(table.name, row_id, LINK_CLOCK)[0]:
            return
        present = self._row(table, row_id) is not None
        keys = table.key_values(row_id)
        if change["op"] == "d" and present:
            where = " AND ".join(f'"{k}" = :{k}' for k in keys)
            self.conn.execute(text(f'DELETE FROM "{table.name}" WHERE {where}'), keys)
        elif change["op"] != "d":
            stamp = change.get("row_hlc") or change["hlc"]
            values = {**keys, **({"hlc": stamp} if "hlc" in table.table.c else {})}
            if not present:
                self._insert_row(table, values)
            elif "hlc" in table.table.c:  # a newer add of a pair held: its stamp is the row's
                where = " AND ".join(f'"{k}" = :{k}' for k in keys)
                self.conn.execute(
                    text(f'UPDATE "{table.name}" SET hlc = :hlc WHERE {where}'), values
                )
        self._set_clock(table.name, row_id, LINK_CLOCK, change["hlc"])

    def _insert_row(self, table: SyncedTable, values: dict[str, Any]) -> None:
        names = ", ".join(f'"{c}"' for c in values)
        params = ", ".join(f":{c}" for c in values)
        self.conn.execute(text(f'INSERT INTO "{table.name}" ({names}) VALUES ({params})'), values)

    def _local_defaults(self, table: SyncedTable) -> dict[str, Any]:
        return dict(_defaults_of(table))

    def _insert(self, table: SyncedTable, change: dict[str, Any], cols: dict[str, Any]) -> None:
        row_id = change["row_id"]
        clocks: dict[str, str] = change.get("clocks") or {}
        row = self._row(table, row_id)
        if row is not None:
            if clocks:  # a snapshot row over one we hold: newer columns win
                stamped = {c: v for c, v in cols.items() if c in clocks}
                self._update(table, {**change, "base": clocks}, stamped, clocks=clocks)
            return
        for (col,) in table.unique:
            value = cols.get(col)
            if value is None:
                continue
            other = self.conn.execute(
                text(f'SELECT id FROM "{table.name}" WHERE "{col}" = :v'), {"v": value}
            ).scalar()
            if other is None or other == row_id:
                continue
            if table.merges_on(col):
                # Ours was made offline under the same name: the hub's row is the one.
                self._repoint_all(table, other, row_id)
                self.conn.execute(text(f'DELETE FROM "{table.name}" WHERE id = :i'), {"i": other})
                self._insert_row(table, self._full(table, change, cols))
                return
            self._rename(table, other, col, str(value))
        self._insert_row(table, self._full(table, change, cols))
        for col, stamp in clocks.items():
            self._set_clock(table.name, row_id, col, stamp)
        self._after(table, row_id, cols, inserted=True)

    def _full(
        self, table: SyncedTable, change: dict[str, Any], cols: dict[str, Any]
    ) -> dict[str, Any]:
        values = {**self._local_defaults(table), **cols}
        values["hlc"] = change.get("row_hlc") or change["hlc"]
        return values

    def _rename(self, table: SyncedTable, row_id: str, col: str, value: str) -> None:
        """Our own unsent row holds a number the hub gave another: the hub will rename ours."""
        self.conn.execute(
            text(f'UPDATE "{table.name}" SET "{col}" = :v WHERE id = :i'),
            {"v": f"{value}-{self.code}", "i": row_id},
        )
        self.touched.note(table.name, self._row(table, row_id))  # numbers are in the keys

    def _alias(self, table: SyncedTable, alias: str, canonical: str) -> None:
        """Two rows of one natural key became one: references to ``alias`` move over."""
        if alias == canonical or self._row(table, alias) is None:
            return
        if self._row(table, canonical) is None:
            return
        self._repoint_all(table, alias, canonical)
        self.conn.execute(text(f'DELETE FROM "{table.name}" WHERE id = :i'), {"i": alias})

    def _repoint_all(self, table: SyncedTable, old: str, new: str) -> None:
        for tbl, columns in self.alias_cols.items():
            for col, target in columns.items():
                if target == table.name:
                    self._repoint(by_name()[tbl], col, old, new)

    def _repoint(self, table: SyncedTable, col: str, old: str, new: str) -> None:
        if table.kind == LINK:
            # The pairs of ``old`` become pairs of ``new`` by the rule the hub uses too.
            for old_id, new_id in links.fold_local(self.conn, table, col, old, new):
                names = self.pending.pop((table.name, old_id), None)
                if names:
                    key = (table.name, new_id)
                    self.pending[key] = self.pending.get(key, frozenset()) | names
        else:
            self.conn.execute(
                text(f'UPDATE OR IGNORE "{table.name}" SET "{col}" = :n WHERE "{col}" = :o'),
                {"n": new, "o": old},
            )

    def _update(
        self,
        table: SyncedTable,
        change: dict[str, Any],
        cols: dict[str, Any],
        clocks: dict[str, str] | None = None,
    ) -> None:
        row_id = change["row_id"]
        row = self._row(table, row_id)
        if row is None:
            return
        already = bool(row.get("erased_at"))
        # The first erasure wins over any edit; between two erasures the later one wins.
        erasing = bool(cols.get("erased_at")) and not already
        if already and not cols.get("erased_at"):
            # Erased here: the edit is not taken, but the row's stamp still moves on as it
            # did on the hub (which took the edit before the erasure reached it).
            if change["hlc"] > (row.get("hlc") or ""):
                self.conn.execute(
                    text(f'UPDATE "{table.name}" SET hlc = :h WHERE id = :i'),
                    {"h": change["hlc"], "i": row_id},
                )
            return
        base = change.get("base") or {}
        won: dict[str, Any] = {}
        for col, value in cols.items():
            if col not in table.table.c:
                continue
            stamp = (clocks or {}).get(col, change["hlc"])
            mine, mark = self._clock(table.name, row_id, col)
            if not erasing and stamp <= mine:
                continue
            won[col] = value
            mine_is_local = mine == PENDING or (mine and Timestamp.decode(mine).node == self.node)
            if (
                mine_is_local
                and base.get(col, "") != mine
                and row.get(col) != value
                and not erasing
                and col not in ("updated_at",)
            ):
                self._conflict(table, row_id, col, row.get(col), value, mine, stamp, change)
        if not won:
            return
        newer = change["hlc"] > (row.get("hlc") or "")
        values = {**won, **({"hlc": change["hlc"]} if newer else {})}
        sets = ", ".join(f'"{c}" = :{c}' for c in values)
        self.conn.execute(
            text(f'UPDATE "{table.name}" SET {sets} WHERE id = :_id'), {**values, "_id": row_id}
        )
        for col in won:
            self._set_clock(table.name, row_id, col, (clocks or {}).get(col, change["hlc"]))
        self._after(table, row_id, won, inserted=False)

    def _after(
        self, table: SyncedTable, row_id: str, cols: dict[str, Any], *, inserted: bool
    ) -> None:
        row = self._row(table, row_id)
        self.touched.note(table.name, row)
        if table.name == "point_entry" and row is not None:
            self.points_of.add(row["customer_id"])
        if table.name == "customer" and cols.get("merged_into_id"):
            self.merged[row_id] = str(cols["merged_into_id"])
            self._follow_merge(row_id, str(cols["merged_into_id"]))

    def _follow_merge(self, merged: str, survivor: str) -> None:
        survivor = self._survivor(survivor) or survivor
        for tbl, columns in self.refs.items():
            for col in columns:
                table = by_name()[tbl]
                ids = (
                    self.conn.execute(
                        text(f'SELECT * FROM "{tbl}" WHERE "{col}" = :m'), {"m": merged}
                    )
                    .mappings()
                    .all()
                )
                self._repoint(table, col, merged, survivor)
                for row in ids:
                    self.touched.note(tbl, {**row, col: survivor})
                if tbl == "point_entry":
                    self.points_of.add(survivor)

    def _conflict(
        self,
        table: SyncedTable,
        row_id: str,
        col: str,
        mine: Any,
        theirs: Any,
        mine_hlc: str,
        theirs_hlc: str,
        change: dict[str, Any],
    ) -> None:
        self.conflicts += 1
        theirs_branch = self.codes.get(change.get("branch_id") or "", "hub")
        mine_hlc, mine_staff = self._mine_edit(table.name, row_id, col, mine_hlc)
        self.conn.execute(
            text(
                "INSERT INTO sync_conflict (id, kind, tbl, row_id, col, mine, theirs, mine_hlc, "
                "theirs_hlc, mine_branch, theirs_branch, mine_staff, theirs_staff, at) VALUES "
                "(:id, 'field', :t, :r, :c, :mine, :theirs, :mh, :th, :mb, :tb, :ms, :ts, :at)"
            ),
            {
                "id": new_id(),
                "t": table.name,
                "r": row_id,
                "c": col,
                "mine": json.dumps(mine, ensure_ascii=False, default=str),
                "theirs": json.dumps(theirs, ensure_ascii=False, default=str),
                "mh": mine_hlc,
                "th": theirs_hlc,
                "mb": self.code,
                "tb": theirs_branch,
                "ms": mine_staff,
                "ts": (change.get("base") or {}).get(STAFF_KEY),
                "at": _now(),
            },
        )

    def _mine_edit(self, tbl: str, row_id: str, col: str, mine_hlc: str) -> tuple[str, str | None]:
        """This file's edit that lost: its stamp (its moment) and who made it."""
        if mine_hlc != PENDING:
            staff = self.conn.execute(
                text("SELECT staff_id FROM sync_clock WHERE tbl = :t AND row_id = :r AND col = :c"),
                {"t": tbl, "r": row_id, "c": col},
            ).scalar()
            return mine_hlc, staff
        found = self.conn.execute(
            text(
                "SELECT hlc, staff_id FROM sync_outbox WHERE tbl = :t AND row_id = :r "
                "AND base IS NULL AND json_type(cols, :path) IS NOT NULL "
                "ORDER BY id DESC LIMIT 1"
            ),
            {"t": tbl, "r": row_id, "path": f'$."{col}"'},
        ).first()
        return (str(found[0] or ""), found[1]) if found else ("", None)

    # --- after the page --------------------------------------------------------------------
    def finish(self) -> int:
        """Derived columns, overdraft flags; returns how many customers went below zero."""
        derived.refresh(self.conn, self.touched)
        if self.deferred:
            return 0  # checked for everybody at the load's end (flag_overdrafts)
        overdrafts = 0
        ids = sorted(self.points_of)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            marks = ", ".join("?" * len(chunk))
            below = self.conn.exec_driver_sql(
                f"SELECT customer_id, sum(points) FROM point_entry WHERE customer_id IN ({marks}) "
                "GROUP BY customer_id HAVING sum(points) < 0",
                tuple(chunk),
            ).fetchall()
            for customer_id, balance in below:
                if self._flag_overdraft(customer_id, int(balance)):
                    overdrafts += 1
        return overdrafts

    def flag_overdrafts(self) -> int:
        """Every customer of the file whose balance is below zero flagged (a bulk load's
        end: one pass over the ledger); returns how many were newly flagged."""
        below = self.conn.exec_driver_sql(
            "SELECT customer_id, sum(points) FROM point_entry GROUP BY customer_id "
            "HAVING sum(points) < 0"
        ).fetchall()
        return sum(self._flag_overdraft(customer, int(balance)) for customer, balance in below)

    def _flag_overdraft(self, customer_id: str, balance: int) -> bool:
        open_flag = self.conn.execute(
            text(
                "SELECT id FROM sync_conflict WHERE kind = 'overdraft' AND row_id = :r "
                "AND resolved_at IS NULL"
            ),
            {"r": customer_id},
        ).scalar()
        if open_flag is not None:
            self.conn.execute(
                text("UPDATE sync_conflict SET theirs = :b WHERE id = :i"),
                {"b": json.dumps(balance), "i": open_flag},
            )
            return False
        self.conn.execute(
            text(
                "INSERT INTO sync_conflict (id, kind, tbl, row_id, col, mine, theirs, mine_hlc, "
                "theirs_hlc, mine_branch, theirs_branch, at) VALUES (:id, 'overdraft', "
                "'customer', :r, 'points', '0', :b, '', '', :mb, '', :at)"
            ),
            {
                "id": new_id(),
                "r": customer_id,
                "b": json.dumps(balance),
                "mb": self.code,
                "at": _now(),
            },
        )
        return True


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
