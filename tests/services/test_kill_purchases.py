"""kill -9 at random points while purchases are written, by the CLI and by the window
(a purchase on the UI thread while an import runs on the background writer): afterwards
the file is whole, every purchase that was reported is there, and every purchase there
is complete (its points with it). Nothing lost, nothing half-written."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from crmdesk.services import cards
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.store.db import open_database
from tests.helpers.customer_files import customer_csv
from tests.helpers.factories import add_customer
from tests.services.test_importer_crash import end_state

ROOT = Path(__file__).parents[2]
TALLY = {"kills": 0, "survived": 0}


def _card(db_path: Path) -> str:
    db = open_database(db_path)
    with db.transaction() as session:
        cid = add_customer(session, phone1="03-9999-0000")  # no birthday: no bonus entries
        number = cards.issue_card(session, cid, actor=CLI_ACTOR).card_number
    db.close()
    return number


def _check(db_path: Path, reported: dict[str, int]) -> None:
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        sales = dict(conn.execute("SELECT id, amount FROM purchase WHERE items != ?",
                                  ('[{"import": "total"}]',)))  # fmt: skip
        earned = dict(conn.execute(
            "SELECT purchase_id, sum(points) FROM point_entry WHERE kind = 'earn' "
            "GROUP BY purchase_id"
        ))  # fmt: skip
    missing = {pid for pid in reported if pid not in sales}
    assert not missing, f"{len(missing)} reported purchases were lost"
    assert all(sales[pid] == amount for pid, amount in reported.items())
    # every purchase on file carries its points: nothing committed by halves
    assert all(earned.get(pid) == amount // 100 for pid, amount in sales.items())


def test_cli_purchases_killed_at_random_lose_nothing_and_write_nothing_by_halves(
    db_path: Path,
) -> None:
    import json

    card = _card(db_path)
    rng = random.Random(11)
    reported: dict[str, int] = {}

    def start(amount: int) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "crmdesk", "--db", str(db_path), "purchase", "add",
             "--card", card, "--amount", str(amount), "--json"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    started = time.perf_counter()
    first = start(1999)
    out, _ = first.communicate(timeout=60)
    reported[json.loads(out)["purchase_id"]] = 1999
    duration = time.perf_counter() - started  # kills fall late in a run, on any machine
    wait = duration * 0.8
    for i in range(10):  # the kill moment homes in on the end of a run, where it writes
        amount = 2000 + i
        proc = start(amount)
        time.sleep(wait * rng.uniform(0.9, 1.1))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            TALLY["kills"] += 1
            wait *= 1.15
        else:
            wait *= 0.75
        out, _ = proc.communicate(timeout=60)
        if proc.returncode == 0:
            reported[json.loads(out)["purchase_id"]] = amount
        _check(db_path, reported)
        TALLY["survived"] += 1
        if i >= 4 and TALLY["kills"] >= 2 and len(reported) >= 3:
            break
    assert TALLY["kills"] >= 2 and len(reported) >= 3
    print(f"CLI purchases: {TALLY['kills']} kill -9s, {TALLY['survived']} checks survived")


def test_the_window_killed_during_an_import_and_sales_resumes_whole(
    db_path: Path, tmp_path: Path
) -> None:
    source = customer_csv(tmp_path / "list.csv", 4000, seed=3)
    card = _card(db_path)
    rng = random.Random(5)
    reported: dict[str, int] = {}
    kills = midway = 0

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.window_writes", str(db_path), str(source), card],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    def collect(out: str) -> bool:
        for line in out.splitlines():
            if line.startswith("P "):
                _, pid, amount = line.split()
                reported[pid] = int(amount)
        assert "FAILED" not in out, out
        return "IMPORTED" in out

    # At least three kills, up to eight until one has landed between an import's batches.
    # Every other run is killed at a random moment after the window is up (before the
    # import's first batch, or after its last, on a busy machine); the others a random moment
    # after a batch has been committed, so that one lands midway whatever the machine's speed.
    for attempt in range(8):
        if attempt >= 3 and midway and kills >= 2:
            break
        proc = start()
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the window is up: the first sale, the import begun
        if attempt % 2 == 0:
            line = first
            while line and not line.startswith(("B ", "IMPORTED")):
                line = proc.stdout.readline()
                first += line
            time.sleep(rng.uniform(0.0, 0.3))
        else:
            time.sleep(rng.uniform(0.1, 1.0))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        out, err = proc.communicate(timeout=60)
        collect(first + out)
        assert "Traceback" not in err, err
        _check(db_path, reported)
        with closing(sqlite3.connect(db_path)) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key LIKE 'import_run.%'")
            progress = row.fetchone()
        midway += bool(progress and '"done": false' in progress[0])
    proc = start()
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err
    assert collect(out)
    _check(db_path, reported)
    assert kills >= 2 and midway >= 1
    print(f"window: {kills} kill -9s survived ({midway} between an import's batches), "
          f"{len(reported)} sales all on file")  # fmt: skip

    people, fts, audits = end_state(db_path)
    # the import's customers arrived once each, whatever the kills interrupted
    numbers = [p[0] for p in people]
    assert len(numbers) == len(set(numbers)) and fts == len(people)
    assert audits == [(len(people) - 1,)]  # the card holder was there before the import
