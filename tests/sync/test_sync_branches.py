"""Where things happened: each computer knows its branch after joining, purchases and
inquiries made there carry it to every other branch, and the branches panel lists the
other branches (last seen, lag) from the hub, or from what it last read when offline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from crmdesk.core.errors import DomainError
from tests.helpers.branches import BranchFile, assert_converged
from tests.helpers.sync_ops import api, full_round, sync
from tests.sync.test_sync_merge import only_customer, seed_sato


@pytest.fixture
def three(joined_branches: Callable[..., list[BranchFile]], hub: str) -> list[BranchFile]:
    a, b, c = joined_branches("A", "B", "C", seed=seed_sato)
    sync(a, b, c)  # everyone has read the registry once
    return [a, b, c]


def _branch_of(branch: BranchFile, table: str, row_id: str) -> str | None:
    with branch.db.engine.connect() as conn:
        sql = f"SELECT b.code FROM {table} t JOIN branch b ON b.id = t.branch_id WHERE t.id = ?"
        found = conn.exec_driver_sql(sql, (row_id,)).scalar()
    return str(found) if found else None


def test_a_purchase_and_an_inquiry_carry_the_branch_they_were_made_at(
    three: list[BranchFile], hub: str
) -> None:
    from crmdesk.services import inquiries, timeline

    a, b, c = three
    cid = only_customer(a)
    sale = b.buy(cid, 3000)
    with b.tx() as session:
        asked = inquiries.create_inquiry(session, {"customer_id": cid, "body": "在庫の確認"})
    full_round(a, b, c)
    for branch in (a, b, c):
        assert _branch_of(branch, "purchase", sale) == "B"
        assert _branch_of(branch, "inquiry", asked.inquiry_id) == "B"
        with branch.db.reading() as session:
            lines = timeline.customer_timeline(session, cid)
        where = {e.kind: e.branch for e in lines if e.kind in ("purchase", "inquiry")}
        assert where == {"purchase": "B店（B）", "inquiry": "B店（B）"}
    assert_converged(a, b, c, hub)


def test_the_branches_panel_lists_the_others_with_last_seen_and_lag(
    three: list[BranchFile],
) -> None:
    a, b, c = three
    found = api().branches(a.db)
    assert [(x["code"], x["name"]) for x in found["branches"]] == [("B", "B店"), ("C", "C店")]
    assert found["offline"] is False
    for other in found["branches"]:
        seen = datetime.fromisoformat(other["last_seen"])
        assert abs((datetime.now(UTC) - seen).total_seconds()) < 300
        assert other["left"] is False
    for n in range(3):
        c.add_customer(family_name=f"新規{n}")
    sync(c)
    lag = {x["code"]: x["lag"] for x in api().branches(a.db, refresh=True)["branches"]}
    assert lag["B"] >= 3  # B has not pulled C's three new customers yet
    assert lag["C"] == 0
    sync(b)
    lag = {x["code"]: x["lag"] for x in api().branches(a.db, refresh=True)["branches"]}
    assert lag["B"] == 0


def test_offline_the_panel_shows_what_it_last_read(three: list[BranchFile]) -> None:
    a, _b, _c = three
    before = api().branches(a.db, refresh=True)
    with a.db.transaction() as session:  # the hub's line is cut: nothing listens there
        session.connection().exec_driver_sql(
            "UPDATE sync_state SET value = ? WHERE key = 'hub'",
            ('"postgresql://branch@127.0.0.1:9/shop"',),
        )
    found = api().branches(a.db, refresh=True)
    assert found["offline"] is True
    assert found["branches"] == before["branches"]
    assert found["at"] == before["at"]


def test_the_panel_of_a_file_that_never_joined_is_a_clear_error(
    make_branch: Callable[..., BranchFile],
) -> None:
    lone = make_branch("Z")
    with pytest.raises(DomainError) as caught:
        api().branches(lone.db)
    assert caught.value.code == "not_joined"
