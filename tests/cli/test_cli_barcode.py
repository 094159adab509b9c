"""``labels --barcode`` / ``postcards --barcode`` from the command line."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from crmdesk.services import segments
from crmdesk.store.db import open_database
from tests.cli.test_cli import run
from tests.helpers.factories import add_customer


def test_labels_and_postcards_print_the_barcode_and_name_who_has_none(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    db = open_database(path)
    with db.transaction() as session:
        add_customer(session, family_name="番地", street="1-2-3", building="メゾン 101")
        add_customer(session, family_name="無番地", street="", town="千代田")
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    db.close()
    out = tmp_path / "dm.pdf"
    code, data = run(
        path,
        "labels",
        "--segment",
        "全員",
        "--layout",
        "a-one-72212",
        "-o",
        str(out),
        "--barcode",
        "--json",
    )
    assert code == 0
    assert data["barcode"]["printed"] == 1 and len(data["barcode"]["no_address_number"]) == 1
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages[0].rects) == 67  # one customer barcode, 67 bars
    cards = tmp_path / "cards.pdf"
    code, data = run(
        path, "postcards", "--segment", "全員", "-o", str(cards), "--barcode", "--json"
    )
    assert code == 0 and data["barcode"]["printed"] == 1
    code, data = run(path, "postcards", "--segment", "全員", "-o", str(cards), "--json")
    assert data["barcode"] is None


def test_a_sheet_too_narrow_for_the_barcode_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    db = open_database(path)
    with db.transaction() as session:
        add_customer(session, street="1-2-3")
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    db.close()
    out = tmp_path / "dm.pdf"
    code, data = run(
        path,
        "labels",
        "--segment",
        "全員",
        "--layout",
        "avery-5160",
        "-o",
        str(out),
        "--barcode",
        "--json",
    )
    assert code == 2 and data["error"]["code"] == "barcode_label_too_small"
    assert "avery-5160" in data["error"]["message_ja"] and not out.exists()
