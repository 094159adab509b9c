"""``crmdesk shop``: the return address, then printed on postcards."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from tests.cli.test_cli import run


def test_set_show_and_print_on_postcards(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    code, data = run(db, "shop", "show", "--json")
    assert code == 0 and data["shop"] is None
    code, data = run(
        db,
        "shop",
        "set",
        "--name",
        "松風堂",
        "--postal-code",
        "150-0001",
        "--address",
        "東京都渋谷区神宮前1-2-3",
        "--phone",
        "03-1234-5678",
        "--json",
    )
    assert code == 0 and data["shop"]["postal_code"] == "1500001"
    code, data = run(db, "shop", "set", "--postal-code", "15", "--json")
    assert code == 2 and data["error"]["field"] == "postal_code"
    assert run(db, "shop", "show", "--json")[1]["shop"]["postal_code"] == "1500001"

    run(
        db,
        "customer",
        "add",
        "--name",
        "山田 花子",
        "--postal-code",
        "1000001",
        "--prefecture",
        "東京都",
        "--city",
        "千代田区",
        "--town",
        "千代田",
        "--street",
        "1-1",
        "--json",
    )
    tree = (
        '{"op": "and", "conditions": [{"field": "prefecture", "cmp": "in", "value": ["東京都"]}]}'
    )
    assert run(db, "segment", "save", "東京", "--json-text", tree, "--json")[0] == 0
    out = tmp_path / "cards.pdf"
    code, data = run(db, "postcards", "--segment", "東京", "-o", str(out), "--json")
    assert code == 0
    with pdfplumber.open(out) as pdf:
        printed = "".join(c["text"] for c in pdf.pages[0].chars)
    assert all(ch in printed for ch in "松風堂渋谷")  # the sender block, name and address
