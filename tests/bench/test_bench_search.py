"""Counter search on 100,000 and 1,000,000 demo customers, against raw FTS5 in the same run.

Run on demand: ``python -m pytest tests/bench/test_bench_search.py -s``. The files are
generated once and cached in the temp folder (``CRMDESK_BENCH_DIR`` to move them).
Prints, per size: generation time, file size, peak memory, and for 200 queries of each
kind the median and p99 of ``search_customers`` and of a raw ``MATCH ... LIMIT 50``.
"""

from __future__ import annotations

import os
import random
import resource
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from crmdesk.core.normalize import normalize_text
from crmdesk.services import demo
from crmdesk.services.search import search_customers
from crmdesk.store.db import open_database
from crmdesk.store.models import Customer, PointCard

SIZES = [int(s) for s in os.environ.get("CRMDESK_BENCH_SIZES", "100000,1000000").split(",")]
QUERIES_PER_KIND = 200
FRAME_MS = 1000 / 60


def bench_file(size: int) -> tuple[Path, float | None]:
    folder = Path(os.environ.get("CRMDESK_BENCH_DIR", tempfile.gettempdir()))
    path = folder / f"crmdesk-bench-search-{size}.sqlite3"
    if path.exists():
        return path, None
    partial = path.with_suffix(".partial")
    for stale in folder.glob(partial.name + "*"):
        stale.unlink()
    db = open_database(partial)
    started = time.perf_counter()
    with db.transaction() as session:
        demo.generate(session, customers=size, seed=42)
        _issue_cards(session)
    elapsed = time.perf_counter() - started
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    partial.rename(path)
    return path, elapsed


def _issue_cards(session) -> None:
    """One card per customer, unless the demo data already issued them."""
    if session.scalar(select(PointCard.id).limit(1)) is not None:
        return
    ids = list(session.scalars(select(Customer.id).order_by(Customer.customer_number)))
    for first in range(0, len(ids), 20_000):
        rows = [
            {"card_number": f"24{n + first:011d}", "customer_id": cid, "status": "active"}
            for n, cid in enumerate(ids[first : first + 20_000])
        ]
        session.execute(insert(PointCard), rows)


def queries(path: Path, rng: random.Random) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    sample = conn.execute(
        "SELECT c.family_name, c.given_name, c.family_kana, c.phone1, c.customer_number,"
        " c.email, c.postal_code, c.city || c.town, p.card_number FROM customer c"
        " LEFT JOIN point_card p ON p.customer_id = c.id"
        " WHERE c.rowid IN (SELECT rowid FROM customer ORDER BY random() LIMIT 2000)"
    ).fetchall()
    conn.close()
    rng.shuffle(sample)
    picks = sample[:QUERIES_PER_KIND]
    kana_to_kata = str.maketrans({chr(c): chr(c + 0x60) for c in range(0x3041, 0x3097)})
    return {
        "kanji 2 chars": [r[0][:2] for r in picks],
        "kanji full name": [f"{r[0]} {r[1]}" for r in picks],
        "kana 2 chars": [r[2][:2] for r in picks],
        "katakana 3+": [r[2].translate(kana_to_kata) for r in picks],
        "phone as written": [r[3] for r in picks],
        "phone last 4": [r[3][-4:] for r in picks],
        "customer number": [r[4] for r in picks],
        "card number": [r[8] or r[4] for r in picks],
        "email": [r[5] or r[3] for r in picks],
        "postal code": [f"{r[6][:3]}-{r[6][3:]}" for r in picks],
        "address fragment": [r[7][:4] for r in picks],
    }


def timed(fn, items: list[str]) -> list[float]:
    out = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - start) * 1000)
    return out


def p99(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.99) - 1)]


@pytest.mark.parametrize("size", SIZES)
def test_search_speed(size: int) -> None:
    path, generated = bench_file(size)
    kinds = queries(path, random.Random(size))
    db = open_database(path)
    raw = sqlite3.connect(path)

    def raw_fts(q: str) -> None:
        phrase = '"' + normalize_text(q).replace('"', '""') + '"'
        raw.execute(
            "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? LIMIT 50", (phrase,)
        ).fetchall()

    print(f"\n== {size:,} customers: file {path.stat().st_size / 2**20:.0f} MiB", end="")
    print(f", generated in {generated:.1f} s" if generated else " (cached file)")
    print(f"{'query kind':<18} {'median ms':>9} {'p99 ms':>8} {'raw FTS5 median':>16} {'ratio':>6}")
    worst = 0.0
    with db.sessions() as session:
        for kind, items in kinds.items():
            for warm in items[:5]:
                search_customers(session, warm)
            ours = timed(lambda q: search_customers(session, q), items)
            base = timed(raw_fts, items)
            ratio = statistics.median(ours) / max(statistics.median(base), 1e-6)
            print(
                f"{kind:<18} {statistics.median(ours):9.2f} {p99(ours):8.2f} "
                f"{statistics.median(base):16.3f} {ratio:6.0f}x"
            )
            worst = max(worst, p99(ours))
            assert all(search_customers(session, q) for q in items[:20]), kind
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"worst p99 {worst:.2f} ms (one 60 Hz frame = {FRAME_MS:.1f} ms); peak RSS {peak:.0f} MiB"
    )
    raw.close()
    db.close()
