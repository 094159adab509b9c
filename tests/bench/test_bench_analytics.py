"""The whole dashboard on 100,000 customers and 1,000,000 purchases.

Baseline, measured in the same run: the very SQL statements the dashboard runs (captured
from the engine), replayed through plain ``sqlite3`` and fetched, without SQLAlchemy or
pandas. The ratio is what our layer adds on top of the database's own work.

    python -m pytest tests/bench/test_bench_analytics.py -s
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from datetime import date
from pathlib import Path

from sqlalchemy import event

from crmdesk.services.analytics import Period
from crmdesk.services.analytics_dashboard import FIGURES, compute_dashboard
from crmdesk.store.db import open_database
from tests.bench.analytics_data import build

CUSTOMERS, PURCHASES, RUNS = 100_000, 1_000_000, 3
CACHE = Path(f"/tmp/crmdesk_bench_analytics_v2_{CUSTOMERS}_{PURCHASES}.sqlite3")


def test_bench_dashboard_against_plain_sql() -> None:
    started = time.perf_counter()
    path = build(CACHE, CUSTOMERS, PURCHASES)
    print(f"\nshop file ready in {time.perf_counter() - started:.1f} s: {path}")
    db = open_database(path)
    period = Period(date(2025, 11, 1), date(2026, 10, 31))
    statements: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        statements.append((statement, parameters))

    dashboard_times = []
    for run in range(RUNS):
        if run == 0:
            event.listen(db.engine, "before_cursor_execute", capture)
        t = time.perf_counter()
        with db.transaction() as session:
            board = compute_dashboard(session, period)
        dashboard_times.append(time.perf_counter() - t)
        if run == 0:
            event.remove(db.engine, "before_cursor_execute", capture)
    db.close()
    assert set(FIGURES) <= set(board.frames)
    assert board["sales_monthly"]["sales"].sum() > 0

    sql_times = []
    con = sqlite3.connect(path)
    for _ in range(RUNS):
        t = time.perf_counter()
        for statement, parameters in statements:
            con.execute(statement, parameters).fetchall()
        sql_times.append(time.perf_counter() - t)
    con.close()

    ours, plain = statistics.median(dashboard_times), statistics.median(sql_times)
    print(f"{len(statements)} statements; dashboard median {ours:.2f} s "
          f"(runs {', '.join(f'{x:.2f}' for x in dashboard_times)}); "
          f"plain sqlite3 median {plain:.2f} s; ratio {ours / plain:.2f}")  # fmt: skip
    assert ours / plain < 1.5
