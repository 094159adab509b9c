"""An import killed with SIGKILL at random points, then run again, ends where an
uninterrupted import ends: nothing lost, nothing doubled, the file intact."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers.customer_files import customer_csv

ROOT = Path(__file__).parents[2]


def start_import(db: Path, source: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "crmdesk", "--db", str(db), "import", "customers",
               str(source), "--batch", "200", "--json"]  # fmt: skip
    log = db.with_suffix(".log").open("ab")
    try:
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
    finally:
        log.close()


def progress_of(db: Path) -> int:
    """The next row of the run's progress record (0: none yet)."""
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT value FROM settings WHERE key LIKE 'import_run.%'").fetchone()
    conn.close()
    return json.loads(row[0])["next"] if row else 0


def wait_for_a_batch(db: Path, proc: subprocess.Popen, since: int) -> None:
    while proc.poll() is None and progress_of(db) <= since:
        time.sleep(0.01)


def end_state(db: Path) -> tuple[list[tuple], int, list[tuple]]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        people = conn.execute(
            "SELECT c.customer_number, c.family_name, c.given_name, c.family_kana, "
            "c.given_kana, c.postal_code, c.phone1, c.email, c.birthday, c.search_text, "
            "(SELECT coalesce(sum(points), 0) FROM point_entry p WHERE p.customer_id = c.id) "
            "FROM customer c ORDER BY c.customer_number"
        ).fetchall()
        fts = conn.execute("SELECT count(*) FROM customer_fts").fetchone()[0]
        audits = conn.execute("SELECT row_count FROM audit_log WHERE action = 'import'").fetchall()
    return people, fts, audits


def test_an_import_killed_at_random_points_resumes_to_the_same_end(db_path, tmp_path) -> None:
    source = customer_csv(tmp_path / "list.csv", 4000, seed=5)
    clean = tmp_path / "clean.sqlite3"
    shutil.copy(db_path, clean)
    started = time.perf_counter()
    done = start_import(clean, source)
    assert done.wait(timeout=120) == 0, clean.with_suffix(".log").read_text()
    duration = time.perf_counter() - started  # kill points fall inside it, on any machine

    rng = random.Random(8)
    kills, midway = 0, 0
    for attempt in range(4):
        proc = start_import(db_path, source)
        if attempt % 2 == 0:  # anywhere in the run, start-up included
            time.sleep(rng.uniform(0.3, 0.9) * duration)
        else:  # inside the import: just after this run committed a batch (start-up
            # takes most of the run on a fast machine, so a time alone may miss it)
            wait_for_a_batch(db_path, proc, since=progress_of(db_path))
            time.sleep(rng.uniform(0, 0.05))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        with sqlite3.connect(db_path) as conn:  # opens after every kill, and is whole
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            row = conn.execute("SELECT value FROM settings WHERE key LIKE 'import_run.%'")
            progress = row.fetchone()
        conn.close()
        if progress and not json.loads(progress[0])["done"]:
            midway += 1  # killed between committed batches, not before the first
    assert kills >= 2 and midway >= 1
    again = start_import(db_path, source)
    assert again.wait(timeout=120) == 0, db_path.with_suffix(".log").read_text()

    people, fts, audits = end_state(db_path)
    expected = end_state(clean)
    # 8 bad postal codes rejected; same name+kana+birthday (or a shared phone with the same
    # person) skipped
    assert 3900 < len(people) <= 4000 - 8 - 5
    assert people == expected[0]
    assert fts == expected[1] == len(people)
    assert audits == expected[2] == [(len(people),)]
