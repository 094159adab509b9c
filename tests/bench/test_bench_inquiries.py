"""Inquiry search on a large file: the service against raw FTS5 MATCH (the baseline).

Run: ``python -m pytest tests/bench/test_bench_inquiries.py -s``. Prints medians in ms
and the ratio service / raw MATCH, plus the LIKE fallback for two-character queries.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, text

from crmdesk.core.ids import new_id
from crmdesk.services.demo.step_inquiries import BODIES, ITEMS, NOTES, SUBJECTS
from crmdesk.services.inquiries import make_search_text
from crmdesk.services.inquiry_queries import due_follow_ups, search_inquiries
from crmdesk.store.models import Inquiry

N = 100_000
QUERIES = ("ハンドクリーム", "取り寄せ", "メーカーに確認", "0801234")


def _median_ms(fn, repeat: int = 30) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def test_inquiry_search_at_scale(db) -> None:
    rng = random.Random(5)
    now = datetime(2026, 11, 22, tzinfo=UTC)
    subjects = [s for group in SUBJECTS.values() for s in group]
    rows = []
    for i in range(N):
        subject = rng.choice(subjects).format(item=rng.choice(ITEMS))
        body, note = rng.choice(BODIES), rng.choice(NOTES)
        phone = f"080-{rng.randint(0, 9999):04d}-{rng.randint(0, 9999):04d}" if i % 10 == 0 else ""
        rows.append(
            {
                "id": new_id(),
                "received_at": now - timedelta(minutes=i),
                "subject": subject,
                "body": body,
                "caller_name": "",
                "caller_phone": phone,
                "status": "open",
                "follow_up_on": (now - timedelta(days=rng.randint(-30, 30))).date(),
                "search_text": make_search_text(subject, body, [note], "", phone),
            }
        )
    start = time.perf_counter()
    with db.transaction() as session:
        session.execute(insert(Inquiry), rows)
    print(f"\ninserted {N} inquiries with their index in {time.perf_counter() - start:.1f} s")
    with db.transaction() as session:
        for q in QUERIES:
            from crmdesk.core.normalize import normalize_text, phone_digits

            norm = phone_digits(q) if q.isdigit() else normalize_text(q)
            raw = _median_ms(
                lambda n=norm: session.execute(
                    text(
                        "SELECT rowid FROM inquiry_fts WHERE inquiry_fts MATCH :q "
                        "ORDER BY rowid DESC LIMIT 50"
                    ),
                    {"q": f'"{n}"'},
                ).all()
            )
            ours = _median_ms(lambda q=q: search_inquiries(session, q, limit=50))
            print(
                f"{q:>12}: service {ours:7.2f} ms, raw MATCH {raw:6.2f} ms, ratio {ours / raw:5.1f}"
            )
        like = _median_ms(lambda: search_inquiries(session, "急須", limit=50), repeat=10)
        print(f"{'急須 (LIKE)':>12}: service {like:7.2f} ms")
        due = _median_ms(lambda: due_follow_ups(session, now.date()), repeat=5)
        print(
            f"{'due list':>12}: {due:7.2f} ms for {len(due_follow_ups(session, now.date()))} rows"
        )
