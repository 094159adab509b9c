"""Retention: the hub prunes its change log; a branch away longer than that re-downloads a
snapshot once (never in a loop) and keeps what it did while away."""

from __future__ import annotations

from collections.abc import Callable

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
