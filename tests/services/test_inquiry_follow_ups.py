"""Follow-ups across dates and time zones, and inquiry search."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from crmdesk.core.errors import DomainError
from crmdesk.core.inquiry_rules import local_date
from crmdesk.services import inquiries
from crmdesk.services.inquiry_queries import (
    count_due,
    due_follow_ups,
    list_inquiries,
    open_by_assignee,
    search_inquiries,
)
from crmdesk.services.staff import add_staff
from tests.helpers.factories import add_customer


def _log(session, cid, subject, follow_up, *, now, **extra) -> str:
    values = {"customer_id": cid, "subject": subject, "follow_up_on": follow_up, **extra}
    return inquiries.create_inquiry(session, values, now=now).inquiry_id


def test_a_call_just_after_midnight_in_tokyo_may_follow_up_that_day(session) -> None:
    cid = add_customer(session)
    # 15:30 UTC on the 22nd is 00:30 on the 23rd in Tokyo.
    after_midnight = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)
    assert local_date(after_midnight) == date(2026, 11, 23)
    _log(session, cid, "朝一で電話", date(2026, 11, 23), now=after_midnight)
    with pytest.raises(DomainError) as caught:
        _log(session, cid, "前日", date(2026, 11, 22), now=after_midnight)
    assert caught.value.code == "follow_up_before_inquiry"
    assert "2026-11-23" in caught.value.message("ja")


def test_due_follows_the_local_day_not_the_utc_day(session) -> None:
    cid = add_customer(session)
    received = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    _log(session, cid, "明日の件", date(2026, 11, 23), now=received)
    # 14:59 UTC on the 22nd is 23:59 in Tokyo: still the 22nd, not due yet.
    before = local_date(datetime(2026, 11, 22, 14, 59, tzinfo=UTC))
    after = local_date(datetime(2026, 11, 22, 15, 0, tzinfo=UTC))
    assert [r.subject for r in due_follow_ups(session, before)] == []
    assert [r.subject for r in due_follow_ups(session, after)] == ["明日の件"]
    assert count_due(session, after) == (1, 0)
    assert count_due(session, date(2026, 11, 25)) == (0, 1)


def test_due_list_orders_overdue_first_and_skips_closed(session) -> None:
    cid = add_customer(session)
    now = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
    today = date(2026, 11, 22)
    _log(session, cid, "今日", today, now=now)
    _log(session, cid, "先週", date(2026, 11, 15), now=now)
    _log(session, cid, "来週", date(2026, 11, 29), now=now)
    _log(session, cid, "日付なし", None, now=now)
    done = _log(session, cid, "完了済み", date(2026, 11, 10), now=now)
    inquiries.close_inquiry(session, done)
    due = due_follow_ups(session, today)
    assert [r.subject for r in due] == ["先週", "今日"]
    assert [r.is_overdue(today) for r in due] == [True, False]
    assert [r.subject for r in list_inquiries(session, due=True, today=today)] == ["先週", "今日"]
    assert len(list_inquiries(session, status="active")) == 4
    assert [r.subject for r in list_inquiries(session, status="closed")] == ["完了済み"]
    with pytest.raises(DomainError):
        list_inquiries(session, status="done")


def test_open_inquiries_by_assignee(session) -> None:
    cid = add_customer(session)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    add_staff(session, "店主", "owner", "2468")
    a, b = add_staff(session, "伊藤", pin="1111"), add_staff(session, "渡辺", pin="2222")
    _log(session, cid, "1", date(2026, 11, 2), now=now, assignee_id=a.id)
    _log(session, cid, "2", None, now=now, assignee_id=a.id)
    _log(session, cid, "3", date(2026, 12, 2), now=now, assignee_id=b.id)
    _log(session, cid, "4", None, now=now)
    loads = open_by_assignee(session, date(2026, 11, 22))
    assert [(x.assignee, x.open, x.due) for x in loads] == [
        ("伊藤", 2, 1),
        ("渡辺", 1, 0),
        ("", 1, 0),
    ]


def test_search_over_subjects_bodies_notes_and_callers(session) -> None:
    cid = add_customer(session)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    a = _log(session, cid, "ﾗｰﾒﾝ鉢の在庫", None, now=now, body="白い器を２つ")
    b = inquiries.create_inquiry(
        session, {"caller_name": "タナカ", "caller_phone": "03-5555-1234", "subject": "予約"}
    ).inquiry_id
    inquiries.add_note(session, b, "カウンター席を手配")
    assert [r.id for r in search_inquiries(session, "ラーメン")] == [a]  # half width folded
    assert [r.id for r in search_inquiries(session, "しろい器")] == []
    assert [r.id for r in search_inquiries(session, "白い器")] == [a]
    assert [r.id for r in search_inquiries(session, "かうんたー")] == [b]  # a note, by kana
    assert [r.id for r in search_inquiries(session, "03-5555-1234")] == [b]
    assert [r.id for r in search_inquiries(session, "たなか")] == [b]
    # one or two characters: the LIKE fallback
    assert [r.id for r in search_inquiries(session, "予約")] == [b]
    assert [r.id for r in search_inquiries(session, "鉢")] == [a]
    assert search_inquiries(session, "%") == []
    assert search_inquiries(session, "  ") == []


def test_search_survives_vacuum_and_ignores_deleted(db) -> None:
    with db.transaction() as session:
        cid = add_customer(session)
        ids = [
            _log(session, cid, f"件名{i:02d}の相談", None, now=datetime(2026, 11, 1, tzinfo=UTC))
            for i in range(20)
        ]
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE inquiry SET deleted = 1 WHERE id = :id"), {"id": ids[3]})
    with closing(sqlite3.connect(db.path)) as conn:  # VACUUM runs outside a transaction
        conn.execute("VACUUM")
    with db.transaction() as session:
        assert [r.id for r in search_inquiries(session, "件名07")] == [ids[7]]
        assert search_inquiries(session, "件名03") == []
