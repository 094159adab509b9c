"""The branch's side of a push: stamp the outbox, read a batch, trim up to the ack.

Stamping runs in one local write transaction before anything is sent. In outbox order it
gives every unstamped change (raw SQL that did not restamp ``hlc``) a stamp from the
node's clock, restamps a change that happened after this file applied a newer remote
value of the same column but carries an older stamp (a clock running behind must not
make a later edit lose), and restamps a change stamped more than a minute ahead of the
wall clock (a clock since corrected). It records each change's *base*, the column's
clock before the edit, which the receivers use to tell a concurrent edit (a conflict)
from a sequential one, and moves the column clocks (``sync_clock``) forward.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from crmdesk.core.hlc import MAX_DRIFT_MS, HybridClock, Timestamp
from crmdesk.store.synced import LINK, by_name
from crmdesk.sync import derived, links

LINK_CLOCK = links.LINK_CLOCK  # a link row's single clock: its last add or remove


@dataclass
class Change:
    seq: int
    tx: int
    tbl: str
    row_id: str
    op: str
    cols: dict[str, Any]
    hlc: str
    base: dict[str, str]
    staff: str | None = None  # who made it (the staff member signed in), when known
    #: ``cols`` as the outbox holds it (JSON text), sent on as it is when nothing changed it
    raw: str | None = field(default=None, repr=False, compare=False)

    def to_wire(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "raw"}


def _clock_of(conn: Connection, tbl: str, row_id: str) -> dict[str, tuple[str, int]]:
    rows = conn.execute(
        text("SELECT col, hlc, mark FROM sync_clock WHERE tbl = :t AND row_id = :r"),
        {"t": tbl, "r": row_id},
    )
    return {c: (h, m) for c, h, m in rows}


def _above(stamp: str, node: str) -> str:
    ts = Timestamp.decode(stamp)
    return Timestamp(ts.millis, ts.counter + 1, node).encode()


def prepare(conn: Connection, clock: HybridClock) -> int:
    """Stamp and base every outbox row not prepared yet; returns how many."""
    rows = list(
        conn.execute(
            text(
                "SELECT id, tx, tbl, row_id, op, cols, hlc, staff_id FROM sync_outbox "
                "WHERE base IS NULL ORDER BY id"
            )
        )
    )
    if not rows:
        return 0
    wall = clock.wall_ms()
    touched = derived.Touched()
    written: dict[tuple[str, str, str], tuple[str, int]] = {}  # clocks set in this pass
    outbox_rows: list[tuple[str, str, int]] = []
    restamped: list[tuple[str, dict[str, Any]]] = []
    tables = by_name()
    merging: set[str] = set()  # customers this file merged away (名寄せ)
    staff_of: dict[tuple[str, str, str], str | None] = {}  # who made each column's edit
    for seq, _tx, tbl, row_id, op, cols_text, stamp, staff in rows:
        table = tables.get(tbl)
        if table is None:
            continue
        # An insert's columns matter here only for the search keys of what it touches
        # and for a customer merged away (customer is one of derived.OWNERS).
        cols = json.loads(cols_text) if op != "i" or tbl in derived.OWNERS else {}
        if tbl == "customer" and cols.get("merged_into_id"):
            merging.add(row_id)
        if op == "u" and cols.get("erased_at"):
            # An erasure travels as the whole row, so every personal field is blank
            # everywhere, also one another branch changed before the erasure reached it.
            cols = _whole_row(conn, tbl, row_id, table.columns) or cols
            conn.execute(
                text("UPDATE sync_outbox SET cols = :c WHERE id = :id"),
                {"c": json.dumps(cols, ensure_ascii=False), "id": seq},
            )
        names = [LINK_CLOCK] if table.kind == LINK else ([] if op == "i" else list(cols))
        clocks = _clock_of(conn, tbl, row_id) if names else {}
        for name in names:
            if (tbl, row_id, name) in written:
                clocks[name] = written[(tbl, row_id, name)]
        captured = stamp
        ts = Timestamp.decode(stamp) if stamp is not None else None
        if ts is None or ts.millis > wall + MAX_DRIFT_MS:
            ts = clock.now()
            stamp = ts.encode()
        for name in names:
            seen, mark = clocks.get(name, ("", 0))
            if seen and mark < seq and stamp <= seen:
                stamp = _above(seen, clock.node)  # an edit made after seeing ``seen``
                ts = Timestamp.decode(stamp)
        clock.observe(ts)
        base = {name: clocks.get(name, ("", 0))[0] for name in names}
        for name in names:
            written[(tbl, row_id, name)] = (stamp, seq)
            staff_of[(tbl, row_id, name)] = staff
        outbox_rows.append((stamp, json.dumps(base) if base else "{}", seq))
        if stamp != captured and "hlc" in table.table.c and op != "d":
            restamped.append((tbl, {"h": stamp, "old": captured or "", "row_id": row_id}))
        if tbl in derived.OWNERS and op != "d":
            whole = cols if op == "i" else (_whole_row(conn, tbl, row_id, table.columns) or {})
            touched.note(tbl, {**whole, "id": row_id})
    if written:
        conn.execute(
            text(
                "INSERT INTO sync_clock (tbl, row_id, col, hlc, mark, staff_id) "
                "VALUES (:t, :r, :c, :h, :m, :s) ON CONFLICT (tbl, row_id, col) "
                "DO UPDATE SET hlc = excluded.hlc, mark = excluded.mark, "
                "staff_id = excluded.staff_id"
            ),
            [
                {"t": t, "r": r, "c": c, "h": h, "m": m, "s": staff_of.get((t, r, c))}
                for (t, r, c), (h, m) in written.items()
            ],
        )
    conn.exec_driver_sql(
        "UPDATE sync_outbox SET hlc = ?, base = ?, tx = coalesce(tx, id) WHERE id = ?",
        outbox_rows,
    )
    for tbl, params in restamped:
        # The row's own stamp follows what is sent, so every file ends with one value.
        table = by_name()[tbl]
        keys = table.key_values(params.pop("row_id"))
        where = " AND ".join(f'"{k}" = :k_{k}' for k in keys)
        conn.execute(
            text(f'UPDATE "{tbl}" SET hlc = :h WHERE {where} AND (hlc < :h OR hlc = :old)'),
            {
                **params,
                **{f"k_{k}": v for k, v in keys.items()},
            },
        )
    # A customer merged away here keeps its tag rows until now: they fold into the
    # survivor's by the rule the hub and every other file apply when the merge reaches them.
    for merged, survivor in links.merged_customers(conn, merging).items():
        for table, col in links.customer_links():
            links.fold_local(conn, table, col, merged, survivor)
    # Raw SQL and bulk loads may leave search keys behind their fields: made afresh here,
    # the same way every receiving file makes them.
    derived.refresh(conn, touched)
    return len(rows)


def _whole_row(
    conn: Connection, tbl: str, row_id: str, columns: tuple[str, ...]
) -> dict[str, Any] | None:
    found = conn.execute(text(f'SELECT * FROM "{tbl}" WHERE id = :i'), {"i": row_id})
    row = found.mappings().first()
    return None if row is None else {c: row[c] for c in columns if c != "id"}


def read_batch(conn: Connection, max_batch: int) -> list[Change]:
    """The oldest changes, at most ``max_batch``, cut at a transaction's end when possible."""
    rows = list(
        conn.execute(
            text(
                "SELECT id, tx, tbl, row_id, op, cols, hlc, base, staff_id FROM sync_outbox "
                "WHERE base IS NOT NULL ORDER BY id LIMIT :n"
            ),
            {"n": max_batch + 1},
        )
    )
    changes = [
        Change(
            r[0],
            r[1] or r[0],
            r[2],
            r[3],
            r[4],
            json.loads(r[5]),
            r[6],
            {} if r[7] == "{}" else json.loads(r[7]),
            r[8],
            r[5],
        )
        for r in rows
    ]
    if len(changes) <= max_batch:
        return changes
    last_tx = changes[max_batch].tx
    cut = [c for c in changes[:max_batch] if c.tx != last_tx]
    return cut or changes[:max_batch]  # one transaction larger than a batch goes in pages


def trim(conn: Connection, acked: int, rejected: list[dict[str, Any]], at: str) -> None:
    """Forget what the hub acknowledged; park what it rejected (kept, reported)."""
    for item in rejected:
        conn.execute(
            text(
                "INSERT OR IGNORE INTO sync_rejected (id, tbl, row_id, op, cols, hlc, reason, at) "
                "SELECT id, tbl, row_id, op, cols, hlc, :reason, :at FROM sync_outbox "
                "WHERE id = :id"
            ),
            {"id": item["seq"], "reason": item["reason"], "at": at},
        )
    conn.execute(text("DELETE FROM sync_outbox WHERE id <= :a"), {"a": acked})


def waiting(conn: Connection) -> int:
    return int(conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar() or 0)
