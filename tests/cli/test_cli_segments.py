"""``crmdesk segment`` and ``crmdesk campaign`` on a demo shop, as a script reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "shop.sqlite3"
    code, data = run(db, "demo", "--customers", "400", "--seed", "5", "--json")
    assert code == 0 and data["segments"] == 4 and data["campaigns"] == 1
    return db


def test_segment_list_and_show(demo_db: Path) -> None:
    code, data = run(demo_db, "segment", "list", "--json")
    assert code == 0
    names = {s["name"]: s for s in data["segments"]}
    assert set(names) == {"休眠6か月", "来月誕生日", "優良顧客", "東京23区"}
    area = names["東京23区"]
    assert area["count"] > 0 and area["definition"]["op"] == "and"
    code, data = run(demo_db, "segment", "show", "東京23区", "--limit", "5", "--json")
    assert code == 0 and data["segment"]["count"] == area["count"]
    assert len(data["members"]) == 5
    assert set(data["members"][0]) == {"id", "customer_number", "name"}
    for member in data["members"]:
        _, shown = run(demo_db, "customer", "show", member["customer_number"], "--json")
        assert shown["customer"]["prefecture"] == "東京都" and "区" in shown["customer"]["city"]


def test_unknown_segment_is_a_clear_error(demo_db: Path) -> None:
    code, data = run(demo_db, "segment", "show", "存在しない", "--json")
    assert code == 2 and data["error"]["code"] == "segment_not_found"
    assert data["error"]["message_ja"] == "セグメント「存在しない」が見つかりません"


def test_campaign_list_show_report(demo_db: Path) -> None:
    code, data = run(demo_db, "campaign", "list", "--json")
    assert code == 0 and len(data["campaigns"]) == 1
    mailing = data["campaigns"][0]
    assert mailing["name"] == "秋の感謝祭DM" and mailing["segment"]["name"] == "東京23区"
    assert mailing["recipients"] > 0 and mailing["kind"] == "labels"
    code, data = run(demo_db, "campaign", "show", mailing["id"], "--json")
    assert code == 0 and len(data["recipients"]) == mailing["recipients"]
    assert [r["position"] for r in data["recipients"][:3]] == [1, 2, 3]
    postal = [r["postal_code"] for r in data["recipients"]]
    assert postal == sorted(postal)  # the demo mailing was sorted by postal code
    code, data = run(demo_db, "campaign", "report", "秋の感謝祭DM", "--days", "30", "--json")
    assert code == 0
    assert data["recipients"]["size"] == mailing["recipients"]
    assert data["baseline"]["size"] == mailing["excluded"]
    assert set(data["recipients"]) == {
        "size",
        "responders",
        "rate",
        "purchases",
        "sales",
        "spend_per_head",
    }
    assert data["control"] is None and data["lift"]["against"] == "baseline"
    assert data["recipients"]["responders"] == len(data["responders"])
    code, data = run(demo_db, "campaign", "report", mailing["id"], "--days", "0", "--json")
    assert code == 2 and data["error"]["field"] == "days"
