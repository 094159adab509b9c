"""Joining a hub: register the branch, upload this file, download the hub's rows.

The first computer to join uploads its file; later ones download what the hub holds, and
a file that already has its own customers keeps them (they are uploaded too: union, never
overwrite; the duplicate finder shows likely pairs afterwards). The upload is the outbox:
joining puts every existing row into it as an insert, in the same local transaction that
switches capture on, so nothing written meanwhile is missed. After the download, the plain
ones go up in bulk (:mod:`crmdesk.sync.upload`); the ordinary push sends the rest in
bounded, idempotent batches.

The download is streamed in pages (keyset order per table, parents first), each page one
local transaction that also records how far the join got, so a killed join resumes where
it stopped. The point it is consistent to is the change-log head read when the join
began: pages are read as the hub stands while they are read (never older than the head),
carry their column clocks, and the pull that follows replays every change after the head
by the same last-writer-wins rules. The result is exactly the hub's state at that pull,
without a PostgreSQL snapshot held open across minutes and process restarts (an exported
snapshot dies with its transaction, so it could not survive a kill). Into a file with no
customer yet the pages go in bulk, the file's secondary indexes and search triggers set
aside until the last page (:mod:`crmdesk.sync.snapshot_load`).

Numbers people read never collide: the hub gives each branch a number n at registration,
and the branch creates customer numbers from n x 1,000,000 up and card serials from
n x 100,000,000 up (EAN-13 cards stay valid: 24 + 10-digit serial + check digit). The
numbers a shop already has stay as they are; a clash between two files that both had
data before joining is settled on the hub (the second is renamed ``<number>-<code>``).
"""

from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from typing import Any

from sqlalchemy import Connection, text

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.ids import new_id
from crmdesk.services import branch_here
from crmdesk.store.capture import seed_sql
from crmdesk.store.db import Database, set_setting
from crmdesk.store.models import Branch
from crmdesk.store.synced import LINK, SyncedTable, synced_tables
from crmdesk.sync import faults, snapshot_load, state, upload, wire
from crmdesk.sync.engine import Progress, gc_paused, local_state, now_iso
from crmdesk.sync.hub_apply import HEAD_SQL, lock_log
from crmdesk.sync.hub_schema import data_tables
from crmdesk.sync.local_apply import LocalApply, LocalView, Prepared, prepare_rows, roomy_cache
from crmdesk.sync.pgcopy import any_text, texts

CODE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
CUSTOMER_BLOCK = 1_000_000
CARD_BLOCK = 100_000_000


def check_code(code: str) -> str:
    code = (code or "").strip()
    if not CODE.match(code):
        raise ValidationError([DomainError("invalid_branch_code", field="branch_code")])
    return code


def register(db: Database, conn: Connection, url: str, code: str, name: str) -> dict[str, Any]:
    """The branch in the hub's registry (a rejoin of the same computer keeps its entry)."""
    with db.engine.connect() as local:
        local_id = local.execute(
            text("SELECT id FROM branch WHERE code = :c"), {"c": code}
        ).scalar()
    with conn.begin():
        lock_log(conn)
        row = (
            conn.execute(text("SELECT * FROM hub_branch WHERE code = :c"), {"c": code})
            .mappings()
            .first()
        )
        if row is not None and row["node_id"] != db.node_id:
            raise DomainError("branch_code_taken", field="branch_code", branch=code)
        if row is None:
            branch_id = local_id or new_id()
            number = int(
                conn.execute(text("SELECT coalesce(max(number), 0) + 1 FROM hub_branch")).scalar()
                or 1
            )
            epoch = 1
            conn.execute(
                text(
                    "INSERT INTO hub_branch (id, code, name, node_id, number, epoch) "
                    "VALUES (:i, :c, :n, :node, :num, 1)"
                ),
                {"i": branch_id, "c": code, "n": name, "node": db.node_id, "num": number},
            )
        else:
            branch_id, number = row["id"], row["number"]
            epoch = int(row["epoch"]) + 1
            conn.execute(
                text(
                    "UPDATE hub_branch SET left_at = NULL, epoch = :e, acked = 0, name = :n "
                    "WHERE id = :i"
                ),
                {"e": epoch, "n": name, "i": branch_id},
            )
        head = int(conn.execute(text(HEAD_SQL)).scalar() or 0)
    with db.transaction() as session:
        local = session.connection()
        if session.get(Branch, branch_id) is None and local_id is None:
            session.add(Branch(id=branch_id, code=code, name=name))
            session.flush()
        before = int(
            local.execute(text("SELECT coalesce(max(id), 0) FROM sync_outbox")).scalar() or 0
        )
        for table in synced_tables():
            local.execute(text(seed_sql(table)))
        state.set_capture(local, True)
        state.put(local, "upload", upload.seeded(local, before))
        for key, value in (
            ("hub", url),
            ("branch_id", branch_id),
            ("branch_code", code),
            ("branch_number", number),
            ("epoch", epoch),
            ("cursor", 0),
            ("join", {"phase": "download", "head": head, "table": 0, "last": None}),
        ):
            state.put(local, key, value)
        # "This branch" for the purchases and inquiries made here from now on.
        branch_here.set_current_branch(session, branch_id)
        set_setting(
            session,
            "numbers.customer_range",
            [number * CUSTOMER_BLOCK, (number + 1) * CUSTOMER_BLOCK - 1],
        )
        set_setting(
            session,
            "numbers.card_serial_range",
            [number * CARD_BLOCK, (number + 1) * CARD_BLOCK - 1],
        )
    return local_state(db)


@cache
def _snapshot_columns(table: SyncedTable) -> tuple[list[str], list[str]]:
    """The columns a snapshot brings for ``table`` (those the hub has), each with the
    expression reading it in SQLite's storage form (:func:`wire.sqlite_sql`)."""
    hub_table = data_tables()[table.name]
    names = [c for c in table.columns if c in hub_table.c]
    return names, [wire.sqlite_sql(hub_table, c) for c in names]


def _page(
    conn: Connection,
    table: SyncedTable,
    names: list[str],
    exprs: list[str],
    last: list[str] | None,
    size: int,
) -> tuple[list[tuple[Any, ...]], dict[str, dict[str, str]]]:
    """One keyset page of ``table``: rows of ``names`` as SQLite stores them (then ``hlc``
    when the hub keeps it), and the column clocks of those rows."""
    keys = ", ".join(f'"{k}"' for k in table.key)
    where = ""
    params: dict[str, Any] = {"n": size}
    if last:
        where = f"WHERE ({keys}) > ({', '.join(f':k{i}' for i in range(len(last)))})"
        params |= {f"k{i}": v for i, v in enumerate(last)}
    stamp = ', "hlc"' if "hlc" in data_tables()[table.name].c else ", NULL"
    cols = ", ".join(exprs) + stamp
    with conn.begin():
        rows = [
            tuple(r)
            for r in conn.execute(
                text(f'SELECT {cols} FROM "{table.name}" {where} ORDER BY {keys} LIMIT :n'), params
            )
        ]
        clocks: dict[str, dict[str, str]] = {}
        if rows:
            at = [names.index(k) for k in table.key]
            ids = ["|".join(str(r[i]) for i in at) for r in rows]
            for row_id, col, hlc in conn.execute(
                text(
                    "SELECT row_id, col, hlc FROM hub_clock WHERE tbl = :t "
                    f"AND row_id = {any_text('ids')}"
                ),
                {"t": table.name, "ids": texts(ids)},
            ):
                clocks.setdefault(row_id, {})[col] = hlc
    return rows, clocks


_Read = tuple[list[tuple[Any, ...]], dict[str, dict[str, str]], Prepared | None]


class _ReadAhead:
    """The snapshot's pages in order (keyset order per table, tables parents first), the
    next one read from the hub on a thread while this file applies the one before.

    Reading a page costs about what applying it costs (measured: two fifths of a join),
    and the two wait on different things (the hub's answer, this disk), so reading one
    page ahead hides most of it. The hub connection is used by that thread alone until
    the reader is closed, and closing waits for a read under way, so nothing else ever
    uses it at the same time. A page read ahead and not applied (a failure, a kill) is
    read again on resuming: nothing of it was kept.
    """

    def __init__(self, conn: Connection, index: int, last: list[str] | None, size: int) -> None:
        self.conn, self.size = conn, size
        self.tables = synced_tables()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crmdesk-snapshot")
        self.index = index
        self.ahead: Future[_Read] | None = None
        if index < len(self.tables):
            self.ahead = self.pool.submit(self._read, index, last)

    def _read(self, index: int, last: list[str] | None) -> _Read:
        table = self.tables[index]
        names, exprs = _snapshot_columns(table)
        rows, clocks = _page(self.conn, table, names, exprs, last, self.size)
        # Made ready here too: this thread runs while SQLite inserts the page before.
        prepared = prepare_rows(table, names, rows) if rows and table.kind != LINK else None
        return rows, clocks, prepared

    def next(
        self,
    ) -> tuple[int, list[tuple[Any, ...]], dict[str, dict[str, str]], Prepared | None] | None:
        """The next page: (table index, rows, clocks, the rows made ready to insert), rows
        empty at a table's end; None after the last table."""
        if self.ahead is None:
            return None
        index = self.index
        rows, clocks, prepared = self.ahead.result()
        self.ahead = None
        if rows:
            table = self.tables[index]
            names, _exprs = _snapshot_columns(table)
            last = [str(rows[-1][names.index(k)]) for k in table.key]
            self.ahead = self.pool.submit(self._read, index, last)
        elif index + 1 < len(self.tables):
            self.index = index + 1
            self.ahead = self.pool.submit(self._read, index + 1, None)
        return index, rows, clocks, prepared

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def download(
    db: Database,
    conn: Connection,
    st: dict[str, Any],
    progress: Progress,
    page_size: int,
    codes: dict[str, str],
) -> int:
    """Stream the hub's rows into this file, resumable; returns how many rows came."""
    js = dict(st["join"])
    tables = synced_tables()
    with conn.begin():
        total = sum(
            int(conn.execute(text(f'SELECT count(*) FROM "{t.name}"')).scalar() or 0)
            for t in tables
        )
    js["done"] = int(js.get("done", 0))
    with db.transaction() as session:  # resumed: what came back since is set aside again
        local = session.connection()
        if "bulk" not in js:
            js["bulk"] = snapshot_load.empty(local)
            state.put(local, "join", js)
        if js["bulk"]:
            snapshot_load.set_aside(local)
    view = LocalView()
    start = int(js.get("table", 0))
    pages = _ReadAhead(conn, start, js.get("last"), page_size)
    try:
        while (page := pages.next()) is not None:
            index, rows, clocks, prepared = page
            if not rows:
                js.update({"table": index + 1, "last": None})
                continue
            with gc_paused():
                _download_page(db, st, js, index, rows, clocks, codes, view, prepared)
            faults.point("join_page")
            if progress:
                progress("download", int(js["done"]), total)
    finally:
        pages.close()
    with db.transaction() as session:
        local = session.connection()
        if js["bulk"]:
            snapshot_load.restore(local)
            LocalApply(local, db.clock, st.get("branch_code", ""), codes, view).flag_overdrafts()
            faults.point("join_restore")
        plan = state.get(local, "upload")
        if plan and int(js["done"]):  # rows written here uncaptured: the seed's JSON is old
            state.put(local, "upload", {**plan, "captured": False})
        state.put(local, "cursor", max(int(st.get("cursor") or 0), int(js.get("head", 0))))
        state.delete(local, "join")
        state.put(local, "last_sync_at", now_iso())
    return int(js["done"])


def _download_page(
    db: Database,
    st: dict[str, Any],
    js: dict[str, Any],
    index: int,
    rows: list[tuple[Any, ...]],
    clocks: dict[str, dict[str, str]],
    codes: dict[str, str],
    view: LocalView,
    prepared: Prepared | None,
) -> None:
    """A page of table ``index`` into this file, in one local transaction with how far
    the join got (``js``)."""
    table = synced_tables()[index]
    names, _exprs = _snapshot_columns(table)
    last = [str(rows[-1][names.index(k)]) for k in table.key]
    with db.transaction() as session, roomy_cache(session.connection()):
        local = session.connection()
        state.applying(local, True)
        applier = LocalApply(local, db.clock, st.get("branch_code", ""), codes, view)
        applier.deferred = bool(js.get("bulk"))
        plain = table.kind != LINK  # a row table: its new rows go in straight from the tuples
        rest = applier.insert_rows(table, names, rows, clocks, prepared) if plain else rows
        changes = [_change(table, names, row, clocks) for row in rest]
        if not plain:
            changes = applier.insert_many(table, changes)
        for change in changes:
            applier.apply(change)
        applier.finish()
        js.update({"table": index, "last": last, "done": int(js["done"]) + len(rows)})
        state.put(local, "join", js)
        state.applying(local, False)
    view.keep(applier)


def _change(
    table: SyncedTable, names: list[str], row: tuple[Any, ...], clocks: dict[str, dict[str, str]]
) -> dict[str, Any]:
    """A snapshot row as a change for :class:`LocalApply` (op ``s``; a link row ``i``)."""
    values = dict(zip(names, row, strict=False))
    row_id = table.row_id(values)
    stamp = row[-1] or ""
    if table.kind == LINK:
        stamp = clocks.get(row_id, {}).get("*") or stamp
    return {
        "tbl": table.name,
        "row_id": row_id,
        "op": "i" if table.kind == LINK else "s",
        "cols": values,
        "hlc": stamp or _zero(),
        "row_hlc": stamp,
        "clocks": clocks.get(row_id, {}),
        "base": {},
    }


def _zero() -> str:
    return "0000000000000000-0000-"
