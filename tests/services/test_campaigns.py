"""Mailings: exclusions and their reasons, frozen recipients, responses worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from crmdesk.core.errors import DomainError
from crmdesk.services import (
    campaigns,
    customer_index,
    customers,
    erasure,
    mailings,
    mailings_print,
    responses,
    segments,
)
from tests.helpers.factories import add_customer
from tests.helpers.shop import buy

TODAY = date(2026, 11, 22)
EVERYONE = {"op": "and", "conditions": []}


@pytest.fixture
def area(session):
    """Nine customers in one segment, each with one way (or none) of being left out."""
    ids = {
        "ok": add_customer(session, family_name="送付", postal_code="1000001"),
        "no_dm": add_customer(session, family_name="拒否", dm_consent=False),
        "mourning": add_customer(session, family_name="喪中", mourning_until="2026-12-31"),
        "mourning_over": add_customer(session, family_name="喪明", mourning_until="2026-11-21"),
        "no_street": add_customer(session, family_name="番地無", town="", street=""),
        "mismatch": add_customer(session, family_name="不一致", postal_code="5300001"),
        "erased": add_customer(session, family_name="消去"),
        "spouse": add_customer(session, family_name="送付", given_name="太郎", street="1-1"),
        "other_flat": add_customer(session, family_name="別室", building="メゾン 202"),
    }
    erasure.erase_customer(session, ids["erased"])
    segments.save_segment(session, "全員", EVERYONE)
    return ids


def test_preview_lists_the_excluded_with_their_reasons(session, area) -> None:
    mailing = mailings.preview(session, "全員", today=TODAY)
    sent = [a.customer_id for a in mailing.addressees]
    assert sent == [area[k] for k in ("ok", "mourning_over", "spouse", "other_flat")]
    reasons = {e.customer_id: e.reasons for e in mailing.excluded}
    assert reasons == {
        area["no_dm"]: ("no_dm_consent",),
        area["mourning"]: ("mourning",),
        area["no_street"]: ("incomplete_address",),
        area["mismatch"]: ("postal_mismatch",),
        area["erased"]: ("erased",),
    }
    assert mailing.reason_counts() == {
        "erased": 1,
        "no_dm_consent": 1,
        "mourning": 1,
        "incomplete_address": 1,
        "postal_mismatch": 1,
    }


def test_one_per_household_joins_the_second_on_the_first_label(session, area) -> None:
    # Before issue 13 the spouse was excluded as same_household, so 連名 never printed.
    mailing = mailings.preview(session, "全員", one_per_household=True, today=TODAY)
    sent = [a.customer_id for a in mailing.addressees]
    assert area["spouse"] not in sent and area["other_flat"] in sent
    assert area["spouse"] not in [e.customer_id for e in mailing.excluded]
    head = next(a for a in mailing.addressees if a.customer_id == area["ok"])
    # 喪明 花子 (mourning over) lives there too: another family name, named in full.
    assert (head.name, head.joint_names) == ("送付 花子", ("喪明 花子", "太郎"))
    assert mailing.joined == {area["ok"]: (area["mourning_over"], area["spouse"])}
    assert mailing.people == len(mailing.addressees) + 2


def test_a_household_beyond_the_label_names_the_one_it_goes_to(session) -> None:
    ids = [add_customer(session, family_name="山田", given_name=n) for n in "一二三四五"]
    segments.save_segment(session, "全員", EVERYONE)
    mailing = mailings.preview(session, "全員", one_per_household=True, today=TODAY)
    (label,) = mailing.addressees
    assert label.joint_names == ("二", "三", "四")  # MAX_JOINT_NAMES
    (left,) = mailing.excluded
    assert left.customer_id == ids[4] and left.reasons == ("same_household",)
    first = customer_index.get_customer(session, ids[0]).customer_number
    assert left.same_household_as == first


def test_sort_by_postal_code(session) -> None:
    for code, pref, city in (
        ("5300001", "大阪府", "大阪市北区"),
        ("1000001", "東京都", "千代田区"),
        ("0600000", "北海道", "札幌市中央区"),
    ):
        add_customer(session, postal_code=code, prefecture=pref, city=city, town="", street="1")
    segments.save_segment(session, "全員", EVERYONE)
    mailing = mailings.preview(session, "全員", sort_postal=True, today=TODAY)
    assert [a.postal_code for a in mailing.addressees] == ["0600000", "1000001", "5300001"]


def test_a_segment_with_no_recipients_cannot_become_a_mailing(session) -> None:
    add_customer(session, dm_consent=False)
    segments.save_segment(session, "全員", EVERYONE)
    mailing = mailings.preview(session, "全員", today=TODAY)
    with pytest.raises(DomainError) as caught:
        campaigns.create_campaign(session, "冬のDM", mailing)
    assert caught.value.code == "no_recipients"
    assert "対象外" in caught.value.message("ja")
    assert campaigns.list_campaigns(session) == []


def test_frozen_recipients_do_not_follow_later_edits(session, area) -> None:
    mailing = mailings.preview(session, "全員", today=TODAY)
    info = campaigns.create_campaign(
        session, "冬のDM", mailing, layout_code="A-ONE-28315", sent_on=TODAY
    )
    assert info.recipients == 4 and info.to_json()["excluded"] == 5
    customers.update_customer(session, area["ok"], {"street": "9-9", "dm_consent": False})
    customers.delete_customer(session, area["other_flat"])
    frozen = campaigns.frozen_recipients(session, info.id)
    assert [r.position for r in frozen] == [1, 2, 3, 4]
    assert frozen[0].customer_id == area["ok"] and frozen[0].addressee.street == "1-1"
    assert frozen[0].addressee.name == "送付 花子"
    assert campaigns.get_campaign(session, "冬のDM").recipients == 4
    assert len(mailings.preview(session, "全員", today=TODAY).addressees) == 2
    assert campaigns.forget_customer(session, area["ok"]) == 1
    assert campaigns.frozen_recipients(session, info.id)[0].addressee.name == ""


def test_the_next_label_position_is_remembered_per_layout(session) -> None:
    assert mailings_print.next_start(session, "A-ONE-28315") == 1
    assert mailings_print.remember_next_start(session, "A-ONE-28315", 7, 12) == 8
    assert mailings_print.next_start(session, "A-ONE-28315") == 8
    assert mailings_print.remember_next_start(session, "A-ONE-28315", 12, 12) == 1
    assert mailings_print.next_start(session, "OTHER") == 1


def test_response_report_worked_by_hand(session) -> None:
    sent_on = date(2026, 9, 1)
    ids = [add_customer(session, family_name=f"客{i}", street=f"{i}-1") for i in range(6)]
    refused = [add_customer(session, family_name=f"不可{i}", dm_consent=False) for i in range(4)]
    segments.save_segment(session, "全員", EVERYONE)
    mailing = mailings.preview(session, "全員", today=sent_on)
    info = campaigns.create_campaign(session, "秋のDM", mailing, sent_on=sent_on)
    # recipients: 0 bought twice inside the window, 1 once on the 30th day, 2 before the
    # mailing and 31 days after (both outside), 3 inside but voided, 4 and 5 nothing.
    buy(session, ids[0], 3000, date(2026, 9, 1))
    buy(session, ids[0], 2000, date(2026, 9, 15))
    buy(session, ids[1], 8000, date(2026, 10, 1))
    buy(session, ids[2], 9000, date(2026, 8, 31))
    buy(session, ids[2], 9000, date(2026, 10, 2))
    buy(session, ids[3], 7000, date(2026, 9, 10), void=True)
    # baseline (no DM consent, same segment): one of four bought
    buy(session, refused[0], 4000, date(2026, 9, 20))
    report = responses.response_report(session, info.id, days=30)
    assert report.recipients.to_json() == {
        "size": 6,
        "responders": 2,
        "rate": 0.3333,
        "purchases": 3,
        "sales": 13000,
        "spend_per_head": 2166.7,
    }
    assert report.baseline.to_json() == {
        "size": 4,
        "responders": 1,
        "rate": 0.25,
        "purchases": 1,
        "sales": 4000,
        "spend_per_head": 1000.0,
    }
    assert round(report.lift, 4) == 0.0833
    assert [(r.first_purchase_on, r.sales) for r in report.responders] == [
        (date(2026, 9, 1), 5000),
        (date(2026, 10, 1), 8000),
    ]
    longer = responses.response_report(session, "秋のDM", days=31)
    assert longer.recipients.responders == 3 and longer.recipients.sales == 22000
    timeline = responses.customer_mailings(session, ids[0])
    assert [(m.name, m.responded, m.sales) for m in timeline] == [("秋のDM", True, 5000)]
    assert responses.customer_mailings(session, ids[4])[0].responded is False
    with pytest.raises(DomainError) as caught:
        responses.response_report(session, info.id, days=0)
    assert caught.value.field == "days"
