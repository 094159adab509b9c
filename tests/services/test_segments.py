"""Segments over a real SQLite file: every condition against hand-built customers."""

from __future__ import annotations

from datetime import date

import pytest

from crmdesk.core import rfm
from crmdesk.core.errors import DomainError, NotFoundError, ValidationError
from crmdesk.services import customers, segments
from crmdesk.services.segment_sql import rfm_aggregates
from crmdesk.store.db import set_setting
from crmdesk.store.models import Campaign, CampaignRecipient
from tests.helpers.factories import add_customer
from tests.helpers.shop import buy, inquiry, points

TODAY = date(2026, 11, 22)


def leaf(field: str, cmp: str, value) -> dict:
    return {"op": "and", "conditions": [{"field": field, "cmp": cmp, "value": value}]}


def numbers(session, tree) -> list[str]:
    return [c.customer_number for c in segments.members(session, tree, today=TODAY)]


@pytest.fixture
def shop(session):
    """Six customers with different histories (numbers 000001-000006)."""
    ids = {}
    ids["regular"] = add_customer(
        session,
        family_name="常連",
        gender="female",
        birthday="1980-12-05",
        postal_code="1000001",
        first_visit="2025-12-20",
    )
    ids["dormant"] = add_customer(
        session,
        family_name="休眠",
        gender="male",
        birthday="1990-11-30",
        prefecture="大阪府",
        city="大阪市北区",
        postal_code="5300001",
        first_visit="2024-01-10",
    )
    ids["new"] = add_customer(
        session, family_name="新規", birthday="2000-11-22", first_visit="2026-11-01"
    )
    ids["never"] = add_customer(
        session, family_name="未購入", gender="other", first_visit="2023-04-01"
    )
    ids["voided"] = add_customer(
        session, family_name="取消", postal_code="1500001", first_visit="2025-01-10"
    )
    ids["gone"] = add_customer(session, family_name="削除")
    for day, amount in ((date(2026, 1, 5), 5000), (date(2026, 6, 1), 8000), (TODAY, 12000)):
        buy(session, ids["regular"], amount, day)
    buy(session, ids["dormant"], 3000, date(2025, 12, 1))
    buy(session, ids["new"], 1500, date(2026, 11, 1))
    buy(session, ids["voided"], 50000, date(2026, 11, 10), void=True)
    buy(session, ids["voided"], 2000, date(2025, 1, 10))
    buy(session, ids["gone"], 9999, date(2026, 11, 10))
    customers.delete_customer(session, ids["gone"])
    customers.set_tags(session, ids["regular"], ["VIP", "常連"])
    customers.set_tags(session, ids["new"], ["VIP"])
    points(session, ids["regular"], 300, date(2026, 6, 1))
    points(session, ids["regular"], -100, date(2026, 7, 1))
    points(session, ids["new"], 15, date(2026, 11, 1))
    inquiry(session, ids["dormant"], date(2026, 11, 1))
    inquiry(session, ids["new"], date(2026, 10, 1), closed=True)
    return ids


def test_an_empty_tree_is_every_customer_not_deleted(session, shop) -> None:
    assert numbers(session, {"op": "and", "conditions": []}) == [
        "000001",
        "000002",
        "000003",
        "000004",
        "000005",
    ]


@pytest.mark.parametrize(
    ("field", "cmp", "value", "expected"),
    [
        # last purchase: regular today, new 11/1, dormant 2025-12-01 (first visit 2024),
        # voided 2025-01-10 (its 11/10 purchase was voided), never: registered 2023-04-01
        ("last_visit", "before", "2026-05-22", ["000002", "000004", "000005"]),
        ("last_visit", "after", "2026-11-01", ["000001", "000003"]),
        ("last_visit", "within", {"months": 6}, ["000001", "000003"]),
        ("last_visit", "within", 21, ["000003", "000001"]),
        ("last_visit", "within", 20, ["000001"]),
        ("last_visit", "not_within", {"months": 6}, ["000002", "000004", "000005"]),
        ("last_visit", "not_within", {"years": 1}, ["000004", "000005"]),
        ("visit_count", "ge", 1, ["000001", "000002", "000003", "000005"]),
        ("visit_count", "eq", 0, ["000004"]),
        ("visit_count", "between", [2, 5], ["000001"]),
        ("visit_count", "ne", 1, ["000001", "000004"]),
        ("total_spend", "ge", 10000, ["000001"]),
        ("total_spend", "lt", 2000, ["000003", "000004"]),
        ("total_spend", "between", [2000, 3000], ["000002", "000005"]),
        ("birthday_month", "in", [12], ["000001"]),
        ("birthday_month", "in", ["this_month"], ["000002", "000003"]),
        ("birthday_month", "in", ["next_month"], ["000001"]),
        # ages on 2026-11-22: 45 (12/5 not yet), 35 (11/30 not yet), 26 (birthday today)
        ("age", "eq", 45, ["000001"]),
        ("age", "ge", 35, ["000001", "000002"]),
        ("age", "lt", 35, ["000003"]),
        ("age", "between", [26, 35], ["000002", "000003"]),
        ("age", "gt", 25, ["000001", "000002", "000003"]),
        ("age", "ne", 35, ["000001", "000003"]),
        ("gender", "in", ["female", "other"], ["000001", "000004"]),
        ("prefecture", "in", ["大阪府"], ["000002"]),
        ("city", "contains", "北区", ["000002"]),
        ("city", "eq", "千代田区", ["000001", "000003", "000004", "000005"]),
        ("postal_prefix", "startswith", "〒15", ["000005"]),
        ("tags", "any", ["VIP"], ["000001", "000003"]),
        ("tags", "all", ["VIP", "常連"], ["000001"]),
        ("tags", "none", ["VIP"], ["000002", "000004", "000005"]),
        ("point_balance", "ge", 200, ["000001"]),
        ("point_balance", "eq", 0, ["000002", "000004", "000005"]),
        ("open_inquiry", "is", True, ["000002"]),
        ("open_inquiry", "is", False, ["000001", "000003", "000004", "000005"]),
    ],
)
def test_each_condition(session, shop, field, cmp, value, expected) -> None:
    assert numbers(session, leaf(field, cmp, value)) == sorted(expected)
    assert segments.count_segment(session, leaf(field, cmp, value), today=TODAY) == len(expected)


def test_and_or_nesting(session, shop) -> None:
    tree = {
        "op": "or",
        "conditions": [
            {"field": "prefecture", "cmp": "in", "value": ["大阪府"]},
            {
                "op": "and",
                "conditions": [
                    {"field": "tags", "cmp": "any", "value": ["VIP"]},
                    {"field": "total_spend", "cmp": "lt", "value": 10000},
                ],
            },
        ],
    }
    assert numbers(session, tree) == ["000002", "000003"]


def test_rfm_groups_match_the_core_scoring(session, shop) -> None:
    # buyers by last purchase: voided 2025-01-10 < dormant 2025-12-01 < new 11/1 < regular
    # today: with four buyers every value is a cut point, so R = 1, 2, 3, 4;
    # orders 1, 1, 1, 3 -> F 1, 1, 1, 4; spend 2,000 / 3,000 / 1,500 / 25,000 -> M 2, 3, 1, 4
    assert numbers(session, leaf("rfm_group", "in", ["best"])) == ["000001"]
    assert numbers(session, leaf("rfm_group", "in", ["new"])) == []  # R 3 is not recent enough
    assert numbers(session, leaf("rfm_group", "in", ["others"])) == ["000003"]
    assert numbers(session, leaf("rfm_group", "in", ["dormant"])) == ["000002", "000005"]
    rows = [
        rfm.RfmInput(r.customer_id, r.last_purchase, r.orders, r.spend)
        for r in session.execute(rfm_aggregates())
    ]
    by_python = {s.customer_id: s.group for s in rfm.score_rows(rows)}
    for code in rfm.GROUP_CODES:
        in_sql = {c.id for c in segments.members(session, leaf("rfm_group", "in", [code]))}
        assert in_sql == {i for i, g in by_python.items() if g == code}


def test_received_mailing(session, shop) -> None:
    campaign = Campaign(name="春のDM", sent_on=date(2026, 3, 1))
    session.add(campaign)
    session.flush()
    session.add(CampaignRecipient(campaign_id=campaign.id, customer_id=shop["dormant"]))
    session.flush()
    assert numbers(session, leaf("received_mailing", "is", campaign.id)) == ["000002"]
    assert numbers(session, leaf("received_mailing", "is", "春のDM")) == ["000002"]
    assert "000002" not in numbers(session, leaf("received_mailing", "not", campaign.id))


def test_rank_follows_the_counter_point_rules(session, shop) -> None:
    """Same thresholds and the same 12-month spend window as the counter's rank."""
    # no rules saved: the default ranks of the point card apply
    assert numbers(session, leaf("rank", "in", ["ゴールド", "シルバー"])) == []
    assert len(numbers(session, leaf("rank", "in", ["レギュラー"]))) == 5
    with pytest.raises(DomainError) as caught:
        segments.count_segment(session, leaf("rank", "in", ["gold"]), today=TODAY)
    assert caught.value.code == "segment_bad_value" and caught.value.field == "rank"
    ranks = [
        {"name": "regular", "min_spend": 0},
        {"name": "silver", "min_spend": 1500},
        {"name": "gold", "min_spend": 20000},
    ]
    set_setting(session, "point_rules", {"ranks": ranks, "rank_period_months": 12})
    assert numbers(session, leaf("rank", "in", ["gold"])) == ["000001"]
    # 000005 spent 2,000 yen in January 2025: outside the 12 months, so still regular
    assert numbers(session, leaf("rank", "in", ["silver"])) == ["000002", "000003"]
    assert numbers(session, leaf("rank", "in", ["regular"])) == ["000004", "000005"]


@pytest.mark.parametrize(
    ("tree", "code", "field"),
    [
        (leaf("shoe_size", "eq", 24), "segment_unknown_field", "field"),
        (leaf("age", "contains", "3"), "segment_bad_cmp", "age"),
        (leaf("age", "ge", -1), "segment_bad_value", "age"),
        (leaf("age", "between", [40, 20]), "segment_bad_value", "age"),
        (leaf("birthday_month", "in", [13]), "segment_bad_value", "birthday_month"),
        (leaf("last_visit", "before", "2026-02-30"), "segment_bad_value", "last_visit"),
        (leaf("rfm_group", "in", ["vip"]), "segment_bad_value", "rfm_group"),
        (leaf("open_inquiry", "is", "yes"), "segment_bad_value", "open_inquiry"),
        ({"op": "xor", "conditions": []}, "segment_bad_group", "op"),
    ],
)
def test_bad_conditions_name_their_field(session, tree, code, field) -> None:
    with pytest.raises(ValidationError) as caught:
        segments.count_segment(session, tree, today=TODAY)
    assert caught.value.code == code and caught.value.field == field
    assert caught.value.message("ja") and caught.value.message("en")


def test_save_list_get_delete(session, shop) -> None:
    saved = segments.save_segment(session, "VIP", leaf("tags", "any", "VIP"), description="タグVIP")
    assert saved.definition["conditions"][0]["value"] == ["VIP"]
    assert segments.get_segment(session, "VIP").id == saved.id
    assert segments.get_segment(session, saved.id).name == "VIP"
    listed = segments.list_segments(session, with_counts=True, today=TODAY)
    assert [(s.name, s.count) for s in listed] == [("VIP", 2)]
    with pytest.raises(ValidationError) as caught:
        segments.save_segment(session, "VIP", leaf("age", "ge", 20))
    assert caught.value.code == "segment_name_taken"
    with pytest.raises(ValidationError) as caught:
        segments.save_segment(session, "  ", leaf("age", "ge", 20))
    assert caught.value.field == "segment_name"
    updated = segments.save_segment(session, "VIP客", leaf("age", "ge", 40), segment_id=saved.id)
    assert (
        updated.id == saved.id
        and segments.get_segment(session, "VIP客").definition["conditions"][0]["field"] == "age"
    )
    segments.delete_segment(session, "VIP客")
    with pytest.raises(NotFoundError):
        segments.get_segment(session, "VIP客")
    again = segments.save_segment(session, "VIP客", leaf("age", "ge", 30))
    assert again.id == saved.id and segments.list_segments(session)[0].name == "VIP客"
