"""Another process (the CLI, a second window, a sync process) sees what this one wrote.

Found while moving the window's background sync into a child process (issue 15): after
this process copied its file (the daily backup) or opened it a second time and closed
that, a child that opened and closed the file made this process's later commits
invisible to every other process (and a fresh connection here then failed with "disk
I/O error"): they went to a write-ahead log no one else reads, lost at the next start.
The cause: reading the file's header with a plain open() and close() (is it encrypted?
is it a database?) drops every POSIX lock SQLite holds on it in this process
(crmdesk.core.files.held_database).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crmdesk.core.errors import DomainError
from crmdesk.core.files import check_output
from crmdesk.services import customers
from crmdesk.store.backup import copy_database
from crmdesk.store.cipher import is_encrypted

REPO = Path(__file__).resolve().parents[2]


def seen_elsewhere(path: Path) -> int:
    """How many customers named 佐藤 a separate crmdesk process finds in ``path``."""
    out = subprocess.run(
        [sys.executable, "-m", "crmdesk", "--db", str(path), "search", "佐藤", "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    return int(json.loads(out.stdout)["count"])


def add(db: Any, given: str) -> None:
    with db.transaction() as session:
        customers.create_customer(session, {"family_name": "佐藤", "given_name": given})


def test_a_write_after_another_process_came_and_went_is_seen(db: Any) -> None:
    add(db, "一")
    assert seen_elsewhere(db.path) == 1
    add(db, "二")
    assert seen_elsewhere(db.path) == 2


def test_a_write_after_a_backup_and_another_process_is_seen(db: Any, tmp_path: Path) -> None:
    add(db, "一")
    copy_database(db.path, tmp_path / "copy.sqlite3")  # what the daily backup does
    assert seen_elsewhere(db.path) == 1
    add(db, "二")
    assert seen_elsewhere(db.path) == 2


def test_refusing_to_write_over_the_database_leaves_its_locks(db: Any) -> None:
    """The output guard reads a file's header to spot a database: for the open one it
    must know without reading, or the refusal itself drops SQLite's locks."""
    add(db, "一")
    with pytest.raises(DomainError):
        check_output(db.path)
    assert is_encrypted(db.path) is False
    assert seen_elsewhere(db.path) == 1
    add(db, "二")
    assert seen_elsewhere(db.path) == 2
