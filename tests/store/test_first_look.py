"""The window's first look at a file (plain sqlite3, before the database layer loads):
the same first page the list shows, or nothing when the file must be opened first."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from crmdesk.services import customer_list, shop, staff
from crmdesk.services.customers import delete_customer
from crmdesk.services.demo import generate
from crmdesk.services.staff import Actor
from crmdesk.store import first_look as look_module
from crmdesk.store.db import open_database
from crmdesk.store.first_look import first_look
from crmdesk.store.migrate import current_revision
from crmdesk.store.revisions import head_revision, revision_of
from crmdesk.ui.customers.list_model import CustomerRow
from tests.helpers.schema import query_plan

OWNER = Actor(None, "owner", "owner")


def shown(rows: list[Any]) -> list[CustomerRow]:
    return [CustomerRow.from_customer(c) for c in rows]


def test_the_first_look_is_the_first_page_the_list_shows(db_path: Path) -> None:
    db = open_database(db_path)
    with db.transaction() as session:
        generate(session, customers=120, seed=3)
        first = customer_list.page_customers(session, limit=5).customers
        delete_customer(session, first[0].id, actor=OWNER)  # the deleted are not listed
        shop.set_shop_info(session, {"name": "花田商店", "postal_code": "1000001"}, actor=OWNER)
    with db.reading() as session:
        for limit in (1, 50, 200):  # 200: more than there are
            page = customer_list.page_customers(session, limit=limit, with_related=False)
            look = first_look(db_path, limit)
            assert look is not None and not look.locked
            assert shown(look.customers) == shown(page.customers)
        assert look.shop_name == shop.shop_name(session) == "花田商店"
        assert len(look.customers) == customer_list.count_customers(session) == 119
        assert first[0].id not in {c.id for c in look.customers}
    with db.engine.connect() as conn:  # the page is a seek through the list's index
        plan = query_plan(conn, look_module._FIRST_PAGE.replace("?", "200"))
    assert "ix_customer_kana_list" in plan and "TEMP B-TREE" not in plan
    db.close()


def test_a_file_with_staff_accounts_shows_no_customer_before_sign_in(db_path: Path) -> None:
    db = open_database(db_path)
    with db.transaction() as session:
        generate(session, customers=20, seed=1)
        assert not staff.has_staff(session)
    assert first_look(db_path, 10).locked is False  # type: ignore[union-attr]
    with db.transaction() as session:
        staff.add_staff(session, "店長", "owner", "4321")
        assert staff.has_staff(session)
    look = first_look(db_path, 10)
    assert look is not None and look.locked and look.customers == []
    db.close()


def test_no_first_look_at_a_file_that_must_be_opened_first(tmp_path: Path, db_path: Path) -> None:
    missing = tmp_path / "new.sqlite3"
    assert first_look(missing, 10) is None
    assert not missing.exists()  # looking never creates the file
    garbage = tmp_path / "notes.sqlite3"
    garbage.write_bytes(b"not a database, just notes " * 100)
    assert first_look(garbage, 10) is None
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()  # an SQLite file with no schema yet
    assert first_look(empty, 10) is None
    open_database(db_path).close()
    assert first_look(db_path, 10) is not None
    with sqlite3.connect(db_path) as conn:  # an older revision: migrating comes first
        conn.execute("UPDATE alembic_version SET version_num = '0017_lean_indexes'")
    assert first_look(db_path, 10) is None


def test_the_revision_read_without_sqlalchemy_is_the_one_it_reads(db_path: Path) -> None:
    db = open_database(db_path)
    with sqlite3.connect(db_path) as conn:
        assert revision_of(conn) == current_revision(db.engine) == head_revision()
    db.close()
    with sqlite3.connect(":memory:") as conn:
        assert revision_of(conn) is None
