"""Email to a segment against a real SMTP server in process (aiosmtpd)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crmdesk.core.clock import local_today
from crmdesk.core.email_template import parse_template
from crmdesk.core.errors import DomainError
from crmdesk.services import audit, customers, email_campaigns, email_setup, segments, shop
from crmdesk.services.email_refusals import import_refusals
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.store.db import open_database
from crmdesk.store.models import Customer, EmailDelivery
from tests.helpers.factories import add_customer
from tests.helpers.shop import buy, points
from tests.helpers.smtp import Mailbox, start_server, use_memory_keyring

TEMPLATE = """Subject: {name}様へ 冬のご案内

{name}様

いつもありがとうございます。ポイント残高は{points}ポイントです。
"""


@pytest.fixture
def box() -> Iterator[Mailbox]:
    mailbox = Mailbox(refuse={"nobody@example.jp"})
    controller = start_server(mailbox, user="shop", password="s3cret")
    mailbox.port = controller.port  # type: ignore[attr-defined]
    yield mailbox
    controller.stop()


@pytest.fixture
def shop_db(tmp_path: Path, box: Mailbox):  # noqa: ANN201 - a Database
    use_memory_keyring()
    db = open_database(tmp_path / "shop.sqlite3")
    with db.transaction() as session:
        shop.set_shop_info(
            session,
            {
                "name": "松風堂",
                "postal_code": "1500001",
                "address": "東京都渋谷区神宮前1-2-3",
                "phone": "03-1234-5678",
            },
            actor=CLI_ACTOR,
        )
        settings = email_setup.save_settings(
            session,
            {
                "host": "127.0.0.1",
                "port": box.port,
                "user": "shop",
                "security": "none",  # type: ignore[attr-defined]
                "from_address": "info@shofudo.example.jp",
                "pace_per_minute": 6000,
            },
            actor=CLI_ACTOR,
        )
        email_setup.save_password(settings, "s3cret")
        ids = {
            "hanako": add_customer(session, email="hanako@example.jp", email_consent=True),
            "taro": add_customer(
                session,
                family_name="佐藤",
                given_name="太郎",
                family_kana="さとう",
                given_kana="たろう",
                email="taro@example.jp",
                email_consent=True,
            ),
            "refused_by_server": add_customer(
                session, family_name="無効", email="nobody@example.jp", email_consent=True
            ),
            "no_consent": add_customer(
                session, family_name="拒否", email="no@example.jp", email_consent=False
            ),
            "no_email": add_customer(session, family_name="無し", email_consent=True),
            "family": add_customer(
                session,
                family_name="山田",
                given_name="次郎",
                given_kana="じろう",
                email="HANAKO@example.jp",
                email_consent=True,
            ),
        }
        points(session, ids["hanako"], 120, __import__("datetime").date(2026, 11, 1))
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    db.ids = ids
    yield db
    db.close()


def test_only_consenting_customers_get_it_and_the_others_are_named(shop_db) -> None:
    with shop_db.transaction() as session:
        found = email_campaigns.email_preview(session, "全員")
    got = {r.customer_id for r in found.recipients}
    assert got == {shop_db.ids[k] for k in ("hanako", "taro", "refused_by_server")}
    reasons = {e.customer_id: e.reasons for e in found.excluded}
    assert reasons == {
        shop_db.ids["no_consent"]: ("no_email_consent",),
        shop_db.ids["no_email"]: ("no_email",),
        shop_db.ids["family"]: ("same_email",),  # one message to one inbox
    }


def send(db, template: str = TEMPLATE, **kwargs):  # noqa: ANN001, ANN201
    with db.transaction() as session:
        found = email_campaigns.email_preview(session, "全員")
        info = email_campaigns.create_email_campaign(
            session, "冬のメール", found, parse_template(template), actor=CLI_ACTOR
        )
    return info, email_campaigns.send_campaign(db, info.id, actor=CLI_ACTOR, **kwargs)


def test_messages_arrive_in_japanese_with_the_shops_identity(shop_db, box: Mailbox) -> None:
    info, report = send(shop_db)
    assert (report.sent, report.refused, report.pending) == (2, 1, 0)
    assert box.logins == ["shop"]  # logged in with the password from the keyring
    [message] = box.to("hanako@example.jp")
    assert message["Subject"] == "山田 花子様へ 冬のご案内"
    assert message["From"].addresses[0].display_name == "松風堂"
    assert message["From"].addresses[0].addr_spec == "info@shofudo.example.jp"
    assert "=?utf-8?" in message.as_string().lower()  # the header went out encoded
    body = message.get_body(("plain",)).get_content()
    assert "山田 花子様" in body and "ポイント残高は120ポイント" in body
    assert "送信者: 松風堂" in body and "東京都渋谷区神宮前1-2-3" in body
    assert "配信停止" in body and "info@shofudo.example.jp" in body
    assert (
        message["List-Unsubscribe"].strip().startswith("<mailto:info@shofudo.example.jp?subject=")
    )
    assert box.to("no@example.jp") == [] and len(box.messages) == 2
    with shop_db.transaction() as session:
        status = email_campaigns.email_status(session, info.id)
    assert status["counts"]["sent"] == 2 and status["counts"]["refused"] == 1
    [refused] = [r for r in status["recipients"] if r["status"] == "refused"]
    assert refused["detail"].startswith("550") and "nobody@example.jp" not in refused["detail"]


def test_a_cancelled_send_resumes_without_sending_twice(shop_db, box: Mailbox) -> None:
    stops = iter([False, True])
    info, report = send(shop_db, should_stop=lambda: next(stops, True))
    assert report.stopped == "cancelled" and report.pending == 2
    assert len(box.messages) == 1
    again = email_campaigns.send_campaign(shop_db, info.id, actor=CLI_ACTOR)
    assert again.pending == 0 and again.sent + again.refused == 2
    delivered = [r for _, rcpts, _ in box.messages for r in rcpts]
    assert sorted(delivered) == ["hanako@example.jp", "taro@example.jp"]
    third = email_campaigns.send_campaign(shop_db, info.id, actor=CLI_ACTOR)
    assert third.sent == 0 and len(box.messages) == 2


def test_a_refusal_on_the_card_stops_the_pending_message(shop_db, box: Mailbox) -> None:
    stops = iter([False, True])
    info, _ = send(shop_db, should_stop=lambda: next(stops, True))
    with shop_db.transaction() as session:
        customers.update_customer(session, shop_db.ids["taro"], {"email_consent": False})
        [entry] = audit.entries(session, action="email.refusal")
    assert entry.entity_id == shop_db.ids["taro"] and json.loads(entry.detail)["source"] == "card"
    report = email_campaigns.send_campaign(shop_db, info.id, actor=CLI_ACTOR)
    assert report.withdrawn == 1 and box.to("taro@example.jp") == []


def test_the_daily_limit_leaves_the_rest_for_tomorrow(shop_db, box: Mailbox) -> None:
    with shop_db.transaction() as session:
        settings = email_setup.require_settings(session)
        email_setup.save_settings(
            session, {**settings.to_json(), "daily_limit": 1}, actor=CLI_ACTOR
        )
    _, report = send(shop_db)
    assert report.sent == 1 and report.stopped == "daily_limit" and report.pending == 2


def test_a_wrong_password_or_no_server_is_a_clear_error(shop_db, box: Mailbox) -> None:
    with shop_db.transaction() as session:
        settings = email_setup.require_settings(session)
    email_setup.save_password(settings, "wrong")
    with pytest.raises(DomainError) as caught:
        send(shop_db)
    assert caught.value.code == "email_auth_failed"
    with shop_db.transaction() as session:
        assert session.query(EmailDelivery).filter_by(status="pending").count() == 3
        email_setup.save_settings(session, {**settings.to_json(), "port": 1}, actor=CLI_ACTOR)
    with pytest.raises(DomainError) as caught:
        email_campaigns.send_campaign(shop_db, "冬のメール", actor=CLI_ACTOR)
    assert caught.value.code == "email_unreachable" and box.messages == []


def test_settings_are_checked_field_by_field(shop_db) -> None:
    with shop_db.transaction() as session, pytest.raises(DomainError) as caught:
        email_setup.save_settings(
            session,
            {"host": "smtp.example.jp", "port": 0, "security": "none", "from_address": "x"},
            actor=CLI_ACTOR,
        )
    fields = {e.field for e in caught.value.errors}  # type: ignore[attr-defined]
    assert fields == {"port", "security", "from_address"}


def test_templates_name_what_is_wrong() -> None:
    for text, code in [
        ("no subject line\n\nbody", "email_template_no_subject"),
        ("Subject: hello\n\n", "email_template_no_body"),
        ("Subject: {nam}\n\nbody", "email_template_unknown_field"),
        ("Subject: ok\n\n{name", "email_template_braces"),
    ]:
        with pytest.raises(DomainError) as caught:
            parse_template(text)
        assert caught.value.code == code and caught.value.field == "template"
    assert parse_template("件名: こんにちは\n\n{{括弧}} {name}").subject == "こんにちは"


def test_refusals_from_a_list_and_the_response_report(shop_db, box: Mailbox) -> None:
    info, _ = send(shop_db)
    with shop_db.transaction() as session:
        result = import_refusals(
            session,
            ["# 配信停止の返信", "taro@example.jp", "x@nowhere.jp", "not an address"],
            actor=CLI_ACTOR,
        )
        taro = session.get(Customer, shop_db.ids["taro"])
        assert not taro.email_consent
        buy(session, shop_db.ids["hanako"], 5000, local_today())
        from crmdesk.services import responses

        report = responses.response_report(session, info.id)
    assert (result.refused, result.unknown, result.invalid) == (1, 1, [4])
    assert report.recipients.size == 3 and report.recipients.responders == 1
