"""Revision 0020_origin_from_hlc: a row's origin is its stamp's node, computed, not stored.

Every row reads the origin it had; none is stored (SQLite lists it as a generated
column); a row written or restamped afterwards reads its new stamp's node; the downgrade
stores them again, the same values.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy.orm import Session

from crmdesk.services import demo
from crmdesk.store.db import make_engine, open_database
from crmdesk.store.migrate import alembic_config
from crmdesk.store.synced import synced_tables
from tests.helpers.factories import add_customer

GENERATED_VIRTUAL = 2  # PRAGMA table_xinfo's "hidden" for a VIRTUAL generated column


def _origins(path: Path) -> dict[str, list[tuple[str, str]]]:
    out = {}
    with closing(sqlite3.connect(path)) as conn:
        for table in synced_tables():
            if table.kind == "row":
                rows = conn.execute(f'SELECT id, origin FROM "{table.name}" ORDER BY id')
                out[table.name] = rows.fetchall()
    return out


def _file_at_0019(path: Path, customers: int = 40) -> None:
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0019_lean_ledgers")
    with Session(engine) as session, session.begin():
        demo.generate(session, customers=customers, seed=3)
    engine.dispose()
    with closing(sqlite3.connect(path)) as conn:  # a stamp from another node, as sync leaves
        conn.execute(
            "UPDATE customer SET hlc = '0001796305904112-0012-other-node', origin = 'other-node' "
            "WHERE rowid = 1"
        )
        conn.commit()


def test_every_row_reads_the_origin_it_had_and_none_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "at0019.sqlite3"
    _file_at_0019(path)
    before = _origins(path)
    assert sum(map(len, before.values())) > 500
    db = open_database(path)
    db.close()
    assert _origins(path) == before
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for table in synced_tables():
            if table.kind != "row":
                continue
            hidden = {r[1]: r[-1] for r in conn.execute(f'PRAGMA table_xinfo("{table.name}")')}
            assert hidden["origin"] == GENERATED_VIRTUAL, table.name


def test_a_row_written_or_restamped_afterwards_reads_its_stamps_node(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = open_database(path)
    try:
        with db.transaction() as session:
            cid = add_customer(session, family_name="森")
        with closing(sqlite3.connect(path)) as conn:
            origin, hlc = conn.execute(
                "SELECT origin, hlc FROM customer WHERE id = ?", (cid,)
            ).fetchone()
            assert origin == db.node_id and hlc.endswith(db.node_id)
            # sync's restamp sets hlc alone; a counter past 9999 is one digit wider
            conn.execute(
                "UPDATE customer SET hlc = '0001796305904112-10001-hub' WHERE id = ?", (cid,)
            )
            assert conn.execute("SELECT origin FROM customer WHERE id = ?", (cid,)).fetchone() == (
                "hub",
            )
            conn.rollback()
    finally:
        db.close()


def test_downgrade_stores_the_same_origins(tmp_path: Path) -> None:
    path = tmp_path / "down.sqlite3"
    _file_at_0019(path)
    before = _origins(path)
    db = open_database(path)
    try:
        command.downgrade(alembic_config(db.engine), "0019_lean_ledgers")
    finally:
        db.close()
    assert _origins(path) == before
    with closing(sqlite3.connect(path)) as conn:
        hidden = {r[1]: r[-1] for r in conn.execute("PRAGMA table_xinfo(customer)")}
        assert hidden["origin"] == 0


def _pages(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA page_count").fetchone()[0])


def test_the_file_is_compacted_after_the_rows_got_smaller_when_the_disk_has_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from crmdesk.store import migrate

    roomy, tight = tmp_path / "roomy.sqlite3", tmp_path / "tight.sqlite3"
    _file_at_0019(roomy, customers=200)
    with closing(sqlite3.connect(roomy)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(roomy, tight)
    open_database(roomy).close()
    assert "not compacted" not in caplog.text
    monkeypatch.setattr(migrate, "COMPACT_RESERVE", shutil.disk_usage(tmp_path).free)
    db = open_database(tight)  # a disk without room for SQLite's copy: opens, not compacted
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
    finally:
        db.close()
    assert "not compacted" in caplog.text
    assert _pages(roomy) < _pages(tight) * 0.98, (_pages(roomy), _pages(tight))
    for path in (roomy, tight):
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert _origins(roomy) == _origins(tight)
