"""A mailing with a random control group, from the record to the honest report."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pdfplumber
import pytest

from crmdesk.core.errors import DomainError
from crmdesk.services import campaigns, mailings, responses, segments
from crmdesk.store.db import open_database
from tests.cli.test_cli import run
from tests.helpers.factories import add_customer
from tests.helpers.shop import buy

SENT = date(2026, 9, 1)
EVERYONE = {"op": "and", "conditions": []}


def shop_of(session, count: int) -> list[str]:
    ids = [
        add_customer(session, family_name=f"客{i:03d}", street=f"{i}-1", phone1="")
        for i in range(count)
    ]
    segments.save_segment(session, "全員", EVERYONE)
    return ids


def test_the_control_group_is_frozen_and_gets_nothing(session) -> None:
    ids = shop_of(session, 40)
    mailing = mailings.preview(session, "全員", today=SENT)
    mailed, control = mailings.hold_out_control(mailing, 25, seed=11)
    again, same = mailings.hold_out_control(mailing, 25, seed=11)
    assert control == same and len(control.customer_ids) == 10
    assert {a.customer_id for a in mailed.addressees} == set(ids) - set(control.customer_ids)
    info = campaigns.create_campaign(
        session, "秋のDM", mailed, sent_on=SENT, control=control, cost_per_piece=84
    )
    frozen = {r.customer_id for r in campaigns.frozen_recipients(session, info.id)}
    assert frozen.isdisjoint(control.customer_ids) and len(frozen) == 30
    shown = campaigns.get_campaign(session, "秋のDM").to_json()
    assert shown["control"] == {"percent": 25, "seed": 11, "size": 10}
    assert "control" not in shown["options"]


def test_report_against_the_control_worked_by_hand(session) -> None:
    shop_of(session, 250)
    mailing = mailings.preview(session, "全員", today=SENT)
    mailed, control = mailings.hold_out_control(mailing, 20, seed=3)
    info = campaigns.create_campaign(
        session, "秋のDM", mailed, sent_on=SENT, control=control, cost_per_piece=100
    )
    got = [a.customer_id for a in mailed.addressees]
    held = list(control.customer_ids)
    assert (len(got), len(held)) == (200, 50)
    for who in got[:60]:  # 30% of the mailed came, 3,000 yen each
        buy(session, who, 3000, SENT + timedelta(days=5))
    for who in held[:5]:  # 10% of the control came anyway
        buy(session, who, 3000, SENT + timedelta(days=5))
    buy(session, held[5], 9000, SENT - timedelta(days=1))  # before the mailing: not counted
    report = responses.response_report(session, info.id, days=30)
    assert report.control is not None and report.uplift is not None
    assert (report.control.size, report.control.responders) == (50, 5)
    lift = report.to_json()["lift"]
    assert lift["against"] == "control"
    assert lift["visits"]["value"] == pytest.approx(0.2)
    low, high = lift["visits"]["low"], lift["visits"]["high"]
    assert 0.05 < low < 0.2 < high < 0.35
    assert lift["spend"]["value"] == pytest.approx(600.0)  # 900 - 300 yen per head
    assert lift["spend"]["low"] < 600 < lift["spend"]["high"]
    revenue = lift["revenue"]
    assert revenue["extra_sales"]["value"] == 120_000  # 600 yen x 200 mailed
    assert revenue["cost"] == 20_000 and revenue["net"]["value"] == 100_000
    cheaper = responses.response_report(session, info.id, cost_per_piece=0)
    assert cheaper.to_json()["lift"]["revenue"]["net"]["value"] == 120_000


def test_a_small_control_group_says_so(session) -> None:
    shop_of(session, 30)
    mailed, control = mailings.hold_out_control(
        mailings.preview(session, "全員", today=SENT), 10, seed=1
    )
    info = campaigns.create_campaign(session, "小さなDM", mailed, sent_on=SENT, control=control)
    lift = responses.response_report(session, info.id).to_json()["lift"]
    assert lift["visits"]["value"] is None and lift["visits"]["reason"] == "group_too_small"
    assert lift["revenue"]["cost"] is None and lift["revenue"]["net"] is None


def test_bad_shares_and_costs_are_refused(session) -> None:
    shop_of(session, 5)
    mailing = mailings.preview(session, "全員", today=SENT)
    for bad in (0, 51, -5):
        with pytest.raises(DomainError) as caught:
            mailings.hold_out_control(mailing, bad)
        assert caught.value.code == "invalid_control_share" and caught.value.field == "control"
    with pytest.raises(DomainError) as caught:
        campaigns.create_campaign(session, "x", mailing, cost_per_piece=10**9)
    assert caught.value.field == "cost_per_piece"
    one = mailings.MailingPreview(mailing.segment_id, "全員", mailing.addressees[:1], [])
    with pytest.raises(DomainError) as caught:
        mailings.hold_out_control(one, 10)
    assert caught.value.code == "control_too_few"


@pytest.fixture
def shop_file(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite3"
    db = open_database(path)
    with db.transaction() as session:
        shop_of(session, 30)
    db.close()
    return path


def test_the_cli_prints_no_label_for_the_control_group(shop_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "dm.pdf"
    code, data = run(
        shop_file,
        "labels",
        "--segment",
        "全員",
        "--layout",
        "a-one-72212",
        "-o",
        str(out),
        "--record",
        "冬のDM",
        "--control",
        "20",
        "--control-seed",
        "9",
        "--json",
    )
    assert code == 0 and data["control"] == {"percent": 20, "seed": 9, "size": 6}
    assert data["recipients"] == data["labels"] == 24
    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    db = open_database(shop_file)
    with db.transaction() as session:
        info = campaigns.get_campaign(session, "冬のDM")
        control = info.control
        assert control is not None
        from crmdesk.store.models import Customer

        held = {session.get(Customer, i).family_name for i in control.customer_ids}
        mailed = {
            session.get(Customer, r.customer_id).family_name
            for r in campaigns.frozen_recipients(session, info.id)
        }
    db.close()
    assert len(held) == 6 and len(mailed) == 24
    assert all(name in text for name in mailed)
    assert not any(name in text for name in held)
    code, report = run(shop_file, "campaign", "report", "冬のDM", "--json")
    assert code == 0 and report["control"]["size"] == 6
    assert report["lift"]["visits"]["reason"] == "group_too_small"


@pytest.mark.parametrize(
    ("flags", "field"),
    [
        (["--control", "10"], "control"),  # no --record
        (["--record", "x", "--control", "60"], "control"),
        (["--record", "x", "--cost-per-piece", "-1"], "cost_per_piece"),
    ],
)
def test_cli_refuses_bad_control_flags(shop_file, tmp_path, flags, field) -> None:
    out = tmp_path / "dm.pdf"
    code, data = run(
        shop_file,
        "labels",
        "--segment",
        "全員",
        "--layout",
        "a-one-72212",
        "-o",
        str(out),
        *flags,
        "--json",
    )
    assert code == 2 and data["error"]["field"] == field
    assert not out.exists()  # refused before anything was drawn
    assert json.dumps(data["error"], ensure_ascii=False).count("message_ja") == 1
    db = open_database(shop_file)
    with db.transaction() as session:
        assert campaigns.list_campaigns(session) == []
    db.close()
