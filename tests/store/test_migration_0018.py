"""Revision 0018_list_order: the list's first page is a seek through an index, and the
searches the two dropped indexes served still go through one."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy.orm import Session

from crmdesk.services import demo
from crmdesk.services.customer_list import page_customers
from crmdesk.store.db import make_engine, open_database
from crmdesk.store.migrate import alembic_config, current_revision
from crmdesk.store.revisions import head_revision
from tests.helpers.schema import index_names, query_plan

DROPPED = ("ix_customer_kana_key", "ix_customer_name_key")


def _file_at_0017(path: Path) -> list[str]:
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0017_lean_indexes")
    with Session(engine) as session, session.begin():
        demo.generate(session, customers=80, seed=11)
    with Session(engine) as session:
        first = [c.id for c in page_customers(session, limit=30).customers]
    engine.dispose()
    return first


def test_the_list_in_furigana_order_is_read_through_an_index(tmp_path: Path) -> None:
    path = tmp_path / "at0017.sqlite3"
    before = _file_at_0017(path)
    db = open_database(path)
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as conn:
            names = index_names(conn)
            assert "ix_customer_kana_list" in names
            assert not set(DROPPED) & names
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            listing = (
                "SELECT id FROM customer WHERE deleted = 0 "
                "ORDER BY kana_key, customer_number LIMIT 100"
            )
            plan = query_plan(conn, listing)
            assert "ix_customer_kana_list" in plan and "TEMP B-TREE" not in plan, plan
            # a later page seeks from the last row's key
            later = (
                "SELECT id FROM customer WHERE deleted = 0 AND (kana_key, customer_number) "
                "> (?, ?) ORDER BY kana_key, customer_number LIMIT 100"
            )
            plan = query_plan(conn, later, ("た", "1"))
            assert "SEARCH" in plan and "ix_customer_kana_list" in plan, plan
            # the prefix searches the dropped indexes served
            for column in ("kana_key", "name_key"):
                prefix = (
                    f"SELECT rowid, {column} FROM customer WHERE {column} >= ? AND {column} < ? "
                    f"ORDER BY {column} LIMIT 20"
                )
                plan = query_plan(conn, prefix, ("やま", "やま\U0010ffff"))
                assert "SEARCH" in plan and "INDEX" in plan and "TEMP B-TREE" not in plan, plan
        with db.reading() as session:
            # the same customers in the same order as before the migration
            assert [c.id for c in page_customers(session, limit=30).customers] == before
    finally:
        db.close()


def test_downgrade_makes_them_again(tmp_path: Path) -> None:
    path = tmp_path / "down.sqlite3"
    _file_at_0017(path)
    db = open_database(path)
    try:
        command.downgrade(alembic_config(db.engine), "0017_lean_indexes")
        with db.engine.connect() as conn:
            names = index_names(conn)
            assert set(DROPPED) <= names
            assert "ix_customer_kana_list" not in names
    finally:
        db.close()
