"""Random shop days on three branches, random partial syncs, then a full round (the way
cr-sqlite tests convergence): shared by the default Hypothesis test and the soak bench.

An operation is a plain tuple drawn by :func:`operations`; :func:`run` plays a list of them
on fresh branch files against a fresh hub and checks the outcome: every file equal to the
hub and to each other, every balance equal to its ledger, nothing left waiting.
A user action the services refuse (a DomainError: a customer deleted meanwhile, a void that
would take points below zero) is simply not done, as at the counter; anything else raised
is a bug and fails the run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from crmdesk.core.errors import DomainError
from tests.helpers.branches import (
    BranchFile,
    assert_balances_match_ledger,
    assert_converged,
)
from tests.helpers.sync_ops import api, full_round

NAMES = ["佐藤", "鈴木", "高橋", "田中"]
FIELDS = {
    "city": ["港区", "渋谷区", "横浜市"],
    "phone1": ["090-1111-0000", "03-2222-3333", ""],
    "notes": ["", "配達希望", "DM不要"],
    "given_name": ["花子", "太郎", "恵"],
}
TAGS = ["VIP", "常連", "年賀状"]
BRANCHES = 3

branch_ix = st.integers(0, BRANCHES - 1)
pick = st.integers(0, 50)  # an index into what that branch can see, modulo its length

OPERATION = st.one_of(
    st.tuples(st.just("add"), branch_ix, st.sampled_from(NAMES)),
    st.tuples(
        st.just("edit"),
        branch_ix,
        pick,
        st.sampled_from(sorted(FIELDS)).flatmap(
            lambda f: st.tuples(st.just(f), st.sampled_from(FIELDS[f]))
        ),
    ),
    st.tuples(st.just("tags"), branch_ix, pick, st.sets(st.sampled_from(TAGS))),
    st.tuples(st.just("buy"), branch_ix, pick, st.sampled_from([500, 1200, 30000]), st.booleans()),
    st.tuples(st.just("void"), branch_ix, pick),
    st.tuples(st.just("delete"), branch_ix, pick),
    st.tuples(st.just("erase"), branch_ix, pick),
    st.tuples(st.just("merge"), branch_ix, pick, pick),
    st.tuples(st.just("sync"), branch_ix),
    st.tuples(st.just("push_only"), branch_ix),
    st.tuples(st.just("sync_small"), branch_ix),
)


def operations(max_size: int = 14) -> st.SearchStrategy[list[tuple[Any, ...]]]:
    return st.lists(OPERATION, min_size=1, max_size=max_size)


def _visible(branch: BranchFile) -> list[str]:
    return sorted(branch.customer_ids())


def _purchases(branch: BranchFile) -> list[str]:
    with branch.db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT p.id FROM purchase p JOIN customer c ON c.id = p.customer_id"
            " WHERE NOT c.deleted AND p.id NOT IN (SELECT purchase_id FROM purchase_void)"
            " ORDER BY p.id"
        )
        return [r[0] for r in rows]


def apply(branch: BranchFile, op: tuple[Any, ...]) -> None:
    """One operation at one branch (sync operations included)."""
    from crmdesk.sync import faults

    kind = op[0]
    seen = _visible(branch)
    chosen = seen[op[2] % len(seen)] if len(op) > 2 and isinstance(op[2], int) and seen else None
    try:
        if kind == "add":
            branch.add_customer(family_name=op[2])
        elif kind == "sync":
            api().sync_now(branch.db)
        elif kind == "sync_small":
            api().sync_now(branch.db, max_batch=3)
        elif kind == "push_only":
            # The pull is cut after the push: what a line dropping mid-sync leaves.
            try:
                with faults.armed("pull_page_read", exc=ConnectionError("cut"), times=1):
                    api().sync_now(branch.db)
            except (ConnectionError, DomainError):
                pass
        elif chosen is None:
            return
        elif kind == "edit":
            field, value = op[3]
            branch.edit(chosen, **{field: value})
        elif kind == "tags":
            branch.set_tags(chosen, *sorted(op[3]))
        elif kind == "buy":
            amount, use_points = op[3], op[4]
            balance = branch.balance(chosen)
            redeem = min(balance, amount) if use_points and balance >= 100 else 0
            branch.buy(chosen, amount, redeem=redeem)
        elif kind == "void":
            sales = _purchases(branch)
            if sales:
                branch.void(sales[op[2] % len(sales)])
        elif kind == "delete":
            branch.delete(chosen)
        elif kind == "erase":
            branch.erase(chosen)
        elif kind == "merge":
            other = seen[op[3] % len(seen)]
            if other != chosen:
                branch.merge(chosen, other)
    except DomainError:
        if kind.startswith("sync"):
            raise  # a sync has no business refusing here: a bug
        # otherwise refused at the counter, and nothing was written


def seed(first: BranchFile) -> None:
    """What the first branch has before anyone joins: one customer with 300 points."""
    cid = first.add_customer(family_name="共通")
    first.adjust(cid, 300)


def run(ops: list[tuple[Any, ...]], start: Callable[[], list[BranchFile]], hub: str) -> None:
    """Play ``ops`` on the branches ``start()`` gives (joined to ``hub``, caught up), then a
    full round, and check everything converged."""
    branches = start()
    try:
        for op in ops:
            apply(branches[op[1]], op)
        full_round(*branches)
        assert_converged(*branches, hub)
        for branch in branches:
            assert_balances_match_ledger(branch)
            assert api().status(branch.db)["waiting"] == 0
    finally:
        for branch in branches:
            branch.db.close()
