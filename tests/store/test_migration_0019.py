"""Revision 0019_lean_ledgers: the ledgers lose created_at/updated_at and nothing else.

The same purchases, point entries, voids and notes after the migration, the same
balances; the append-only guards still refuse what they refused (their columns were
rewritten); a sale recorded afterwards is captured for sync without the two columns.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.services import demo
from crmdesk.services import points as ledger
from crmdesk.services.purchases import record_purchase
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.store.db import make_engine, open_database
from crmdesk.store.migrate import alembic_config, current_revision
from crmdesk.store.models import PointEntry
from crmdesk.store.revisions import head_revision

LEDGERS = {
    "purchase": "purchased_at",
    "purchase_void": "voided_at",
    "point_entry": "occurred_at",
    "inquiry_note": "noted_at",
}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _ledgers(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every ledger row, all columns but the two that go (and origin: 0020), in id order."""
    out = {}
    with closing(sqlite3.connect(path)) as conn:
        for table in LEDGERS:
            gone = ("created_at", "updated_at", "origin")
            keep = [c for c in _columns(conn, table) if c not in gone]
            names = ", ".join(keep)
            out[table] = conn.execute(f"SELECT {names} FROM {table} ORDER BY id").fetchall()
    return out


def _file_at_0018(path: Path) -> dict[str, int]:
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0018_list_order")
    with Session(engine) as session, session.begin():
        demo.generate(session, customers=60, seed=7)
    with Session(engine) as session:
        ids = [row[0] for row in session.execute(select(PointEntry.customer_id).distinct())]
        balances = {cid: ledger.balance(session, cid) for cid in ids}
    engine.dispose()
    return balances


@pytest.fixture
def migrated(tmp_path: Path):  # noqa: ANN201
    path = tmp_path / "at0018.sqlite3"
    balances = _file_at_0018(path)
    before = _ledgers(path)
    assert all(before.values()), "the demo has rows in every ledger"
    db = open_database(path)
    yield path, db, balances, before
    db.close()


def test_the_ledgers_keep_every_row_and_lose_the_two_columns(migrated) -> None:  # noqa: ANN001
    path, db, balances, before = migrated
    assert current_revision(db.engine) == head_revision()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for table in LEDGERS:
            columns = _columns(conn, table)
            assert "created_at" not in columns and "updated_at" not in columns, table
        # the rows people change keep theirs
        assert {"created_at", "updated_at"} <= set(_columns(conn, "customer"))
    assert _ledgers(path) == before
    with db.reading() as session:
        assert {cid: ledger.balance(session, cid) for cid in balances} == balances


def test_the_guards_still_hold_after_their_columns_were_rewritten(migrated) -> None:  # noqa: ANN001
    path, db, _, before = migrated
    entry_id = before["point_entry"][0][_columns_at(path, "point_entry").index("id")]
    with closing(sqlite3.connect(path)) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE point_entry SET points = points + 1000 WHERE id = ?", (entry_id,))
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM purchase")
        # REPLACE with an id taken by a row that differs (0009) is refused as before
        names = _columns(conn, "point_entry")  # the stored ones
        listed = ", ".join(names)
        row = conn.execute(f"SELECT {listed} FROM point_entry WHERE id = ?", (entry_id,)).fetchone()
        changed = list(row)
        changed[names.index("points")] = 99_999
        into = f"INTO point_entry ({listed}) VALUES ({', '.join('?' * len(names))})"
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(f"INSERT OR REPLACE {into}", changed)
        # an identical row sent twice is still harmless, and a merge may still re-parent
        conn.execute(f"INSERT OR IGNORE {into}", row)
        other = conn.execute("SELECT id FROM customer LIMIT 1 OFFSET 3").fetchone()[0]
        conn.execute("UPDATE point_entry SET customer_id = ? WHERE id = ?", (other, entry_id))
        conn.rollback()


def _columns_at(path: Path, table: str) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return _columns(conn, table)


def test_a_sale_after_it_is_captured_without_the_columns(migrated) -> None:  # noqa: ANN001
    path, db, _, _ = migrated
    with closing(sqlite3.connect(path)) as conn:
        card = conn.execute("SELECT card_number FROM point_card LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM sync_outbox")
        conn.execute("UPDATE sync_flag SET capture = 1")  # as joining a hub sets it
        conn.commit()
    with db.transaction() as session:
        sale = record_purchase(session, card_number=card, amount=4_200, actor=CLI_ACTOR)
    with closing(sqlite3.connect(path)) as conn:
        captured = conn.execute(
            "SELECT cols FROM sync_outbox WHERE tbl = 'purchase' AND row_id = ?",
            (sale.purchase_id,),
        ).fetchone()
        assert captured is not None
        cols = json.loads(captured[0])
        assert cols["amount"] == 4_200 and "created_at" not in cols and "updated_at" not in cols
        kept = conn.execute("SELECT created_at FROM customer LIMIT 1").fetchone()[0]
        assert kept  # customers are still stamped


def test_downgrade_gives_each_row_its_own_time_back(tmp_path: Path) -> None:
    path = tmp_path / "down.sqlite3"
    _file_at_0018(path)
    db = open_database(path)
    try:
        command.downgrade(alembic_config(db.engine), "0018_list_order")
    finally:
        db.close()
    with closing(sqlite3.connect(path)) as conn:
        for table, own_time in LEDGERS.items():
            rows = conn.execute(f"SELECT created_at, updated_at, {own_time} FROM {table}")
            assert all(c == u == t for c, u, t in rows), table
        entry = conn.execute("SELECT id FROM point_entry LIMIT 1").fetchone()[0]
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE point_entry SET created_at = '2000-01-01' WHERE id = ?", (entry,))
