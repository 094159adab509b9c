"""A join's upload in bulk: the file's own rows straight from its tables to the hub.

Joining puts every existing row into the outbox as an insert (:func:`crmdesk.sync.join.
register`), in the transaction that switches capture on: that is the join's point, and
what this module cannot take goes up by the ordinary push, in outbox order. Pushed one by
one, a million seeded inserts cost the hub's per-change rules each; nearly all of them
meet nothing on the hub, so here they are sent in pages with COPY: the data rows and their
change-log entries, what :mod:`crmdesk.sync.hub_apply` writes for an insert that meets
nothing: the row as this file holds it when the page is read (stamped with its ``hlc``,
``origin`` the stamp's node), and the log entry with the row's JSON as the capture
triggers write it. Data row and log entry are the same values, also for a row changed
since the seed: by an edit here (which follows in the outbox, and changes nothing more)
or by the join's download (our unsent customer number renamed because the hub's file
had it: ``000001-B`` goes up, not the ``000001`` the seed captured).

A seeded insert is sent in bulk only when nothing would make the hub do more (decided
under the change-log lock, in the transaction that writes the page): a row table; a row
stamped, and not ahead of this computer's or the hub's clock; no row of that id on the
hub yet; no natural key (customer number, tag name) the hub already holds; not a
customer merged away, and naming none (here or on the hub); every reference to a table
whose rows can become aliases (a tag, a branch) naming a row the hub holds. Every other
seeded insert stays in the outbox for the ordinary push, which applies the hub's full
rules (renames, aliases, merges, a change the hub rejects parked): so a union join keeps
both sides' customers exactly as before. A page the hub refuses (a value it cannot take)
is left to the ordinary push as a whole.

The hub takes a page (a thread sends it) while this file reads the next and finishes the
one before. Resumable: after the hub committed a page, one local transaction removes its outbox rows
and saves how far the upload got (``sync_state.upload``). Killed in between, the page is
read again: its rows are on the hub now, so they stay in the outbox, and the ordinary
push finds each already there, unchanged (a second insert of an id changes nothing).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import psycopg
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from crmdesk.core.hlc import MAX_DRIFT_MS
from crmdesk.store.capture import row_json_sql
from crmdesk.store.db import Database
from crmdesk.store.synced import ROW, SyncedTable, by_name
from crmdesk.sync import derived, faults, state, wire
from crmdesk.sync.engine import Progress, gc_paused, hub_now_ms
from crmdesk.sync.hub import translate
from crmdesk.sync.hub_apply import LOG_COLUMNS, alias_refs, customer_refs, lock_log
from crmdesk.sync.hub_schema import data_tables
from crmdesk.sync.pgcopy import any_text, copy_rows, texts

# Rows per page. Each page costs the same few round trips to the hub and a local commit
# whatever its size; 25,000 took a fifth less time than 10,000 (measured, 220,000 rows).
PAGE = 25_000
EMPTY_BASE = "{}"  # an insert's base (no column had a clock before it)
RANGE_FIRST = 100  # values from which _present asks about their range first


def seeded(conn: Connection, before: int) -> dict[str, int]:
    """What :func:`upload` will walk: the outbox rows the join's seed just wrote (ids
    above ``before``). Called in the seeding transaction."""
    high = conn.execute(text("SELECT coalesce(max(id), 0) FROM sync_outbox")).scalar()
    # "captured": the seed's JSON still holds the rows as they are, unless the join's
    # download wrote to this file (see _page_sql); the download says so when it does.
    return {"after": before, "upto": int(high or 0), "captured": True}


def upload(db: Database, conn: Connection, st: dict[str, Any], progress: Progress) -> int:
    """Send the plain seeded inserts in bulk; returns how many went. Resumable."""
    plan = st.get("upload")
    if not plan:
        return 0
    after, upto = int(plan["after"]), int(plan["upto"])
    with db.engine.connect() as local:
        merged = {
            i for (i,) in local.execute(
                text("SELECT id FROM customer WHERE merged_into_id IS NOT NULL")
            )
        }  # fmt: skip
    sent = 0
    # The hub takes a page (COPY, its indexes) while this file reads the next one and
    # finishes the one before: one thread sends, the hub connection is used by it alone
    # until the pool is shut down (which waits for a page under way).
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crmdesk-upload")

    def send(page: _Page | None) -> Future[list[int]] | None:
        return pool.submit(_send, conn, st, page) if page is not None and page.rows else None

    try:
        page = _Page.read(db, plan, after, merged) if after < upto else None
        sending = send(page)
        while page is not None:
            with gc_paused():
                following = _Page.read(db, plan, page.last, merged) if page.last < upto else None
                ids = sending.result() if sending is not None else []
                faults.point("upload_after_commit")
                sending = send(following)
                _finish(db, plan, page, ids)
            sent += len(ids)
            if progress:  # the seed's outbox ids are one unbroken run, walked in order
                progress("upload", page.last - after, upto - after)
            page = following
    finally:
        pool.shutdown(wait=True)
    with db.transaction() as session:
        state.delete(session.connection(), "upload")
    st.pop("upload", None)
    return sent


class _Page:
    """Seeded inserts of one table read from this file: each the hub's row (in the hub
    table's column order, ``origin`` last) and its JSON for the change log."""

    def __init__(self, table: SyncedTable | None, last: int) -> None:
        self.table, self.last = table, last
        self.rows: list[tuple[int, tuple[Any, ...], str]] = []  # (outbox id, row, json)
        self.names: list[str] = []

    @classmethod
    def read(cls, db: Database, plan: dict[str, Any], after: int, merged: set[str]) -> _Page | None:
        upto = int(plan["upto"])
        with db.engine.connect() as local:
            first = local.execute(
                text("SELECT tbl FROM sync_outbox WHERE id > :a AND id <= :u ORDER BY id LIMIT 1"),
                {"a": after, "u": upto},
            ).first()
            if first is None:
                return None
            table = by_name().get(first[0])
            if table is None or table.kind != ROW or table.key != ("id",):
                return cls(None, _table_end(local, first[0], after, upto))
            names = [c.name for c in data_tables()[table.name].c if c.name != "origin"]
            found = local.execute(
                text(_page_sql(table, names, captured=bool(plan.get("captured")))),
                {
                    "t": table.name,
                    "a": after,
                    "u": upto,
                    "n": PAGE,
                    "limit": f"{db.clock.wall_ms() + MAX_DRIFT_MS:016d}",
                },
            ).all()
            if not found:  # none of the table's seeded rows goes in bulk (or they are gone)
                return cls(None, _table_end(local, table.name, after, upto))
        page = cls(table, int(found[-1][0]))
        page.names = [*names, "origin"]
        at = {c: i for i, c in enumerate(page.names)}
        refs = [at[c] for c in customer_refs().get(table.name, []) if c in at] if merged else []
        rows = [(row[0], row[1:-1], row[-1]) for row in found]
        if refs:  # naming a customer merged away here: the push follows the merge
            rows = [r for r in rows if not any(r[1][i] in merged for i in refs)]
        page.rows = rows
        return page


def _page_sql(table: SyncedTable, names: list[str], *, captured: bool) -> str:
    """A page of the table's seeded inserts that may go in bulk: each its outbox id, the
    row's hub columns, its origin (the stamp's node) and its JSON.

    Left to the push (the module's rules): a row unstamped or stamped ahead of this clock
    (``:limit``), a customer merged away. The JSON is the seed's own when the seed still
    holds the row as it is (``captured``: nothing but the capture triggers wrote to the
    seeded rows since, and no write of this table came after the seed): made again from
    the row otherwise.
    """
    cols = ", ".join(f'T."{c}"' for c in names)
    origin = "substr(T.hlc, 18 + instr(substr(T.hlc, 18), '-'))"
    made = row_json_sql(table, "T")
    if captured:
        later = "SELECT 1 FROM sync_outbox WHERE id > :u AND tbl = :t"
        made = f"CASE WHEN EXISTS ({later}) THEN {made} ELSE o.cols END"
    merging = " AND T.merged_into_id IS NULL" if "merged_into_id" in names else ""
    return (
        f"SELECT o.id, {cols}, {origin}, {made} FROM sync_outbox AS o "
        f'JOIN "{table.name}" AS T ON T.id = o.row_id WHERE o.tbl = :t '
        "AND o.op = 'i' AND o.id > :a AND o.id <= :u "
        "AND substr(T.hlc, 17, 1) = '-' AND instr(substr(T.hlc, 18), '-') > 0 "
        f"AND substr(T.hlc, 1, 16) <= :limit{merging} ORDER BY o.id LIMIT :n"
    )


def _table_end(local: Connection, tbl: str, after: int, upto: int) -> int:
    """The last seeded outbox id of ``tbl`` after ``after``: a page that skips the rest."""
    last = local.execute(
        text(
            "SELECT coalesce(max(id), :a) FROM sync_outbox WHERE tbl = :t AND id > :a AND id <= :u"
        ),
        {"t": tbl, "a": after, "u": upto},
    ).scalar()
    return int(last or after)


def _send(conn: Connection, st: dict[str, Any], page: _Page) -> list[int]:
    """The page's plain rows onto the hub in one transaction; returns their outbox ids
    (none when the hub refused the page: the ordinary push takes it).

    The rows go in first without asking whether the hub holds their ids or natural keys
    (a first upload meets none): the hub's unique indexes answer that as they take them.
    One that clashes undoes the attempt (a savepoint), and the page goes again with each
    row asked about (:func:`_plain`), the clashing ones left to the push.
    """
    assert page.table is not None
    table = page.table
    try:
        with conn.begin():
            lock_log(conn)
            limit = hub_now_ms(conn) + MAX_DRIFT_MS
            rows = _plain(conn, table, page, limit, asked=False)
            try:
                with conn.begin_nested():
                    if rows:
                        _write(conn, st, table, page.names, rows)
            except DBAPIError as error:
                if not isinstance(error.orig, psycopg.IntegrityError):
                    raise
                rows = _plain(conn, table, page, limit, asked=True)
                if rows:
                    _write(conn, st, table, page.names, rows)
    except DBAPIError as error:
        if isinstance(error.orig, psycopg.DataError | psycopg.IntegrityError):
            return []  # a value the hub cannot take: the push parks that one, sends the rest
        raise translate(error) from None
    return [outbox_id for outbox_id, _row, _json in rows]


def _plain(
    conn: Connection, table: SyncedTable, page: _Page, limit_ms: int, *, asked: bool
) -> list[tuple[int, tuple[Any, ...], str]]:
    """The rows of the page the hub would take as they are (see the module's rules);
    ``asked``: also asking the hub which ids and natural keys it holds already."""
    hub_table = data_tables()[table.name]
    at = {c: i for i, c in enumerate(page.names)}
    limit, stamp, key = f"{limit_ms:016d}", at["hlc"], at["id"]
    rows = [r for r in page.rows if r[1][stamp][:16] <= limit]
    held = _present(conn, table.name, "id", [r[1][key] for r in rows]) if asked else set()
    blocked: list[set[Any]] = []
    checks: list[int] = []
    for (col,) in table.unique if asked else ():
        own = {r[1][at[col]] for r in rows if r[1][at[col]] is not None}
        hub_values = {wire.to_hub(hub_table, col, v): v for v in own}
        taken = _present(conn, table.name, col, list(hub_values))
        checks.append(at[col])
        blocked.append({hub_values[v] for v in taken})
    refs = [at[c] for c in customer_refs().get(table.name, [])]
    if refs:
        named = {r[1][i] for r in rows for i in refs if r[1][i] is not None}
        found = conn.execute(
            text(
                f"SELECT id FROM customer WHERE merged_into_id IS NOT NULL AND id = {any_text('v')}"
            ),
            {"v": texts(sorted(named))},
        )
        checks += refs
        blocked += [{i for (i,) in found}] * len(refs)
    for col, target in alias_refs().get(table.name, {}).items():
        named = {r[1][at[col]] for r in rows if r[1][at[col]] is not None}
        held_there = _present(conn, target, "id", sorted(named))  # not an alias, not to come
        checks.append(at[col])
        blocked.append(named - held_there)
    pairs = [(i, b) for i, b in zip(checks, blocked, strict=True) if b]
    if not held and not pairs:
        return rows
    out = []
    for row in rows:
        values = row[1]
        if values[key] in held:
            continue
        for i, b in pairs:
            if values[i] is not None and values[i] in b:
                break
        else:
            out.append(row)
    return out


def _present(conn: Connection, tbl: str, col: str, values: list[Any]) -> set[Any]:
    """Which of ``values`` the hub's ``tbl.col`` holds.

    Thousands of texts are first asked whether the hub holds anything between their
    least and greatest (the hub's own order, so exact under any collation): a first upload
    walks ids and numbers upwards, past everything the hub has, and one range probe of
    the index answers for the page instead of a probe per value.
    """
    if not values:
        return set()
    params: dict[str, Any] = {"v": values}
    query = f'SELECT "{col}" FROM "{tbl}" WHERE "{col}" = ANY(:v)'
    if all(isinstance(v, str) for v in values):
        params = {"v": texts(values)}
        if len(values) >= RANGE_FIRST and not _any_between(conn, tbl, col, params):
            return set()
        query = f'SELECT "{col}" FROM "{tbl}" WHERE "{col}" = {any_text("v")}'
    return {v for (v,) in conn.execute(text(query), params)}


def _any_between(conn: Connection, tbl: str, col: str, params: dict[str, Any]) -> bool:
    """Whether the hub's ``tbl.col`` holds a value between the least and the greatest of
    the texts bound as ``:v`` (:func:`texts`)."""
    query = (
        "WITH v AS (SELECT json_array_elements_text(CAST(:v AS json)) AS x) "
        f'SELECT EXISTS (SELECT 1 FROM "{tbl}" WHERE "{col}" >= (SELECT min(x) FROM v) '
        f'AND "{col}" <= (SELECT max(x) FROM v))'
    )
    return bool(conn.execute(text(query), params).scalar())


def _write(
    conn: Connection,
    st: dict[str, Any],
    table: SyncedTable,
    names: list[str],
    rows: list[tuple[int, tuple[Any, ...], str]],
) -> None:
    """The rows and their change-log entries, each entry with its own sequence (taken
    under the log lock held), as :func:`crmdesk.sync.hub_apply.write_log` writes them."""
    copy_rows(conn, table.name, names, (values for _id, values, _json in rows))
    batch = int(conn.execute(text("SELECT nextval('hub_change_seq')")).scalar() or 0)
    seqs = sorted(
        conn.execute(
            text("SELECT nextval('hub_change_seq') FROM generate_series(1, :n)"), {"n": len(rows)}
        ).scalars()
    )
    branch_id, epoch = st["branch_id"], int(st["epoch"])
    at_id, at_hlc = names.index("id"), names.index("hlc")
    log: Iterator[tuple[Any, ...]] = (
        (seq, batch, table.name, values[at_id], "i", cols, values[at_hlc], EMPTY_BASE,
         branch_id, epoch)
        for seq, (_id, values, cols) in zip(seqs, rows, strict=True)
    )  # fmt: skip
    copy_rows(conn, "hub_change", LOG_COLUMNS, log)


def _finish(db: Database, plan: dict[str, Any], page: _Page, sent: list[int]) -> None:
    """This file's side of a page: the outbox rows the hub took go (a range at a time),
    and how far the upload got. Sending changes no row here; the search keys of what the
    page touches are made afresh (as the push does) only when the join's download wrote
    to this file since the seed (a number renamed, a card moved to a survivor)."""
    with db.transaction() as session:
        local = session.connection()
        if sent:
            local.exec_driver_sql(
                "DELETE FROM sync_outbox WHERE id >= ? AND id <= ?", _runs(sorted(sent))
            )
        owner = derived.OWNERS.get(page.table.name) if page.table is not None else None
        if owner is not None and not plan.get("captured"):
            touched = derived.Touched()
            at = page.names.index(owner[1])
            touched.ids[owner[0]].update(str(v[at]) for _id, v, _json in page.rows if v[at])
            derived.refresh(local, touched)
        state.put(local, "upload", {**plan, "after": page.last})


def _runs(ids: list[int]) -> list[tuple[int, int]]:
    """(first, last) of each run of consecutive ``ids`` (sorted): the seed's ids are one
    run per table, broken only where a row was left to the push."""
    runs: list[list[int]] = []
    for i in ids:
        if runs and runs[-1][1] + 1 == i:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [(first, last) for first, last in runs]
