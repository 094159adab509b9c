"""Several processes on one file at the same instant: no overdraft, no crash, no lost
write. Each scenario runs N real processes released together by a barrier."""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

from crmdesk.services import cards
from crmdesk.services.points import adjust_points
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.store.db import open_database
from tests.helpers import concurrency
from tests.helpers.factories import add_customer

N = 4
CTX = multiprocessing.get_context("fork")


def run_together(target: Any, args_for: list[tuple[Any, ...]]) -> list[str]:
    barrier, out = CTX.Barrier(len(args_for)), CTX.Queue()
    procs = [CTX.Process(target=target, args=(*args, barrier, out)) for args in args_for]
    for p in procs:
        p.start()
    results = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return results


def _count(path: Path, sql: str) -> Any:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchone()[0]


def test_simultaneous_redemptions_never_overdraw(db_path: Path) -> None:
    db = open_database(db_path)
    with db.transaction() as session:
        cid = add_customer(session)
        card = cards.issue_card(session, cid, actor=CLI_ACTOR).card_number
        adjust_points(session, cid, 300, "opening balance", actor=CLI_ACTOR)
    db.close()
    tally: Counter[str] = Counter()
    for _trial in range(3):
        results = run_together(concurrency.redeem, [(db_path, card, 100)] * N)
        tally.update(r.split(":")[0] + (":" + r.split(":")[1] if ":" in r else "") for r in results)
        assert not [r for r in results if r.startswith("crash")], results
        balance = _count(db_path, "SELECT sum(points) FROM point_entry WHERE kind != 'earn'")
        assert balance >= 0
    # 300 points, 100 a time: three redemptions in all succeed, every other is refused
    assert tally["ok"] == 3, tally
    assert tally["refused:not_enough_points"] == 3 * N - 3, tally
    redeemed = _count(db_path, "SELECT -sum(points) FROM point_entry WHERE kind = 'redeem'")
    assert redeemed == 300


def test_simultaneous_customer_adds_all_land_with_their_own_numbers(db_path: Path) -> None:
    results = run_together(concurrency.add_customer, [(db_path, f"並行{i}") for i in range(N)])
    assert results == ["ok"] * N
    assert _count(db_path, "SELECT count(DISTINCT customer_number) FROM customer") == N
    assert _count(db_path, "SELECT count(*) FROM customer_fts") == N


def test_simultaneous_card_issues_all_land_with_their_own_numbers(db_path: Path) -> None:
    db = open_database(db_path)
    with db.transaction() as session:
        ids = [add_customer(session, phone1=f"03-0000-000{i}") for i in range(N)]
    db.close()
    results = run_together(concurrency.issue_card, [(db_path, cid) for cid in ids])
    assert results == ["ok"] * N
    assert _count(db_path, "SELECT count(DISTINCT card_number) FROM point_card") == N


def _list(path: Path, start: int, rows: int) -> Path:
    lines = ["氏名,フリガナ,電話番号"]
    lines += [
        f"並行 {i}号,ヘイコウ {chr(0x30A2 + i % 40)},03-{5000 + i:04d}-{i % 10000:04d}"
        for i in range(start, start + rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_imports_of_different_lists_at_once_both_land(db_path: Path, tmp_path: Path) -> None:
    a, b = _list(tmp_path / "a.csv", 0, 300), _list(tmp_path / "b.csv", 1000, 300)
    results = run_together(concurrency.run_import, [(db_path, a), (db_path, b)])
    assert results == ["ok", "ok"], results
    assert _count(db_path, "SELECT count(DISTINCT customer_number) FROM customer") == 600
    assert _count(db_path, "SELECT count(*) FROM customer_fts") == 600


def test_one_list_imported_twice_at_once_is_never_doubled(db_path: Path, tmp_path: Path) -> None:
    source = _list(tmp_path / "a.csv", 0, 300)
    results = run_together(concurrency.run_import, [(db_path, source), (db_path, source)])
    assert not [r for r in results if r.startswith("crash")], results
    assert sorted(results) in (["ok", "ok"], ["ok", "refused:import_running"]), results
    assert _count(db_path, "SELECT count(*) FROM customer") == 300


def test_processes_creating_one_new_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    for trial in range(3):
        path = tmp_path / f"new{trial}.sqlite3"
        results = run_together(concurrency.first_open, [(path, f"新規{i}") for i in range(N)])
        assert results == ["ok"] * N, results
        assert _count(path, "SELECT count(DISTINCT customer_number) FROM customer") == N
        assert _count(path, "SELECT count(*) FROM settings WHERE key = 'node_id'") == 1
