"""Retention: the hub prunes its change log; a branch away longer than that re-downloads a
snapshot once (never in a loop) and keeps what it did while away."""

from __future__ import annotations

import time
from collections.abc import Callable

import psycopg

from tests.helpers.branches import BranchFile, assert_balances_match_ledger, assert_converged
from tests.helpers.sync_ops import api, full_round, join_all, sync


def test_a_branch_away_past_retention_resnapshots_once_and_loses_nothing(
    make_branch: Callable[..., BranchFile], hub: str
) -> None:
    a, b, c = make_branch("A"), make_branch("B"), make_branch("C")
    cid = a.add_customer(family_name="長期", given_name="不在")
    join_all(hub, a, b, c)
    sync(a, b, c)
    a.edit(cid, city="大阪市")  # while C is away
    sold = a.buy(cid, 3000)
    c.edit(cid, phone1="06-1234-5678")  # C works offline meanwhile
    mine = c.add_customer(family_name="留守中")
    sync(a, b)
    pruned = api().prune_hub(hub, days=0)
    assert pruned["pruned"] > 0
    assert api().hub_status(hub)["head_seq"] >= pruned["pruned_to"]
    back = api().sync_now(c.db)  # away longer than the log: a snapshot, then its own push
    assert api().status(c.db)["cursor"] >= pruned["pruned_to"]
    assert c.customer(cid)["city"] == "大阪市"
    again = api().sync_now(c.db)
    assert again["pulled"] <= back["pulled"]  # caught up: no second snapshot
    assert api().sync_now(c.db)["pulled"] == 0
    full_round(a, b, c)
    for branch in (a, b, c):
        card = branch.customer(cid)
        assert (card["city"], card["phone1"]) == ("大阪市", "06-1234-5678")
        assert mine in branch.customer_ids()
        assert branch.balance(cid) == 30
        with branch.db.engine.connect() as conn:
            count = conn.exec_driver_sql("SELECT count(*) FROM purchase WHERE id = ?", (sold,))
            assert count.scalar() == 1
        assert_balances_match_ledger(branch)
    assert_converged(a, b, c, hub)


def test_pruning_keeps_what_an_active_branch_has_not_pulled(
    make_branch: Callable[..., BranchFile], hub: str
) -> None:
    a, b = make_branch("A"), make_branch("B")
    join_all(hub, a, b)
    sync(a)
    made = a.add_customer(family_name="未取得")
    sync(a)
    api().prune_hub(hub, days=30)  # B was seen just now: its changes are not old enough
    sync(b)
    assert made in b.customer_ids()
    assert_converged(a, b, hub)


def backdate(hub: str, days: int, *, away: str | None = None) -> None:
    """Make everything in the change log ``days`` old, the last prune two days ago, and
    branch ``away`` last seen ``days`` ago: what a month of real time leaves behind."""
    with psycopg.connect(hub, autocommit=True) as conn:
        conn.execute("UPDATE hub_change SET at = at - make_interval(days => %s)", (days,))
        conn.execute(
            "INSERT INTO hub_meta (key, value) VALUES ('pruned_at_ms',"
            " ((extract(epoch FROM now()) - 2 * 86400) * 1000)::bigint::text)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
        if away:
            conn.execute(
                "UPDATE hub_branch SET last_seen = last_seen - make_interval(days => %s)"
                " WHERE code = %s",
                (days, away),
            )


def log_rows(hub: str) -> int:
    with psycopg.connect(hub) as conn:
        row = conn.execute("SELECT count(*) FROM hub_change").fetchone()
    return int(row[0]) if row else 0


def test_a_normal_sync_prunes_the_hub_once_a_day_without_anyone_asking(
    make_branch: Callable[..., BranchFile], hub: str
) -> None:
    a, b, c = make_branch("A"), make_branch("B"), make_branch("C")
    cid = a.add_customer(family_name="自動", given_name="整理")
    join_all(hub, a, b, c)
    sync(a, b, c)
    c.edit(cid, phone1="092-111-2222")  # C is away from here on, working offline
    a.edit(cid, building="博多ビル")
    sync(a, b)
    a.edit(cid, city="福岡市")  # B has not pulled this yet when the prune comes
    sync(a)
    backdate(hub, 40, away="C")
    before = log_rows(hub)
    sync(a)  # an ordinary round: the hub is due, so it prunes
    after = api().hub_status(hub)
    assert after["pruned_to"] > 0 and log_rows(hub) < before
    assert after["pruned_at"] is not None
    sync(b)  # what B had not pulled was kept for it
    assert b.customer(cid)["city"] == "福岡市"
    # Once a day: a second branch's round the same day prunes nothing more.
    a.edit(cid, town="天神")
    sync(a, b)
    backdate(hub, 40)
    with psycopg.connect(hub, autocommit=True) as conn:  # as if pruned an hour ago
        conn.execute(
            "UPDATE hub_meta SET value = ((extract(epoch FROM now()) - 3600) * 1000)"
            "::bigint::text WHERE key = 'pruned_at_ms'"
        )
    kept = log_rows(hub)
    sync(b, a)
    assert log_rows(hub) == kept
    # C comes back after the log it needed was pruned: one snapshot, no loop, its work kept.
    assert api().status(c.db)["cursor"] < api().hub_status(hub)["pruned_to"]
    back = api().sync_now(c.db)
    assert c.customer(cid)["town"] == "天神"  # from the snapshot: the log no longer has it
    assert back["pushed"] >= 1  # and its own offline edit went up
    assert api().status(c.db)["cursor"] >= api().hub_status(hub)["pruned_to"]  # no loop
    assert api().sync_now(c.db)["pulled"] <= back["pulled"]
    assert api().sync_now(c.db)["pulled"] == 0
    full_round(a, b, c)
    for branch in (a, b, c):
        card = branch.customer(cid)
        assert (card["city"], card["town"], card["building"], card["phone1"]) == (
            "福岡市",
            "天神",
            "博多ビル",
            "092-111-2222",
        )
    assert_converged(a, b, c, hub)


def test_a_branch_that_pruned_since_the_handshake_leaves_nothing_for_the_next(
    make_branch: Callable[..., BranchFile], hub: str
) -> None:
    from crmdesk.sync import hub as hub_link
    from crmdesk.sync import retention

    a = make_branch("A")
    a.add_customer(family_name="重複")
    join_all(hub, a)
    backdate(hub, 40)
    stale = {"hub_meta_": {"pruned_at_ms": "0"}, "hub_now_ms_": int(time.time() * 1000)}
    with hub_link.connect(hub, keep=False) as (_engine, conn):
        first = retention.prune_if_due(conn, stale)  # due: prunes
        second = retention.prune_if_due(conn, stale)  # read before the first: rechecked
    assert first is not None and first["pruned"] > 0
    assert second is None
