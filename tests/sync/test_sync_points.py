"""Points across branches: balances are the ledger's sum; overdrafts are flagged, never hidden;
an expiry is one fact; a bonus is computed once, where the purchase was made."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from crmdesk.core import clock
from tests.helpers.branches import BranchFile, assert_balances_match_ledger, assert_converged
from tests.helpers.sync_ops import conflicts, full_round, sync

MakeBranch = Callable[..., BranchFile]


@pytest.fixture
def two(
    joined_branches: Callable[..., list[BranchFile]], hub: str
) -> tuple[BranchFile, BranchFile, str]:
    a, b = joined_branches("A", "B")
    return a, b, hub


def entries(branch: BranchFile, customer_id: str) -> list[tuple[str, str, int, str | None]]:
    with branch.db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, kind, points, related_entry_id FROM point_entry"
            " WHERE customer_id = ? ORDER BY id",
            (customer_id,),
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_two_offline_redemptions_below_zero_flag_the_customer(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = a.add_customer(family_name="松本")
    a.adjust(cid, 1000)
    sync(a, b)
    assert b.balance(cid) == 1000
    a.buy(cid, 1000, redeem=1000)  # each counter saw 1,000 points and used them all
    b.buy(cid, 1000, redeem=1000)
    full_round(a, b)
    assert a.balance(cid) == b.balance(cid) == -1000  # the ledger's sum, not hidden
    flagged = [c for c in conflicts(a) + conflicts(b) if c["kind"] == "overdraft"]
    assert flagged, "a merged balance below zero must reach the owner's conflict list"
    assert {c["row_id"] for c in flagged} == {cid}
    for branch in (a, b):
        assert_balances_match_ledger(branch)
    assert_converged(a, b, hub)


def test_a_balance_that_stays_above_zero_is_no_overdraft(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = a.add_customer(family_name="井上")
    a.adjust(cid, 1000)
    sync(a, b)
    a.buy(cid, 1000, redeem=400)
    b.buy(cid, 1000, redeem=400)
    full_round(a, b)
    assert a.balance(cid) == 1000 - 800 + 6 + 6
    assert [c for c in conflicts(a) + conflicts(b) if c["kind"] == "overdraft"] == []
    assert_converged(a, b, hub)


def test_expiry_run_on_two_apart_branches_expires_a_lot_once(two) -> None:  # noqa: ANN001
    from crmdesk.services import points

    a, b, hub = two
    cid = a.add_customer(family_name="木村")
    long_ago = clock.now_utc() - timedelta(days=800)
    a.buy(cid, 5000, at=long_ago)  # a lot of 50 points, past its last day
    sync(a, b)
    for branch in (a, b):  # the nightly expiry, on both computers while apart
        with branch.tx() as s:
            assert points.expire_all(s).points == 50
    full_round(a, b)
    for branch in (a, b):
        assert branch.balance(cid) == 0
        expiries = [e for e in entries(branch, cid) if e[1] == "expire"]
        assert sum(e[2] for e in expiries) == -50, expiries
        assert_balances_match_ledger(branch)
    assert_converged(a, b, hub)


def test_a_birthday_bonus_is_computed_once_where_the_purchase_was_made(two) -> None:  # noqa: ANN001
    a, b, hub = two
    this_month = clock.local_today().month
    cid = a.add_customer(family_name="林", birthday=date(1990, this_month, 1).isoformat())
    sync(a, b)
    other_month = 1 if this_month != 1 else 2
    b.edit(cid, birthday=date(1990, other_month, 1).isoformat())  # B corrects it, offline
    a.buy(cid, 3000)  # at A, still her birthday month: 30 + 30 bonus
    full_round(a, b)
    made_at_a = entries(a, cid)
    assert sorted(e[1:3] for e in made_at_a) == [("bonus", 30), ("earn", 30)]
    assert entries(b, cid) == made_at_a  # the same two rows, not recomputed at B
    assert a.balance(cid) == b.balance(cid) == 60
    assert_converged(a, b, hub)


def test_a_void_at_one_branch_takes_back_points_at_both(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = a.add_customer(family_name="清水")
    sale = a.buy(cid, 4000)
    sync(a, b)
    b.void(sale)
    full_round(a, b)
    assert a.balance(cid) == b.balance(cid) == 0
    with a.db.engine.connect() as conn:
        voids = conn.exec_driver_sql(
            "SELECT count(*) FROM purchase_void WHERE purchase_id = ?", (sale,)
        ).scalar()
    assert voids == 1
    assert_converged(a, b, hub)
