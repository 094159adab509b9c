"""``crmdesk channel ...``, ``customer add/edit --channel --referred-by`` and
``kpi --by channel`` as a script uses them."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import run


def test_the_list_add_rename_move_retire_restore(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    code, data = run(db, "channel", "list", "--json")
    assert code == 0
    assert [c["name"] for c in data["channels"]][:3] == ["紹介", "チラシ", "Web"]
    assert data["channels"][4]["name_en"] == "Walk-in"
    code, data = run(db, "channel", "add", "ホットペッパー", "--json")
    assert code == 0 and data["channels"][-1]["name"] == "ホットペッパー"
    code, data = run(db, "channel", "move", "ホットペッパー", "-100", "--json")
    assert data["channels"][0]["name"] == "ホットペッパー"
    code, data = run(db, "channel", "rename", "ホットペッパー", "HPB", "--json")
    assert code == 0 and data["channels"][0]["name"] == "HPB"
    code, data = run(db, "channel", "add", "ｈｐｂ", "--json")
    assert code == 2 and data["error"]["code"] == "duplicate_channel"
    run(db, "customer", "add", "--name", "山田 花子", "--channel", "チラシ", "--json")
    code, data = run(db, "channel", "retire", "チラシ", "--json")
    assert code == 0 and data["customers_keeping_it"] == 1
    flyer = next(c for c in data["channels"] if c["name"] == "チラシ")
    assert flyer["active"] is False and flyer["customers"] == 1
    code, data = run(db, "customer", "add", "--name", "佐藤 由紀", "--channel", "チラシ", "--json")
    assert code == 2 and data["error"]["code"] == "channel_retired"
    assert data["error"]["field"] == "channel_id"
    code, data = run(db, "channel", "restore", "チラシ", "--json")
    assert code == 0


def test_customer_channel_and_referrer_in_show_json(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    run(db, "customer", "add", "--name", "山田 花子", "--phone", "090-1111-2222", "--json")
    code, data = run(db, "customer", "add", "--name", "佐藤 由紀", "--referred-by", "000001",
                     "--json")  # fmt: skip
    assert code == 0 and data["customer"]["channel"]["name"] == "紹介"
    code, data = run(db, "customer", "add", "--name", "鈴木 健", "--channel", "web",
                     "--referred-by", "山田 花子", "--json")  # fmt: skip
    assert code == 0 and data["customer"]["channel"]["name"] == "Web"
    code, data = run(db, "customer", "show", "000003", "--json")
    assert data["customer"]["referred_by"]["customer_number"] == "000001"
    assert data["customer"]["referred_by"]["referrals"] == 2
    code, data = run(db, "customer", "show", "000001", "--json")
    assert data["customer"]["referrals"] == 2 and data["customer"]["referred_by"] is None
    code, data = run(db, "customer", "edit", "000001", "--referred-by", "000003", "--json")
    assert code == 2 and data["error"]["code"] == "referral_cycle"
    code, data = run(db, "customer", "edit", "000001", "--referred-by", "000001", "--json")
    assert code == 2 and data["error"]["code"] == "referral_self"
    code, data = run(db, "customer", "edit", "000001", "--channel", "テレビ", "--json")
    assert code == 2 and data["error"]["code"] == "channel_not_found"
    assert "テレビ" in data["error"]["message"]
    code, data = run(db, "customer", "edit", "000003", "--channel", "", "--referred-by", "",
                     "--json")  # fmt: skip
    assert code == 0 and data["customer"]["channel"] is None
    assert data["customer"]["referred_by"] is None


def test_spend_and_kpi_by_channel(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    code, data = run(db, "channel", "spend", "チラシ", "--month", "2026-11", "--yen", "-1",
                     "--json")  # fmt: skip
    assert code == 2 and data["error"]["code"] == "spend_negative"
    assert data["error"]["field"] == "yen"
    code, data = run(db, "channel", "spend", "チラシ", "--month", "2026-11", "--yen", "30000",
                     "--json")  # fmt: skip
    assert code == 0 and data["spend"] == [{"month": "2026-11", "channel": "チラシ",
                                            "yen": 30000}]  # fmt: skip
    for name in ("山田 花子", "佐藤 由紀"):
        run(db, "customer", "add", "--name", name, "--channel", "チラシ",
            "--first-visit", "2026-11-05", "--allow-duplicate", "--json")  # fmt: skip
    code, data = run(db, "kpi", "--by", "channel", "--from", "2026-11-01", "--to", "2026-11-30",
                     "--json")  # fmt: skip
    assert code == 0 and data["by"] == "channel"
    (flyer,) = data["channels"]
    assert flyer["channel"] == "チラシ" and flyer["new_customers"] == 2
    assert flyer["spend_yen"] == 30000 and flyer["cost_per_new_yen"] == 15000
    assert flyer["repeat_rate_90d"] is None  # nobody's 90 days are over by Nov 30
    assert flyer["months"][0]["month"] == "2026-11"
