"""An import that meets another program's write lock waits for it (a few busy timeouts)
instead of failing, and one that cannot get it fails whole, with nothing half-written."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from crmdesk.core.errors import DomainError
from crmdesk.services import import_bulk, import_mapping, importer
from crmdesk.store.db import open_database
from tests.helpers.customer_files import customer_csv

TIMEOUT_MS = 300


def _run(db_path: Path, source: Path, after_first_batch=lambda: None) -> object:
    db = open_database(db_path, busy_timeout_ms=TIMEOUT_MS)
    try:
        steps = importer.run_import(db, import_mapping.prepare(source), batch_size=50)
        next(steps)  # the first batch is in
        after_first_batch()
        while True:
            try:
                next(steps)
            except StopIteration as stop:
                return stop.value
    finally:
        db.close()


def _locked_for(db_path: Path, seconds: float) -> tuple[threading.Thread, object]:
    """Another program takes the write lock for ``seconds`` (from the moment called)."""
    taken = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db_path, seconds, taken))

    def start() -> None:
        holder.start()
        taken.wait(5)

    return holder, start


def _hold_write_lock(db_path: Path, seconds: float, taken: threading.Event) -> None:
    with closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        taken.set()
        time.sleep(seconds)
        conn.execute("ROLLBACK")


def _customers(db_path: Path) -> int:
    with closing(sqlite3.connect(db_path)) as conn:
        return conn.execute("SELECT count(*) FROM customer").fetchone()[0]


def test_an_import_waits_out_a_lock_longer_than_one_busy_timeout(
    db_path: Path, tmp_path: Path
) -> None:
    source = customer_csv(tmp_path / "list.csv", 120, seed=2)
    before = _customers(db_path)
    hold = 2.5 * TIMEOUT_MS / 1000  # more than one try, less than all of them
    holder, lock = _locked_for(db_path, hold)
    started = time.monotonic()
    result = _run(db_path, source, after_first_batch=lock)
    holder.join()
    assert time.monotonic() - started >= hold * 0.9  # it did wait for the lock
    assert result.created == 120
    assert _customers(db_path) == before + 120


def test_an_import_that_never_gets_the_lock_fails_with_nothing_written(
    db_path: Path, tmp_path: Path
) -> None:
    source = customer_csv(tmp_path / "list.csv", 120, seed=2)
    before = _customers(db_path)
    hold = (import_bulk.BUSY_TRIES + 2) * TIMEOUT_MS / 1000
    holder, lock = _locked_for(db_path, hold)
    with pytest.raises(DomainError) as caught:
        _run(db_path, source, after_first_batch=lock)
    holder.join()
    assert caught.value.code == "database_busy"
    assert _customers(db_path) == before + 50  # the first batch, and no part of the next
    result = _run(db_path, source)  # run again once the lock is free: it resumes
    assert _customers(db_path) == before + 120
    assert result.resumed_from_row is not None
