"""連名, 喪中 and custom fields travel through export and import, and segments use them."""

from __future__ import annotations

import csv
from pathlib import Path

from crmdesk.services import custom_fields, customer_index, customers
from crmdesk.services.export import export
from crmdesk.services.staff import CLI_ACTOR
from tests.helpers.factories import TODAY, add_customer
from tests.services.test_importer import run


def _shop(db) -> str:
    with db.transaction() as session:
        custom_fields.define_field(session, "会員種別", "choice", ["一般", "法人"])
        custom_fields.define_field(session, "DM不要", "yesno")
        custom_fields.define_field(session, "身長", "number")
        who = add_customer(session, joint_names="花子\n一郎", mourning_until="2027-01-15",
                           phone1="090-1111-2222", customer_number="000001")  # fmt: skip
        custom_fields.set_values(session, who, {"会員種別": "法人", "DM不要": "はい"})
        add_customer(session, family_name="", given_name="", family_kana="", given_kana="",
                     company="株式会社ナニワ商事", customer_number="000002")  # fmt: skip
    return who


def test_export_carries_joint_names_mourning_and_custom_fields(db, tmp_path: Path) -> None:
    _shop(db)
    path = tmp_path / "out.csv"
    with db.transaction() as session:
        export(session, CLI_ACTOR, "customers", path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    first = rows[0]
    assert (first["連名"], first["喪中期限"]) == ("花子\n一郎", "2027-01-15")
    assert (first["会員種別"], first["DM不要"], first["身長"]) == ("法人", "はい", "")
    assert rows[1]["会社名"] == "株式会社ナニワ商事" and rows[1]["姓"] == ""


def test_an_export_imports_back_with_its_custom_fields(db, db_path, tmp_path: Path) -> None:
    _shop(db)
    path = tmp_path / "out.csv"
    with db.transaction() as session:
        export(session, CLI_ACTOR, "customers", path)
    from crmdesk.store.db import open_database

    other = open_database(tmp_path / "other.sqlite3")
    try:
        with other.transaction() as session:
            custom_fields.define_field(session, "会員種別", "choice", ["一般", "法人"])
            custom_fields.define_field(session, "DM不要", "yesno")
        result = run(other, path)
        assert (result.created, result.rejected) == (2, 0), result.rejects
        with other.transaction() as session:
            who = customer_index.resolve_customer(session, "000001")
            record = customers.customer_record(who, today=TODAY)
            firm = customers.customer_record(customer_index.resolve_customer(session, "000002"))
        assert record["joint_names"] == "花子\n一郎"
        assert record["mourning_until"] == "2027-01-15"
        assert record["fields"] == {"会員種別": "法人", "DM不要": True}
        assert firm["company"] == "株式会社ナニワ商事"
    finally:
        other.close()


def test_a_bad_custom_value_in_an_import_is_rejected_naming_the_column(db, tmp_path) -> None:
    with db.transaction() as session:
        custom_fields.define_field(session, "会員種別", "choice", ["一般", "法人"])
    path = tmp_path / "in.csv"
    path.write_text("氏名,会員種別,連名\n山田 花子,VIP,太郎\n鈴木 一郎,一般,\n", encoding="utf-8")
    result = run(db, path)
    assert result.created == 1
    (reject,) = result.rejects
    assert (reject.row, reject.column, reject.code) == (2, "会員種別", "invalid_choice")
    assert reject.message.startswith("会員種別は「一般、法人」")


def test_a_segment_can_select_on_a_custom_field(db) -> None:
    import pytest

    from crmdesk.core.errors import ValidationError
    from crmdesk.services.segments import count_segment

    with db.transaction() as session:
        custom_fields.define_field(session, "会員種別", "choice", ["一般", "法人"])
        custom_fields.define_field(session, "身長", "number")
        custom_fields.define_field(session, "DM不要", "yesno")
        for i, (kind, height, no_dm) in enumerate(
            [("法人", "158", "はい"), ("一般", "171.5", ""), ("法人", "", "いいえ"), ("", "9", "")]
        ):
            who = add_customer(session, phone1=f"090-2222-{i:04d}", street=f"{i}-1")
            custom_fields.set_values(session, who, {"会員種別": kind, "身長": height,
                                                    "DM不要": no_dm})  # fmt: skip

    def count(*conditions: dict) -> int:
        with db.transaction() as session:
            tree = {"op": "and", "conditions": list(conditions)}
            return count_segment(session, tree, today=TODAY)

    assert count({"field": "custom", "name": "会員種別", "cmp": "eq", "value": "法人"}) == 2
    assert count({"field": "custom", "name": "会員種別", "cmp": "in", "value": ["一般"]}) == 1
    # numbers compare as numbers (9 < 158 though "9" > "158" as text)
    assert count({"field": "custom", "name": "身長", "cmp": "ge", "value": 100}) == 2
    assert count({"field": "custom", "name": "身長", "cmp": "lt", "value": "100"}) == 1
    assert count({"field": "custom", "name": "身長", "cmp": "set", "value": False}) == 1
    assert count({"field": "custom", "name": "DM不要", "cmp": "eq", "value": "はい"}) == 1
    with pytest.raises(ValidationError) as caught, db.transaction() as session:
        count_segment(session, {"op": "and", "conditions": [
            {"field": "custom", "name": "色", "cmp": "eq", "value": "赤"}]})  # fmt: skip
    message = caught.value.errors[0].message("ja")
    assert message == "追加項目「色」はありません（crmdesk field list で一覧）"
    with pytest.raises(ValidationError) as caught, db.transaction() as session:
        count_segment(session, {"op": "and", "conditions": [
            {"field": "custom", "name": "会員種別", "cmp": "eq", "value": "VIP"}]})  # fmt: skip
    assert caught.value.errors[0].code == "invalid_choice"
