"""Two and three branches meeting at a real hub: what each counter sees afterwards.

Every test works offline on the branch files through the services (as the counter does),
syncs through ``crmdesk.sync.api`` only, and checks what a person would: the customer
card's fields, tags, purchases and balance at each branch, the conflict list, and that
every file equals the hub (``assert_converged``).
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg
import pytest

from crmdesk.services import channels
from tests.helpers.branches import BranchFile, assert_balances_match_ledger, assert_converged
from tests.helpers.sync_ops import api, conflicts, full_round, join, join_all, sync, tick

MakeBranch = Callable[..., BranchFile]


def seed_sato(branch: BranchFile) -> None:
    branch.add_customer(family_name="佐藤", given_name="一郎", phone1="090-1111-2222")


@pytest.fixture
def two(
    joined_branches: Callable[..., list[BranchFile]], hub: str
) -> tuple[BranchFile, BranchFile, str]:
    """Branch A (which had one customer before sync) and B, both joined and caught up."""
    a, b = joined_branches("A", "B", seed=seed_sato)
    return a, b, hub


def only_customer(branch: BranchFile) -> str:
    (cid,) = branch.customer_ids()
    return cid


def test_first_branch_uploads_and_the_second_downloads(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    assert b.customer(cid)["family_name"] == "佐藤"
    assert b.customer(cid)["customer_number"] == a.customer(cid)["customer_number"]
    sync(a)  # A learns of B (its branch row)
    assert_converged(a, b, hub)


def test_a_new_customer_reaches_the_other_branch(two) -> None:  # noqa: ANN001
    a, b, hub = two
    new = a.add_customer(family_name="鈴木", given_name="花子")
    pushed, pulled = sync(a, b)
    assert pushed["pushed"] >= 1 and pulled["pulled"] >= 1
    assert b.customer(new)["family_name"] == "鈴木"
    assert_converged(a, b, hub)


def test_edits_of_different_fields_both_survive(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.edit(cid, city="港区", town="芝公園")
    b.edit(cid, phone1="03-5555-6666")
    full_round(a, b)
    for branch in (a, b):
        card = branch.customer(cid)
        assert (card["city"], card["town"], card["phone1"]) == ("港区", "芝公園", "03-5555-6666")
        assert conflicts(branch) == []
    assert_converged(a, b, hub)


def test_same_field_later_edit_wins_and_the_loser_is_kept_as_a_conflict(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.edit(cid, city="港区")
    tick()
    b.edit(cid, city="渋谷区")  # later: wins everywhere
    full_round(a, b)
    assert a.customer(cid)["city"] == b.customer(cid)["city"] == "渋谷区"
    found = [c for c in conflicts(a) + conflicts(b) if c["kind"] == "field"]
    assert len(found) == 1, found
    (conflict,) = found
    assert (conflict["table"], conflict["row_id"], conflict["column"]) == ("customer", cid, "city")
    assert {conflict["mine"], conflict["theirs"]} == {"港区", "渋谷区"}
    assert not conflict["resolved"]
    assert_converged(a, b, hub)


def test_resolving_keep_mine_restores_the_losing_value_everywhere(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.edit(cid, city="港区")
    tick()
    b.edit(cid, city="渋谷区")
    full_round(a, b)
    loser = a if conflicts(a) else b
    (conflict,) = conflicts(loser)
    assert conflict["mine"] == "港区" if loser is a else conflict["mine"] == "渋谷区"
    after = api().resolve(loser.db, conflict["id"], "mine")
    assert after["resolved"]
    assert conflicts(loser) == []
    assert [c["id"] for c in conflicts(loser, include_resolved=True)] == [conflict["id"]]
    full_round(a, b)
    assert a.customer(cid)["city"] == b.customer(cid)["city"] == conflict["mine"]
    assert conflicts(a) == conflicts(b) == []
    assert_converged(a, b, hub)


def _conflict_at_a(two) -> tuple[BranchFile, BranchFile, str, dict]:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.edit(cid, city="港区")
    tick()
    b.edit(cid, city="渋谷区")  # later: B's wins, A keeps its value as a conflict
    full_round(a, b)
    (conflict,) = conflicts(a)
    return a, b, cid, conflict


def test_a_conflict_names_the_branch_and_moment_of_each_side(two) -> None:  # noqa: ANN001
    from datetime import datetime

    a, _b, cid, conflict = _conflict_at_a(two)
    assert (conflict["mine"], conflict["theirs"]) == ("港区", "渋谷区")
    assert (conflict["mine_branch"], conflict["theirs_branch"]) == ("A", "B")
    assert conflict["customer_id"] == cid
    mine_at = datetime.fromisoformat(conflict["mine_at"])
    theirs_at = datetime.fromisoformat(conflict["theirs_at"])
    assert mine_at <= theirs_at  # A edited first
    assert abs((datetime.now(mine_at.tzinfo) - theirs_at).total_seconds()) < 120


def test_resolving_leaves_one_audit_entry_naming_who_and_what(two) -> None:  # noqa: ANN001
    import json

    from crmdesk.services.staff import Actor

    a, _b, cid, conflict = _conflict_at_a(two)
    owner = Actor(staff_id="01staff-owner", name="店長", role="owner")
    api().resolve(a.db, conflict["id"], "mine", actor=owner)
    api().resolve(a.db, conflict["id"], "theirs", actor=owner)  # already settled: no-op
    with a.db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT entity_id, staff_id, detail FROM audit_log "
            "WHERE action = 'sync.conflict_resolved'"
        ).all()
    assert len(rows) == 1
    entity_id, staff_id, detail = rows[0]
    assert (entity_id, staff_id) == (cid, "01staff-owner")
    found = json.loads(detail)
    assert (found["conflict_id"], found["keep"]) == (conflict["id"], "mine")
    assert found["column"] == "city"
    assert "港区" not in detail and "渋谷区" not in detail  # no personal data in the log


def test_resolving_keep_theirs_changes_nothing_but_the_conflict(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.edit(cid, city="港区")
    tick()
    b.edit(cid, city="渋谷区")
    full_round(a, b)
    loser = a if conflicts(a) else b
    (conflict,) = conflicts(loser)
    api().resolve(loser.db, conflict["id"], "theirs")
    full_round(a, b)
    assert a.customer(cid)["city"] == b.customer(cid)["city"] == conflict["theirs"]
    assert conflicts(loser) == []
    assert_converged(a, b, hub)


def test_resolving_an_unknown_conflict_is_a_clear_error(two) -> None:  # noqa: ANN001
    from crmdesk.core.errors import DomainError

    a, _, _ = two
    with pytest.raises(DomainError) as caught:
        api().resolve(a.db, "no-such-conflict", "mine")
    assert caught.value.code == "conflict_not_found"


def test_identical_concurrent_edits_are_no_conflict(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.edit(cid, city="港区")
    b.edit(cid, city="港区")
    full_round(a, b)
    assert a.customer(cid)["city"] == "港区"
    assert [c for c in conflicts(a) + conflicts(b) if c["kind"] == "field"] == []
    assert_converged(a, b, hub)


def test_purchases_made_offline_at_both_branches_add_up(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    bought = {a.buy(cid, 3000), a.buy(cid, 1200), b.buy(cid, 5000)}
    full_round(a, b)
    for branch in (a, b):
        with branch.db.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, amount FROM purchase WHERE customer_id = ?", (cid,)
            ).fetchall()
        assert {r[0] for r in rows} == bought
        assert sum(r[1] for r in rows) == 9200
        assert branch.balance(cid) == 30 + 12 + 50  # 1 point per 100 yen, each sale once
    assert_converged(a, b, hub)


def test_a_customer_who_signed_up_at_a_uses_her_points_at_b(two) -> None:  # noqa: ANN001
    a, b, hub = two
    new = a.add_customer(family_name="高橋", given_name="美咲")
    card = a.issue_card(new)
    a.adjust(new, 500)
    sync(a, b)
    b.buy(card_number=card, amount=2000, redeem=300)
    full_round(a, b)
    assert a.balance(new) == b.balance(new) == 500 - 300 + 17  # earns on the 1,700 paid
    assert_converged(a, b, hub)


def test_tags_merge_as_a_set(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.set_tags(cid, "VIP")
    sync(a, b)
    a.set_tags(cid, "VIP", "常連")  # A adds one
    b.set_tags(cid, "DM不要")  # B, offline, removes VIP and adds another
    full_round(a, b)
    assert a.tags(cid) == b.tags(cid) == ["DM不要", "常連"]
    assert_converged(a, b, hub)


def test_the_same_new_tag_made_at_two_branches_is_one_tag(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    other = b.add_customer(family_name="田中")
    a.set_tags(cid, "年賀状")
    b.set_tags(other, "年賀状")
    full_round(a, b)
    for branch in (a, b):
        assert branch.tags(cid) == branch.tags(other) == ["年賀状"]
        with branch.db.engine.connect() as conn:
            live = "SELECT count(*) FROM tag WHERE name = '年賀状' AND NOT deleted"
            assert conn.exec_driver_sql(live).scalar() == 1
    assert_converged(a, b, hub)


def test_the_same_tag_put_on_one_customer_at_two_branches_is_one_pair(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.set_tags(cid, "VIP")  # both tag her offline, each making the tag anew
    tick()
    b.set_tags(cid, "VIP")
    full_round(a, b)
    assert a.tags(cid) == b.tags(cid) == ["VIP"]
    assert_converged(a, b, hub)  # one row, one stamp (the later add's) on every file


def _tag_rows(branch: BranchFile, customer_id: str) -> int:
    with branch.db.engine.connect() as conn:
        sql = "SELECT count(*) FROM customer_tag WHERE customer_id = ?"
        return int(conn.exec_driver_sql(sql, (customer_id,)).scalar() or 0)


def test_a_merged_away_customers_tags_move_to_the_survivor_everywhere(two) -> None:  # noqa: ANN001
    a, b, hub = two
    survivor = only_customer(a)
    twin = a.add_customer(family_name="佐藤", given_name="一郎")
    a.set_tags(twin, "年賀状")
    sync(a, b)
    a.merge(survivor, twin)
    full_round(a, b)
    for branch in (a, b):
        assert branch.tags(survivor) == ["年賀状"]
        assert _tag_rows(branch, twin) == 0  # the merging branch too
    assert_converged(a, b, hub)


def test_tags_given_offline_to_a_merged_away_customer_follow_the_survivor(two) -> None:  # noqa: ANN001
    a, b, hub = two
    survivor = only_customer(a)
    twin = a.add_customer(family_name="佐藤", given_name="一郎")
    a.set_tags(twin, "VIP")
    sync(a, b)
    a.set_tags(survivor, "常連")
    a.merge(survivor, twin)  # 名寄せ at A: she has VIP and 常連
    b.set_tags(twin, "VIP", "年賀状")  # B, offline, tags the twin
    tick()
    b.set_tags(survivor, "DM不要")  # and gives the survivor another
    full_round(a, b)
    for branch in (a, b):
        assert branch.tags(survivor) == ["DM不要", "VIP", "常連", "年賀状"]
        assert _tag_rows(branch, twin) == 0
    assert_converged(a, b, hub)


def test_a_tag_removed_later_from_the_merged_away_customer_stays_removed(two) -> None:  # noqa: ANN001
    a, b, hub = two
    survivor = only_customer(a)
    twin = a.add_customer(family_name="佐藤", given_name="一郎")
    a.set_tags(twin, "VIP", "年賀状")
    sync(a, b)
    a.merge(survivor, twin)
    tick()
    b.set_tags(twin, "年賀状")  # later, offline at B: VIP taken off the twin
    full_round(a, b)
    for branch in (a, b):
        assert branch.tags(survivor) == ["年賀状"]
    assert_converged(a, b, hub)


def test_a_deleted_customer_is_gone_at_the_other_branch(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    b.delete(cid)
    full_round(a, b)
    assert cid not in a.customer_ids()
    assert a.customer(cid)["deleted"]
    assert_converged(a, b, hub)


def test_delete_against_a_later_edit_has_one_outcome(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.delete(cid)
    tick()
    b.edit(cid, notes="配達希望")
    full_round(a, b)
    assert (cid in a.customer_ids()) == (cid in b.customer_ids())
    assert_converged(a, b, hub)


def test_an_erased_customer_is_not_brought_back_by_an_offline_edit(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.erase(cid)
    tick()
    b.edit(cid, phone1="080-9999-0000", notes="電話あり")  # later than the erasure
    b.set_tags(cid, "VIP")
    full_round(a, b)
    for branch in (a, b):
        card = branch.customer(cid)
        assert card["deleted"] and card["erased_at"] is not None
        assert (card["family_name"], card["phone1"], card["notes"]) == ("", "", "")
        assert cid not in branch.customer_ids()
    assert_converged(a, b, hub)


def test_the_same_customer_erased_at_two_branches_is_one_erasure(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.erase(cid)
    tick()
    b.erase(cid)  # the request reached both counters
    full_round(a, b)
    assert a.customer(cid)["erased_at"] == b.customer(cid)["erased_at"]
    assert_converged(a, b, hub)


@pytest.mark.parametrize("first", ["erase", "delete"])
def test_erase_against_delete_at_another_branch_is_one_erasure(two, first: str) -> None:  # noqa: ANN001
    """Found by the convergence test: rows agreed but their hlc/origin did not."""
    a, b, hub = two
    cid = only_customer(a)
    (a.erase if first == "erase" else a.delete)(cid)
    tick()
    (b.delete if first == "erase" else b.erase)(cid)
    full_round(a, b)
    for branch in (a, b):
        assert branch.customer(cid)["erased_at"] is not None
        assert branch.customer(cid)["family_name"] == ""
    assert_converged(a, b, hub)


def test_purchases_made_offline_for_a_merged_away_customer_follow_the_survivor(
    two,  # noqa: ANN001
) -> None:
    a, b, hub = two
    survivor = only_customer(a)
    twin = a.add_customer(family_name="佐藤", given_name="一郎", phone1="090-1111-2222")
    a.adjust(twin, 200)
    sync(a, b)
    a.merge(survivor, twin)  # 名寄せ at A
    late = b.buy(twin, 4000)  # meanwhile B sells to the twin, offline
    full_round(a, b)
    for branch in (a, b):
        assert twin not in branch.customer_ids()
        assert branch.customer(twin)["merged_into_id"] == survivor
        with branch.db.engine.connect() as conn:
            owner = conn.exec_driver_sql(
                "SELECT customer_id FROM purchase WHERE id = ?", (late,)
            ).scalar()
            stray = conn.exec_driver_sql(
                "SELECT count(*) FROM point_entry WHERE customer_id = ?", (twin,)
            ).scalar()
        assert owner == survivor
        assert stray == 0
        assert branch.balance(survivor) == 200 + 40
    assert_converged(a, b, hub)


def test_customer_numbers_made_offline_never_collide(two) -> None:  # noqa: ANN001
    a, b, hub = two
    existing = only_customer(a)
    old_number = a.customer(existing)["customer_number"]
    made = [a.add_customer(family_name=f"甲{i}") for i in range(3)]
    made += [b.add_customer(family_name=f"乙{i}") for i in range(3)]
    full_round(a, b)
    for branch in (a, b):
        numbers = [branch.customer(cid)["customer_number"] for cid in [existing, *made]]
        assert len(set(numbers)) == 7, numbers
        assert numbers[0] == old_number  # a shop keeps the numbers it already has
    assert_converged(a, b, hub)


def test_cards_issued_offline_never_collide_and_scan_at_the_other_branch(two) -> None:  # noqa: ANN001
    a, b, hub = two
    at_a = a.add_customer(family_name="伊藤")
    at_b = b.add_customer(family_name="渡辺")
    card_a, card_b = a.issue_card(at_a), b.issue_card(at_b)
    assert card_a != card_b
    full_round(a, b)
    b.buy(card_number=card_a, amount=1000)
    a.buy(card_number=card_b, amount=1000)
    full_round(a, b)
    assert a.balance(at_a) == b.balance(at_a) == 10
    assert a.balance(at_b) == b.balance(at_b) == 10
    assert_converged(a, b, hub)


def test_three_branches_relay_through_the_hub(make_branch: MakeBranch, hub: str) -> None:
    a, b, c = make_branch("A"), make_branch("B"), make_branch("C")
    cid = a.add_customer(family_name="中村")
    join_all(hub, a, b, c)
    a.edit(cid, city="横浜市")
    b.edit(cid, phone1="045-111-2222")
    c.set_tags(cid, "法人")
    c.buy(cid, 2500)
    full_round(a, b, c)
    for branch in (a, b, c):
        card = branch.customer(cid)
        assert (card["city"], card["phone1"]) == ("横浜市", "045-111-2222")
        assert branch.tags(cid) == ["法人"]
        assert branch.balance(cid) == 25
    assert_converged(a, b, c, hub)


def test_what_sync_applied_is_not_sent_back(make_branch: MakeBranch, hub: str) -> None:
    a, b, c = make_branch("A"), make_branch("B"), make_branch("C")
    join_all(hub, a, b, c)
    for i in range(5):
        a.add_customer(family_name=f"送{i}")
    sync(a, b, c)
    again = sync(a, b, c)
    assert [r["pushed"] for r in again] == [0, 0, 0]
    assert [api().status(x.db)["waiting"] for x in (a, b, c)] == [0, 0, 0]


def test_join_keeps_both_sides_when_both_have_customers(make_branch: MakeBranch, hub: str) -> None:
    a, b = make_branch("A"), make_branch("B")
    mine = a.add_customer(family_name="小林")
    theirs = b.add_customer(family_name="加藤")  # B had its own file before joining
    join(a, hub)
    join(b, hub)
    full_round(a, b)
    for branch in (a, b):
        assert {mine, theirs} <= branch.customer_ids()
        numbers = {branch.customer(x)["customer_number"] for x in (mine, theirs)}
        assert len(numbers) == 2
    assert_converged(a, b, hub)


def test_a_union_join_keeps_both_shops_as_they_were(make_branch: MakeBranch, hub: str) -> None:
    """Two shops that each kept their own file join one hub: what clashes (the same
    customer number, the same tag name, a customer merged away before the join) goes the
    hub's full way, the rest in bulk; both shops end with every customer, card, tag and
    point, the same everywhere."""
    a, b = make_branch("A"), make_branch("B")
    shops = {}
    for branch in (a, b):
        with branch.tx() as session:  # the same channel name made in both files
            channel = channels.add_channel(session, "ホットペッパー").id
        people = [
            branch.add_customer(family_name=f"{branch.name}客{i}", channel_id=channel)
            for i in range(6)
        ]
        for i, cid in enumerate(people):
            branch.buy(cid, 1000 * (i + 1))
        branch.set_tags(people[0], "常連", branch.name)
        branch.issue_card(people[1])
        branch.merge(people[2], people[3])  # 名寄せ before the join
        shops[branch.name] = people
    join(a, hub)
    join(b, hub)
    full_round(a, b)
    numbers = set()
    for people in shops.values():
        numbers |= {a.customer(c)["customer_number"] for c in people}
    assert len(numbers) == 12, "a number both files had is renamed, never shared"
    for branch in (a, b):
        for people in shops.values():
            assert set(people) - {people[3]} <= branch.customer_ids()
            assert branch.customer(people[3])["merged_into_id"] == people[2]
            assert branch.balance(people[2]) == (3000 + 4000) // 100
            assert branch.balance(people[5]) == 6000 // 100
        with branch.tx() as session:
            assert [c.name for c in channels.list_channels(session)].count("ホットペッパー") == 1
        assert branch.tags(shops["A"][0]) == sorted(["常連", "A"])
        assert branch.tags(shops["B"][0]) == sorted(["常連", "B"])
        assert_balances_match_ledger(branch)
        assert api().status(branch.db)["waiting"] == 0
    with psycopg.connect(hub) as pg:
        tags = pg.execute("SELECT name FROM tag ORDER BY name").fetchall()
        cards = pg.execute("SELECT count(*) FROM point_card").fetchone()
    assert [t for (t,) in tags] == sorted(["常連", "A", "B"])  # one 常連: the names met
    assert cards == (2,)
    assert_converged(a, b, hub)


def test_a_conflict_names_the_staff_member_of_each_side(two) -> None:  # noqa: ANN001
    a, b, hub = two
    cid = only_customer(a)
    a.db.acting_staff_id = "01staff-at-a"  # signed in at each counter
    b.db.acting_staff_id = "01staff-at-b"
    a.edit(cid, city="港区")
    tick()
    b.edit(cid, phone1="03-1234-5678")  # another field: no conflict, staff or not
    b.edit(cid, city="渋谷区")
    full_round(a, b)
    (conflict,) = conflicts(a)
    assert (conflict["mine_staff"], conflict["theirs_staff"]) == ("01staff-at-a", "01staff-at-b")
    assert (conflict["mine_branch"], conflict["theirs_branch"]) == ("A", "B")
    with a.db.engine.connect() as conn:  # nothing is left set for the next writer
        assert conn.exec_driver_sql("SELECT staff FROM sync_flag").scalar() is None
    assert_converged(a, b, hub)
