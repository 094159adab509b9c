"""Exports: owner only, audited, UTF-8 with BOM / cp932 / xlsx, read back as a user would."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from crmdesk.core.errors import DomainError
from crmdesk.services import customers, import_mapping
from crmdesk.services.export import export
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.models import AuditLog, Inquiry, PointEntry, Purchase
from tests.helpers.factories import add_customer

STAFF = Actor(staff_id=None, name="counter", role="staff")
NOW = datetime(2026, 11, 1, 3, tzinfo=UTC)


@pytest.fixture
def shop(db):
    with db.transaction() as session:
        a = add_customer(session, customer_number="000001", phone1="090-1111-2222")
        add_customer(session, customer_number="000002", family_name="髙橋", given_name="一",
                     family_kana="たかはし", given_kana="はじめ")  # fmt: skip
        session.add(Purchase(customer_id=a, amount=1980, purchased_at=NOW))
        session.add(PointEntry(customer_id=a, kind="adjust", points=250, occurred_at=NOW))
        session.add(Inquiry(customer_id=a, received_at=NOW, subject="取り置き", body="赤い傘"))
        customers.set_tags(session, a, ["常連", "VIP"])
    return db


def test_customers_as_excel_csv_round_trip_through_the_importer(shop, tmp_path) -> None:
    path = tmp_path / "customers.csv"
    with shop.transaction() as session:
        result = export(session, CLI_ACTOR, "customers", path)
    assert result.rows == 2 and path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["顧客番号"] == "000001" and rows[0]["ポイント"] == "250"
    assert rows[1]["姓"] == "髙橋"
    assert (rows[0]["タグ"], rows[1]["タグ"]) == ("VIP, 常連", "")  # her tags, by name
    prepared = import_mapping.prepare(path)
    assert prepared.mapping["姓"] == "family_name" and prepared.mapping["携帯"] == "phone2"
    with shop.transaction() as session:
        entry = session.scalars(select(AuditLog).where(AuditLog.action == "export")).one()
    assert (entry.entity, entry.row_count, entry.actor) == ("customers", 2, "cli")
    assert json.loads(entry.detail)["format"] == "csv"
    assert "髙橋" not in entry.detail and "090" not in entry.detail


def test_cp932_names_the_row_and_column_it_cannot_write(shop, tmp_path) -> None:
    path = tmp_path / "customers.csv"
    with shop.transaction() as session:
        add_customer(session, customer_number="000003", family_name="𠮷田", given_name="剛")
    with pytest.raises(DomainError) as caught, shop.transaction() as session:
        export(session, CLI_ACTOR, "customers", path, encoding="cp932")
    error = caught.value
    assert (error.code, error.field, error.params["row"]) == ("not_in_cp932", "姓", 4)
    assert "4行目" in error.message("ja") and "𠮷" in error.message("ja")
    assert not path.exists()
    with shop.transaction() as session:
        assert session.scalars(select(AuditLog).where(AuditLog.action == "export")).all() == []
        export(session, CLI_ACTOR, "purchases", path, encoding="cp932")
    assert "1980" in path.read_bytes().decode("cp932")


def test_purchases_and_inquiries_as_xlsx(shop, tmp_path) -> None:
    with shop.transaction() as session:
        export(session, CLI_ACTOR, "purchases", tmp_path / "p.xlsx")
        export(session, CLI_ACTOR, "inquiries", tmp_path / "i.xlsx")
    sheet = load_workbook(tmp_path / "p.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("日時", "顧客番号", "カード番号", "金額")
    assert rows[1][1] == "000001" and rows[1][3] == 1980 and rows[1][0] == "2026-11-01 12:00"
    rows = list(load_workbook(tmp_path / "i.xlsx").active.iter_rows(values_only=True))
    assert rows[1][4:6] == ("取り置き", "赤い傘")


def test_staff_cannot_export_and_bad_requests_are_clear(shop, tmp_path) -> None:
    for actor, kind, options, code in [
        (STAFF, "customers", {}, "permission_denied"),
        (CLI_ACTOR, "mailing_list", {}, "unknown_export"),
        (CLI_ACTOR, "customers", {"encoding": "utf-16"}, "unknown_encoding"),
        (CLI_ACTOR, "customers", {"fmt": "pdf"}, "unknown_format"),
    ]:
        with pytest.raises(DomainError) as caught, shop.transaction() as session:
            export(session, actor, kind, tmp_path / "x.csv", **options)
        assert caught.value.code == code
    assert not (tmp_path / "x.csv").exists()


def test_a_segment_exports_its_members_only(shop, tmp_path) -> None:
    from crmdesk.services import segments

    path = tmp_path / "segment.csv"
    tree = {"op": "and", "conditions": [{"field": "total_spend", "cmp": "ge", "value": 1000}]}
    with shop.transaction() as session:
        segments.save_segment(session, "お得意様", tree)
    with shop.transaction() as session:
        result = export(session, CLI_ACTOR, "segment", path, segment="お得意様")
    assert result.rows == 1
    with path.open(encoding="utf-8-sig", newline="") as f:
        assert [r["顧客番号"] for r in csv.DictReader(f)] == ["000001"]
    with shop.transaction() as session:
        entry = session.scalars(select(AuditLog).where(AuditLog.action == "export")).one()
    assert (entry.entity, entry.row_count) == ("segment", 1)
    assert json.loads(entry.detail)["segment"] == "お得意様"
