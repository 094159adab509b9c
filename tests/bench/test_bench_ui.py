"""The window on a million customers: launch time, peak memory, typing latency.

Run with ``python -m pytest tests/bench/test_bench_ui.py -s``. The 1,000,000-customer
file is made once by the demo generator and cached at /tmp/crmdesk-bench-1m.sqlite3
(an hour or more on a shared 2-core machine). Figures are printed next to a baseline
measured in the same run. Launch has two: an empty PySide6 window shown and closed
(issue 20's yardstick: the launch must stay within 5x of it), and a bare Python process
that opens the file with sqlite3 and reads the first 100 rows in the list's order. The
launch also prints when a query typed at that first frame was answered (the database
layer loads behind the first frame: ui/app.py).
``CRMDESK_BENCH_DB`` points at another file, e.g. the search bench's million customers
with their full demo history.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

BENCH_DB = Path(os.environ.get("CRMDESK_BENCH_DB", "/tmp/crmdesk-bench-1m.sqlite3"))
CUSTOMERS = 1_000_000
LAUNCHES = 5
ROOT = Path(__file__).parents[2]
PROBE = Path(__file__).with_name("ui_launch_probe.py")
QUERIES = ["たなか", "さとう はな", "高橋", "5678", "090-1234", "東京都港区", "やま"]


@pytest.fixture(scope="module")
def big_file() -> Path:
    if not BENCH_DB.exists():
        from crmdesk.services.demo import generate
        from crmdesk.store.db import open_database

        part = BENCH_DB.with_suffix(".part")
        part.unlink(missing_ok=True)
        db = open_database(part)
        with db.transaction() as session:
            generate(session, customers=CUSTOMERS, seed=1)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        part.rename(BENCH_DB)
    return BENCH_DB


def run(args: list[str]) -> tuple[float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    # An installed app has its bytecode compiled; this machine's PYTHONDONTWRITEBYTECODE
    # would have every launch compile crmdesk's sources again (a second of the launch).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env=env, check=True, cwd=ROOT)
    return time.perf_counter() - start, proc.stdout


def until_ready(args: list[str]) -> tuple[float, str]:
    """Seconds from spawning ``args`` to the moment it prints as its last line's first
    value (``ready_at`` in JSON, or a bare time.time()), and its output."""
    spawned = time.time()
    _, out = run(args)
    last = out.strip().splitlines()[-1]
    ready_at = json.loads(last)["ready_at"] if last.startswith("{") else float(last)
    return ready_at - spawned, out


EMPTY_WINDOW = (
    "import time; from PySide6.QtWidgets import QApplication, QMainWindow;"
    "from PySide6.QtCore import QTimer;"
    "app = QApplication([]); w = QMainWindow(); w.resize(1200, 800); w.show();"
    "QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit())); app.exec()"
)


@pytest.mark.timeout(4 * 3600)  # the first run generates the file
def test_launch_to_usable_window(big_file: Path, tmp_path: Path) -> None:
    rows_code = (
        "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
        "rows=c.execute('SELECT id, customer_number, family_name, given_name, family_kana, "
        "given_kana, phone1, prefecture, city, town FROM customer WHERE deleted=0 "
        "ORDER BY kana_key, customer_number LIMIT 100').fetchall(); assert len(rows)==100"
    )
    empties, rows_reads, walls, readies, answers, peaks = [], [], [], [], [], []
    until_ready([sys.executable, str(PROBE), str(big_file), str(tmp_path / "cfg")])  # bytecode
    for _ in range(LAUNCHES):  # interleaved, so a busy moment weighs on all three alike
        empties.append(until_ready([sys.executable, "-c", EMPTY_WINDOW])[0])
        rows_reads.append(run([sys.executable, "-c", rows_code, str(big_file)])[0])
        probe = [sys.executable, str(PROBE), str(big_file), str(tmp_path / "cfg")]
        spawned = time.time()
        wall, out = until_ready(probe)
        report = json.loads(out.strip().splitlines()[-1])
        assert report["rows"] >= 100
        assert report["hits"] > 0
        walls.append(wall)
        readies.append(report["ready_s"])
        answers.append(report["answered_at"] - spawned)
        peaks.append(report["peak_rss_mb"])
    empty, rows = statistics.median(empties), statistics.median(rows_reads)
    wall, answer = statistics.median(walls), statistics.median(answers)
    size_mib = big_file.stat().st_size / 2**20
    print(
        f"\nlaunch to usable window, {big_file.name} ({size_mib:,.0f} MiB),"
        f" median of {LAUNCHES}:"
        f"\n  spawn -> window usable, first rows painted: {wall * 1000:.0f} ms"
        f" (inside the process after interpreter start: {statistics.median(readies) * 1000:.0f} ms)"
        f"\n  spawn -> a query typed then answered:     {answer * 1000:.0f} ms"
        f"  ratio {answer / empty:.2f}x (the database layer loaded, the first search run)"
        f"\n  baseline spawn -> empty PySide6 window:    {empty * 1000:.0f} ms"
        f"  usable ratio {wall / empty:.2f}x (target <= 5x)"
        f"\n  baseline python+sqlite3 first 100 rows:    {rows * 1000:.0f} ms"
        f"  ratio {wall / rows:.1f}x"
        f"\n  peak RSS: {max(peaks):.0f} MB"
    )
    assert wall / empty <= 5


@pytest.fixture
def big_window(big_file: Path, qapp: Any, qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    from crmdesk.store.db import open_database
    from crmdesk.ui.app import install_japanese_font
    from crmdesk.ui.main_window import MainWindow

    install_japanese_font(qapp)
    db = open_database(big_file)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    yield window
    db.close()


def test_typing_never_freezes_the_window(big_window: Any, qtbot: Any, big_file: Path) -> None:
    import sqlite3

    from PySide6.QtCore import QElapsedTimer, QTimer

    from crmdesk.ui.main_window import SEARCH_DELAY_MS
    from tests.helpers.qt_typing import type_text

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def beat() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)
    heartbeat.start()

    latencies = []
    edit = big_window.ui.search_edit
    for query in QUERIES:
        edit.clear()
        qtbot.wait(50)
        for char in query[:-1]:
            type_text(edit, char)
            qtbot.wait(60)  # a quick typist: about 16 keys a second
        type_text(edit, query[-1])
        typed = time.perf_counter()
        qtbot.waitUntil(lambda q=query: big_window.shown_query == q, timeout=10_000)
        latencies.append((time.perf_counter() - typed) * 1000)
    heartbeat.stop()

    conn = sqlite3.connect(big_file)
    raw = []
    for query in ("たなか", "東京都港区"):
        start = time.perf_counter()
        conn.execute(
            "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? LIMIT 50", (f'"{query}"',)
        ).fetchall()
        raw.append((time.perf_counter() - start) * 1000)
    conn.close()
    worst_gap = max(gaps)
    print(
        f"\ntyping on {CUSTOMERS:,} customers ({len(QUERIES)} queries, key every 60 ms):"
        f"\n  last key -> results shown: median {statistics.median(latencies):.0f} ms,"
        f" max {max(latencies):.0f} ms (includes the {SEARCH_DELAY_MS} ms debounce)"
        f"\n  event loop: longest gap {worst_gap:.0f} ms"
        f" (heartbeat 5 ms, p99 {sorted(gaps)[int(len(gaps) * 0.99)]:.0f} ms)"
        f"\n  baseline raw FTS5 MATCH LIMIT 50: {statistics.median(raw):.2f} ms"
    )
    assert worst_gap < 50, "the window froze while typing"
    assert statistics.median(latencies) < 1000


def test_deep_scrolling_pages(big_file: Path) -> None:
    """One fetchMore's database work (a page of 200 rows made into list rows) at depth.

    Keyset paging (what the list uses) against the OFFSET query it replaced, both through
    the service and both timed in this run, for each sort the list's columns use.
    """
    from crmdesk.services import customer_list
    from crmdesk.store.db import open_database
    from crmdesk.ui.customers.list_model import CustomerRow, CustomerTableModel

    page = CustomerTableModel.PAGE
    db = open_database(big_file)

    def timed(job: Any) -> tuple[float, list[str]]:
        times, ids = [], []
        for _ in range(3):
            with db.sessions() as session:
                start = time.perf_counter()
                rows = [CustomerRow.from_customer(c) for c in job(session)]
                times.append((time.perf_counter() - start) * 1000)
                ids = [r.id for r in rows]
        return statistics.median(times), ids

    lines, worst_seek = [], 0.0
    for sort in ("kana", "number", "postal"):
        for descending in (False, True):
            cells = []
            for offset in (0, 100_000, 900_000):
                after = None
                if offset:
                    with db.sessions() as session:
                        (before,) = customer_list.list_customers(
                            session, sort=sort, descending=descending, offset=offset - 1, limit=1
                        )
                        after = tuple(getattr(before, c.key) for c in customer_list.SORTS[sort])
                old, old_ids = timed(
                    lambda s, o=offset, d=descending, so=sort: customer_list.list_customers(
                        s, sort=so, descending=d, offset=o, limit=page
                    )
                )
                new, new_ids = timed(
                    lambda s, a=after, d=descending, so=sort: (
                        customer_list.page_customers(
                            s, sort=so, descending=d, after=a, limit=page
                        ).customers
                    )
                )
                assert new_ids == old_ids and len(new_ids) == page
                worst_seek = max(worst_seek, new)
                cells.append(f"{offset:>7,}: {new:5.1f} ms (OFFSET {old:6.1f}, {old / new:4.0f}x)")
            lines.append(f"  {sort:6} {'down' if descending else 'up  '}  " + "  ".join(cells))
    db.close()
    print(
        f"\na page of {page} for fetchMore on {CUSTOMERS:,} customers, keyset vs OFFSET"
        " (median of 3, same run):\n" + "\n".join(lines)
    )
    assert worst_seek < 100
