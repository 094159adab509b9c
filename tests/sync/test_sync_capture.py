"""What gets captured and how ties are broken: raw SQL and bulk imports travel like the ORM;
a change the hub rejects is parked, never blocking the queue; equal clocks, identical
writes and delete against delete each have one outcome; money stays integers."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from crmdesk.core.hlc import HybridClock
from tests.helpers.branches import BranchFile, assert_converged
from tests.helpers.sync_ops import api, conflicts, full_round, join, join_all, sync

MakeBranch = Callable[..., BranchFile]


def seed_hara(branch: BranchFile) -> None:
    branch.add_customer(family_name="原", given_name="健")


@pytest.fixture
def two(
    joined_branches: Callable[..., list[BranchFile]], hub: str
) -> tuple[BranchFile, BranchFile, str]:
    a, b = joined_branches("A", "B", seed=seed_hara)
    return a, b, hub


def only_customer(branch: BranchFile) -> str:
    (cid,) = branch.customer_ids()
    return cid


def test_a_change_made_with_raw_sql_by_another_program_is_captured(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    conn = sqlite3.connect(a.path)  # not crmdesk's engine: a script, a DB browser
    with conn:
        conn.execute("UPDATE customer SET city = '神戸市' WHERE id = ?", (cid,))
    conn.close()
    full_round(a, b)
    assert b.customer(cid)["city"] == "神戸市"
    # Raw SQL bypasses the services, so A's own search keys are stale: compare the rest.
    assert_converged(a, b, hub, derived=False)


def test_a_bulk_import_is_captured_and_arrives_whole(two, tmp_path: Path) -> None:  # noqa: ANN001
    from crmdesk.services import import_mapping, importer
    from tests.helpers.factories import TODAY

    a, b, hub = two
    rows = ["氏名,フリガナ,〒,TEL"] + [
        f"取込 {i}号,とりこみ {i},1000001,090-7000-{i:04d}" for i in range(40)
    ]
    path = tmp_path / "list.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    steps = importer.run_import(a.db, import_mapping.prepare(path), today=TODAY, batch_size=15)
    try:
        while True:
            next(steps)
    except StopIteration as done:
        assert done.value.created == 40
    full_round(a, b)
    assert len(b.customer_ids()) == 41
    assert_converged(a, b, hub)


def test_a_change_the_hub_rejects_is_parked_and_the_queue_goes_on(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    conn = sqlite3.connect(a.path)  # SQLite does not check lengths; PostgreSQL does
    with conn:
        conn.execute("UPDATE customer SET family_name = ? WHERE id = ?", ("長" * 100, cid))
    conn.close()
    later = a.add_customer(family_name="後続")
    first = api().sync_now(a.db)
    assert first["rejected"] >= 1
    sync(b)
    assert later in b.customer_ids()  # the change behind the bad one went through
    assert b.customer(cid)["family_name"] == "原"
    again = api().sync_now(a.db)  # the parked change does not come back every time
    assert again["pushed"] == 0 and again["rejected"] == 0
    assert a.customer(cid)["family_name"] == "長" * 100  # kept locally, for the owner


def test_a_joining_file_with_a_row_the_hub_rejects_uploads_the_rest(
    make_branch: Callable[..., BranchFile], hub: str
) -> None:
    """The bulk upload's page holding the bad row is refused as a whole: the ordinary push
    takes that page, parks the one bad row and sends its neighbours."""
    a, b = make_branch("A"), make_branch("B")
    people = [a.add_customer(family_name=f"客{i}") for i in range(5)]
    conn = sqlite3.connect(a.path)  # SQLite does not check lengths; PostgreSQL does
    with conn:
        conn.execute("UPDATE customer SET family_name = ? WHERE id = ?", ("長" * 100, people[2]))
    conn.close()
    join(a, hub)
    status = api().status(a.db)
    assert (status["waiting"], status["rejected"]) == (0, 1)
    join(b, hub)
    assert b.customer_ids() == set(people) - {people[2]}
    assert a.customer(people[2])["family_name"] == "長" * 100  # kept locally, for the owner


def test_delete_against_delete_is_one_tombstone_and_no_conflict(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.delete(cid)
    b.delete(cid)
    full_round(a, b)
    assert cid not in a.customer_ids() and cid not in b.customer_ids()
    assert conflicts(a) == conflicts(b) == []
    assert_converged(a, b, hub)


def test_equal_clocks_are_broken_by_the_node_id(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    frozen = time.time_ns() // 1_000_000 + 5
    for branch in (a, b):
        branch.db.clock = HybridClock(branch.db.node_id, wall=lambda: frozen)
    a.edit(cid, city="奈良市")
    b.edit(cid, city="京都市")
    full_round(a, b)
    winner = max((a, b), key=lambda x: x.db.node_id)
    expected = "奈良市" if winner is a else "京都市"
    assert a.customer(cid)["city"] == b.customer(cid)["city"] == expected
    assert_converged(a, b, hub)


def test_identical_edits_relayed_to_a_third_branch_are_kept(
    make_branch: MakeBranch, hub: str
) -> None:
    a, b, c = make_branch("A"), make_branch("B"), make_branch("C")
    cid = a.add_customer(family_name="西村")
    join_all(hub, a, b, c)
    a.edit(cid, city="福岡市", notes="同じ")
    b.edit(cid, city="福岡市", notes="同じ")
    sync(a, b)  # B merges A's identical change: nothing changed for B
    sync(c)
    assert (c.customer(cid)["city"], c.customer(cid)["notes"]) == ("福岡市", "同じ")
    full_round(a, b, c)
    assert_converged(a, b, c, hub)


def test_money_and_points_are_integers_on_the_hub(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.buy(cid, 1234)
    sync(a)
    with psycopg.connect(hub) as conn:
        types = dict(
            conn.execute(
                "SELECT table_name || '.' || column_name, data_type"
                " FROM information_schema.columns"
                " WHERE (table_name, column_name) IN"
                " (('purchase', 'amount'), ('point_entry', 'points'))"
            ).fetchall()
        )
        amount = conn.execute("SELECT amount FROM purchase").fetchone()
    assert set(types.values()) <= {"integer", "bigint"}, types
    assert len(types) == 2, types
    assert amount == (1234,)
