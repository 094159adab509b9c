"""連名, 喪中, company-only customers and the owner's custom fields, from the command line."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import run


def test_joint_names_mourning_and_a_company_only_customer(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    code, data = run(db, "customer", "add", "--name", "山田 太郎", "--joint-names",
                     "花子\n一郎", "--mourning-until", "2027-01-15", "--json")  # fmt: skip
    assert code == 0, data
    shown = data["customer"]
    assert (shown["joint_names"], shown["mourning_until"]) == ("花子\n一郎", "2027-01-15")

    code, data = run(db, "customer", "add", "--company", "株式会社ナニワ商事", "--json")
    assert code == 0, data
    firm = data["customer"]
    assert (firm["company"], firm["name"].strip()) == ("株式会社ナニワ商事", "")

    code, data = run(db, "customer", "edit", firm["customer_number"], "--joint-names",
                     "営業部 佐藤様、経理部 鈴木様", "--json")  # fmt: skip
    assert code == 0 and data["customer"]["joint_names"] == "営業部 佐藤様\n経理部 鈴木様"

    # neither a name nor a company: refused, naming both
    code, data = run(db, "customer", "add", "--phone", "090-1234-5678", "--json")
    assert code == 2 and data["error"]["code"] == "name_or_company_required"
    assert "会社名" in data["error"]["message_ja"] and "company" in data["error"]["message"]
    code, data = run(db, "customer", "edit", firm["customer_number"], "--company", "", "--json")
    assert code == 2 and data["error"]["code"] == "name_or_company_required"

    code, data = run(db, "customer", "edit", shown["customer_number"], "--mourning-until",
                     "来年", "--json")  # fmt: skip
    assert code == 2 and data["error"]["field"] == "mourning_until"
    assert data["error"]["message_ja"].startswith("喪中")


def test_custom_fields_are_defined_filled_in_and_shown(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    assert run(db, "field", "list", "--json")[1] == {"ok": True, "fields": []}
    for args in (
        ["会員種別", "--type", "choice", "--choice", "一般", "--choice", "法人"],
        ["紹介者", "--type", "text"],
        ["身長", "--type", "number"],
        ["入会日", "--type", "date"],
        ["DM不要", "--type", "yesno"],
    ):
        code, data = run(db, "field", "add", *args, "--json")
        assert code == 0 and data["field"]["name"] == args[0], data
    code, data = run(db, "field", "list", "--json")
    assert [(f["name"], f["type"]) for f in data["fields"]] == [
        ("会員種別", "choice"), ("紹介者", "text"), ("身長", "number"), ("入会日", "date"),
        ("DM不要", "yesno"),
    ]  # fmt: skip
    assert data["fields"][0]["choices"] == ["一般", "法人"]

    number = run(db, "customer", "add", "--name", "山田 花子", "--field", "会員種別=法人",
                 "--json")[1]["customer"]["customer_number"]  # fmt: skip
    code, data = run(db, "customer", "edit", number, "--field", "身長=１５８．５",
                     "--field", "入会日=R8.4.1", "--field", "DM不要=はい",
                     "--field", "紹介者=田中さん", "--json")  # fmt: skip
    assert code == 0, data
    assert set(data["changed"]) == {"field:身長", "field:入会日", "field:DM不要", "field:紹介者"}
    fields = run(db, "customer", "show", number, "--json")[1]["customer"]["fields"]
    assert fields == {"会員種別": "法人", "紹介者": "田中さん", "身長": 158.5,
                      "入会日": "2026-04-01", "DM不要": True}  # fmt: skip

    # every bad value is named, in both languages, and nothing is written
    code, data = run(db, "customer", "edit", number, "--field", "身長=高い", "--field",
                     "会員種別=VIP", "--field", "DM不要=たぶん", "--field", "入会日=いつか",
                     "--name", "山田 次郎", "--json")  # fmt: skip
    assert code == 2
    errors = {e["field"]: e for e in data["error"]["errors"]}
    assert set(errors) == {"field:身長", "field:会員種別", "field:DM不要", "field:入会日"}
    assert errors["field:身長"]["message_ja"].startswith("身長は数値で")
    assert errors["field:会員種別"]["message"].startswith("会員種別 must be one of 一般, 法人")
    assert "「一般、法人」" in errors["field:会員種別"]["message_ja"]
    shown = run(db, "customer", "show", number, "--json")[1]["customer"]
    assert shown["name"] == "山田 花子" and shown["fields"]["身長"] == 158.5

    for args, expected in (
        (["customer", "edit", number, "--field", "色=赤"], "custom_field_not_found"),
        (["customer", "edit", number, "--field", "身長"], "invalid_field_assignment"),
        (["field", "add", "会員種別", "--type", "text"], "custom_field_exists"),
        (["field", "add", "色", "--type", "colour"], "invalid_field_type"),
        (["field", "add", "色", "--type", "choice"], "choices_required"),
    ):
        code, data = run(db, *args, "--json")
        assert code == 2 and data["error"]["code"] == expected, (args, data)
        assert data["error"]["message_ja"] and data["error"]["message"]

    # an empty value clears the field
    run(db, "customer", "edit", number, "--field", "紹介者=", "--json")
    assert run(db, "customer", "show", number, "--json")[1]["customer"]["fields"]["紹介者"] is None
