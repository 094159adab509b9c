"""Rebuilding every search key of an older file (new normalisation rules), on 100,000
demo customers, against FTS5's own ``rebuild`` of the index in the same run.

Run on demand: ``python -m pytest tests/bench/test_bench_search_rebuild.py -s``. Prints the
time the first open takes when the file's keys are from an older rule version: once from
version 1 (only rows with a variant kanji are looked at again), once from an unknown
version (every row recomputed and rewritten, the worst case).
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from sqlalchemy import text

from crmdesk.store.db import make_engine, sqlite_url
from crmdesk.store.search_rebuild import rebuild_if_stale
from tests.bench.test_bench_search import bench_file

SIZE = 100_000


def _stale(path: Path, *, every_key: bool) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE settings SET value = '1' WHERE key = 'search_rules'")
        # An older crmdesk kept variant kanji in the keys: put some back.
        conn.execute(
            "UPDATE customer SET family_name = '髙' || substr(family_name, 2),"
            " name_key = '髙' || substr(name_key, 2),"
            " search_text = '髙' || substr(search_text, 2)"
            " WHERE family_name LIKE '高%'"
        )
        if every_key:  # a rule change that may touch any row: everything recomputed
            conn.execute("UPDATE settings SET value = '0' WHERE key = 'search_rules'")
            conn.execute("UPDATE customer SET name_key = '', search_text = search_text || '|x'")


def _timed_rebuild(path: Path) -> tuple[float, int]:
    engine = make_engine(sqlite_url(path))
    started = time.perf_counter()
    done = rebuild_if_stale(engine)
    elapsed = time.perf_counter() - started
    engine.dispose()
    assert done is not None
    return elapsed, done.customers


def test_rebuild_on_open_of_100k_customers(tmp_path: Path) -> None:
    source, _ = bench_file(SIZE)
    work = tmp_path / "old.sqlite3"

    shutil.copy(source, work)
    started = time.perf_counter()
    with sqlite3.connect(work) as conn:
        conn.execute("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")
    fts = time.perf_counter() - started

    shutil.copy(source, work)
    _stale(work, every_key=False)
    some, some_rows = _timed_rebuild(work)

    shutil.copy(source, work)
    _stale(work, every_key=True)
    every, every_rows = _timed_rebuild(work)
    engine = make_engine(sqlite_url(work))
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT count(*) FROM customer WHERE name_key LIKE '高%' AND family_name LIKE '髙%'"
            )
        ).scalar()
    engine.dispose()
    print(
        f"\nsearch-key rebuild on {SIZE:,} customers:"
        f" {some_rows:,} keys changed {some:.2f} s; every key stale ({every_rows:,}) "
        f"{every:.2f} s; baseline FTS5 'rebuild' of the index {fts:.2f} s"
    )
    assert some_rows > 0 and every_rows >= SIZE * 0.99 and found
