"""The outlook on 100,000 customers and 1,000,000 purchases.

Baseline, in the same run: the plain SQL that builds the frequency / recency / T table
(:data:`crmdesk.services.outlook.SUMMARY_SQL`) through ``sqlite3``. Then the whole
refresh (that query, both fits, scoring and writing 100,000 rows) and the card's read.

    python -m pytest tests/bench/test_bench_outlook.py -s
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from pathlib import Path

import numpy as np

from crmdesk.core import clv
from crmdesk.services import outlook
from crmdesk.store.db import open_database
from tests.bench.analytics_data import build

CUSTOMERS, PURCHASES = 100_000, 1_000_000
CACHE = Path(f"/tmp/crmdesk_bench_analytics_v2_{CUSTOMERS}_{PURCHASES}.sqlite3")
AS_OF = date(2026, 10, 31)


def test_bench_outlook_against_the_summary_sql() -> None:
    path = build(CACHE, CUSTOMERS, PURCHASES)
    db = open_database(path)
    started = time.perf_counter()
    raw = sqlite3.connect(path)
    params = {"off": "+540 minutes", "e": "2026-10-31 15:00:00.000000", "today": "2026-10-31"}
    rows = raw.execute(outlook.SUMMARY_SQL, params).fetchall()
    sql_s = time.perf_counter() - started
    raw.close()

    x = np.array([r[1] for r in rows], dtype=float)
    t_x = np.array([r[2] for r in rows], dtype=float)
    age = np.array([r[3] for r in rows], dtype=float)
    m = np.array([r[6] for r in rows], dtype=float)
    started = time.perf_counter()
    bg = clv.fit_bgnbd(x, t_x, age)
    fit_bg_s = time.perf_counter() - started
    started = time.perf_counter()
    gg = clv.fit_gamma_gamma(x, m)
    fit_gg_s = time.perf_counter() - started
    started = time.perf_counter()
    bg.p_alive(x, t_x, age), bg.expected_visits(90, x, t_x, age), gg.expected_spend(x, m)
    score_s = time.perf_counter() - started

    started = time.perf_counter()
    with db.transaction() as session:
        run = outlook.refresh(session, as_of=AS_OF)
    refresh_s = time.perf_counter() - started
    with db.sessions() as session:
        some = session.execute(outlook.select(outlook.CustomerOutlook.customer_id).limit(200))
        ids = [r[0] for r in some]
        started = time.perf_counter()
        for customer_id in ids:
            outlook.for_customer(session, customer_id)
        card_ms = (time.perf_counter() - started) / len(ids) * 1000
        started = time.perf_counter()
        outlook.valuable_at_risk(session, limit=10)
        list_ms = (time.perf_counter() - started) * 1000
    print(f"\n{len(rows):,} customers, model {run.model}, params {run.params}")
    print(f"summary SQL (plain sqlite3): {sql_s:.2f} s")
    print(f"BG/NBD fit {fit_bg_s:.2f} s, Gamma-Gamma fit {fit_gg_s:.2f} s, "
          f"scoring {score_s * 1000:.0f} ms")  # fmt: skip
    print(f"whole refresh (SQL + fits + scoring + writing {len(rows):,} rows): {refresh_s:.2f} s"
          f" = {refresh_s / sql_s:.1f} x the summary SQL")  # fmt: skip
    print(f"card read {card_ms:.2f} ms per customer, at-risk list {list_ms:.0f} ms")
    assert run.model == "bgnbd" and run.customers == len(rows)
    assert card_ms < 5
