"""The hub applies one push batch: per-column last-writer-wins, in one transaction.

Every writer of the change log takes ``pg_advisory_xact_lock(LOG_LOCK)`` first and holds
it to commit, so sequence numbers are handed out in commit order (a puller that has seen
11 can never later find a 10) and two concurrent pushes apply one after the other: the
conditional upsert below never races. Exactly once: the hub keeps, per branch and epoch,
the highest local sequence applied (``hub_branch.acked`` for the current epoch and the
``hub_batch`` rows); a change at or below it is skipped, so a batch re-sent after a lost
acknowledgement changes nothing.

Rules, the same as the branches' (:mod:`crmdesk.sync.local_apply`):
- a column takes an incoming value when the change's stamp beats the column's clock
  (``hub_clock``; a column without a clock still holds its insert's value, which every
  later edit follows causally); ties cannot happen (the node id is in the stamp);
- link rows (a customer's tags) are a set: the newest add or remove of a pair wins;
- ledgers are inserts: a second insert of an id changes nothing;
- an erased row (``erased_at`` set) takes nothing but its erasure: no offline edit brings
  personal data back;
- a reference to a customer merged away (名寄せ) is moved to the survivor, and when a
  merge arrives, the rows already here that point at the merged customer move too;
- natural keys: a second tag/category/segment/branch of the same name becomes an alias
  of the first (references are rewritten); a second customer/card number is renamed
  ``<number>-<branch code>`` and the rename is sent to everyone, the origin included.
A change that fails (a value too long, an update of a row the hub never got) is parked in
``hub_rejected`` and acknowledged as rejected: it never blocks the queue behind it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from crmdesk.core.hlc import Timestamp
from crmdesk.store.synced import LINK, SyncedTable, by_name
from crmdesk.sync import wire
from crmdesk.sync.hub_cache import HubCache
from crmdesk.sync.links import like_pattern, moved_id
from crmdesk.sync.outbox import LINK_CLOCK, Change
from crmdesk.sync.pgcopy import copy_rows

#: In a correction's values: the receiving file replaces its row with the hub's outright.
REPLACE = "*replace"
LOG_LOCK = 7_140_514  # the advisory lock every change-log writer holds
#: The newest sequence the hub has handed out that is still meaningful: the change log's
#: top, or what retention pruned up to when the log is empty.
HEAD_SQL = (
    "SELECT GREATEST(coalesce((SELECT max(seq) FROM hub_change), 0), "
    "coalesce((SELECT value::bigint FROM hub_meta WHERE key = 'pruned_to'), 0))"
)


def lock_log(conn: Connection) -> None:
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOG_LOCK})


def customer_refs() -> dict[str, list[str]]:
    """Per synced table, the columns that reference a customer (they follow a merge)."""
    out: dict[str, list[str]] = {}
    for t in by_name().values():
        for col in t.table.c:
            if any(
                fk.column.table.name == "customer" and fk.column.name == "id"
                for fk in col.foreign_keys
            ):
                out.setdefault(t.name, []).append(col.name)
    return out


def alias_refs() -> dict[str, dict[str, str]]:
    """Per table, column -> the table it references, for tables that may alias rows."""
    aliasable = {t.name for t in by_name().values() if any(t.merges_on(u[0]) for u in t.unique)}
    out: dict[str, dict[str, str]] = {}
    for t in by_name().values():
        for col in t.table.c:
            for fk in col.foreign_keys:
                if fk.column.table.name in aliasable:
                    out.setdefault(t.name, {})[col.name] = fk.column.table.name
    return out


@dataclass
class Outcome:
    log: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)


class HubApply(HubCache):
    """Applies changes of one branch to the hub on ``conn`` (inside its transaction)."""

    def __init__(self, conn: Connection, branch_id: str, branch_code: str, epoch: int) -> None:
        super().__init__(conn)
        self.branch_id, self.branch_code, self.epoch = branch_id, branch_code, epoch
        self.aliases = {
            (t, a): c
            for t, a, c in conn.execute(text("SELECT tbl, alias_id, canonical_id FROM hub_alias"))
        }
        self.refs = customer_refs()
        self.alias_cols = alias_refs()

    # --- rewriting references ----------------------------------------------------------
    def _rewrite(self, table: SyncedTable, cols: dict[str, Any]) -> dict[str, Any]:
        out = dict(cols)
        for col, target in self.alias_cols.get(table.name, {}).items():
            if out.get(col) is not None:
                out[col] = self.aliases.get((target, out[col]), out[col])
        for col in self.refs.get(table.name, []):
            if out.get(col) is not None:
                out[col] = self.survivor(out[col])
        return out

    # --- applying ----------------------------------------------------------------------
    def apply(self, change: Change, out: Outcome) -> None:
        table = by_name().get(change.tbl)
        if table is None:
            raise ValueError(f"unknown table {change.tbl}")
        cols = self._rewrite(table, change.cols)
        self._pending_log: list[tuple[Change, str, str, dict[str, Any], str]] = []
        if table.kind == LINK:
            self._apply_link(table, change, cols, out)
        elif change.op == "i":
            self._apply_insert(table, change, cols, out)
        else:
            self._apply_update(table, change, cols, out)
        for original, row_id, op, values, stamp in self._pending_log:
            self._log(out, original, row_id, op, values, None, from_hub=True, hlc=stamp)

    def _typed(self, table: SyncedTable, cols: dict[str, Any]) -> dict[str, Any]:
        return wire.typed(self.tables[table.name], cols)

    def _log(
        self,
        out: Outcome,
        change: Change,
        row_id: str,
        op: str,
        cols: dict[str, Any],
        base: dict[str, str] | None,
        *,
        from_hub: bool = False,
        hlc: str | None = None,
    ) -> None:
        based = _with_staff(base, change.staff, from_hub)
        out.log.append(
            {
                "tbl": change.tbl,
                "row_id": row_id,
                "op": op,
                # the outbox's own JSON when the hub took the columns as they came
                "cols": change.raw if change.raw and cols == change.cols else json.dumps(cols),
                "hlc": hlc or change.hlc,
                "base": json.dumps(based) if based is not None else None,
                "branch_id": None if from_hub else self.branch_id,
                "epoch": None if from_hub else self.epoch,
            }
        )

    def _apply_link(
        self, table: SyncedTable, change: Change, cols: dict[str, Any], out: Outcome
    ) -> None:
        row_id = table.row_id(cols)
        if self.clocks_of(table.name, row_id).get(LINK_CLOCK, "") >= change.hlc:
            return
        if change.op != "d" and self._links_erased(table, cols):
            stamp = _hub_stamp(change.hlc)  # no new tags on an erased customer: undo it
            self.set_clock(table.name, row_id, LINK_CLOCK, stamp)
            self._log(out, change, row_id, "d", cols, None, from_hub=True, hlc=stamp)
            return
        present = self.row(table, row_id) is not None
        if change.op == "d" and present:
            self.flush()
            keys = table.key_values(row_id)
            where = " AND ".join(f'"{k}" = :{k}' for k in keys)
            self.conn.execute(text(f'DELETE FROM "{table.name}" WHERE {where}'), keys)
            self.forget(table, row_id)
        elif change.op != "d" and not present:
            values = self._typed(table, cols)
            if "hlc" in self.tables[table.name].c:
                values["hlc"] = change.hlc
            self.insert(table, values)
        elif change.op != "d" and "hlc" in self.tables[table.name].c:
            # A newer add of a pair held (two branches tagged alike): its stamp is the row's.
            self._set_link_hlc(table, row_id, change.hlc)
        self.set_clock(table.name, row_id, LINK_CLOCK, change.hlc)
        self._log(
            out, change, row_id, change.op, cols, {LINK_CLOCK: change.base.get(LINK_CLOCK, "")}
        )

    def _set_link_hlc(self, table: SyncedTable, row_id: str, hlc: str) -> None:
        pending = self.new_rows[table.name].get(row_id)
        if pending is not None:
            pending["hlc"] = hlc
        else:
            keys = table.key_values(row_id)
            where = " AND ".join(f'"{k}" = :{k}' for k in keys)
            self.conn.execute(
                text(f'UPDATE "{table.name}" SET hlc = :hlc WHERE {where}'), {**keys, "hlc": hlc}
            )
        current = self.rows.get((table.name, row_id))
        if current is not None:
            current["hlc"] = hlc

    def _links_erased(self, table: SyncedTable, cols: dict[str, Any]) -> bool:
        customer = by_name()["customer"]
        for col in self.refs.get(table.name, []):
            row = self.row(customer, str(cols.get(col)))
            if row is not None and row.get("erased_at") is not None:
                return True
        return False

    def _apply_insert(
        self, table: SyncedTable, change: Change, cols: dict[str, Any], out: Outcome
    ) -> None:
        existing = self.row(table, change.row_id)
        if existing is not None:
            # A second insert of one id (ledger union, a re-sent upload, one fact such as a
            # lot's expiry recorded at two branches): the first one the hub got stays, and
            # a branch holding another version is given the hub's.
            typed = self._typed(table, cols)
            differ = [c for c, v in typed.items() if existing.get(c) != v]
            if differ:
                self._correct(table, change, change.row_id, existing, differ, keep_row=True)
            return
        renamed: dict[str, Any] = {}
        for (col,) in table.unique:
            value = cols.get(col)
            if value is None:
                continue
            other = self.holder(table, col, wire.to_hub(self.tables[table.name], col, value))
            if other is None or other == change.row_id:
                continue
            if table.merges_on(col):
                self._alias(table, change, other, out)
                return
            renamed[col] = self._free_name(table, col, str(value))
        values = self._typed(table, {**cols, **renamed})
        stamp = _hub_stamp(change.hlc) if renamed else change.hlc
        values["hlc"], values["origin"] = stamp, Timestamp.decode(stamp).node
        self.insert(table, values)
        self._log(out, change, change.row_id, "i", {**cols, **renamed}, {})
        if renamed:
            for col in renamed:
                self.set_clock(table.name, change.row_id, col, stamp)
            self._log(
                out,
                change,
                change.row_id,
                "u",
                renamed,
                {c: "" for c in renamed},
                from_hub=True,
                hlc=stamp,
            )
        if cols.get("merged_into_id"):
            self._follow_merge(change, change.row_id, cols["merged_into_id"])

    def _free_name(self, table: SyncedTable, col: str, value: str) -> str:
        self.flush()
        suffix, n = self.branch_code or "B", 1
        while True:
            candidate = f"{value}-{suffix}" if n == 1 else f"{value}-{suffix}{n}"
            taken = self.conn.execute(
                text(f'SELECT 1 FROM "{table.name}" WHERE "{col}" = :v'), {"v": candidate}
            ).first()
            if taken is None:
                return candidate
            n += 1

    def _alias(self, table: SyncedTable, change: Change, canonical: str, out: Outcome) -> None:
        self.conn.execute(
            text(
                "INSERT INTO hub_alias (tbl, alias_id, canonical_id) VALUES (:t, :a, :c) "
                "ON CONFLICT DO NOTHING"
            ),
            {"t": table.name, "a": change.row_id, "c": canonical},
        )
        self.aliases[(table.name, change.row_id)] = canonical
        self._log(out, change, change.row_id, "a", {"canonical": canonical}, None, from_hub=True)

    def _apply_update(
        self, table: SyncedTable, change: Change, cols: dict[str, Any], out: Outcome
    ) -> None:
        row_id = self.aliases.get((table.name, change.row_id), change.row_id)
        row = self.row(table, row_id)
        if row is None:
            raise LookupError("update of a row the hub does not have")
        clocks = self.clocks_of(table.name, row_id)
        already = row.get("erased_at") is not None
        # The first erasure wins over any edit; between two erasures the later one wins.
        erasing = bool(cols.get("erased_at")) and not already
        if already and not cols.get("erased_at"):
            # Erased: no offline edit brings personal data back. The branch that made the
            # edit still shows it, so the hub sends everyone its own values back.
            self._correct(table, change, row_id, row, list(cols))
            return
        won = {
            c: v
            for c, v in cols.items()
            if c in self.tables[table.name].c and (erasing or change.hlc > clocks.get(c, ""))
        }
        if not won:
            return
        values = self._typed(table, won)
        if change.hlc > (row.get("hlc") or ""):
            values["hlc"], values["origin"] = change.hlc, Timestamp.decode(change.hlc).node
        self.update(table, row_id, values)
        for col in won:
            self.set_clock(table.name, row_id, col, change.hlc)
        self._log(out, change, row_id, "u", won, {c: change.base.get(c, "") for c in won})
        if won.get("merged_into_id"):
            self._follow_merge(change, row_id, won["merged_into_id"])

    def _correct(
        self,
        table: SyncedTable,
        change: Change,
        row_id: str,
        row: dict[str, Any],
        cols: list[str],
        *,
        keep_row: bool = False,
    ) -> None:
        """Undo a refused change at its origin: the hub's values, stamped just above it.

        A correction carries the row's ``hlc`` and ``origin`` as the hub holds them, so
        every file ends with the same row, metadata included.
        """
        values = {c: wire.from_hub(row[c]) for c in cols if c in row and c not in ("hlc", "origin")}
        if not values:
            return
        stamp = _hub_stamp(change.hlc)
        for col in values:
            self.set_clock(table.name, row_id, col, stamp)
        held = {"hlc": row.get("hlc") or "", "origin": row.get("origin") or ""}
        if keep_row:  # the branch's second version of the row is replaced by the hub's
            meta: dict[str, Any] = {**held, REPLACE: True}
        elif stamp > held["hlc"]:
            meta = {"hlc": stamp, "origin": "hub"}
            self.update(table, row_id, dict(meta))
        else:  # the row's stamp never goes back (every file keeps the newer one)
            meta = held
        self._pending_log.append((change, row_id, "r", {**values, **meta}, stamp))

    def _follow_merge(self, change: Change, merged_id: str, survivor: str) -> None:
        self.flush()
        self.merged[merged_id] = survivor
        survivor = self.survivor(survivor) or survivor
        for tbl, columns in self.refs.items():
            table = by_name()[tbl]
            for col in columns:
                if table.kind == LINK:
                    self._fold_links(change, table, col, merged_id, survivor)
                    continue
                try:
                    with self.conn.begin_nested():
                        self.conn.execute(
                            text(f'UPDATE "{tbl}" SET "{col}" = :s WHERE "{col}" = :m'),
                            {"s": survivor, "m": merged_id},
                        )
                except DBAPIError:
                    pass  # a unique pair already on the survivor stays with the merged one
        self.rows.clear()  # rows moved by plain SQL: read them afresh
        self.clocks.clear()

    def _fold_links(self, change: Change, table: SyncedTable, col: str, old: str, new: str) -> None:
        """The pairs of a merged-away customer fold into the survivor's by the rule of
        :mod:`crmdesk.sync.links` (the newer clock wins, state and stamp). Where the merged
        customer's pair won, the result is sent to everyone (the origin of the merge
        included), so a file that lacks a clock the hub has (a removal older than its
        snapshot) still ends with the hub's pair."""
        pattern = like_pattern(table, col, old)
        olds: dict[str, tuple[str, bool, str]] = {}  # row id -> (clock, present, row hlc)
        for row in self.conn.execute(
            text(f'SELECT * FROM "{table.name}" WHERE "{col}" = :v'), {"v": old}
        ).mappings():
            hlc = str(row.get("hlc") or "")
            olds[table.row_id(dict(row))] = (hlc, True, hlc)
        for row_id, hlc in self.conn.execute(
            text(
                "SELECT row_id, hlc FROM hub_clock WHERE tbl = :t AND col = :c AND row_id LIKE :p"
            ),
            {"t": table.name, "c": LINK_CLOCK, "p": pattern},
        ):
            if table.key_values(row_id)[col] != old:
                continue
            _, present, row_hlc = olds.get(row_id, ("", False, ""))
            olds[row_id] = (hlc, present, row_hlc)
        for old_id, (clock, present, _row_hlc) in sorted(olds.items()):
            new_id = moved_id(table, old_id, col, new)
            keys = table.key_values(new_id)
            where = " AND ".join(f'"{k}" = :{k}' for k in keys)
            target = (
                self.conn.execute(text(f'SELECT * FROM "{table.name}" WHERE {where}'), keys)
                .mappings()
                .first()
            )
            target_clock = self.conn.execute(
                text("SELECT hlc FROM hub_clock WHERE tbl = :t AND row_id = :r AND col = :c"),
                {"t": table.name, "r": new_id, "c": LINK_CLOCK},
            ).scalar() or (str(target.get("hlc") or "") if target is not None else "")
            if (clock, present) <= (str(target_clock), target is not None):
                continue
            clock = clock or _hub_stamp(change.hlc)  # a row older than the clocks
            stamp = clock  # a present pair's stamp is its clock (what receivers will hold)
            if present and target is None:
                self.conn.execute(self.tables[table.name].insert(), [{**keys, "hlc": stamp}])
            elif present:
                self.conn.execute(
                    text(f'UPDATE "{table.name}" SET hlc = :hlc WHERE {where}'),
                    {**keys, "hlc": stamp},
                )
            elif target is not None:
                self.conn.execute(text(f'DELETE FROM "{table.name}" WHERE {where}'), keys)
            self.set_clock(table.name, new_id, LINK_CLOCK, clock)
            op = "i" if present else "d"
            moved = Change(change.seq, change.tx, table.name, new_id, op, keys, clock, {})
            self._pending_log.append((moved, new_id, op, keys, clock))
        self.conn.execute(text(f'DELETE FROM "{table.name}" WHERE "{col}" = :v'), {"v": old})
        self.flush()


#: In a logged change's ``base``: the staff member who made it at its branch (not a column).
STAFF_KEY = "*by"


def _with_staff(
    base: dict[str, str] | None, staff: str | None, from_hub: bool
) -> dict[str, str] | None:
    if base is None or from_hub or not staff:
        return base
    return {**base, STAFF_KEY: staff}


def _hub_stamp(after: str) -> str:
    ts = Timestamp.decode(after)
    return Timestamp(ts.millis, ts.counter + 1, "hub").encode()


LOG_COLUMNS = ("seq", "batch", "tbl", "row_id", "op", "cols", "hlc", "base", "branch_id", "epoch")


def write_log(conn: Connection, batch: int, log: list[dict[str, Any]]) -> None:
    """The change log's rows of one batch, in order, each with its own sequence (taken
    under the log lock the caller holds), written with one COPY."""
    if not log:
        return
    seqs = sorted(
        conn.execute(
            text("SELECT nextval('hub_change_seq') FROM generate_series(1, :n)"), {"n": len(log)}
        ).scalars()
    )
    rows = (
        (seq, batch, e["tbl"], e["row_id"], e["op"], e["cols"], e["hlc"], e["base"],
         e["branch_id"], e["epoch"])
        for seq, e in zip(seqs, log, strict=True)
    )  # fmt: skip
    copy_rows(conn, "hub_change", LOG_COLUMNS, rows)
