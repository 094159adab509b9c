"""Benchmarks for sync, each printed against a baseline measured in the same run.

    python -m pytest tests/bench/test_bench_sync.py -s -p no:cacheprovider

CRMDESK_BENCH_SYNC_SCALE (default 1.0) scales the big join (1.0: 100,000 customers and
1,000,000 ledger rows); CRMDESK_BENCH_SYNC_PURCHASES (default 10,000) the offline purchases
per branch of the three-branch convergence; CRMDESK_SOAK_EXAMPLES (default 200) the soak.
Targets (issue 14): join <= 3x PostgreSQL COPY in + reading the rows out; an idle sync
<= 50 ms; capture triggers <= 1.5x the same inserts without them.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Column, MetaData, Table, create_engine

from crmdesk.core.ids import new_id
from crmdesk.core.search_keys import customer_keys
from crmdesk.store.models import Base
from crmdesk.sync.local_apply import PAGE_CACHE_KIB
from tests.helpers import sync_model
from tests.helpers.branches import BranchFile, assert_converged
from tests.helpers.pg import PgServer
from tests.helpers.sync_ops import api, full_round, join, sync
from tests.sync import conftest as sync_fixtures

# The sync tests' fixtures, shared with the bench (tests/sync/conftest.py is not in scope).
pg_server = sync_fixtures.pg_server
hub_template = sync_fixtures.hub_template
hub = sync_fixtures.hub
make_branch = sync_fixtures.make_branch
_test_keyring = sync_fixtures._test_keyring
_hub_baseline = sync_fixtures._hub_baseline
_joined_cache = sync_fixtures._joined_cache
joined_branches = sync_fixtures.joined_branches

SCALE = float(os.environ.get("CRMDESK_BENCH_SYNC_SCALE", "1"))
CUSTOMERS = int(100_000 * SCALE)
LEDGER_PER_CUSTOMER = 10
PURCHASES = int(os.environ.get("CRMDESK_BENCH_SYNC_PURCHASES", "10000"))  # per branch
MakeBranch = Callable[..., BranchFile]


def report(name: str, value: float, unit: str, baseline: float | None = None) -> None:
    ratio = f"  ratio {value / baseline:.2f}x (baseline {baseline:.1f} {unit})" if baseline else ""
    print(f"\n[bench sync] {name}: {value:.1f} {unit}{ratio}", flush=True)


def median_ms(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bulk_rows(branch: BranchFile, customers: int, per_customer: int) -> None:
    """Customers and their ledgers written the importer's way (Core executemany, stamped,
    with their search keys, as the importer and every service write them)."""
    customer_t = Base.metadata.tables["customer"]
    entry_t = Base.metadata.tables["point_entry"]
    now = datetime.now(UTC)
    db = branch.db
    with db.engine.begin() as conn:
        for start in range(0, customers, 5000):
            people, entries = [], []
            for i in range(start, min(customers, start + 5000)):
                cid = new_id()
                stamp = {"hlc": db.clock.now().encode(), "origin": db.node_id}
                fields = {
                    "customer_number": f"B{i:07d}",
                    "family_name": "山田",
                    "given_name": f"{i}",
                }
                people.append(
                    stamp
                    | fields
                    | customer_keys(fields)
                    | {"id": cid, "created_at": now, "updated_at": now}
                )
                for j in range(per_customer):
                    entries.append(
                        {"hlc": db.clock.now().encode(), "origin": db.node_id}
                        | {
                            "id": new_id(),
                            "customer_id": cid,
                            "kind": "earn",
                            "points": 10 + j,
                            "occurred_at": now - timedelta(days=j),
                            "created_at": now,
                            "updated_at": now,
                        }
                    )
            conn.execute(customer_t.insert(), people)
            conn.execute(entry_t.insert(), entries)


def copy_baseline(server: PgServer, branch: BranchFile) -> float:
    """Seconds to COPY the same customer and point_entry rows into PostgreSQL and read them
    back out: what moving the data costs with nothing of sync around it."""
    url = server.create_database("copybase")
    tables = [Base.metadata.tables[n] for n in ("customer", "point_entry")]
    sa_url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(sa_url)
    meta = MetaData()  # the same columns and types, no foreign keys to other tables
    for table in tables:
        Table(
            table.name, meta, *[Column(c.name, c.type, primary_key=c.primary_key) for c in table.c]
        )
    meta.create_all(engine)
    engine.dispose()
    names = {t.name: [c.name for c in t.c] for t in tables}
    start = time.perf_counter()
    with psycopg.connect(url) as pg, branch.db.engine.connect() as local:
        for table in tables:
            cols = ", ".join(names[table.name])
            rows = local.exec_driver_sql(f"SELECT {cols} FROM {table.name}")
            with pg.cursor().copy(f"COPY {table.name} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        pg.commit()
        for table in tables:
            with pg.cursor(name=f"out_{table.name}") as out:  # streamed, as a pull reads
                out.itersize = 5000
                out.execute(f"SELECT * FROM {table.name}")
                for _row in out:
                    pass
    seconds = time.perf_counter() - start
    server.drop_database(url)
    return seconds


def sqlite_floor(source: BranchFile, target: BranchFile) -> float:
    """Seconds to write the same customer and point_entry rows into a fresh branch file
    with one executemany each, with the page cache a snapshot page gets: what the
    download's inserts cost here (the file's indexes and search index) with nothing of
    sync around them. Printed, not a target."""
    with source.db.engine.connect() as conn:
        tables = {
            name: conn.exec_driver_sql(f"SELECT * FROM {name}")
            for name in ("customer", "point_entry")
        }
        rows = {name: (list(r.keys()), r.fetchall()) for name, r in tables.items()}
    start = time.perf_counter()
    with target.db.engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA cache_size = {-PAGE_CACHE_KIB}")
        for name, (cols, values) in rows.items():
            names = [c for c in cols if c != "search_rowid"]
            at = [cols.index(c) for c in names]
            conn.exec_driver_sql(
                f"INSERT INTO {name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [tuple(v[i] for i in at) for v in values],
            )
    return time.perf_counter() - start


def test_join_of_a_big_hub_against_copy(make_branch: MakeBranch, hub: str, pg_server) -> None:  # noqa: ANN001
    a, b = make_branch("A"), make_branch("B")
    bulk_rows(a, CUSTOMERS, LEDGER_PER_CUSTOMER)
    start = time.perf_counter()
    join(a, hub)
    upload = time.perf_counter() - start
    baseline = copy_baseline(pg_server, a)
    start = time.perf_counter()
    result = join(b, hub)
    download = time.perf_counter() - start
    floor = sqlite_floor(a, make_branch("floor"))
    rows = CUSTOMERS * (1 + LEDGER_PER_CUSTOMER)
    report(f"first branch uploads {rows:,} rows (join)", upload, "s", baseline)
    report(f"second branch downloads {rows:,} rows (join)", download, "s", baseline)
    report(f"the same {rows:,} rows written into a fresh file (SQLite alone)", floor, "s", baseline)
    assert result["downloaded"] >= rows
    assert len(b.customer_ids()) == CUSTOMERS
    ratios = f"upload {upload / baseline:.1f}x, download {download / baseline:.1f}x COPY"
    assert max(upload, download) <= 3 * baseline, f"join {ratios} (target 3x)"


def test_a_sync_with_nothing_to_do(make_branch: MakeBranch, hub: str) -> None:
    a, b = make_branch("A"), make_branch("B")
    for i in range(200):
        a.add_customer(family_name=f"静{i}")
    join(a, hub)
    join(b, hub)
    sync(a, b)
    with psycopg.connect(hub) as pg:
        baseline = median_ms(lambda: pg.execute("SELECT 1").fetchone(), 50)
    idle = median_ms(lambda: api().sync_now(b.db), 30)
    report("sync with nothing to do (median of 30)", idle, "ms", baseline)
    assert idle <= 50, f"target 50 ms, measured {idle:.1f} ms"


def test_a_thousand_changes_round_trip(make_branch: MakeBranch, hub: str) -> None:
    a, b = make_branch("A"), make_branch("B")
    ids = []
    with a.tx() as s:
        from tests.helpers.factories import add_customer

        ids = [add_customer(s, family_name=f"往復{i}") for i in range(1000)]
    join(a, hub)
    join(b, hub)
    from crmdesk.services import customers

    with a.tx() as s:
        for i, cid in enumerate(ids):
            customers.update_customer(s, cid, {"city": f"市{i}"})
    start = time.perf_counter()
    pushed = api().sync_now(a.db)
    middle = time.perf_counter()
    pulled = api().sync_now(b.db)
    end = time.perf_counter()
    report("1,000 edits: push from A", (middle - start) * 1000, "ms")
    report("1,000 edits: pull at B", (end - middle) * 1000, "ms")
    report("1,000 edits: round trip A -> hub -> B", (end - start) * 1000, "ms")
    assert pushed["pushed"] >= 1000 and pulled["pulled"] >= 1000
    assert b.customer(ids[-1])["city"] == "市999"


def _insert_customers(branch: BranchFile, n: int) -> float:
    table = Base.metadata.tables["customer"]
    first = len(branch.customer_ids())
    rows = [
        {"id": new_id(), "customer_number": f"T{i:07d}", "family_name": "挿入", "hlc": "x"}
        for i in range(first, first + n)
    ]
    start = time.perf_counter()
    with branch.db.engine.begin() as conn:
        conn.execute(table.insert(), rows)
    return time.perf_counter() - start


def test_insert_cost_with_capture_triggers(make_branch: MakeBranch, hub: str) -> None:
    plain = make_branch("plain")
    joined = make_branch("joined")
    join(joined, hub)
    with plain.db.engine.connect() as conn:
        triggers = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%sync_%'"
        ).scalar()
    print(f"\n[bench sync] capture triggers in a file that never joined: {triggers}")
    if triggers:  # the engine keeps triggers in every file: compare with them dropped
        with plain.db.engine.begin() as conn:
            names = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%sync_%'"
            ).fetchall()
            for (name,) in names:
                conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    n = 20_000
    without = statistics.median(_insert_customers(plain, n // 4) for _ in range(3))
    with_capture = statistics.median(_insert_customers(joined, n // 4) for _ in range(3))
    report(f"insert {n // 4:,} customers with capture triggers", with_capture * 1000, "ms",
           without * 1000)  # fmt: skip
    assert with_capture <= 1.5 * without, f"{with_capture / without:.2f}x > 1.5x"


def test_three_branches_with_ten_thousand_offline_purchases_each(
    make_branch: MakeBranch, hub: str
) -> None:
    from crmdesk.services import purchases
    from crmdesk.services.staff import CLI_ACTOR
    from tests.helpers.factories import add_customer

    branches = [make_branch(n) for n in "ABC"]
    for branch in branches:
        join(branch, hub)
    per_branch = PURCHASES
    for k, branch in enumerate(branches):
        with branch.tx() as s:
            people = [add_customer(s, family_name=f"客{k}-{i}") for i in range(100)]
            for i in range(per_branch):
                purchases.record_purchase(
                    s, amount=1000 + i, actor=CLI_ACTOR, customer_id=people[i % 100]
                )
    start = time.perf_counter()
    full_round(*branches)
    seconds = time.perf_counter() - start
    report(f"three branches, {per_branch:,} offline purchases each: converge", seconds, "s")
    assert_converged(*branches, hub)


@settings(
    max_examples=int(os.environ.get("CRMDESK_SOAK_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
@given(ops=sync_model.operations(max_size=40))
def test_soak_convergence(
    joined_branches: Callable[..., list[BranchFile]], hub: str, ops: list[tuple[Any, ...]]
) -> None:
    names = [f"B{i}" for i in range(sync_model.BRANCHES)]
    sync_model.run(ops, lambda: joined_branches(*names, seed=sync_model.seed), hub)
