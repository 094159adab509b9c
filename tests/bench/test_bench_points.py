"""Benchmarks: purchases per second through the service; balance and rank lookup for a
customer with 10,000 ledger entries. Each against a raw-SQL baseline in the same run.

    python -m pytest tests/bench/test_bench_points.py -s
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from crmdesk.core.ids import new_id
from crmdesk.services import cards, points, purchases
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.store.models import PointEntry, Purchase
from tests.helpers.factories import add_customer

PURCHASES = 1_000
LOOKUPS = 50


def median_ms(fn, runs: int = LOOKUPS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def test_purchases_per_second(db, db_path) -> None:
    with db.transaction() as s:
        card_numbers = []
        for i in range(50):
            customer_id = add_customer(s, phone1=f"090-0000-{i:04d}")
            card_numbers.append(cards.issue_card(s, customer_id, actor=CLI_ACTOR).card_number)
    start = time.perf_counter()
    for i in range(PURCHASES):
        with db.transaction() as s:  # one counter action, one commit
            purchases.record_purchase(
                s,
                card_number=card_numbers[i % len(card_numbers)],
                amount=10_000 + i,
                redeem=100 if i >= 50 and i % 20 == 19 else 0,
                actor=CLI_ACTOR,
            )
    service = PURCHASES / (time.perf_counter() - start)

    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    customer = conn.execute("SELECT id FROM customer LIMIT 1").fetchone()[0]
    start = time.perf_counter()
    for i in range(PURCHASES):
        purchase_id = new_id()
        now = datetime.now(UTC).isoformat()
        with conn:
            conn.execute(
                "INSERT INTO purchase (id, customer_id, amount, items, purchased_at) "
                "VALUES (?, ?, ?, '[]', ?)",
                (purchase_id, customer, 1_000 + i, now),
            )
            conn.execute(
                "INSERT INTO point_entry (id, customer_id, kind, points, purchase_id, note, "
                "occurred_at) VALUES (?, ?, 'earn', 10, ?, '', ?)",
                (new_id(), customer, purchase_id, now),
            )
    raw = PURCHASES / (time.perf_counter() - start)
    conn.close()
    print(
        f"\npurchases/s: service {service:,.0f}, raw INSERT baseline {raw:,.0f} "
        f"(service is {raw / service:.1f}x slower)"
    )
    assert service > 50


def test_balance_and_rank_for_10000_entries(db, db_path) -> None:
    with db.transaction() as s:
        customer_id = add_customer(s)
        cards.issue_card(s, customer_id, actor=CLI_ACTOR)
        start = datetime.now(UTC) - timedelta(days=365)
        purchase_rows, entry_rows = [], []
        for i in range(5_000):
            at = start + timedelta(minutes=100 * i)
            pid = new_id()
            purchase_rows.append(
                {
                    "id": pid,
                    "customer_id": customer_id,
                    "amount": 2_000,
                    "items": "[]",
                    "purchased_at": at,
                }
            )
            entry_rows.append(
                {
                    "id": new_id(),
                    "customer_id": customer_id,
                    "kind": "earn",
                    "points": 20,
                    "purchase_id": pid,
                    "occurred_at": at,
                    "expires_on": (at + timedelta(days=400)).date(),
                }
            )
            entry_rows.append(
                {
                    "id": new_id(),
                    "customer_id": customer_id,
                    "kind": "redeem",
                    "points": -10,
                    "purchase_id": pid,
                    "occurred_at": at + timedelta(seconds=1),
                }
            )
        s.execute(insert(Purchase), purchase_rows)
        s.execute(insert(PointEntry), entry_rows)

    def lookup() -> None:
        with db.transaction() as s:
            points.balance(s, customer_id)
            points.current_rank(s, customer_id)

    def full_summary() -> None:
        with db.transaction() as s:
            points.summary(s, customer_id)

    conn = sqlite3.connect(db_path)

    def raw_sum() -> None:
        conn.execute(
            "SELECT SUM(points) FROM point_entry WHERE customer_id = ?", (customer_id,)
        ).fetchone()

    service = median_ms(lookup)
    summary = median_ms(full_summary, 10)
    raw = median_ms(raw_sum)
    conn.close()
    with db.transaction() as s:
        assert points.balance(s, customer_id) == 50_000
    print(
        f"\n10,000 entries: balance + rank {service:.2f} ms, raw SUM baseline {raw:.2f} ms "
        f"({service / raw:.1f}x); full card summary with expiry replay {summary:.1f} ms"
    )
    assert service < 100


def test_points_liability_against_reading_the_ledger(tmp_path) -> None:
    """The dashboard's 見込み負担 (every customer's ledger replayed) against the floor: the
    same rows read in the same order with sqlite3 and summed. A demo file
    (``CRMDESK_BENCH_CUSTOMERS``, default 20,000; cached as the file-size bench's)."""
    import os

    from crmdesk.services.points_liability import liability
    from crmdesk.store.db import open_database
    from tests.bench.test_bench_file_size import bench_file

    customers = int(os.environ.get("CRMDESK_BENCH_CUSTOMERS", "20000"))
    path, _ = bench_file(customers)
    db = open_database(path)
    try:

        def ours() -> None:
            with db.reading() as session:
                liability(session)

        def floor() -> None:
            with sqlite3.connect(path) as conn:
                total = 0
                for row in conn.execute(
                    "SELECT customer_id, id, kind, points, occurred_at, expires_on,"
                    " related_entry_id FROM point_entry WHERE deleted = 0"
                    " ORDER BY customer_id, occurred_at, id"
                ):
                    total += row[3]

        ours()  # warm: the file's pages in the OS cache
        pairs = [(median_ms(ours, 1), median_ms(floor, 1)) for _ in range(5)]
    finally:
        db.close()
    service = statistics.median(a for a, _ in pairs)
    raw = statistics.median(b for _, b in pairs)
    print(
        f"\npoints liability, {customers:,} customers: {service:.0f} ms, reading the ledger "
        f"{raw:.0f} ms ({service / raw:.1f}x; medians of 5 interleaved runs)"
    )
    assert service > 0
