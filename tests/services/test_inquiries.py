"""Inquiries through the service: logging, status, notes, linking, bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from crmdesk.core.errors import DomainError
from crmdesk.services import inquiries, inquiry_categories
from crmdesk.services.customers import delete_customer
from crmdesk.services.inquiry_queries import get_inquiry, likely_customers
from crmdesk.services.staff import actor_for, add_staff
from crmdesk.store.models import AuditLog, Inquiry, InquiryNote
from tests.helpers.factories import add_customer

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)  # 12:00 in Tokyo


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_log_an_inquiry_for_a_customer_with_notes(session) -> None:
    customer = add_customer(session)
    add_staff(session, "店主", "owner", "2468")
    staff = add_staff(session, "鈴木", pin="1357")
    inquiry_categories.ensure_default_categories(session)
    category = inquiry_categories.find_category(session, "修理")
    change = inquiries.create_inquiry(
        session,
        {
            "customer_id": customer,
            "subject": "時計の電池交換",
            "body": "来週取りに来られるとのこと",
            "category_id": category.id,
            "assignee_id": staff.id,
            "follow_up_on": "2026-11-25",
            "priority": "high",
        },
        actor=actor_for(staff),
        now=NOW,
    )
    inquiries.add_note(session, change.inquiry_id, "部品を発注しました", actor=actor_for(staff))
    row = get_inquiry(session, change.inquiry_id)
    assert row.customer_name == "山田 花子"
    assert (row.category, row.assignee, row.status, row.channel) == (
        "修理",
        "鈴木",
        "open",
        "phone",
    )
    assert row.follow_up_on == date(2026, 11, 25)
    assert [(n.staff, n.body) for n in row.notes] == [("鈴木", "部品を発注しました")]


def test_status_transitions_close_reopen(session) -> None:
    cid = add_customer(session)
    iid = inquiries.create_inquiry(session, {"customer_id": cid, "subject": "在庫確認"}).inquiry_id
    assert inquiries.set_status(session, iid, "in_progress").status == "in_progress"
    assert inquiries.set_status(session, iid, "waiting").status == "waiting"
    closed = inquiries.close_inquiry(session, iid, now=NOW)
    assert closed.status == "closed"
    assert session.get(Inquiry, iid).closed_at == NOW
    with pytest.raises(DomainError) as caught:
        inquiries.close_inquiry(session, iid)
    assert caught.value.code == "inquiry_already_closed"
    assert "すでに完了" in caught.value.message("ja")
    with pytest.raises(DomainError) as caught:
        inquiries.set_status(session, iid, "waiting")
    assert caught.value.code == "inquiry_closed"
    assert inquiries.reopen_inquiry(session, iid).status == "open"
    assert session.get(Inquiry, iid).closed_at is None
    actions = [e.action for e in session.scalars(select(AuditLog).where(AuditLog.entity_id == iid))]
    assert actions.count("inquiry.status") == 4


def test_closing_a_closed_inquiry_writes_nothing(db) -> None:
    with db.transaction() as session:
        cid = add_customer(session)
        iid = inquiries.create_inquiry(session, {"customer_id": cid, "subject": "a"}).inquiry_id
        inquiries.close_inquiry(session, iid)
    with db.transaction() as session:
        before = _count(session, AuditLog)
        with pytest.raises(DomainError):
            inquiries.close_inquiry(session, iid)
        assert _count(session, AuditLog) == before


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        ({"subject": "  ", "body": "\u3000"}, "inquiry_empty", "subject"),
        (
            {"subject": "x", "follow_up_on": "2026-11-21"},
            "follow_up_before_inquiry",
            "follow_up_on",
        ),
        ({"subject": "x", "channel": "fax"}, "invalid_channel", "channel"),
        ({"subject": "x", "follow_up_on": "来週"}, "invalid_date", "follow_up_on"),
        ({"subject": "x", "customer_id": None}, "caller_required", "caller_name"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(db, values, code, field) -> None:
    with db.transaction() as session:
        cid = add_customer(session)
    values = {"customer_id": cid, **values}
    with db.transaction() as session, pytest.raises(DomainError) as caught:
        inquiries.create_inquiry(session, values, now=NOW)
    codes = {(e.code, e.field) for e in getattr(caught.value, "errors", [caught.value])}
    assert (code, field) in codes
    assert caught.value.message("ja") and caught.value.message("en")
    with db.transaction() as session:
        assert _count(session, Inquiry) == 0


def test_a_subject_is_taken_from_the_body_when_missing(session) -> None:
    cid = add_customer(session)
    iid = inquiries.create_inquiry(
        session, {"customer_id": cid, "body": "予約の変更をしたい\n12日から15日へ"}
    ).inquiry_id
    assert get_inquiry(session, iid).subject == "予約の変更をしたい"


def test_an_unknown_caller_is_linked_later(session) -> None:
    target = add_customer(
        session,
        family_name="佐藤",
        given_name="健一",
        family_kana="さとう",
        given_kana="けんいち",
        phone1="090-1234-5678",
    )
    add_customer(
        session, family_name="佐藤", given_name="花", family_kana="さとう", given_kana="はな"
    )
    add_customer(session, phone1="03-0000-0000")
    iid = inquiries.create_inquiry(
        session,
        {
            "caller_name": "サトウ",
            "caller_phone": "０９０ー１２３４ー５６７８",
            "subject": "修理の件",
        },
    ).inquiry_id
    assert get_inquiry(session, iid).customer_id is None
    likely = likely_customers(session, iid)
    assert likely[0].id == target and likely[0].match == "phone"
    assert {h.name for h in likely} == {"佐藤 健一", "佐藤 花"}
    change = inquiries.link_customer(session, iid, target)
    assert change.customer_id == target
    row = get_inquiry(session, iid)
    assert (row.customer_name, row.caller_phone) == ("佐藤 健一", "090-1234-5678")


def test_linking_to_a_deleted_customer_is_refused(db) -> None:
    with db.transaction() as session:
        gone = add_customer(session, phone1="090-1111-2222")
        iid = inquiries.create_inquiry(session, {"caller_name": "田中", "subject": "x"}).inquiry_id
        delete_customer(session, gone)
    with db.transaction() as session, pytest.raises(DomainError) as caught:
        inquiries.link_customer(session, iid, gone)
    assert caught.value.code == "customer_deleted"
    assert caught.value.field == "customer"
    with db.transaction() as session:
        assert session.get(Inquiry, iid).customer_id is None
        assert _count(session, AuditLog) == 3  # create x2 .. nothing from the refused link


def test_update_checks_the_follow_up_against_the_received_day(session) -> None:
    cid = add_customer(session)
    iid = inquiries.create_inquiry(
        session, {"customer_id": cid, "subject": "x"}, now=NOW
    ).inquiry_id
    with pytest.raises(DomainError) as caught:
        inquiries.update_inquiry(session, iid, {"follow_up_on": date(2026, 11, 1)})
    assert caught.value.code == "follow_up_before_inquiry"
    assert session.get(Inquiry, iid).follow_up_on is None
    change = inquiries.update_inquiry(session, iid, {"follow_up_on": date(2026, 11, 22)})
    assert change.fields == ("follow_up_on",)


def test_notes_are_required_and_append_only(session) -> None:
    cid = add_customer(session)
    iid = inquiries.create_inquiry(session, {"customer_id": cid, "subject": "x"}).inquiry_id
    with pytest.raises(DomainError) as caught:
        inquiries.add_note(session, iid, "   ")
    assert (caught.value.code, caught.value.field) == ("required", "note")
    inquiries.add_note(session, iid, "折り返し電話済み")
    assert _count(session, InquiryNote) == 1


def test_categories_are_the_owners_list(session) -> None:
    from crmdesk.services.staff import Actor

    inquiry_categories.ensure_default_categories(session)
    assert "クレーム" in [c.name for c in inquiry_categories.list_categories(session)]
    added = inquiry_categories.add_category(session, "ギフト包装")
    with pytest.raises(DomainError) as caught:
        inquiry_categories.add_category(session, "ギフト包装")
    assert caught.value.code == "duplicate_category"
    with pytest.raises(DomainError) as caught:
        inquiry_categories.add_category(session, "配送", actor=Actor("x", "店員", "staff"))
    assert (caught.value.code, caught.value.field) == ("permission_denied", "settings")
    inquiry_categories.set_category_active(session, added.id, False)
    assert "ギフト包装" not in [c.name for c in inquiry_categories.list_categories(session)]


def test_editing_a_closed_inquiry_keeps_it_closed(session) -> None:
    cid = add_customer(session)
    iid = inquiries.create_inquiry(session, {"customer_id": cid, "subject": "x"}).inquiry_id
    inquiries.close_inquiry(session, iid, now=NOW)
    change = inquiries.update_inquiry(session, iid, {"subject": "返品の件", "status": "closed"})
    assert change.fields == ("subject",) and change.status == "closed"
    with pytest.raises(DomainError) as caught:
        inquiries.update_inquiry(session, iid, {"status": "waiting"})
    assert caught.value.code == "inquiry_closed"
    assert inquiries.update_inquiry(session, iid, {"status": "open"}).status == "open"
