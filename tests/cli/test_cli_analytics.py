"""kpi, chart and report monthly as a user runs them, including bad input."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from crmdesk.store.db import open_database
from tests.cli.test_cli import run
from tests.helpers.analytics_shop import build_shop


def _shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite3"
    db = open_database(path)
    with db.transaction() as session:
        build_shop(session)
    db.close()
    return path


def test_kpi_chart_and_monthly_report(tmp_path: Path) -> None:
    db = _shop(tmp_path)
    code, data = run(db, "kpi", "--from", "2026-03-01", "--to", "2026-03-31", "--json")
    assert code == 0 and data["sales"] == 13900 and data["visits"] == 5
    assert data["points"]["liability_yen"] == 300
    code, data = run(db, "kpi", "--from", "2026-03-01", "--to", "2026-03-31",
                     "--branch", "B", "--json")  # fmt: skip
    assert data["sales"] == 4500

    out = tmp_path / "rfm.png"
    code, data = run(db, "chart", "sales_daily", "--from", "2026-03-01", "--to", "2026-03-31",
                     "-o", str(out), "--json")  # fmt: skip
    assert code == 0 and data["rows"] == 31 and out.read_bytes()[:4] == b"\x89PNG"
    code, data = run(db, "chart", "--list", "--json")
    assert "sales_daily" in [c["name"] for c in data["charts"]]

    pdf = tmp_path / "march.pdf"
    code, data = run(db, "report", "monthly", "--month", "2026-03", "-o", str(pdf), "--json")
    assert code == 0 and data["pages"] >= 2
    with pdfplumber.open(pdf) as doc:
        first = doc.pages[0].extract_text()
    assert "月次レポート 2026年3月" in first.replace("\u3000", " ")
    assert "¥13,900" in first  # this month
    assert "¥1,200" in first  # February's sales, the previous month
    assert "前年同月" in first and "ポイント残高（円換算） ¥300" in first


def test_bad_periods_and_months_exit_2_with_codes(tmp_path: Path) -> None:
    db = _shop(tmp_path)
    code, data = run(db, "kpi", "--from", "2026-03-10", "--to", "2026-03-01", "--json")
    assert code == 2 and data["error"]["code"] == "period_end_before_start"
    assert data["error"]["field"] == "to"
    code, data = run(db, "report", "monthly", "--month", "2026-13", "-o", "x.pdf", "--json")
    assert code == 2 and data["error"]["code"] == "invalid_month"
    assert "2026-13" in data["error"]["message"]
    code, data = run(db, "chart", "nope", "-o", str(tmp_path / "x.png"), "--json")
    assert code == 2 and data["error"]["code"] == "unknown_chart"
    code, data = run(db, "chart", "rfm", "-o", str(tmp_path / "x.gif"), "--json")
    assert code == 2 and data["error"]["code"] == "unknown_chart_format"
    code, data = run(db, "kpi", "--branch", "ZZ", "--json")
    assert code == 2 and data["error"]["code"] == "branch_not_found"


def test_an_empty_database_gives_zeros_and_no_data_charts(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite3"
    code, data = run(db, "kpi", "--json")
    assert code == 0 and data["sales"] == 0 and data["customers"]["total"] == 0
    out = tmp_path / "empty.svg"
    code, data = run(db, "chart", "retention", "-o", str(out), "--json")
    assert code == 0 and "No data" in out.read_text(encoding="utf-8")
    pdf = tmp_path / "empty.pdf"
    code, data = run(db, "report", "monthly", "--month", "2026-02", "-o", str(pdf), "--json")
    assert code == 0
    with pdfplumber.open(pdf) as doc:
        assert "—" in doc.pages[0].extract_text()
