"""``crmdesk inquiry ...`` as a script uses it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from crmdesk.core.clock import local_today
from tests.cli.test_cli import run


def test_log_note_link_close_an_unknown_caller(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    code, data = run(
        db, "customer", "add", "--name", "高橋 美咲", "--phone", "090-3333-4444", "--json"
    )
    number = data["customer"]["customer_number"]
    today = local_today()
    code, data = run(
        db,
        "inquiry",
        "add",
        "--caller-name",
        "タカハシ",
        "--caller-phone",
        "09033334444",
        "--subject",
        "取り置きの延長",
        "--category",
        "予約",
        "--follow-up",
        today.isoformat(),
        "--priority",
        "high",
        "--json",
    )
    assert code == 0, data
    inquiry = data["inquiry"]
    assert (inquiry["status"], inquiry["category"], inquiry["customer_id"]) == (
        "open",
        "予約",
        None,
    )
    assert inquiry["due"] is True and inquiry["overdue"] is False
    iid = inquiry["id"]

    code, data = run(db, "inquiry", "note", iid, "明日まで延長しました", "--json")
    assert code == 0 and [n["body"] for n in data["inquiry"]["notes"]] == ["明日まで延長しました"]

    code, data = run(db, "inquiry", "list", "--due", "--json")
    assert [i["id"] for i in data["inquiries"]] == [iid]
    code, data = run(db, "inquiry", "search", "延長", "--json")
    assert data["count"] == 1

    code, data = run(db, "inquiry", "link", iid, number, "--json")
    assert code == 0 and data["inquiry"]["customer_number"] == number

    code, data = run(db, "inquiry", "close", iid, "--json")
    assert data["inquiry"]["status"] == "closed" and data["inquiry"]["closed_at"]
    code, data = run(db, "inquiry", "close", iid, "--json")
    assert code == 2 and data["error"]["code"] == "inquiry_already_closed"
    code, data = run(db, "inquiry", "list", "--due", "--json")
    assert data["count"] == 0
    code, data = run(db, "inquiry", "reopen", iid, "--json")
    assert data["inquiry"]["status"] == "open"
    code, data = run(db, "inquiry", "list", "--status", "open", "--json")
    assert data["count"] == 1


def test_bad_input_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    run(db, "customer", "add", "--name", "中村 翔", "--phone", "080-1111-2222", "--json")
    code, data = run(db, "inquiry", "add", "--customer", "000001", "--json")
    assert code == 2 and data["error"]["code"] == "inquiry_empty"
    assert data["error"]["message_ja"] == "件名か内容のどちらかを入力してください"
    yesterday = (local_today() - timedelta(days=1)).isoformat()
    code, data = run(
        db,
        "inquiry",
        "add",
        "--customer",
        "000001",
        "--subject",
        "x",
        "--follow-up",
        yesterday,
        "--json",
    )
    assert code == 2 and data["error"]["code"] == "follow_up_before_inquiry"
    assert data["error"]["field"] == "follow_up_on"
    code, data = run(
        db,
        "inquiry",
        "add",
        "--customer",
        "000001",
        "--subject",
        "x",
        "--assignee",
        "誰か",
        "--json",
    )
    assert code == 2 and data["error"]["code"] == "staff_not_found"
    code, data = run(db, "inquiry", "list", "--json")
    assert data["count"] == 0

    code, data = run(db, "inquiry", "add", "--caller-name", "匿名", "--subject", "x", "--json")
    iid = data["inquiry"]["id"]
    run(db, "customer", "delete", "000001", "--json")
    code, data = run(db, "inquiry", "link", iid, "000001", "--json")
    assert code == 2 and data["error"]["code"] == "customer_deleted"
    code, data = run(db, "inquiry", "show", iid, "--json")
    assert data["inquiry"]["customer_id"] is None
    code, data = run(db, "inquiry", "note", "nope", "x", "--json")
    assert code == 2 and data["error"]["code"] == "inquiry_not_found"


def test_demo_adds_inquiries(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    code, data = run(db, "demo", "--customers", "200", "--seed", "2", "--json")
    assert code == 0 and data["inquiries"] >= 40
    code, listed = run(db, "inquiry", "list", "--due", "--json")
    assert listed["count"] > 0
    assert any(i["overdue"] for i in listed["inquiries"])
    assert any(
        i["customer_id"] is None for i in run(db, "inquiry", "list", "--json")[1]["inquiries"]
    )


def test_the_owner_edits_the_category_list(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    code, data = run(db, "inquiry", "category", "add", "ギフト包装", "--json")
    assert code == 0 and data["categories"][-1] == {**data["categories"][-1], "name": "ギフト包装"}
    code, data = run(db, "inquiry", "category", "add", "ｷﾞﾌﾄ包装", "--json")
    assert code == 2 and data["error"]["code"] == "duplicate_category"
    code, data = run(db, "inquiry", "category", "retire", "ギフト包装", "--json")
    assert [c["active"] for c in data["categories"] if c["name"] == "ギフト包装"] == [False]
    code, data = run(db, "inquiry", "category", "list", "--json")
    assert "クレーム" in [c["name"] for c in data["categories"]]


def test_an_inquiry_is_listed_under_the_shops_own_day(tmp_path: Path, capsys) -> None:
    """Issue 12's 9: taken at 05:19 JST on 12-02, it was listed under 12-01 (UTC)."""
    from datetime import UTC, datetime

    from crmdesk.cli import main
    from crmdesk.services import inquiries
    from crmdesk.store.db import open_database

    db_path = tmp_path / "shop.sqlite3"
    db = open_database(db_path)
    with db.transaction() as s:
        inquiries.create_inquiry(
            s, {"caller_name": "早朝の電話", "subject": "朝の問い合わせ"},
            now=datetime(2026, 12, 1, 20, 19, tzinfo=UTC),  # 05:19 on 12-02 in Tokyo
        )  # fmt: skip
    db.close()
    capsys.readouterr()
    assert main(["--db", str(db_path), "inquiry", "list"]) == 0
    line = capsys.readouterr().out
    assert "2026-12-02 05:19" in line and "2026-12-01" not in line
