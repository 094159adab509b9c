"""The bulk writer: what a batch leaves behind in the file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from crmdesk.services import customers, import_bulk, import_mapping, import_report, importer, search
from crmdesk.store.db import Database, open_database
from tests.helpers.customer_files import customer_csv
from tests.helpers.factories import TODAY


def _run(db: Database, path: Path, **options: Any) -> import_report.ImportResult:
    steps = importer.run_import(db, import_mapping.prepare(path), today=TODAY, **options)
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            result: import_report.ImportResult = stop.value
            return result


def test_an_unjoined_file_imports_in_batches_without_capturing(db: Database, db_path: Path) -> None:
    source = customer_csv(db_path.with_name("list.csv"), 1200, seed=4)
    result = _run(db, source, batch_size=500)
    with sqlite3.connect(db_path) as conn:
        customers, indexed, outbox = conn.execute(
            "SELECT (SELECT count(*) FROM customer), (SELECT count(*) FROM customer_fts), "
            "(SELECT count(*) FROM sync_outbox)"
        ).fetchone()
        found = conn.execute(
            "SELECT c.customer_number FROM customer_fts JOIN customer AS c "
            "ON c.search_rowid = customer_fts.rowid WHERE customer_fts MATCH '09000000777'"
        ).fetchall()
    conn.close()
    assert customers == indexed == result.created > 1150  # every row in the search index
    assert found == [("000778",)]  # row 779 of the file: customer 000778, phone ...0777
    assert outbox == 0  # not joined to a hub: nothing captured for sync


def _indexes(path: Path) -> tuple[list[tuple], dict[str, list[str]]]:
    """Each index checked the way a user would meet it: the full-text index agrees with
    the rows (FTS5's own integrity check), and name searches find what the names say."""
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO customer_fts(customer_fts) VALUES ('integrity-check')")
        texts = conn.execute(
            "SELECT c.customer_number, c.search_text FROM customer_fts JOIN customer AS c "
            "ON c.search_rowid = customer_fts.rowid ORDER BY 1"
        ).fetchall()
        names = {}
        for term in ("佐藤花子", "鈴木太", "村健|"):
            found = conn.execute(
                "SELECT c.customer_number FROM customer_name_fts JOIN customer AS c "
                "ON c.search_rowid = customer_name_fts.rowid WHERE name_text MATCH ? ORDER BY 1",
                (f'"{term}"',),
            ).fetchall()
            expected = conn.execute(
                "SELECT customer_number FROM customer WHERE name_key || '|' || company_key "
                "LIKE ? ORDER BY 1",
                (f"%{term}%",),
            ).fetchall()
            assert found == expected and found, term
            names[term] = [n for (n,) in found]
    conn.close()
    return texts, names


def test_the_batch_is_indexed_in_bulk_as_the_trigger_would(
    db: Database, db_path: Path, template_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with sqlite3.connect(db_path) as conn:
        (trigger,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'customer_fts_insert'"
        ).fetchone()
    conn.close()
    # The migrations' trigger is the one the writer knows how to stand in for.
    assert " ".join(trigger.split()) == import_bulk.INSERT_TRIGGER_SQL
    source = customer_csv(db_path.with_name("list.csv"), 1200, seed=4)
    result = _run(db, source, batch_size=500)

    # The same file where the writer does not know the trigger: the trigger indexes.
    other = db_path.with_name("other.sqlite3")
    shutil.copy(template_db, other)
    with monkeypatch.context() as patch:
        patch.setattr(import_bulk, "INSERT_TRIGGER_SQL", "another trigger")
        other_db = open_database(other)
        try:
            assert _run(other_db, source, batch_size=500).created == result.created
        finally:
            other_db.close()
    texts, names = _indexes(db_path)
    assert len(texts) == result.created and (texts, names) == _indexes(other)

    # The trigger is back as it was, and indexes the customers added after the import.
    with sqlite3.connect(db_path) as conn:
        assert conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'customer_fts_insert'"
        ).fetchone() == (trigger,)
    conn.close()
    with db.transaction() as session:
        customers.create_customer(
            session, {"family_name": "新井", "given_name": "一郎", "phone1": "03-9999-0001"}
        )
    with db.reading() as session:
        assert [h.name for h in search.search_customers(session, "0399990001")] == ["新井 一郎"]
        assert [h.name for h in search.search_customers(session, "新井一郎")] == ["新井 一郎"]


def test_a_number_given_by_the_import_is_in_the_search_text(db: Database, db_path: Path) -> None:
    # A row without a number, and one whose number another customer has already, imported
    # as a new customer: the import numbers both, and the search finds each by its number.
    with db.transaction() as session:
        customers.create_customer(session, {"family_name": "既存", "customer_number": "000900"})
    source = db_path.with_name("list.csv")
    source.write_text(
        "顧客番号,氏名,電話番号\r\n,佐藤 花子,090-1111-0001\r\n000900,鈴木 太郎,090-1111-0002\r\n",
        encoding="cp932",
    )
    assert _run(db, source, on_duplicate="import").created == 2
    with db.reading() as session:
        numbers = {h.name: h.customer_number for h in search.search_customers(session, "09011110")}
        assert set(numbers) == {"佐藤 花子", "鈴木 太郎"} and "000900" not in numbers.values()
        for name, number in numbers.items():
            assert [h.name for h in search.search_customers(session, number[1:])] == [name]
    with sqlite3.connect(db_path) as conn:
        texts = dict(conn.execute("SELECT customer_number, search_text FROM customer").fetchall())
    conn.close()
    assert all(number in text for number, text in texts.items())


def test_a_file_an_older_import_numbered_is_repaired_on_open(db_path: Path) -> None:
    db = open_database(db_path)
    with db.transaction() as session:
        made = [
            customers.create_customer(session, {"family_name": name}).customer_id
            for name in ("佐藤", "鈴木")
        ]
        numbers = dict(session.execute(text("SELECT id, customer_number FROM customer")).all())
        # As an older import left it: the number it gave Sato missing from her search text.
        session.execute(
            text("UPDATE customer SET search_text = replace(search_text, customer_number, '')"
                 " WHERE id = :id"),
            {"id": made[0]},
        )  # fmt: skip
        session.execute(text("UPDATE settings SET value = '3' WHERE key = 'search_rules'"))
        assert search.search_customers(session, numbers[made[0]][1:]) == []
    db.close()

    with sqlite3.connect(db_path) as conn:
        before = dict(conn.execute("SELECT id, hlc FROM customer").fetchall())
    conn.close()
    db = open_database(db_path)
    try:
        with db.reading() as session:
            for who, number in numbers.items():
                assert [h.id for h in search.search_customers(session, number[1:])] == [who]
    finally:
        db.close()
    with sqlite3.connect(db_path) as conn:
        assert dict(conn.execute("SELECT id, hlc FROM customer").fetchall()) == before
        assert conn.execute("SELECT value FROM settings WHERE key = 'search_rules'").fetchone() == (
            "4",
        )
    conn.close()
