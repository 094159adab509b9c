"""Acquisition channels: the owner's list, a customer's channel and referrer, spend."""

from __future__ import annotations

import pytest

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.services import channels, customer_index, customers, erasure
from crmdesk.services.staff import Actor
from tests.helpers.factories import add_customer

STAFF = Actor(staff_id=None, name="counter", role="staff")


def names(session, **kw) -> list[str]:
    return [c.name for c in channels.list_channels(session, **kw)]


def test_the_starting_list_in_its_order_with_english_names(session) -> None:
    channels.ensure_default_channels(session)
    channels.ensure_default_channels(session)  # once only
    assert names(session) == [
        "紹介",
        "チラシ",
        "Web",
        "SNS",
        "通りがかり",
        "DM",
        "イベント",
        "その他",
    ]
    rows = channels.channel_rows(session)
    assert [r.label("en") for r in rows][:5] == ["Referral", "Flyer", "Web", "Social media",
                                                 "Walk-in"]  # fmt: skip
    assert channels.find_channel(session, "walk-in").name == "通りがかり"
    assert channels.find_channel(session, "ｓｎｓ").name == "SNS"


def test_add_rename_reorder_and_duplicates(session) -> None:
    channels.ensure_default_channels(session)
    channels.add_channel(session, "ホットペッパー")
    assert names(session)[-1] == "ホットペッパー"
    channels.move_channel(session, "ホットペッパー", -100)
    assert names(session)[0] == "ホットペッパー"
    channels.rename_channel(session, "ホットペッパー", "ホットペッパービューティー")
    assert names(session)[0] == "ホットペッパービューティー"
    with pytest.raises(ValidationError) as caught:
        channels.add_channel(session, "ｗｅｂ")
    assert caught.value.errors[0].code == "duplicate_channel"
    assert caught.value.errors[0].message("ja") == "流入経路「ｗｅｂ」はすでにあります"
    with pytest.raises(DomainError) as denied:
        channels.add_channel(session, "看板", actor=STAFF)
    assert denied.value.code == "permission_denied"


def test_a_customer_gets_a_channel_by_name_and_shows_it(session) -> None:
    channels.ensure_default_channels(session)
    cid = add_customer(session, channel_id="チラシ")
    record = customers.customer_record(customer_index.get_customer(session, cid))
    assert record["channel"]["name"] == "チラシ"
    assert record["channel"]["name_en"] == "Flyer"
    assert record["referred_by"] is None and record["referrals"] == 0


def test_unknown_channel_names_the_value(session) -> None:
    channels.ensure_default_channels(session)
    with pytest.raises(ValidationError) as caught:
        add_customer(session, channel_id="テレビ")
    error = caught.value.errors[0]
    assert (error.field, error.code) == ("channel_id", "channel_not_found")
    assert "テレビ" in error.message("ja") and "テレビ" in error.message("en")
    assert "流入経路" in error.message("ja")


def test_a_retired_channel_stays_on_customers_but_is_not_offered_anew(session) -> None:
    channels.ensure_default_channels(session)
    kept = add_customer(session, channel_id="DM")
    channel, in_use = channels.set_channel_active(session, "DM", False)
    assert in_use == 1
    assert "DM" not in names(session)
    assert "DM" in names(session, include_retired=True)
    assert customer_index.get_customer(session, kept).channel_id == channel.id
    # the customer who has it can still be saved with it
    customers.update_customer(session, kept, {"channel_id": channel.id, "notes": "ok"})
    with pytest.raises(ValidationError) as caught:
        add_customer(session, phone1="090-0000-1111", channel_id="DM")
    error = caught.value.errors[0]
    assert error.code == "channel_retired"
    assert "使用をやめています" in error.message("ja") and "retired" in error.message("en")
    other = add_customer(session, phone1="090-0000-2222")
    with pytest.raises(ValidationError):
        customers.update_customer(session, other, {"channel_id": "DM"})


def test_referrals_count_and_a_referred_customer_gets_the_referral_channel(session) -> None:
    hanako = add_customer(session)
    yuki = add_customer(session, family_name="佐藤", given_name="由紀", referred_by_id=hanako)
    ken = add_customer(session, family_name="鈴木", given_name="健", referred_by_id=hanako,
                       channel_id="Web")  # fmt: skip
    rec = customers.customer_record(customer_index.get_customer(session, yuki))
    assert rec["channel"]["name"] == "紹介"  # no channel given: 紹介
    assert rec["referred_by"]["customer_number"] == "000001"
    assert rec["referred_by"]["referrals"] == 2
    assert customers.customer_record(customer_index.get_customer(session, ken))["channel"][
        "name"
    ] == ("Web")
    assert channels.referral_count(session, hanako) == 2


def test_referring_oneself_or_in_a_circle_is_refused(session) -> None:
    a = add_customer(session)
    b = add_customer(session, family_name="佐藤", referred_by_id=a)
    c = add_customer(session, family_name="鈴木", referred_by_id=b)
    with pytest.raises(ValidationError) as me:
        customers.update_customer(session, a, {"referred_by_id": a})
    assert me.value.errors[0].code == "referral_self"
    with pytest.raises(ValidationError) as circle:
        customers.update_customer(session, a, {"referred_by_id": c})
    error = circle.value.errors[0]
    assert (error.field, error.code) == ("referred_by_id", "referral_cycle")
    assert "紹介者" in error.message("ja")
    assert customer_index.get_customer(session, a).referred_by_id is None
    with pytest.raises(ValidationError) as missing:
        customers.update_customer(session, a, {"referred_by_id": "no-such-id"})
    assert missing.value.errors[0].code == "referrer_not_found"


def test_find_referrer_by_number_or_a_unique_search(session) -> None:
    a = add_customer(session, family_name="高橋", given_name="美咲", family_kana="たかはし",
                     given_kana="みさき", phone1="090-1111-2222")  # fmt: skip
    add_customer(session)
    assert channels.find_referrer(session, "000001").id == a
    assert channels.find_referrer(session, "高橋 美咲").id == a
    with pytest.raises(DomainError) as caught:
        channels.find_referrer(session, "誰もいない")
    assert caught.value.code == "referrer_not_found"


def test_erasure_keeps_the_channel_and_drops_the_referrer(session) -> None:
    a = add_customer(session)
    b = add_customer(session, family_name="佐藤", referred_by_id=a)
    erasure.erase_customer(session, b)
    erased = customer_index.get_customer(session, b, include_deleted=True)
    assert erased.referred_by_id is None and erased.channel_id is not None


def test_spend_is_entered_replaced_and_refused_when_negative(session) -> None:
    channels.ensure_default_channels(session)
    channels.set_spend(session, "チラシ", "2026-4", 30000)
    channels.set_spend(session, "チラシ", "2026-04", 35000)  # replaces
    assert channels.spend_rows(session) == [{"month": "2026-04", "channel": "チラシ",
                                             "yen": 35000}]  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        channels.set_spend(session, "チラシ", "2026-13", -5)
    codes = sorted(e.code for e in caught.value.errors)
    assert codes == ["invalid_month", "spend_negative"]
    negative = next(e for e in caught.value.errors if e.code == "spend_negative")
    assert "マイナス" in negative.message("ja") and "negative" in negative.message("en")


def test_segment_condition_channel_is(session) -> None:
    from crmdesk.services import segments

    channels.ensure_default_channels(session)
    add_customer(session, channel_id="チラシ")
    add_customer(session, family_name="佐藤", phone1="090-1212-3434", channel_id="Web")
    add_customer(session, family_name="鈴木", phone1="090-5656-7878")

    def numbers(*names: str) -> list[str]:
        tree = {"op": "and", "conditions": [
            {"field": "acquisition_channel", "cmp": "in", "value": list(names)}]}  # fmt: skip
        return sorted(c.customer_number for c in segments.members(session, tree))

    assert numbers("チラシ") == ["000001"]
    assert numbers("flyer", "web") == ["000001", "000002"]
    with pytest.raises(DomainError) as caught:
        numbers("テレビ")
    assert caught.value.code == "channel_not_found" and "テレビ" in caught.value.message("ja")
    assert caught.value.message("ja").startswith("流入経路")


def test_merging_a_customer_with_the_one_she_referred_leaves_no_self_referral(session) -> None:
    from crmdesk.services import dupes

    a = add_customer(session)
    b = add_customer(session, family_name="山田", given_name="花子", phone1="090-9999-0000",
                     referred_by_id=a)  # fmt: skip
    result = dupes.merge(session, a, b)
    survivor = customer_index.get_customer(session, a)
    assert survivor.referred_by_id is None
    assert (
        survivor.channel_id
        == customer_index.get_customer(session, b, include_deleted=True).channel_id
    )
    dupes.undo(session, result.merge_id)
    assert customer_index.get_customer(session, b).referred_by_id == a


def test_the_people_she_referred_follow_her_into_a_merge_and_back(session) -> None:
    from crmdesk.services import dupes

    a = add_customer(session)
    b = add_customer(session, family_name="山田", given_name="花子", phone1="090-9999-0000")
    friend = add_customer(session, family_name="佐藤", phone1="090-8888-0000", referred_by_id=b)
    result = dupes.merge(session, a, b)
    assert channels.referral_count(session, a) == 1
    assert customer_index.get_customer(session, friend).referred_by_id == a
    dupes.undo(session, result.merge_id)
    session.expire_all()
    assert customer_index.get_customer(session, friend).referred_by_id == b
    assert channels.referral_count(session, a) == 0
