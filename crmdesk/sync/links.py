"""Link rows (a customer's tags) whose identity moves: a 名寄せ or two tags becoming one.

A link row is identified by its key, say (customer, tag), and merges as a set: the newest
add or remove of that pair wins (its clock is ``sync_clock[LINK_CLOCK]``; a present row's
``hlc`` is the stamp of the add that won). When customer *b* is merged into *a* (or tag
*T2* becomes an alias of *T1*), every pair of *b* becomes a pair of *a*: the late changes
of (b, T) are rewritten to (a, T) on the hub and on every branch, so (b, T) and (a, T)
must fold into one pair by the same rule, whatever order the changes arrived in: the
newer of the two clocks wins, with its state (present or removed) and its stamp, and the
folded pair keeps the newer clock. This is the one rule, on the branch
(:func:`fold_local`) and on the hub (:meth:`crmdesk.sync.hub_apply.HubApply._fold_links`),
so every file ends with the same rows and stamps. An unsent change of this file (in the
outbox, not stamped yet) is newer than anything the hub can send: it wins, and the outbox
row is retargeted so the hub gets it for the new pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from crmdesk.store.synced import LINK, SyncedTable, by_name

LINK_CLOCK = "*"  # a link row's single clock: its last add or remove


@dataclass
class Side:
    row_id: str
    present: bool
    hlc: str  # the row's stamp when present
    clock: str  # the newest add or remove seen (non-pending)
    mark: int
    pending: int  # the last unsent outbox id for this pair, 0 when none

    def rank(self) -> tuple[int, int, str, bool]:
        return (1 if self.pending else 0, self.pending, self.clock, self.present)


def like_pattern(table: SyncedTable, col: str, value: str) -> str:
    return "|".join(value if k == col else "%" for k in table.key)


def moved_id(table: SyncedTable, row_id: str, col: str, new: str) -> str:
    keys: dict[str, object] = {**table.key_values(row_id), col: new}
    return table.row_id(keys)


def _sides(conn: Connection, table: SyncedTable, col: str, value: str) -> dict[str, Side]:
    pattern = like_pattern(table, col, value)
    where = f'"{col}" = :v'
    out: dict[str, Side] = {}
    for row in conn.execute(text(f'SELECT * FROM "{table.name}" WHERE {where}'), {"v": value}):
        values = dict(row._mapping)
        rid = table.row_id(values)
        out[rid] = Side(rid, True, str(values.get("hlc") or ""), "", 0, 0)
    for rid, hlc, mark in conn.execute(
        text(
            "SELECT row_id, hlc, mark FROM sync_clock WHERE tbl = :t AND col = :c "
            "AND row_id LIKE :p"
        ),
        {"t": table.name, "c": LINK_CLOCK, "p": pattern},
    ):
        if table.key_values(rid)[col] != value:
            continue
        side = out.setdefault(rid, Side(rid, False, "", "", 0, 0))
        side.clock, side.mark = hlc, int(mark)
    for rid, seq in conn.execute(
        text(
            "SELECT row_id, max(id) FROM sync_outbox WHERE tbl = :t AND base IS NULL "
            "AND row_id LIKE :p GROUP BY row_id"
        ),
        {"t": table.name, "p": pattern},
    ):
        if table.key_values(rid)[col] != value:
            continue
        side = out.setdefault(rid, Side(rid, False, "", "", 0, 0))
        side.pending = int(seq)
    for side in out.values():
        if not side.clock and side.present:
            side.clock = side.hlc  # a row without a clock entry holds its add's stamp
    return out


def fold_local(
    conn: Connection, table: SyncedTable, col: str, old: str, new: str
) -> list[tuple[str, str]]:
    """Fold every pair with ``col = old`` into the pair with ``col = new`` (see above).

    Runs inside the engine's own transaction with capture off. Returns the (old, new)
    row ids of pairs whose unsent outbox rows were retargeted.
    """
    if old == new:
        return []
    olds = _sides(conn, table, col, old)
    if not olds:
        return []
    news = _sides(conn, table, col, new)
    retargeted: list[tuple[str, str]] = []
    for old_id, side in sorted(olds.items()):
        new_id = moved_id(table, old_id, col, new)
        target = news.get(new_id) or Side(new_id, False, "", "", 0, 0)
        keys = table.key_values(new_id)
        if side.rank() > target.rank():
            where = " AND ".join(f'"{k}" = :{k}' for k in keys)
            if side.present:
                names = ", ".join(f'"{k}"' for k in (*keys, "hlc"))
                marks = ", ".join(f":{k}" for k in (*keys, "hlc"))
                conn.execute(
                    text(f'INSERT OR REPLACE INTO "{table.name}" ({names}) VALUES ({marks})'),
                    # unsent: the push stamps it; else a present pair's stamp is its clock
                    {**keys, "hlc": side.hlc if side.pending else side.clock},
                )
            elif target.present:
                conn.execute(text(f'DELETE FROM "{table.name}" WHERE {where}'), keys)
        if side.clock and side.clock > target.clock:
            conn.execute(
                text(
                    "INSERT INTO sync_clock (tbl, row_id, col, hlc, mark) "
                    "VALUES (:t, :r, :c, :h, :m) ON CONFLICT (tbl, row_id, col) "
                    "DO UPDATE SET hlc = excluded.hlc, mark = excluded.mark "
                    "WHERE excluded.hlc > sync_clock.hlc"
                ),
                {"t": table.name, "r": new_id, "c": LINK_CLOCK, "h": side.clock, "m": side.mark},
            )
        moved = conn.execute(
            text(
                "UPDATE sync_outbox SET row_id = :n, cols = json_set(cols, :path, :v) "
                "WHERE tbl = :t AND row_id = :o"
            ),
            {"n": new_id, "o": old_id, "t": table.name, "path": f"$.{col}", "v": new},
        )
        if moved.rowcount:
            retargeted.append((old_id, new_id))
        conn.execute(
            text("DELETE FROM sync_clock WHERE tbl = :t AND row_id = :r"),
            {"t": table.name, "r": old_id},
        )
    conn.execute(text(f'DELETE FROM "{table.name}" WHERE "{col}" = :v'), {"v": old})
    return retargeted


def merged_customers(conn: Connection, ids: set[str]) -> dict[str, str]:
    """Of ``ids``, the customers still merged away: id -> the final survivor (chains
    followed)."""
    merged = {
        i: m
        for i, m in conn.execute(
            text("SELECT id, merged_into_id FROM customer WHERE merged_into_id IS NOT NULL")
        )
    }
    out: dict[str, str] = {}
    for customer_id in sorted(ids):
        if customer_id not in merged:
            continue
        survivor, seen = customer_id, set()
        while survivor in merged and survivor not in seen:
            seen.add(survivor)
            survivor = merged[survivor]
        out[customer_id] = survivor
    return out


def customer_links() -> list[tuple[SyncedTable, str]]:
    """(link table, its key column naming a customer): the pairs a 名寄せ folds."""
    return [
        (table, col.name)
        for table in by_name().values()
        if table.kind == LINK
        for col in table.table.c
        if col.name in table.key
        and any(fk.column.table.name == "customer" for fk in col.foreign_keys)
    ]
