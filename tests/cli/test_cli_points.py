"""``purchase`` / ``points`` / ``card`` commands on a real file, as a script uses them."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import run


def test_counter_commands_end_to_end(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    number = run(db, "customer", "add", "--name", "佐藤 花子", "--json")[1]["customer"][
        "customer_number"
    ]
    code, data = run(db, "card", "issue", number, "--json")
    assert code == 0
    card = data["card_number"]
    assert len(card) == 13 and card.startswith("24")

    code, data = run(db, "purchase", "add", "--card", card, "--amount", "12,345", "--json")
    assert code == 0 and (data["earned"], data["balance"]) == (123, 123)
    first = data["purchase_id"]
    code, data = run(
        db, "purchase", "add", "--card", card, "--amount", "3000", "--redeem", "100", "--json"
    )
    assert code == 0 and (data["paid"], data["earned"], data["balance"]) == (2900, 29, 52)

    code, data = run(db, "points", "show", card, "--json")
    assert code == 0
    assert data["balance"] == 52 and data["rank"] == "レギュラー"
    assert data["to_next_rank"] == 50_000 - 15_345
    assert data["customer_number"] == number and data["card_number"] == card
    assert run(db, "points", "show", number, "--json")[1]["balance"] == 52

    code, data = run(db, "purchase", "void", first, "--json")
    assert code == 2 and data["error"]["code"] == "void_points_used"

    code, data = run(db, "card", "lost", card, "--json")
    assert code == 0 and data["moved_points"] == 52
    new_card = data["card_number"]
    code, data = run(db, "purchase", "add", "--card", card, "--amount", "500", "--json")
    assert code == 2 and data["error"]["code"] == "card_reported_lost"
    assert run(db, "search", new_card, "--json")[1]["hits"][0]["match"] == "card"

    code, data = run(db, "points", "expire", "--as-of", "2099-01-01", "--json")
    assert code == 0 and data["points"] == 52 and data["customers"] == 1
    code, data = run(db, "points", "expire", "--as-of", "2099-01-01", "--json")
    assert data["points"] == 0


def test_bad_input_is_a_clear_message_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    number = run(db, "customer", "add", "--name", "田中 一郎", "--json")[1]["customer"][
        "customer_number"
    ]
    card = run(db, "card", "issue", number, "--number", "1234-5678", "--json")[1]["card_number"]
    assert card == "12345678"
    for args, code_ in (
        (["--amount", "-500"], "invalid_amount"),
        (["--amount", "abc"], "invalid_amount"),
        (["--amount", "999999999"], "amount_too_large"),
        (["--amount", "1000", "--redeem", "100"], "not_enough_points"),
    ):
        code, data = run(db, "purchase", "add", "--card", card, *args, "--json")
        assert code == 2 and data["error"]["code"] == code_, args
        assert data["error"]["message_ja"]
    code, data = run(db, "purchase", "add", "--card", "000000", "--amount", "1", "--json")
    assert data["error"]["code"] == "card_not_found"
    code, data = run(db, "purchase", "void", "no-such-purchase", "--json")
    assert code == 2 and data["error"]["code"] == "purchase_not_found"
    assert run(db, "points", "show", card, "--json")[1]["balance"] == 0
    code, data = run(db, "points", "expire", "--as-of", "someday", "--json")
    assert code == 2 and data["error"]["code"] == "invalid_date"


def test_demo_gives_customers_cards_and_two_years_of_points(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    code, data = run(db, "demo", "--customers", "200", "--seed", "5", "--json")
    assert code == 0
    assert data["cards"] >= 150 and data["purchases"] > 400 and data["point_entries"] > 400
    assert run(db, "points", "expire", "--json")[1]["points"] == 0  # history already expired
    shown = run(db, "customer", "show", "000001", "--json")[1]["customer"]
    if shown["card_number"]:
        points = run(db, "points", "show", shown["card_number"], "--json")[1]
        assert points["balance"] >= 0


def test_the_owner_adjusts_a_balance_with_a_note(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    number = run(db, "customer", "add", "--name", "鈴木 次郎", "--json")[1]["customer"][
        "customer_number"
    ]
    code, data = run(
        db, "points", "adjust", number, "--points", "120", "--note", "おわび", "--json"
    )
    assert code == 0
    assert (data["points"], data["balance"], data["note"]) == (120, 120, "おわび")
    assert data["customer_number"] == number
    code, data = run(
        db, "points", "adjust", number, "--points", "-20", "--note", "誤付与", "--json"
    )
    assert code == 0 and data["balance"] == 100
    assert run(db, "points", "show", number, "--json")[1]["balance"] == 100

    for args, expected in (
        (["--points", "-101", "--note", "返品"], ("not_enough_points", "points")),
        (["--points", "0", "--note", "返品"], ("invalid_adjustment", "points")),
        (["--points", "abc", "--note", "返品"], ("invalid_adjustment", "points")),
        (["--points", "10", "--note", "  "], ("adjust_note_required", "note")),
    ):
        code, data = run(db, "points", "adjust", number, *args, "--json")
        assert code == 2 and not data["ok"]
        assert (data["error"]["code"], data["error"]["field"]) == expected
        assert data["error"]["message_ja"]
    assert run(db, "points", "show", number, "--json")[1]["balance"] == 100
    code, data = run(db, "points", "adjust", "999999", "--points", "5", "--note", "x", "--json")
    assert code == 2 and data["error"]["code"] == "customer_not_found"


def test_points_liability_by_expiry_month(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    number = run(db, "customer", "add", "--name", "佐藤 花子", "--json")[1]["customer"][
        "customer_number"
    ]
    card = run(db, "card", "issue", number, "--json")[1]["card_number"]
    run(db, "purchase", "add", "--card", card, "--amount", "12,345", "--json")
    code, data = run(db, "points", "liability", "--json")
    assert code == 0
    assert (data["outstanding_points"], data["outstanding_yen"]) == (123, 123)
    assert data["expected_yen"] == 123 and data["basis"] == "no_history"
    (month,) = data["by_expiry_month"]
    assert month["points"] == 123 and len(month["month"]) == 7
    code, data = run(db, "points", "liability", "--as-of", "2000-01-01", "--json")
    assert code == 0 and data["outstanding_points"] == 0 and data["by_expiry_month"] == []
    code, data = run(db, "points", "liability", "--as-of", "someday", "--json")
    assert code == 2 and data["error"]["code"] == "invalid_date"


def test_the_expiry_line_does_not_read_the_customer_count_as_a_year(tmp_path: Path) -> None:
    """Issue 12's 9: "expired ... of 2026 customers" reads like a year."""
    import contextlib
    import io

    from crmdesk.cli import main

    db = tmp_path / "shop.sqlite3"
    run(db, "demo", "--customers", "60", "--seed", "3", "--json")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", str(db), "points", "expire", "--as-of", "2030-01-01"]) == 0
    line = out.getvalue()
    assert "pt of" not in line
    assert "pt held by" in line and "customers" in line
