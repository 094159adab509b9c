"""The DM wizard's recipient preview on a 20,000-customer demo shop, against the old way.

Run on demand: ``python -m pytest tests/bench/test_bench_mailings.py -s``.

- crmdesk: :func:`mailings.preview` (plain rows, one postal lookup per distinct code);
- baseline: the preview as it was before (ORM customers with their tags and cards
  loaded, one postal check per distinct postal code + prefecture + city, a household
  key for everyone), measured in the same run on the same file.

Both must agree on every recipient and every exclusion. Prints the median of
``CRMDESK_BENCH_REPEAT`` (5) runs for the demo's 東京23区 segment and for everyone.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crmdesk.core.address import household_key, is_complete
from crmdesk.core.clock import local_today
from crmdesk.core.postal import address_matches_postal, lookup_postal
from crmdesk.services import mailings, segments
from crmdesk.store.db import Database, open_database

CUSTOMERS = int(os.environ.get("CRMDESK_BENCH_CUSTOMERS", "20000"))
REPEAT = int(os.environ.get("CRMDESK_BENCH_REPEAT", "5"))


@pytest.fixture(scope="module")
def shop() -> Database:
    from crmdesk.services.demo import generate

    path = Path(tempfile.gettempdir()) / f"crmdesk-bench-mailings-{CUSTOMERS}.sqlite3"
    if not path.exists():
        part = path.with_suffix(".part")
        part.unlink(missing_ok=True)
        db = open_database(part)
        with db.transaction() as session:
            generate(session, customers=CUSTOMERS, seed=1)
            segments.save_segment(session, "全員", {"op": "and", "conditions": []})
        db.close()
        part.rename(path)
    return open_database(path)


def old_preview(session: Any, ref: str) -> tuple[list[str], list[tuple[str, tuple[str, ...]]]]:
    """The preview before the speed-up, reduced to who gets it and who is left out why."""
    info = segments.get_segment(session, ref)
    found = segments.members(session, info.definition, include_erased=True)
    cache: dict[Any, bool] = {}
    sent, excluded = [], []
    households: dict[str, str] = {}
    today = local_today()
    for customer in found:
        a = mailings.addressee_of(customer)
        reasons: list[str] = []
        if customer.erased_at is not None:
            reasons = ["erased"]
        else:
            if not customer.dm_consent:
                reasons.append("no_dm_consent")
            if customer.mourning_until is not None and customer.mourning_until >= today:
                reasons.append("mourning")
            if not is_complete(a):
                reasons.append("incomplete_address")
            else:
                key = (a.postal_code, a.prefecture, a.city)
                if key not in cache:
                    cache[key] = address_matches_postal(*key)
                if not cache[key]:
                    reasons.append("postal_mismatch")
        if reasons:
            excluded.append((customer.id, tuple(reasons)))
            continue
        households.setdefault(household_key(a), customer.customer_number)
        sent.append(customer.id)
    return sent, excluded


def new_preview(session: Any, ref: str) -> tuple[list[str], list[tuple[str, tuple[str, ...]]]]:
    m = mailings.preview(session, ref)
    return [a.customer_id for a in m.addressees], [(e.customer_id, e.reasons) for e in m.excluded]


def median_time(db: Database, fn: Callable[..., Any], ref: str) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(REPEAT):
        with db.sessions() as session:
            start = time.perf_counter()
            result = fn(session, ref)
            times.append(time.perf_counter() - start)
    return statistics.median(times), result


@pytest.mark.parametrize("ref", ["東京23区", "全員"])
def test_bench_preview(shop: Database, ref: str) -> None:
    lookup_postal("1000001")  # open the postal database once, outside the timings
    new_s, new = median_time(shop, new_preview, ref)
    old_s, old = median_time(shop, old_preview, ref)
    assert new == old
    sent, left_out = len(new[0]), len(new[1])
    print(
        f"\n{ref}: {sent:,} recipients, {left_out:,} excluded; preview median of {REPEAT}: "
        f"crmdesk {new_s * 1000:.0f} ms, before {old_s * 1000:.0f} ms, "
        f"{old_s / new_s:.1f}x faster"
    )
