"""The schema comes from Alembic migrations and matches the models."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from crmdesk.core.errors import DomainError
from crmdesk.store.db import make_engine, open_database
from crmdesk.store.migrate import alembic_config, current_revision
from crmdesk.store.models import Base, PointEntry, Purchase
from crmdesk.store.revisions import head_revision, known_revisions
from tests.helpers.factories import add_customer


def test_a_new_file_is_created_and_migrated_to_head(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.sqlite3"
    db = open_database(path)
    assert path.exists()
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    for table in (
        "customer",
        "point_card",
        "purchase",
        "point_entry",
        "inquiry",
        "inquiry_note",
        "segment",
        "campaign",
        "campaign_recipient",
        "audit_log",
        "settings",
        "branch",
        "staff",
        "tag",
        "customer_fts",
        "inquiry_fts",
    ):
        assert table in tables
    db.close()


def test_models_and_migrations_agree(db) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The FTS5 virtual table and its shadow tables are ours, not the models'; so are the
    # sync engine's own tables (sync_*, revision 0011_sync), used only through plain SQL.
    diff = [
        d
        for d in diff
        if not (d[0] == "remove_table" and ("_fts" in d[1].name or d[1].name.startswith("sync_")))
        and not (d[0] == "remove_index" and d[1].table.name.startswith("sync_"))
    ]
    assert diff == []


def test_opening_again_changes_nothing(db_path: Path) -> None:
    before = db_path.stat().st_size
    db = open_database(db_path)
    assert current_revision(db.engine) == head_revision()
    db.close()
    assert db_path.stat().st_size == before


def test_the_revisions_read_from_the_scripts_are_alembics(db) -> None:
    """Opening a file reads the revisions without Alembic; Alembic must agree."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == "+".join(sorted(script.get_heads()))
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}
    with db.engine.connect() as conn:
        theirs = MigrationContext.configure(conn).get_current_heads()
    assert current_revision(db.engine) == "+".join(sorted(theirs))
    blank = make_engine("sqlite://")
    assert current_revision(blank) is None  # a file never migrated
    blank.dispose()


def test_opening_a_file_at_the_newest_revision_leaves_alembic_unloaded(db_path: Path) -> None:
    """Alembic, Mako and their dialects cost a quarter of a second of every launch."""
    code = (
        "import sys; from pathlib import Path; from crmdesk.store.db import open_database; "
        "db = open_database(Path(sys.argv[1])); db.close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stderr


def test_a_file_from_a_newer_crmdesk_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM alembic_version")  # every head row (branches merge later)
        conn.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    with pytest.raises(DomainError) as caught:
        open_database(db_path)
    assert caught.value.code == "schema_too_new"


def _ledger_rows(session) -> tuple[Purchase, PointEntry]:
    customer_id = add_customer(session)
    now = datetime.now(UTC)
    purchase = Purchase(customer_id=customer_id, amount=1200, purchased_at=now)
    session.add(purchase)
    session.flush()
    entry = PointEntry(
        customer_id=customer_id, kind="earn", points=12, purchase_id=purchase.id, occurred_at=now
    )
    session.add(entry)
    session.flush()
    return purchase, entry


@pytest.mark.parametrize("table", ["purchase", "point_entry"])
def test_ledgers_refuse_update_and_delete(db, table: str) -> None:
    with db.transaction() as session:
        purchase, entry = _ledger_rows(session)
    row_id = purchase.id if table == "purchase" else entry.id
    column = "amount" if table == "purchase" else "points"
    with db.engine.begin() as conn, pytest.raises(IntegrityError, match="append-only"):
        conn.execute(text(f"UPDATE {table} SET {column} = 1 WHERE id = :id"), {"id": row_id})
    with db.engine.begin() as conn, pytest.raises(IntegrityError, match="append-only"):
        conn.execute(text(f"DELETE FROM {table} WHERE id = :id"), {"id": row_id})
    with db.engine.connect() as conn:
        value = conn.execute(
            text(f"SELECT {column} FROM {table} WHERE id = :id"), {"id": row_id}
        ).scalar()
    assert value == (1200 if table == "purchase" else 12)


def test_a_ledger_row_may_move_to_a_surviving_customer(db) -> None:
    """Duplicate merges re-parent ledger rows; amounts stay untouchable."""
    with db.transaction() as session:
        purchase, _ = _ledger_rows(session)
        other = add_customer(session, phone1="090-0000-1111", given_name="次郎")
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE purchase SET customer_id = :c WHERE id = :id"),
            {"c": other, "id": purchase.id},
        )
    with db.engine.connect() as conn:
        moved = conn.execute(
            text("SELECT customer_id, amount FROM purchase WHERE id = :id"), {"id": purchase.id}
        ).one()
    assert tuple(moved) == (other, 1200)


def test_search_index_survives_vacuum(db) -> None:
    with db.transaction() as session:
        for i in range(30):
            add_customer(
                session,
                family_name=f"顧客{i:02d}",
                family_kana="こきゃく",
                customer_number=f"{i + 1:06d}",
            )
        from crmdesk.services.customer_index import get_by_number
        from crmdesk.services.customers import delete_customer

        for i in range(0, 30, 2):
            delete_customer(session, get_by_number(session, f"{i + 1:06d}").id)
    with closing(sqlite3.connect(db.path)) as conn:  # VACUUM runs outside a transaction
        conn.execute("VACUUM")
    from crmdesk.services.search import search_customers

    with db.transaction() as session:
        hits = search_customers(session, "顧客07")
    assert [h.customer_number for h in hits] == ["000008"]


def _stored(conn: sqlite3.Connection, table: str) -> str:
    """ "(a, b, ...)": the table's stored columns (origin is generated: revision 0020)."""
    return "(" + ", ".join(row[1] for row in conn.execute(f"PRAGMA table_info({table})")) + ")"


@pytest.mark.parametrize(
    ("table", "column", "statement"),
    [
        ("point_entry", "points", "INSERT OR REPLACE INTO point_entry {cols} SELECT * FROM t"),
        ("point_entry", "points", "REPLACE INTO point_entry {cols} SELECT * FROM t"),
        ("purchase", "amount", "REPLACE INTO purchase {cols} SELECT * FROM t"),
        (
            "point_entry",
            "points",
            "INSERT INTO point_entry {cols} SELECT * FROM t WHERE true "
            "ON CONFLICT(id) DO UPDATE SET points = excluded.points",
        ),
    ],
)
def test_replace_and_upsert_cannot_rewrite_a_ledger_row(
    db, table: str, column: str, statement: str
) -> None:
    with db.transaction() as session:
        purchase, entry = _ledger_rows(session)
    row_id = purchase.id if table == "purchase" else entry.id
    original = 1200 if table == "purchase" else 12
    with closing(sqlite3.connect(db.path)) as conn:  # as a script or a careless tool would
        cols = _stored(conn, table)
        conn.execute(f"CREATE TEMP TABLE t AS SELECT {cols[1:-1]} FROM {table} WHERE id = ?",
                     (row_id,))  # fmt: skip
        conn.execute(f"UPDATE t SET {column} = 99999")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(statement.format(cols=cols))
        conn.commit()
        value = conn.execute(f"SELECT {column} FROM {table} WHERE id = ?", (row_id,)).fetchone()
    assert value == (original,)


def test_an_identical_ledger_row_sent_twice_is_still_ignored(db) -> None:
    """Sync merges ledgers by union: the same row again changes nothing and is no error."""
    with db.transaction() as session:
        _, entry = _ledger_rows(session)
    with closing(sqlite3.connect(db.path)) as conn:
        cols = _stored(conn, "point_entry")
        conn.execute(f"CREATE TEMP TABLE t AS SELECT {cols[1:-1]} FROM point_entry WHERE id = ?",
                     (entry.id,))  # fmt: skip
        conn.execute(f"INSERT OR IGNORE INTO point_entry {cols} SELECT * FROM t")
        conn.execute(
            f"INSERT INTO point_entry {cols} SELECT * FROM t WHERE true ON CONFLICT DO NOTHING"
        )
        conn.commit()
        assert conn.execute("SELECT count(*), sum(points) FROM point_entry").fetchone() == (1, 12)
