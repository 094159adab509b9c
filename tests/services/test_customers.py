"""Customer service: create, validate, update, delete, erase, duplicates, tags, lists."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from crmdesk.core.errors import NotFoundError, ValidationError
from crmdesk.services import (
    audit,
    customer_dupes,
    customer_index,
    customer_list,
    customers,
    erasure,
)
from crmdesk.services.search import search_customers
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.store.models import AuditLog, Customer, PointCard
from tests.helpers.factories import TODAY, add_customer


def count(session) -> int:
    return session.scalar(select(func.count()).select_from(Customer))


def test_create_assigns_a_number_and_the_first_visit(session) -> None:
    first = customer_index.get_customer(session, add_customer(session))
    second = customer_index.get_customer(session, add_customer(session, phone1="090-1234-5678"))
    assert (first.customer_number, second.customer_number) == ("000001", "000002")
    assert first.first_visit == TODAY
    assert first.name == "山田 花子" and first.kana == "やまだ はなこ"
    assert first.hlc and first.origin


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("postal_code", "123-45", "invalid_postal_code"),
        ("phone1", "03-1234", "invalid_phone"),
        ("email", "hanako@", "invalid_email"),
        ("birthday", date(2030, 1, 1), "birthday_in_future"),
        ("birthday", "1985-13-45", "invalid_date"),
        ("gender", "robot", "invalid_gender"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(session, field, value, code) -> None:
    with pytest.raises(ValidationError) as caught:
        customers.create_customer(session, {"family_name": "山田", field: value}, today=TODAY)
    assert [(e.field, e.code) for e in caught.value.errors] == [(field, code)]
    assert caught.value.errors[0].message("ja")
    assert count(session) == 0


def test_every_bad_field_is_reported_at_once(session) -> None:
    with pytest.raises(ValidationError) as caught:
        customers.create_customer(
            session, {"family_name": "", "postal_code": "12", "email": "x"}, today=TODAY
        )
    fields = {e.field for e in caught.value.errors}
    assert fields == {"family_name", "postal_code", "email"}
    assert "郵便番号" in caught.value.errors[
        [e.field for e in caught.value.errors].index("postal_code")
    ].message("ja")


def test_a_customer_number_cannot_be_used_twice(session) -> None:
    add_customer(session, customer_number="A-100")
    with pytest.raises(ValidationError) as caught:
        add_customer(session, customer_number="A-100", phone1="090-0000-0000")
    assert caught.value.field == "customer_number"
    assert caught.value.code == "duplicate_customer_number"
    assert count(session) == 1


def test_update_changes_fields_and_keeps_search_current(session) -> None:
    cid = add_customer(session)
    change = customers.update_customer(
        session, cid, {"phone1": "０８０－１１１１－２２２２", "town": "丸の内"}, today=TODAY
    )
    assert change.fields == ("phone1", "town")
    customer = customer_index.get_customer(session, cid)
    assert customer.phone1 == "080-1111-2222"
    assert [h.id for h in search_customers(session, "08011112222")] == [cid]
    entry = audit.entries(session, action="customer.update")[-1]
    assert "080" not in entry.detail  # the audit log holds field names, not values


def test_update_refuses_blanking_the_name(session) -> None:
    cid = add_customer(session)
    with pytest.raises(ValidationError) as caught:
        customers.update_customer(session, cid, {"family_name": "", "given_name": ""})
    assert caught.value.field == "family_name"
    assert customer_index.get_customer(session, cid).family_name == "山田"


def test_soft_delete_hides_but_keeps_a_tombstone(session) -> None:
    cid = add_customer(session)
    customers.delete_customer(session, cid)
    with pytest.raises(NotFoundError):
        customer_index.get_customer(session, cid)
    assert customer_index.get_customer(session, cid, include_deleted=True).deleted
    assert search_customers(session, "山田") == []


def test_erasure_blanks_personal_data_keeps_tombstone_and_is_audited(session) -> None:
    cid = add_customer(
        session,
        phone1="090-1111-2222",
        email="hanako@example.jp",
        birthday=date(1980, 5, 5),
        notes="アレルギーあり",
        company="山田商店",
    )
    session.add(PointCard(card_number="9000001", customer_id=cid))
    customers.set_tags(session, cid, ["VIP"])
    erasure.erase_customer(session, cid)
    session.flush()
    row = customer_index.get_customer(session, cid, include_deleted=True)
    assert row.deleted and row.erased_at is not None
    personal = [getattr(row, f) for f in erasure.PERSONAL_FIELDS]
    assert all(v in ("", None, False) for v in personal), personal
    assert row.search_text == "" and row.tags == []
    assert row.cards[0].status == "retired"
    assert row.customer_number == "000001"
    entry = session.scalars(select(AuditLog).where(AuditLog.action == "customer.erase")).one()
    assert entry.entity_id == cid and entry.actor == "cli"
    assert "hanako" not in entry.detail and "山田" not in entry.detail
    assert search_customers(session, "9000001") == []


def test_lookup_by_number_card_and_ref(session) -> None:
    cid = add_customer(session)
    session.add(PointCard(card_number="2400000012345", customer_id=cid))
    session.flush()
    assert customer_index.get_by_number(session, "000001").id == cid
    assert customer_index.get_by_card(session, "2400000012345").id == cid
    for ref in (cid, "000001", "2400000012345"):
        assert customer_index.resolve_customer(session, ref).id == cid
    with pytest.raises(NotFoundError) as caught:
        customer_index.resolve_customer(session, "nobody")
    assert caught.value.code == "customer_not_found"


def test_duplicate_candidates(session) -> None:
    a = add_customer(session, phone1="090-1111-2222")
    b = add_customer(session, given_name="太郎", given_kana="たろう", email="taro@example.jp")
    c = add_customer(session, given_name="次郎", given_kana="じろう", birthday=date(1990, 1, 2))
    found = customer_dupes.find_duplicates(session, {"phone2": "09011112222"})
    assert [(d.customer_id, d.reasons) for d in found] == [(a, ("same_phone",))]
    found = customer_dupes.find_duplicates(session, {"email": "TARO@example.jp"})
    assert [(d.customer_id, d.reasons) for d in found] == [(b, ("same_email",))]
    found = customer_dupes.find_duplicates(
        session,
        {
            "family_name": "山田",
            "given_name": "次郎",
            "family_kana": "ヤマダ",
            "given_kana": "ジロウ",
            "birthday": "1990-01-02",
        },
    )
    assert [(d.customer_id, d.reasons) for d in found] == [(c, ("same_name_kana_birthday",))]
    assert (
        customer_dupes.find_duplicates(session, {"family_name": "山田", "given_name": "次郎"}) == []
    )


def test_tags_and_filtered_sorted_lists(session) -> None:
    a = add_customer(session, family_kana="あおき", family_name="青木")
    b = add_customer(
        session,
        family_kana="わだ",
        family_name="和田",
        prefecture="大阪府",
        postal_code="5300001",
        city="大阪市北区",
        town="梅田",
    )
    customers.set_tags(session, a, ["VIP", "常連"])
    customers.set_tags(session, b, ["常連"])
    assert customers.all_tags(session) == ["VIP", "常連"]
    kana = customer_list.list_customers(session, sort="kana")
    assert [c.id for c in kana] == [a, b]
    assert [c.id for c in customer_list.list_customers(session, sort="kana", descending=True)] == [
        b,
        a,
    ]
    only = customer_list.CustomerFilter(tag="VIP")
    assert [c.id for c in customer_list.list_customers(session, filters=only)] == [a]
    osaka = customer_list.CustomerFilter(prefecture="大阪府")
    assert [c.id for c in customer_list.list_customers(session, filters=osaka)] == [b]
    assert customer_list.count_customers(session) == 2


def test_erasure_reaches_mailings_and_inquiries(session) -> None:
    """Nothing the shop keeps elsewhere still tells who the erased customer was."""
    from crmdesk.services import inquiries
    from crmdesk.services.inquiry_queries import search_inquiries
    from crmdesk.store.models import Campaign, CampaignRecipient, Inquiry, InquiryNote

    cid = add_customer(session, phone1="090-1111-2222")
    campaign = Campaign(name="秋のDM", sent_on=TODAY)
    session.add(campaign)
    session.flush()
    session.add(
        CampaignRecipient(
            campaign_id=campaign.id,
            customer_id=cid,
            label_text="〒100-0001 東京都千代田区千代田1-1 山田 花子 様",
        )
    )
    inquiry = Inquiry(
        received_at=datetime.now(UTC),
        subject="取り寄せ",
        body="山田様の指輪サイズ11号",
        customer_id=cid,
        caller_name="山田 花子",
        caller_phone="090-1111-2222",
    )
    session.add(inquiry)
    session.flush()
    inquiries.add_note(session, inquiry.id, "折り返し電話済み、山田様ご不在", actor=CLI_ACTOR)
    session.flush()
    assert search_inquiries(session, "指輪サイズ")

    erasure.erase_customer(session, cid)
    session.flush()
    recipient = session.scalars(select(CampaignRecipient)).one()
    assert recipient.label_text == ""  # the mailing still counts them, without an address
    row = session.get(Inquiry, inquiry.id)
    assert (row.body, row.caller_name, row.caller_phone) == ("", "", "")
    assert row.subject == "取り寄せ" and row.status == "open"
    note = session.scalars(select(InquiryNote)).one()
    assert note.body == "" and note.erased
    assert search_inquiries(session, "指輪サイズ") == []
