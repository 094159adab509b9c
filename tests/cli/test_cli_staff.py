"""The CLI acts as someone: the owner, a ``--staff`` member with a PIN, or plain staff."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import stat
from pathlib import Path

import pdfplumber
import pytest

from crmdesk.cli import main


def run(db: Path, *args: str, env_pin: str | None = None) -> tuple[int, dict]:
    out = io.StringIO()
    old = os.environ.pop("CRMDESK_PIN", None)
    if env_pin is not None:
        os.environ["CRMDESK_PIN"] = env_pin
    try:
        with contextlib.redirect_stdout(out):
            code = main(["--db", str(db), *args])
    finally:
        os.environ.pop("CRMDESK_PIN", None)
        if old is not None:
            os.environ["CRMDESK_PIN"] = old
    return code, json.loads(out.getvalue())


@pytest.fixture
def shop(db_path: Path) -> Path:
    run(db_path, "customer", "add", "--name", "佐々木 良子", "--phone", "090-1234-5678",
        "--birthday", "1984-03-03", "--postal-code", "1000001", "--prefecture", "東京都",
        "--city", "千代田区", "--town", "千代田", "--street", "1-1", "--json")  # fmt: skip
    run(db_path, "customer", "add", "--name", "別人 太郎", "--phone", "03-9999-0000", "--json")
    code, _ = run(db_path, "staff", "add", "店主", "--role", "owner", "--pin", "2468", "--json")
    assert code == 0
    return db_path


def test_without_accounts_the_cli_is_the_owner(db_path: Path, tmp_path: Path) -> None:
    code, data = run(db_path, "export", "customers", "-o", str(tmp_path / "a.csv"), "--json")
    assert code == 0 and data["ok"]


def test_with_accounts_plain_cli_is_staff_and_refusals_name_the_permission(
    shop: Path, tmp_path: Path
) -> None:
    out = tmp_path / "a.csv"
    code, data = run(shop, "export", "customers", "-o", str(out), "--json")
    assert code == 2 and data["error"]["code"] == "permission_denied"
    assert data["error"]["field"] == "export" and "書き出し" in data["error"]["message_ja"]
    assert not out.exists()
    code, data = run(shop, "search", "佐々木", "--json")  # counter work needs nothing
    assert code == 0 and data["count"] == 1
    code, data = run(shop, "export", "customers", "-o", str(out), "--json", env_pin="2468")
    assert code == 0 and out.exists()


def test_staff_and_roles_from_the_cli(shop: Path, tmp_path: Path) -> None:
    owner = ("--staff", "店主", "--pin", "2468")
    code, data = run(shop, *owner, "role", "add", "書出し係", "--permission", "export", "--json")
    assert code == 0 and data["role"]["permissions"] == ["export"]
    code, data = run(shop, *owner, "staff", "add", "鈴木", "--role", "書出し係",
                     "--pin", "1357", "--card", "2900000000017", "--json")  # fmt: skip
    assert code == 0 and data["staff"]["card"] is True and "pin_hash" not in data["staff"]
    code, data = run(shop, "--staff", "鈴木", "--pin", "1357", "export", "customers",
                     "-o", str(tmp_path / "s.csv"), "--json")  # fmt: skip
    assert code == 0
    rows = (tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    assert "090-****-5678" in rows and "090-1234-5678" not in rows  # no view_full
    assert "19**年" in rows and "1984-03-03" not in rows
    code, data = run(shop, "--staff", "鈴木", "--pin", "1357", "customer", "erase", "000001",
                     "--yes", "--json")  # fmt: skip
    assert (code, data["error"]["field"]) == (2, "erase")
    code, data = run(shop, *owner, "staff", "list", "--json")
    assert [s["name"] for s in data["staff"]] == ["店主", "鈴木"]
    code, data = run(shop, *owner, "staff", "edit", "鈴木", "--pin", "9753", "--json")
    assert code == 0
    code, data = run(shop, "--staff", "鈴木", "--pin", "1357", "search", "x", "--json")
    assert (code, data["error"]["code"]) == (2, "wrong_pin")
    code, data = run(shop, *owner, "staff", "retire", "鈴木", "--json")
    assert code == 0 and data["staff"]["active"] is False
    code, data = run(shop, "role", "list", "--json")
    assert {r["name"] for r in data["roles"]} == {"owner", "staff", "書出し係"}


def test_a_wrong_pin_writes_nothing(shop: Path) -> None:
    code, data = run(shop, "--staff", "店主", "--pin", "0000", "customer", "add",
                     "--name", "新規 一郎", "--json")  # fmt: skip
    assert code == 2 and data["error"]["code"] == "wrong_pin"
    code, data = run(shop, "search", "新規", "--json")
    assert data["count"] == 0
    code, data = run(shop, "--staff", "だれ", "--pin", "1111", "search", "x", "--json")
    assert code == 2 and data["error"]["code"] == "wrong_pin"


def test_audit_list_filters_by_kind_and_day(shop: Path, tmp_path: Path) -> None:
    owner = ("--staff", "店主", "--pin", "2468")
    run(shop, *owner, "export", "customers", "-o", str(tmp_path / "a.csv"), "--json")
    code, data = run(shop, "audit", "list", "--json")
    assert (code, data["error"]["field"]) == (2, "audit")
    code, data = run(shop, *owner, "audit", "list", "--kind", "export", "--json")
    assert code == 0 and [e["action"] for e in data["entries"]] == ["export"]
    assert data["entries"][0]["staff"] == "店主" and data["entries"][0]["row_count"] == 2
    code, data = run(shop, *owner, "audit", "list", "--kind", "sign_in", "--json")
    assert {e["action"] for e in data["entries"]} == {"staff.sign_in"}
    code, data = run(shop, *owner, "audit", "list", "--since", "2999-01-01", "--json")
    assert data["count"] == 0
    code, data = run(shop, *owner, "audit", "list", "--since", "yesterday", "--json")
    assert (code, data["error"]["field"]) == (2, "since")
    code, data = run(shop, *owner, "audit", "list", "--kind", "nonsense", "--json")
    assert (code, data["error"]["code"]) == (2, "unknown_audit_kind")


def test_disclosure_pdf_and_json_hold_her_data_and_nobody_elses(shop: Path, tmp_path: Path) -> None:
    from crmdesk.services import (
        campaigns,
        cards,
        inquiries,
        inquiry_categories,
        mailings,
        purchases,
        segments,
    )
    from crmdesk.services.staff import CLI_ACTOR
    from crmdesk.store.db import open_database

    db = open_database(shop)
    with db.transaction() as session:
        from crmdesk.services.customer_index import get_by_number

        her, other = get_by_number(session, "000001"), get_by_number(session, "000002")
        for customer in (her, other):
            cards.issue_card(session, customer.id, actor=CLI_ACTOR)
        purchases.record_purchase(session, customer_id=her.id, amount=4321, actor=CLI_ACTOR)
        purchases.record_purchase(session, customer_id=other.id, amount=8765, actor=CLI_ACTOR)
        inquiry_categories.ensure_default_categories(session)
        change = inquiries.create_inquiry(
            session, {"customer_id": her.id, "subject": "指輪のサイズ直し"}, actor=CLI_ACTOR
        )
        inquiries.add_note(session, change.inquiry_id, "来週お渡し予定", actor=CLI_ACTOR)
        inquiries.create_inquiry(
            session, {"customer_id": other.id, "subject": "時計の電池"}, actor=CLI_ACTOR
        )
        segments.save_segment(session, "良子さん", {"op": "and", "conditions": [
            {"field": "total_spend", "cmp": "lt", "value": 5000}]})  # fmt: skip
        campaigns.create_campaign(session, "春のご案内", mailings.preview(session, "良子さん"))
    db.close()
    pdf, js = tmp_path / "d.pdf", tmp_path / "d.json"
    code, data = run(shop, "customer", "disclose", "000001", "-o", str(pdf),
                     "--json-out", str(js), "--json")  # fmt: skip
    assert (code, data["error"]["field"]) == (2, "export")  # plain staff
    code, data = run(shop, "--pin", "2468", "customer", "disclose", "000001", "-o", str(pdf),
                     "--json-out", str(js), "--json")  # fmt: skip
    assert code == 0 and data["counts"]["purchases"] == 1
    with pdfplumber.open(pdf) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    expected_words = ("保有個人データ開示書", "佐々木", "090-1234-5678", "1984-03-03", "4321",
                      "指輪のサイズ直し", "来週お渡し予定", "春のご案内",
                      "customer.create")  # fmt: skip
    for expected in expected_words:
        assert expected in text, expected
    for foreign in ("別人", "03-9999-0000", "時計の電池"):
        assert foreign not in text, foreign
    # The other customer's amount as an amount, not digits that happen to sit inside an id
    # or a card number.
    assert not re.search(r"(?<![0-9A-Za-z,])8,?765(?![0-9A-Za-z])", text)
    record = json.loads(js.read_text(encoding="utf-8"))
    assert record["customer"]["family_name"] == "佐々木" and len(record["inquiries"]) == 1
    assert record["inquiries"][0]["notes"][0]["body"] == "来週お渡し予定"
    assert record["mailings"][0]["campaign"] == "春のご案内"
    assert "別人" not in js.read_text(encoding="utf-8")
    for path in (pdf, js):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    code, data = run(shop, "--pin", "2468", "audit", "list", "--kind", "disclosure", "--json")
    assert data["entries"][0]["entity_id"] == record["customer"]["id"]


def test_search_and_show_mask_for_plain_staff(shop: Path) -> None:
    code, data = run(shop, "search", "佐々木", "--json")
    assert data["hits"][0]["phones"] == ["090-****-5678"]
    code, data = run(shop, "customer", "show", "000001", "--json")
    shown = data["customer"]
    assert (shown["phone1"], shown["birthday"], shown["age"]) == ("090-****-5678", "19**年", None)
    assert shown["masked"] == ["phone1", "birthday"]
    code, data = run(shop, "customer", "show", "000001", "--json", env_pin="2468")
    assert data["customer"]["phone1"] == "090-1234-5678" and "masked" not in data["customer"]
