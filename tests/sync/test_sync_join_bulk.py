"""A join into an empty file loads the hub's snapshot in bulk (crmdesk.sync.snapshot_load):
secondary indexes and search triggers set aside, remade after the last page. Afterwards the
file is as if every row had come one by one: the same indexes and triggers, the search finds
the hub's customers and inquiries, the keys made from cards and notes are there, an
overdraft on the hub is flagged. A file that has customers of its own keeps its indexes."""

from __future__ import annotations

from collections.abc import Callable

import psycopg
import pytest

from crmdesk.services import inquiries, inquiry_queries
from crmdesk.services.search import search_customers
from crmdesk.store.synced import synced_tables
from crmdesk.sync import faults
from tests.helpers.branches import BranchFile, assert_balances_match_ledger, assert_converged
from tests.helpers.sync_ops import api, conflicts, full_round, join, sync

MakeBranch = Callable[..., BranchFile]


def secondary(branch: BranchFile) -> set[str]:
    """The secondary indexes and search triggers of the synced tables (what a bulk load
    sets aside), as the file's schema holds them now."""
    tables = {t.name for t in synced_tables()}
    return {
        name
        for kind, name, sql in branch.indexes_and_triggers()
        if (kind == "index" and not sql.upper().startswith("CREATE UNIQUE") and _on(sql, tables))
        or (kind == "trigger" and "_fts_" in name)
    }


def _on(sql: str, tables: set[str]) -> bool:
    return sql.split(" ON ", 1)[1].split("(")[0].strip().strip('"') in tables


def shop_with_an_overdraft(a: BranchFile, c: BranchFile, hub: str) -> dict[str, str]:
    """Customers at A (one with a card, one with an inquiry and a note), and one whose
    points A and C both redeemed offline: the hub holds her below zero."""
    ids = {f"客{i}": a.add_customer(family_name=f"一括{i}", given_name="花子") for i in range(9)}
    card = a.issue_card(ids["客1"])
    with a.tx() as s:
        asked = inquiries.create_inquiry(
            s, {"customer_id": ids["客2"], "subject": "配送の遅れ", "body": "届かない"}
        )
        inquiries.add_note(s, asked.inquiry_id, "折り返し電話済み")
    a.adjust(ids["客3"], 1000)
    join(a, hub)
    join(c, hub)
    a.buy(ids["客3"], 1000, redeem=1000)
    c.buy(ids["客3"], 1000, redeem=1000)
    full_round(a, c)
    return {**ids, "card": card}


def test_an_empty_file_joining_a_hub_comes_out_whole(make_branch: MakeBranch, hub: str) -> None:
    a, b, c = make_branch("A"), make_branch("B"), make_branch("C")
    fresh = b.indexes_and_triggers()
    assert secondary(b), "the schema has what a bulk load sets aside"
    ids = shop_with_an_overdraft(a, c, hub)
    mid_load: list[set[str]] = []
    with faults.armed("join_page", hook=lambda: mid_load.append(
        secondary(b)), times=None):  # fmt: skip
        result = api().join(b.db, hub, branch_code="B", name="B店", page_size=4)
    assert result["downloaded"] > 16  # several pages
    assert mid_load and all(not found for found in mid_load), "set aside while loading"
    assert b.indexes_and_triggers() == fresh
    with b.db.engine.connect() as conn:
        saved = "SELECT count(*) FROM sync_state WHERE key = 'snapshot_schema'"
        assert conn.exec_driver_sql(saved).scalar() == 0
        for fts in ("customer_fts", "inquiry_fts"):  # the index agrees with its table
            conn.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
    with b.tx() as s:
        assert ids["客7"] in {hit.id for hit in search_customers(s, "一括7")}
        assert [hit.id for hit in search_customers(s, ids["card"])] == [ids["客1"]]
        assert len(inquiry_queries.search_inquiries(s, "折り返し")) == 1
    flagged = [x["row_id"] for x in conflicts(b) if x["kind"] == "overdraft"]
    assert flagged == [ids["客3"]]
    assert_balances_match_ledger(b)
    sync(a, b, c)
    assert_converged(a, b, c, hub)  # search keys from the cards and notes included


def test_a_file_with_customers_of_its_own_keeps_its_indexes(
    make_branch: MakeBranch, hub: str
) -> None:
    a, b = make_branch("A"), make_branch("B")
    for i in range(6):
        a.add_customer(family_name=f"本店{i}")
    join(a, hub)
    mine = b.add_customer(family_name="支店の客")
    fresh, before = b.indexes_and_triggers(), secondary(b)
    mid_load: list[set[str]] = []
    with faults.armed("join_page", hook=lambda: mid_load.append(
        secondary(b)), times=None):  # fmt: skip
        api().join(b.db, hub, branch_code="B", name="B店", page_size=4)
    assert mid_load and all(found == before for found in mid_load)
    assert b.indexes_and_triggers() == fresh
    full_round(a, b)
    with a.tx() as s:
        assert mine in {hit.id for hit in search_customers(s, "支店の客")}
    assert_converged(a, b, hub)


def test_leaving_a_bulk_join_half_way_brings_the_indexes_back(
    make_branch: MakeBranch, hub: str
) -> None:
    a, b = make_branch("A"), make_branch("B")
    people = [a.add_customer(family_name=f"途中{i}") for i in range(8)]
    join(a, hub)
    fresh = b.indexes_and_triggers()

    def cut_once_customers_came() -> None:
        if b.customer_ids():
            raise ConnectionError("the line was cut")

    with (
        faults.armed("join_page", hook=cut_once_customers_came, times=None),
        pytest.raises(ConnectionError),
    ):
        api().join(b.db, hub, branch_code="B", name="B店", page_size=2)
    assert secondary(b) == set()  # cut half way: set aside
    api().leave(b.db)
    assert b.indexes_and_triggers() == fresh
    came = set(people) & b.customer_ids()
    assert came  # what came before the cut stays, and the search finds it
    with b.tx() as s:
        for cid in came:
            i = people.index(cid)
            assert cid in {hit.id for hit in search_customers(s, f"途中{i}")}


def test_an_index_made_anew_while_a_bulk_join_was_cut_comes_back_as_made(
    make_branch: MakeBranch, hub: str
) -> None:
    """A migration run between the cut and the resume (a newer crmdesk) may make an index
    set aside again, in a newer form: resuming keeps that form, not the one saved."""
    a, b = make_branch("A"), make_branch("B")
    for i in range(6):
        a.add_customer(family_name=f"改版{i}", city="横浜市")
    join(a, hub)
    with faults.armed("join_page", times=1), pytest.raises(ConnectionError):
        api().join(b.db, hub, branch_code="B", name="B店", page_size=2)
    newer = "CREATE INDEX ix_customer_city ON customer (city, id)"
    with b.db.engine.begin() as conn:
        conn.exec_driver_sql(newer)
    api().join(b.db, hub, branch_code="B", name="B店", page_size=2)
    made = {name: sql for kind, name, sql in b.indexes_and_triggers() if kind == "index"}
    assert made["ix_customer_city"] == newer
    assert secondary(b) == secondary(a)
    full_round(a, b)
    assert_converged(a, b, hub)


def test_values_with_tabs_newlines_and_backslashes_go_up_whole(
    make_branch: MakeBranch, hub: str
) -> None:
    """The first computer's rows go to the hub in bulk (COPY): what COPY's text format reads
    specially (tab, newline, carriage return, backslash, \\N) stays as typed."""
    a, b = make_branch("A"), make_branch("B")
    odd = "一行目\t列\n二行目\r\nC:\\shop\\N 終わり"
    cid = a.add_customer(family_name="特殊", notes=odd)
    assert a.customer(cid)["birthday"] is None  # and a NULL stays NULL
    on_hub: list[str] = []

    def read_the_hub() -> None:  # a page taken, before the ordinary push could send it
        with psycopg.connect(hub) as pg:
            found = pg.execute("SELECT notes FROM customer WHERE id = %s", (cid,)).fetchone()
            on_hub.extend(found or [])

    with faults.armed("upload_after_commit", hook=read_the_hub, times=None):
        join(a, hub)
    assert on_hub and set(on_hub) == {odd}, "taken in bulk, whole"
    join(b, hub)
    assert b.customer(cid)["notes"] == odd
    assert b.customer(cid)["birthday"] is None
    sync(a)
    assert_converged(a, b, hub)
