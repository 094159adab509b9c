"""``crmdesk email ...`` against a real SMTP server in process, and a kill in mid-send."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from crmdesk.core.email_template import parse_template
from crmdesk.services import email_campaigns, segments, shop
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.store.db import open_database
from crmdesk.store.models import EmailDelivery
from tests.cli.test_cli import run
from tests.helpers.factories import add_customer
from tests.helpers.smtp import Mailbox, start_server

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def box() -> Iterator[Mailbox]:
    mailbox = Mailbox(refuse={"gone@example.jp"})
    controller = start_server(mailbox)
    mailbox.port = controller.port  # type: ignore[attr-defined]
    yield mailbox
    controller.stop()


@pytest.fixture
def shop_file(tmp_path: Path, box: Mailbox) -> Path:
    path = tmp_path / "shop.sqlite3"
    db = open_database(path)
    with db.transaction() as session:
        shop.set_shop_info(
            session,
            {"name": "松風堂", "postal_code": "1500001", "address": "東京都渋谷区神宮前1-2-3"},
            actor=CLI_ACTOR,
        )
        for i in range(6):
            add_customer(
                session,
                family_name=f"客{i}",
                email=f"c{i}@example.jp",
                email_consent=True,
                phone1="",
            )
        add_customer(session, family_name="不達", email="gone@example.jp", email_consent=True)
        add_customer(session, family_name="拒否", email="no@example.jp", email_consent=False)
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    db.close()
    code, data = run(
        path,
        "email",
        "setup",
        "--host",
        "127.0.0.1",
        "--port",
        str(box.port),  # type: ignore[attr-defined]
        "--security",
        "none",
        "--from",
        "info@shofudo.example.jp",
        "--pace",
        "6000",
        "--json",
    )
    assert code == 0 and data["email"]["security"] == "none"
    return path


def template(tmp_path: Path) -> str:
    file = tmp_path / "winter.txt"
    file.write_text(
        "Subject: {name}様 冬のご案内\n\n{name}様、いつもありがとうございます。\n", "utf-8"
    )
    return str(file)


def test_send_status_and_refusals_from_the_command_line(shop_file, tmp_path, box) -> None:
    code, dry = run(
        shop_file,
        "email",
        "send",
        "--segment",
        "全員",
        "--template",
        template(tmp_path),
        "--dry-run",
        "--json",
    )
    assert code == 0 and dry["recipients"] == 7 and box.messages == []
    assert dry["excluded"] == {"no_email_consent": 1}
    assert dry["preview"]["subject"] == "客0 花子様 冬のご案内"
    assert "送信者: 松風堂" in dry["preview"]["body"]
    code, data = run(
        shop_file,
        "email",
        "send",
        "--segment",
        "全員",
        "--template",
        template(tmp_path),
        "--record",
        "冬のメール",
        "--json",
    )
    assert code == 0
    assert (data["sent"], data["refused"], data["pending"]) == (6, 1, 0)
    assert data["excluded"] == {"no_email_consent": 1}
    assert len(box.messages) == 6 and box.to("no@example.jp") == []
    code, status = run(shop_file, "email", "status", "冬のメール", "--json")
    assert code == 0 and status["counts"]["sent"] == 6 and status["counts"]["refused"] == 1
    refusals = tmp_path / "refusals.csv"
    refusals.write_text("email\nc1@example.jp\n", "utf-8")
    code, data = run(shop_file, "email", "refusals", str(refusals), "--json")
    assert code == 0 and data["refused"] == 1 and data["invalid_lines"] == [1]
    code, data = run(shop_file, "customer", "edit", "000003", "--email-ok", "no", "--json")
    assert code == 0
    code, data = run(
        shop_file,
        "email",
        "send",
        "--segment",
        "全員",
        "--template",
        template(tmp_path),
        "--dry-run",
        "--json",
    )
    assert data["excluded"] == {"no_email_consent": 3}


def test_bad_setup_and_templates_are_named(shop_file, tmp_path) -> None:
    code, data = run(
        shop_file,
        "email",
        "setup",
        "--host",
        "smtp.example.jp",
        "--port",
        "25",
        "--security",
        "none",
        "--from",
        "info@example.jp",
        "--json",
    )
    assert code == 2 and data["error"]["code"] == "email_insecure_remote"
    bad = tmp_path / "bad.txt"
    bad.write_text("Subject: {名前}\n\n本文", "utf-8")
    code, data = run(
        shop_file, "email", "send", "--segment", "全員", "--template", str(bad), "--json"
    )
    assert code == 2 and data["error"]["code"] == "email_template_unknown_field"
    assert "名前" in data["error"]["message_ja"]
    code, data = run(
        shop_file,
        "email",
        "send",
        "--segment",
        "全員",
        "--template",
        str(tmp_path / "missing.txt"),
        "--json",
    )
    assert code == 2 and data["error"]["code"] == "email_template_unreadable"


def test_a_kill_mid_send_resumes_without_doubles(shop_file, tmp_path, box) -> None:
    db = open_database(shop_file)
    with db.transaction() as session:
        found = email_campaigns.email_preview(session, "全員")
        text = "Subject: ご案内\n\n{name}様\n"
        email_campaigns.create_email_campaign(
            session, "冬のメール", found, parse_template(text), actor=CLI_ACTOR
        )
    db.close()
    run(
        shop_file,
        "email",
        "setup",
        "--host",
        "127.0.0.1",
        "--port",
        str(box.port),  # type: ignore[attr-defined]
        "--security",
        "none",
        "--from",
        "info@shofudo.example.jp",
        "--pace",
        "120",
        "--json",
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crmdesk",
            "--db",
            str(shop_file),
            "email",
            "send",
            "--resume",
            "冬のメール",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(box.messages) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 2 <= len(box.messages) < 7
    db = open_database(shop_file)
    report = email_campaigns.send_campaign(db, "冬のメール", actor=CLI_ACTOR, sleep=lambda s: None)
    with db.transaction() as session:
        statuses = Counter(d.status for d in session.query(EmailDelivery))
        interrupted = {
            d.address for d in session.query(EmailDelivery).filter_by(status="interrupted")
        }
    db.close()
    received = Counter(r for _, rcpts, _ in box.messages for r in rcpts)
    assert max(received.values()) == 1  # nobody twice
    everyone = {f"c{i}@example.jp" for i in range(6)}
    assert everyone - interrupted <= set(received)  # everyone else once
    assert statuses["pending"] == 0 and statuses["sending"] == 0
    # a message the server took just before the kill is "interrupted", never "sent" twice
    assert statuses["sent"] <= len(received) <= statuses["sent"] + statuses["interrupted"]
    assert report.pending == 0


def test_an_email_with_a_control_group_sends_nothing_to_it(shop_file, tmp_path, box) -> None:
    code, data = run(
        shop_file,
        "email",
        "send",
        "--segment",
        "全員",
        "--template",
        template(tmp_path),
        "--record",
        "対照つき",
        "--control",
        "30",
        "--control-seed",
        "4",
        "--json",
    )
    assert code == 0 and data["control"] == {"percent": 30, "seed": 4, "size": 2}
    assert data["recipients"] == 5 and data["sent"] + data["refused"] == 5
    db = open_database(shop_file)
    with db.transaction() as session:
        from crmdesk.services.campaigns import get_campaign
        from crmdesk.store.models import Customer

        info = get_campaign(session, "対照つき")
        held = {session.get(Customer, c).email for c in info.control.customer_ids}
    db.close()
    received = {r for _, rcpts, _ in box.messages for r in rcpts}
    assert held and received.isdisjoint(held)
    code, report = run(shop_file, "campaign", "report", "対照つき", "--json")
    assert code == 0 and report["control"]["size"] == 2 and report["lift"]["against"] == "control"
