"""``crmdesk outlook`` and the outlook in ``customer show`` as a script uses them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.cli.test_cli import run

DATA = Path(__file__).parent.parent / "data"


def test_fit_summary_reproduces_the_published_cdnow_parameters(tmp_path: Path) -> None:
    spend = pd.read_csv(DATA / "cdnow_customers_summary_with_transactions.csv")
    table = spend.rename(columns={"x": "frequency", "t_x": "recency", "zbar": "monetary_value"})
    table.to_csv(tmp_path / "cdnow.csv", index=False)
    db = tmp_path / "shop.sqlite3"
    code, data = run(db, "outlook", "--fit-summary", str(tmp_path / "cdnow.csv"), "--json")
    assert code == 0 and data["customers"] == 2357
    published = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426,
                 "p": 6.25, "q": 3.74, "v": 15.45}  # fmt: skip
    for name, value in published.items():
        assert data[name] == pytest.approx(value, rel=0.01), name


def test_bad_summary_tables_exit_2_naming_the_problem(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    (tmp_path / "cols.csv").write_text("frequency,recency\n1,2\n", encoding="utf-8")
    (tmp_path / "few.csv").write_text("frequency,recency,T\n1,2,3\n", encoding="utf-8")
    for name, code_ in (("cols.csv", "fit_summary_columns"), ("few.csv", "fit_summary_failed"),
                        ("missing.csv", "fit_summary_unreadable")):  # fmt: skip
        code, data = run(db, "outlook", "--fit-summary", str(tmp_path / name), "--json")
        assert code == 2 and data["error"]["code"] == code_, name
    code, data = run(db, "outlook", "--limit", "0", "--json")
    assert code == 2 and data["error"]["field"] == "limit"


def test_outlook_on_a_small_shop_is_rfm_and_the_card_carries_it(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    number = run(db, "customer", "add", "--name", "佐藤 花子", "--json")[1]["customer"][
        "customer_number"
    ]
    assert run(db, "customer", "show", number, "--json")[1]["outlook"] is None
    card = run(db, "card", "issue", number, "--json")[1]["card_number"]
    run(db, "purchase", "add", "--card", card, "--amount", "5000", "--json")
    code, data = run(db, "outlook", "--refresh", "--json")
    assert code == 0 and data["model"]["model"] == "rfm"
    assert data["model"]["reason"] == "fewer than 100 customers with a visit"
    assert data["customers"] == []  # came today: not lapsed
    shown = run(db, "customer", "show", number, "--json")[1]["outlook"]
    assert shown["model"] == "rfm" and shown["p_active"] is None
    assert set(shown) >= {"p_active", "expected_visits_90d", "expected_spend_90d", "model"}
