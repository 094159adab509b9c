"""A branch whose clock is off, and a branch restored from an old backup: nothing is lost.

A test sets a branch's wall clock by giving its Database a HybridClock with an injected
``wall`` (SYNC_API.md: the engine stamps only through ``db.clock``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from crmdesk.core.errors import DomainError
from crmdesk.core.hlc import HybridClock
from tests.helpers.branches import BranchFile, assert_balances_match_ledger, assert_converged
from tests.helpers.sync_ops import api, full_round, join_all, sync
from tests.sync.test_sync_faults import check_exactly_once, offline_day

MakeBranch = Callable[..., BranchFile]
HOUR = 3_600_000


def set_clock(branch: BranchFile, offset_ms: int) -> None:
    branch.db.clock = HybridClock(
        branch.db.node_id, wall=lambda: time.time_ns() // 1_000_000 + offset_ms
    )


@pytest.mark.parametrize("offset", [HOUR, -HOUR, 48 * HOUR], ids=["+1h", "-1h", "+2days"])
def test_a_branch_with_a_wrong_clock_still_converges(
    make_branch: MakeBranch, hub: str, offset: int
) -> None:
    a, b = make_branch("A"), make_branch("B")
    cid = a.add_customer(family_name="岡田")
    join_all(hub, a, b)
    set_clock(b, offset)
    a.edit(cid, city="札幌市")
    b.edit(cid, phone1="011-222-3333")
    sale = b.buy(cid, 2000)
    try:
        full_round(a, b)
    except DomainError as error:  # refused: the owner is told to fix this computer's clock
        assert error.code == "clock_skew", error.code
        assert offset > 0, "a clock behind is no reason to refuse"
        assert "clock" in error.message("en").lower() and "時計" in error.message("ja")
        set_clock(b, 0)
        full_round(a, b)
    for branch in (a, b):
        card = branch.customer(cid)
        assert (card["city"], card["phone1"]) == ("札幌市", "011-222-3333")
        assert branch.balance(cid) == 20
        with branch.db.engine.connect() as conn:
            assert (
                conn.exec_driver_sql("SELECT count(*) FROM purchase WHERE id = ?", (sale,)).scalar()
                == 1
            )
    assert_converged(a, b, hub)


def test_a_branch_behind_by_an_hour_loses_a_same_field_race_it_started_later(
    make_branch: MakeBranch, hub: str
) -> None:
    """LWW is by the hybrid clock; the losing value is still kept for the owner."""
    a, b = make_branch("A"), make_branch("B")
    cid = a.add_customer(family_name="前田")
    join_all(hub, a, b)
    set_clock(b, -HOUR)
    a.edit(cid, city="仙台市")
    b.edit(cid, city="盛岡市")
    full_round(a, b)
    assert a.customer(cid)["city"] == b.customer(cid)["city"]
    kept = [c for c in api().conflicts(a.db) + api().conflicts(b.db) if c["kind"] == "field"]
    assert len(kept) == 1
    assert {kept[0]["mine"], kept[0]["theirs"]} == {"仙台市", "盛岡市"}


def test_a_branch_restored_from_an_old_backup_gets_a_new_epoch_and_loses_nothing(
    make_branch: MakeBranch, hub: str
) -> None:
    from crmdesk.services import backup
    from crmdesk.store.db import open_database

    a, b = make_branch("A"), make_branch("B")
    join_all(hub, a, b)
    made1, sales1 = offline_day(a, n=2)
    sync(a)
    old = backup.make_backup(a.path)  # the nightly copy
    epoch = api().status(a.db)["epoch"]
    made2, sales2 = offline_day(a, n=2)  # after the backup, synced, then the disk dies
    sync(a, b)
    a.db.close()
    backup.restore(a.path, Path(old.path))
    a.db = open_database(a.path)
    assert not set(made2) & a.customer_ids()  # the restored file is the old one
    made3, sales3 = offline_day(a, n=2)  # new work reuses the old local numbering
    full_round(a, b)
    assert api().status(a.db)["epoch"] != epoch
    check_exactly_once([a, b], hub, made1 | made2 | made3, sales1 + sales2 + sales3)
    for branch in (a, b):
        assert_balances_match_ledger(branch)
