"""Processes that connect to a file that does not exist yet, at the same instant.

Switching a new file to WAL takes an exclusive lock, and SQLite answers "database is
locked" at once instead of waiting its busy timeout: one of two counters started together
on a new shop file crashed (seen as a flaky concurrency test, about one run in seven).
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from crmdesk.store.db import make_engine, sqlite_url

CTX = multiprocessing.get_context("fork")
PROCESSES = 4


def _connect(path: Path, barrier: Any, out: Any) -> None:
    barrier.wait()
    try:
        engine = make_engine(sqlite_url(path))
        with engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        engine.dispose()
        out.put(str(mode))
    except Exception as error:  # what the test looks for
        out.put(f"crash: {error}")


def test_processes_connecting_to_one_new_file_all_get_wal(tmp_path: Path) -> None:
    for trial in range(25):
        path = tmp_path / f"new{trial}.sqlite3"
        barrier, out = CTX.Barrier(PROCESSES), CTX.Queue()
        procs = [CTX.Process(target=_connect, args=(path, barrier, out)) for _ in range(PROCESSES)]
        for p in procs:
            p.start()
        results = [out.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=30)
        assert results == ["wal"] * PROCESSES, (trial, results)
