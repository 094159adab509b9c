"""``crmdesk segment save|delete``: nested definitions in, clear errors out, nothing half-saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crmdesk.cli import main
from crmdesk.services import customers
from crmdesk.store.db import open_database
from tests.cli.test_cli import run
from tests.helpers.factories import add_customer

NESTED = {
    "op": "and",
    "conditions": [
        {
            "op": "or",
            "conditions": [
                {"field": "prefecture", "cmp": "in", "value": ["東京都"]},
                {"field": "tags", "cmp": "any", "value": ["VIP"]},
            ],
        },
        {"field": "gender", "cmp": "in", "value": ["female"]},
    ],
}


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite3"
    db = open_database(path)
    with db.transaction() as session:
        add_customer(session, family_name="東京", gender="female")
        add_customer(session, family_name="東京", gender="male")
        osaka = add_customer(
            session,
            family_name="大阪",
            gender="female",
            postal_code="5300001",
            prefecture="大阪府",
            city="大阪市北区",
        )
        add_customer(
            session, family_name="京都", gender="female", postal_code="6008001",
            prefecture="京都府", city="京都市下京区",
        )  # fmt: skip
        customers.set_tags(session, osaka, ["VIP"])
    db.close()
    return path


def segment_names(path: Path) -> list[str]:
    code, data = run(path, "segment", "list", "--json")
    assert code == 0
    return [s["name"] for s in data["segments"]]


def test_save_a_nested_segment_from_a_file_then_replace_and_delete_it(
    shop: Path, tmp_path: Path
) -> None:
    definition = tmp_path / "tokyo_or_vip.json"
    definition.write_text(json.dumps(NESTED, ensure_ascii=False), encoding="utf-8-sig")
    code, data = run(
        shop, "segment", "save", "東京かVIPの女性", "--definition", str(definition),
        "--description", "春のDM", "--json",
    )  # fmt: skip
    assert code == 0 and data["created"] is True
    saved = data["segment"]
    assert saved["count"] == 2 and saved["description"] == "春のDM"
    assert saved["definition"]["conditions"][0]["op"] == "or"
    code, shown = run(shop, "segment", "show", "東京かVIPの女性", "--json")
    assert shown["segment"]["definition"] == saved["definition"]
    assert sorted(m["name"].split()[0] for m in shown["members"]) == ["大阪", "東京"]

    women = json.dumps({"op": "and", "conditions": [NESTED["conditions"][1]]})
    code, data = run(shop, "segment", "save", "東京かVIPの女性", "--json-text", women, "--json")
    assert code == 0 and data["created"] is False
    assert data["segment"]["id"] == saved["id"] and data["segment"]["count"] == 3
    assert data["segment"]["description"] == "春のDM"  # kept when not given

    code, data = run(shop, "segment", "delete", "東京かVIPの女性", "--json")
    assert code == 0 and data["deleted"] == {"id": saved["id"], "name": "東京かVIPの女性"}
    assert segment_names(shop) == []
    code, data = run(shop, "segment", "delete", "東京かVIPの女性", "--json")
    assert code == 2 and data["error"]["code"] == "segment_not_found"


@pytest.mark.parametrize(
    ("text", "code", "field"),
    [
        ('{"op": "and", "conditions": [', "segment_definition_not_json", "definition"),
        ('{"op": "xor", "conditions": []}', "segment_bad_group", "op"),
        (
            '{"op": "and", "conditions": [{"field": "age", "cmp": "between", "value": [40, 20]}]}',
            "segment_bad_value",
            "age",
        ),
        (
            '{"op": "and", "conditions": [{"op": "or", "conditions": '
            '[{"field": "visit_count", "cmp": "about", "value": 3}]}]}',
            "segment_bad_cmp",
            "visit_count",
        ),
    ],
)
def test_a_bad_definition_names_the_field_and_saves_nothing(
    shop: Path, text: str, code: str, field: str
) -> None:
    exit_code, data = run(shop, "segment", "save", "だめ", "--json-text", text, "--json")
    assert exit_code == 2 and data["ok"] is False
    assert data["error"]["code"] == code and data["error"]["field"] == field
    assert data["error"]["message_ja"] and data["error"]["message"]
    assert segment_names(shop) == []


def test_every_bad_condition_is_listed_and_an_existing_segment_is_untouched(shop: Path) -> None:
    good = json.dumps(NESTED, ensure_ascii=False)
    assert run(shop, "segment", "save", "残す", "--json-text", good, "--json")[0] == 0
    bad = json.dumps(
        {
            "op": "and",
            "conditions": [
                {"field": "age", "cmp": "gt", "value": "abc"},
                {"field": "colour", "cmp": "in", "value": ["red"]},
            ],
        }
    )
    code, data = run(shop, "segment", "save", "残す", "--json-text", bad, "--json")
    assert code == 2
    errors = data["error"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [
        ("segment_bad_value", "age"),
        ("segment_unknown_field", "field"),
    ]
    assert "colour" in errors[1]["message"] and "年齢" in errors[0]["message_ja"]
    _, shown = run(shop, "segment", "show", "残す", "--json")
    assert shown["segment"]["definition"]["conditions"][0]["op"] == "or"


def test_unreadable_file_and_text_errors(shop: Path, tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nope.json"
    code, data = run(shop, "segment", "save", "x", "--definition", str(missing), "--json")
    assert code == 2 and data["error"]["code"] == "segment_definition_unreadable"
    assert data["error"]["field"] == "definition" and "nope.json" in data["error"]["message"]
    bad = '{"op": "and", "conditions": [{"field": "age", "cmp": "gt", "value": -1}, {"x": 1}]}'
    capsys.readouterr()
    assert main(["--db", str(shop), "segment", "save", "x", "--json-text", bad]) == 2
    err = capsys.readouterr().err
    assert "error [age]:" in err and "error [field]:" in err  # every bad condition, named
    assert segment_names(shop) == []


def test_definition_and_json_text_are_one_or_the_other(shop: Path) -> None:
    with pytest.raises(SystemExit) as neither:
        main(["--db", str(shop), "segment", "save", "x"])
    assert neither.value.code == 2
    with pytest.raises(SystemExit):
        main(["--db", str(shop), "segment", "save", "x", "--definition", "a", "--json-text", "{}"])
