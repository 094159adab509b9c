"""db.transaction() is a write transaction taken up front; a busy file is a clear error."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from crmdesk.core.errors import DomainError
from crmdesk.store.db import open_database


def test_transaction_takes_the_write_lock_before_the_first_read(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with db.transaction() as session:
            session.execute(text("SELECT 1"))
            other = closing(sqlite3.connect(db_path, timeout=0))
            with other as conn, pytest.raises(sqlite3.OperationalError, match="locked"):
                conn.execute("BEGIN IMMEDIATE")
    finally:
        db.close()


def test_reading_does_not_take_the_write_lock(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with db.reading() as session:
            session.execute(text("SELECT count(*) FROM customer")).scalar()
            with closing(sqlite3.connect(db_path, timeout=0)) as other:
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
    finally:
        db.close()


def test_a_lock_not_obtained_is_database_busy_not_a_traceback(db_path: Path) -> None:
    db = open_database(db_path, busy_timeout_ms=200)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    try:
        with pytest.raises(DomainError) as caught, db.transaction() as session:
            session.execute(text("SELECT 1"))
        assert caught.value.code == "database_busy"
        assert "別の画面が保存中" in caught.value.message("ja")
        assert time.monotonic() - started < 5  # bounded
    finally:
        other.execute("ROLLBACK")
        other.close()
        db.close()


def test_a_writer_waits_for_the_other_to_finish(db_path: Path) -> None:
    db = open_database(db_path, busy_timeout_ms=5000)
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    timer.start()
    try:
        with db.transaction() as session:
            assert session.execute(text("SELECT 1")).scalar() == 1
    finally:
        timer.join()
        other.close()
        db.close()


def test_a_card_issued_then_a_sale_on_a_joined_file_each_is_one_outbox_group(
    db_path: Path,
) -> None:
    """Found at the counter of a branch: a card issued, then the sale on it said 別の画面が
    保存中です although nothing else had the file. The card's rows were flushed after the
    hook that closes a transaction's outbox group, so the group stayed open and the next
    read transaction (the CLI's sign-in check) tried to close it: a write in a read."""
    from crmdesk.services import cards
    from crmdesk.services.purchases import record_purchase
    from crmdesk.services.staff import CLI_ACTOR
    from tests.helpers.factories import add_customer

    db = open_database(db_path)
    try:
        with db.transaction() as session:
            session.execute(text("UPDATE sync_flag SET capture = 1"))  # as joining sets it
            cid = add_customer(session, phone1="03-5555-0101")
        with db.transaction() as session:
            card = cards.issue_card(session, cid, actor=CLI_ACTOR).card_number
        with closing(sqlite3.connect(db_path)) as conn:  # the card's group is closed
            last, txn = conn.execute(
                "SELECT (SELECT tx FROM sync_outbox ORDER BY id DESC LIMIT 1), txn FROM sync_flag"
            ).fetchone()
            assert last < txn
        with db.transaction() as session:
            with db.reading() as check:  # the CLI's sign-in check, on its own connection
                check.execute(text("SELECT count(*) FROM staff")).scalar()
            sale = record_purchase(session, card_number=card, amount=1_500, actor=CLI_ACTOR)
        with closing(sqlite3.connect(db_path)) as conn:
            groups = dict(
                conn.execute(
                    "SELECT tbl, tx FROM sync_outbox WHERE tbl IN ('point_card', 'purchase')"
                )
            )
        assert sale.amount == 1_500
        assert groups["point_card"] != groups["purchase"]  # two actions, two groups
    finally:
        db.close()
