"""One round of sync: handshake, push the outbox in bounded batches, pull until caught up.

Handshake (every round): protocol and schema revisions must match
(:func:`crmdesk.sync.hub_schema.check_compatible`); this computer's clock must not be
more than a minute ahead of the hub's (the PostgreSQL server's clock is the hub's clock);
a file whose outbox sequence or cursor went back (restored from a backup) gets a new
epoch, so its new changes are not taken for repeats, and pulls its own older changes back.
Its reads are one statement (:data:`HANDSHAKE_SQL`), so a round with nothing to do costs
a ping of the pooled connection, that statement, the registry update and the commit: an
empty outbox takes no local write lock and a log head where the cursor already is skips
the pull.

Pull: pages of the change log above the cursor, extended to the end of the last push
batch they touch (a transaction arrives whole). Each page is applied in one local
transaction that also saves the cursor. A cursor below what the hub has pruned means
the branch was away longer than the retention: it re-downloads a snapshot, once.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from crmdesk.core.errors import DomainError
from crmdesk.core.hlc import MAX_DRIFT_MS, Timestamp
from crmdesk.core.ids import new_id
from crmdesk.store.db import Database
from crmdesk.store.synced import by_name
from crmdesk.sync import faults, hub_schema, outbox, state
from crmdesk.sync.hub import translate
from crmdesk.sync.hub_apply import HEAD_SQL, HubApply, Outcome, lock_log, write_log
from crmdesk.sync.local_apply import LocalApply, LocalView, roomy_cache

Progress = Callable[[str, int, int], None] | None


@dataclass
class Round:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    rejected: int = 0
    overdrafts: int = 0
    warnings: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while one page or batch is handled.

    A page makes thousands of dicts and tuples that live until it is written; with the
    collector on, its passes over them cost as much as the work (measured: a snapshot
    page took twice as long). Nothing a page makes needs the collector: it runs again
    after each page, so memory stays bounded by one page.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def hub_now_ms(conn: Connection) -> int:
    value = conn.execute(text("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint"))
    return int(value.scalar() or 0)


def local_state(db: Database) -> dict[str, Any]:
    with db.engine.connect() as conn:
        return state.all_state(conn)


#: The handshake's reads in one statement (one round trip): the hub's meta and revision,
#: its clock, the change log's head, and the branch's registry row, locked.
HANDSHAKE_SQL = (
    "SELECT (SELECT json_object_agg(key, value) FROM hub_meta) AS hub_meta_, "
    f"(SELECT version_num FROM {hub_schema.VERSION_TABLE}) AS hub_revision_, "
    "(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS hub_now_ms_, "
    f"({HEAD_SQL}) AS hub_head_, reg.* FROM (SELECT 1) AS one LEFT JOIN LATERAL "
    "(SELECT * FROM hub_branch WHERE id = :i FOR UPDATE) AS reg ON true"
)


def _handshake_read(conn: Connection, branch_id: str) -> dict[str, Any]:
    """The handshake's reads, in the transaction that is open on ``conn``."""
    found = conn.execute(text(HANDSHAKE_SQL), {"i": branch_id}).mappings().one()
    if not found["hub_meta_"]:
        hub_schema.check_compatible(conn)
    hub_schema.judge(dict(found["hub_meta_"]), found["hub_revision_"])
    return dict(found)


def handshake(db: Database, conn: Connection, st: dict[str, Any]) -> dict[str, Any]:
    """Versions, clock, registry; returns the branch's registry row (epoch may move on),
    with the hub's meta (``hub_meta_``) and change-log head (``hub_head_``) read with it.

    A hub that cannot answer the one statement (not initialised, another application's
    database, an older hub) is judged by :func:`hub_schema.check_compatible`, which
    names what is wrong.
    """
    try:
        return _handshake(db, conn, st)
    except DBAPIError:
        with conn.begin():
            hub_schema.check_compatible(conn)
        raise


def _handshake(db: Database, conn: Connection, st: dict[str, Any]) -> dict[str, Any]:
    with conn.begin():
        found = _handshake_read(conn, st["branch_id"])
        skew = db.clock.wall_ms() - int(found["hub_now_ms_"])
        if skew > MAX_DRIFT_MS:
            raise DomainError("clock_skew", minutes=round(skew / 60_000), skew_ms=skew)
        reg = found
        if reg["id"] is None or reg["left_at"] is not None:
            raise DomainError("not_joined")
        epoch = int(st.get("epoch") or reg["epoch"])
        # The file and the hub share a token, renewed by each round that moves changes: a
        # file restored from a
        # backup holds an older one, so its new changes get a new epoch (never taken for
        # repeats of the old ones) and it pulls back its own changes it lost.
        restored = reg["generation"] is not None and st.get("generation") != reg["generation"]
        if restored or epoch != reg["epoch"]:
            epoch = int(reg["epoch"]) + 1
        generation = new_id() if (restored or epoch != st.get("epoch")) else st.get("generation")
        conn.execute(
            text(
                "UPDATE hub_branch SET acked = CASE WHEN epoch = :e THEN acked ELSE 0 END, "
                "epoch = :e, cursor = :c, last_seen = now(), skew_ms = :s, "
                "generation = coalesce(:g, generation) WHERE id = :i"
            ),
            {
                "e": epoch,
                "c": int(st.get("cursor") or 0),
                "s": skew,
                "g": generation,
                "i": st["branch_id"],
            },
        )
        reg = dict(reg) | {"epoch": epoch}
    if epoch != st.get("epoch") or generation != st.get("generation"):
        with db.transaction() as session:
            state.put(session.connection(), "epoch", epoch)
            state.put(session.connection(), "generation", generation)
        st["epoch"], st["generation"] = epoch, generation
    return reg


def renew_generation(db: Database, conn: Connection, st: dict[str, Any]) -> None:
    """After a round that moved changes: a new token, so a backup from before it is told."""
    generation = new_id()
    with conn.begin():
        conn.execute(
            text("UPDATE hub_branch SET generation = :g WHERE id = :i"),
            {"g": generation, "i": st["branch_id"]},
        )
    with db.transaction() as session:
        state.put(session.connection(), "generation", generation)
    st["generation"] = generation


def branch_codes(conn: Connection) -> dict[str, str]:
    codes = {i: c for i, c in conn.execute(text("SELECT id, code FROM hub_branch"))}
    conn.commit()
    return codes


# --- push ------------------------------------------------------------------------------
def push_all(
    db: Database,
    conn: Connection,
    st: dict[str, Any],
    result: Round,
    max_batch: int,
    progress: Progress,
) -> None:
    if _unprepared(db):  # an idle round takes no write lock here
        with gc_paused(), db.transaction() as session:
            local = session.connection()
            state.set_capture(local, False)
            outbox.prepare(local, db.clock)
            state.set_capture(local, True)
    total = None
    while True:
        with gc_paused():
            with db.engine.connect() as local:
                batch = outbox.read_batch(local, max_batch)
            if not batch:
                return
            if total is None:
                total = _waiting(db)
            acked, rejected = push_batch(conn, st, batch)
        faults.point("push_after_commit")
        with db.transaction() as session:
            outbox.trim(session.connection(), acked, rejected, now_iso())
        faults.point("push_after_trim")
        result.pushed += len(batch)
        result.rejected += len(rejected)
        if progress:
            progress("push", result.pushed, total)


def _waiting(db: Database) -> int:
    with db.engine.connect() as local:
        return outbox.waiting(local)


def _unprepared(db: Database) -> bool:
    with db.engine.connect() as local:
        found = local.execute(text("SELECT 1 FROM sync_outbox WHERE base IS NULL LIMIT 1"))
        return found.first() is not None


def push_batch(
    conn: Connection, st: dict[str, Any], batch: list[outbox.Change]
) -> tuple[int, list[dict[str, Any]]]:
    """Apply one batch on the hub in one transaction; returns (acked seq, rejected)."""
    branch_id, epoch, code = st["branch_id"], int(st["epoch"]), st.get("branch_code", "")
    first, last = batch[0].seq, batch[-1].seq
    try:
        with conn.begin():
            lock_log(conn)
            acked = int(
                conn.execute(
                    text(
                        "SELECT CASE WHEN epoch = :e THEN acked ELSE 0 END FROM hub_branch "
                        "WHERE id = :i"
                    ),
                    {"e": epoch, "i": branch_id},
                ).scalar()
                or 0
            )
            fresh = [c for c in batch if c.seq > acked]
            if fresh:
                limit = hub_now_ms(conn) + MAX_DRIFT_MS
                ahead = max(Timestamp.decode(c.hlc).millis for c in fresh)
                if ahead > limit:
                    minutes = round((ahead - limit + MAX_DRIFT_MS) / 60_000)
                    raise DomainError("clock_skew", minutes=minutes)
                out = _apply_fast(conn, branch_id, code, epoch, fresh)
                if out is None:
                    out = _apply_slow(conn, branch_id, code, epoch, fresh)
                batch_id = int(conn.execute(text("SELECT nextval('hub_change_seq')")).scalar() or 0)
                write_log(conn, batch_id, out.log)
                for item in out.rejected:
                    conn.execute(
                        text(
                            "INSERT INTO hub_rejected (branch_id, epoch, seq, tbl, row_id, reason) "
                            "VALUES (:b, :e, :s, :t, :r, :why) ON CONFLICT DO NOTHING"
                        ),
                        {
                            "b": branch_id,
                            "e": epoch,
                            "s": item["seq"],
                            "t": item["tbl"],
                            "r": item["row_id"],
                            "why": item["reason"],
                        },
                    )
                conn.execute(
                    text(
                        "INSERT INTO hub_batch (branch_id, epoch, last_seq, first_seq, changes) "
                        "VALUES (:b, :e, :l, :f, :n) ON CONFLICT DO NOTHING"
                    ),
                    {"b": branch_id, "e": epoch, "l": last, "f": first, "n": len(fresh)},
                )
                conn.execute(
                    text("UPDATE hub_branch SET acked = :l, last_seen = now() WHERE id = :b"),
                    {"l": last, "b": branch_id},
                )
                faults.point("push_before_commit")
            rejected = [
                {"seq": s, "tbl": t, "row_id": r, "reason": why}
                for s, t, r, why in conn.execute(
                    text(
                        "SELECT seq, tbl, row_id, reason FROM hub_rejected WHERE branch_id = :b "
                        "AND epoch = :e AND seq BETWEEN :f AND :l"
                    ),
                    {"b": branch_id, "e": epoch, "f": first, "l": last},
                )
            ]
    except DBAPIError as error:
        raise translate(error) from None
    return last, rejected


def _apply_fast(
    conn: Connection, branch_id: str, code: str, epoch: int, changes: list[outbox.Change]
) -> Outcome | None:
    out = Outcome()
    try:
        with conn.begin_nested():
            applier = HubApply(conn, branch_id, code, epoch)
            applier.prefetch(changes)
            for change in changes:
                applier.apply(change, out)
            applier.flush()
    except (DBAPIError, ValueError, LookupError, TypeError):
        return None
    return out


def _apply_slow(
    conn: Connection, branch_id: str, code: str, epoch: int, changes: list[outbox.Change]
) -> Outcome:
    """Change by change, each in a savepoint: a bad one is parked, the rest go through."""
    out = Outcome()
    applier = HubApply(conn, branch_id, code, epoch)
    for change in changes:
        one = Outcome()
        try:
            with conn.begin_nested():
                applier.apply(change, one)
                applier.flush()
        except (DBAPIError, ValueError, LookupError, TypeError) as error:
            applier.reset()  # the savepoint is gone: so are the cached reads
            reason = str(getattr(error, "orig", error)).splitlines()[0][:300]
            out.rejected.append(
                {"seq": change.seq, "tbl": change.tbl, "row_id": change.row_id, "reason": reason}
            )
            continue
        out.log.extend(one.log)
    return out


# --- pull ------------------------------------------------------------------------------
PAGE = 2000


def read_page(
    conn: Connection, cursor: int, page: int, mine: tuple[str, int]
) -> tuple[list[dict[str, Any]], int]:
    """Changes from others above ``cursor``, and the sequence the page covers up to.

    Read in one snapshot: the head it reports is visible with every sequence below it
    (sequences are handed out in commit order), so skipping our own rows up to the head
    can never skip someone else's.
    """
    cols = "seq, batch, tbl, row_id, op, cols, hlc, base, branch_id, epoch"
    others = "(branch_id IS DISTINCT FROM :b OR epoch IS DISTINCT FROM :e)"
    params = {"b": mine[0], "e": mine[1]}
    with conn.begin():
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        query = f"SELECT {cols} FROM hub_change WHERE seq > :c AND {others} ORDER BY seq LIMIT :n"
        rows = [
            dict(r)
            for r in conn.execute(text(query), {"c": cursor, "n": page, **params}).mappings()
        ]
        if len(rows) == page:
            more = (
                f"SELECT {cols} FROM hub_change WHERE seq > :s AND batch = :bt AND {others} "
                "ORDER BY seq"
            )
            rows += [
                dict(r)
                for r in conn.execute(
                    text(more), {"s": rows[-1]["seq"], "bt": rows[-1]["batch"], **params}
                ).mappings()
            ]
            upto = int(rows[-1]["seq"])
        else:
            head = conn.execute(text(HEAD_SQL)).scalar()
            upto = int(head or 0)
    return rows, max(upto, cursor)


def pull_all(
    db: Database,
    conn: Connection,
    st: dict[str, Any],
    result: Round,
    progress: Progress,
    page: int = PAGE,
) -> None:
    codes = branch_codes(conn)
    conn.commit()
    view = LocalView()
    while True:
        cursor = int(st.get("cursor") or 0)
        mine = (st["branch_id"], int(st["epoch"]))
        rows, upto = read_page(conn, cursor, page, mine)
        faults.point("pull_page_read")
        if not rows:
            if upto > cursor:  # only our own changes were there: step over them
                with db.transaction() as session:
                    state.put(session.connection(), "cursor", upto)
                st["cursor"] = upto
            return
        with db.transaction() as session, roomy_cache(session.connection()):
            local = session.connection()
            state.applying(local, True)
            applier = LocalApply(local, db.clock, st.get("branch_code", ""), codes, view)
            half = len(rows) // 2
            run: list[dict[str, Any]] = []  # consecutive inserts of one table, applied at once
            for i, row in enumerate(rows):
                if i == half:
                    faults.point("pull_mid_apply")
                if (row["branch_id"], row["epoch"]) == mine:
                    continue  # our own change, already here
                change = dict(row)
                change["cols"] = _json(row["cols"])
                change["base"] = _json(row["base"]) if row["base"] is not None else {}
                result.pulled += 1
                if run and (change["op"] != "i" or change["tbl"] != run[0]["tbl"]):
                    _apply_run(applier, run)
                    run = []
                if change["op"] == "i" and change["tbl"] in by_name():
                    run.append(change)
                else:
                    applier.apply(change)
            _apply_run(applier, run)
            result.overdrafts += applier.finish()
            result.conflicts += applier.conflicts
            new_cursor = upto
            state.put(local, "cursor", new_cursor)
            state.put(local, "hlc_high", db.clock.now().encode())
            state.applying(local, False)
            faults.point("pull_before_commit")
        view.keep(applier)
        st["cursor"] = new_cursor
        if progress:
            progress("pull", result.pulled, 0)


def _apply_run(applier: LocalApply, run: list[dict[str, Any]]) -> None:
    if run:
        for change in applier.insert_many(by_name()[run[0]["tbl"]], run):
            applier.apply(change)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def elapsed(start: float) -> float:
    return round(time.monotonic() - start, 3)
