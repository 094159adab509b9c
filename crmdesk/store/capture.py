"""Change capture: SQLite triggers, generated from the models, write every change to the outbox.

Outbox shape (``sync_outbox``, revision 0011_sync): one row per changed row, not per
column: ``id`` (AUTOINCREMENT, never reused, the local sequence), ``tx`` (the local
transaction it belongs to), ``tbl``, ``row_id``, ``op`` (``i`` insert, ``u`` update, ``d``
removal of a link row), ``cols`` (JSON object of the changed columns and their new values,
SQLite storage values: text, integers, null) and ``hlc`` (the row's new ``hlc`` when the
writer restamped it; NULL for raw SQL that did not, which the push stamps in order with the
node's clock). One row per row keeps an import's insert cost near that of the bare insert.

The triggers fire only while ``sync_flag.capture = 1``: set when the file joins a hub
(unjoined files pay one tiny read per write), and cleared by the sync engine inside its
own apply transaction, so what sync applies is not captured again (other connections
never see the cleared flag: it is uncommitted, and SQLite has one writer at a time).

Transactions: the triggers write ``tx = sync_flag.txn``; before a session commits, if the
last outbox row carries the current ``txn``, the counter moves on (:func:`_close_group`).
So every ORM or ``Database.transaction()`` write forms one group; raw writers that bypass
sessions join the next group, which is harmless.

Who: a write transaction (``Database.transaction()``) of a computer where a staff member
is signed in (``Database.acting_staff_id``) sets ``sync_flag.staff`` when it begins and
clears it before it commits; the triggers copy it into ``sync_outbox.staff_id``, so the
conflict inbox at another branch can say who made the change.

Triggers are dropped and recreated after every migration (``install``, called by
:func:`crmdesk.store.migrate.upgrade`), so a new column or synced table is captured at once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.orm import Session

from crmdesk.store.synced import LINK, SyncedTable, synced_tables

TRIGGER_PREFIX = "sync_capture_"
_JSON_CHUNK = 50  # SQLite functions take at most 127 arguments


def _json_of(prefix: str, columns: tuple[str, ...]) -> str:
    """json_object(...) of ``prefix.col`` for every column, chunked under the arg limit."""
    first, rest = columns[:_JSON_CHUNK], columns[_JSON_CHUNK:]
    expr = "json_object(" + ", ".join(f"'{c}', {prefix}.\"{c}\"" for c in first) + ")"
    while rest:
        chunk, rest = rest[:_JSON_CHUNK], rest[_JSON_CHUNK:]
        expr = f"json_set({expr}, " + ", ".join(f"'$.{c}', {prefix}.\"{c}\"" for c in chunk) + ")"
    return expr


def row_json_sql(table: SyncedTable, prefix: str) -> str:
    """The JSON text of a row's synced columns, as the capture triggers write it."""
    return _json_of(prefix, table.columns)


def row_id_sql(table: SyncedTable, prefix: str) -> str:
    return " || '|' || ".join(f'{prefix}."{k}"' for k in table.key)


def _has_hlc(table: SyncedTable) -> bool:
    return "hlc" in table.table.c


def _stamp(prefix: str, table: SyncedTable) -> str:
    return f"nullif({prefix}.hlc, '')" if _has_hlc(table) else "NULL"


ON = "(SELECT capture FROM sync_flag) = 1"
TXN = "(SELECT txn FROM sync_flag)"
STAFF = "(SELECT staff FROM sync_flag)"


def trigger_sql(table: SyncedTable) -> list[str]:
    """The CREATE TRIGGER statements capturing one table."""
    t, name = table.name, TRIGGER_PREFIX + table.name
    insert = (
        f'CREATE TRIGGER {name}_i AFTER INSERT ON "{t}" WHEN {ON} BEGIN '
        f"INSERT INTO sync_outbox(tx, tbl, row_id, op, cols, hlc, staff_id) VALUES ({TXN}, "
        f"'{t}', {row_id_sql(table, 'NEW')}, 'i', {_json_of('NEW', table.columns)}, "
        f"{_stamp('NEW', table)}, {STAFF}); END"
    )
    out = [insert]
    if table.kind == LINK:
        out.append(
            f'CREATE TRIGGER {name}_d AFTER DELETE ON "{t}" WHEN {ON} BEGIN '
            f"INSERT INTO sync_outbox(tx, tbl, row_id, op, cols, hlc, staff_id) VALUES ({TXN}, "
            f"'{t}', {row_id_sql(table, 'OLD')}, 'd', {_json_of('OLD', table.key)}, NULL, "
            f"{STAFF}); END"
        )
        return out
    watched = ", ".join(f'"{c}"' for c in (*table.columns, "hlc"))
    arms = " UNION ALL ".join(
        f'SELECT \'{c}\' AS k, NEW."{c}" AS v WHERE NEW."{c}" IS NOT OLD."{c}"'
        for c in table.columns
    )
    restamped = "CASE WHEN NEW.hlc IS NOT OLD.hlc AND NEW.hlc <> '' THEN NEW.hlc END"
    out.append(
        f'CREATE TRIGGER {name}_u AFTER UPDATE OF {watched} ON "{t}" WHEN {ON} BEGIN '
        f"INSERT INTO sync_outbox(tx, tbl, row_id, op, cols, hlc, staff_id) "
        f"SELECT {TXN}, '{t}', NEW.id, 'u', j, {restamped}, {STAFF} "
        f"FROM (SELECT json_group_object(k, v) AS j, count(*) AS n FROM ({arms})) "
        f"WHERE n > 0; END"
    )
    return out


def seed_sql(table: SyncedTable) -> str:
    """Every existing row of ``table`` into the outbox as an insert (a join's upload)."""
    return (
        f"INSERT INTO sync_outbox(tx, tbl, row_id, op, cols, hlc) "
        f"SELECT {TXN}, '{table.name}', {row_id_sql(table, 'T')}, 'i', "
        f"{_json_of('T', table.columns)}, {_stamp('T', table)} "
        f'FROM "{table.name}" AS T ORDER BY {", ".join(f"T.{k}" for k in table.key)}'
    )


def has_outbox(conn: Connection) -> bool:
    found = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_outbox'")
    ).first()
    return found is not None


def install(conn: Connection) -> None:
    """Drop every capture trigger and create them afresh from the models."""
    if not has_outbox(conn):
        return
    old = conn.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE :p"),
        {"p": TRIGGER_PREFIX + "%"},
    ).scalars()
    for name in list(old):
        conn.execute(text(f'DROP TRIGGER IF EXISTS "{name}"'))
    for table in synced_tables():
        for statement in trigger_sql(table):
            conn.execute(text(statement))


def install_on(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return
    from crmdesk.store.db import BEGIN_OPTION  # cycle: store.db imports this module

    # The write lock first: reading sqlite_master and then dropping triggers in a deferred
    # transaction fails at once ("database is locked") when another process opens the file.
    with engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"}).begin() as conn:
        install(conn)


@event.listens_for(Session, "before_commit")
def _close_group(session: Session) -> None:
    """End this transaction's outbox group, so the next transaction starts a new one."""
    db = session.info.get("db")
    if db is None or db.engine.dialect.name != "sqlite" or not _capturing(db.engine):
        return
    if session.info.get("reading"):  # a read transaction never takes the write lock
        return
    # SQLAlchemy flushes what is pending after this hook: flushed now, this transaction's
    # rows are in the outbox before its group is closed (else they joined the next group,
    # and the next read transaction found the group open and tried to close it: a write in
    # a read transaction, refused as "database is locked").
    session.flush()
    conn = session.connection()
    used = conn.execute(
        text("SELECT (SELECT tx FROM sync_outbox ORDER BY id DESC LIMIT 1) = txn FROM sync_flag")
    ).scalar()
    if session.info.get("staff_set"):
        session.info.pop("staff_set")
        conn.execute(text("UPDATE sync_flag SET staff = NULL"))
    if used:  # a read-only transaction never writes here (it would take the write lock)
        conn.execute(text("UPDATE sync_flag SET txn = txn + 1"))


@event.listens_for(Session, "after_begin")
def _set_staff(session: Session, _transaction: Any, conn: Connection) -> None:
    """A write transaction of a computer where someone is signed in: the triggers copy who
    into each outbox row (``sync_flag.staff``, cleared again before the commit)."""
    db = session.info.get("db")
    if db is None or not session.info.get("writer") or not db.acting_staff_id:
        return
    if db.engine.dialect.name != "sqlite" or not _capturing(db.engine):
        return
    conn.execute(text("UPDATE sync_flag SET staff = :s"), {"s": db.acting_staff_id})
    session.info["staff_set"] = True


def _capturing(engine: Engine) -> bool:
    info: dict[str, Any] = engine.__dict__.setdefault("_crmdesk_capture", {})
    if "outbox" not in info:
        with engine.connect() as conn:
            info["outbox"] = has_outbox(conn)
    return bool(info["outbox"])
