"""`crmdesk chart` and `crmdesk report monthly` with --lang en."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from crmdesk.store.db import open_database
from tests.cli.test_cli import run
from tests.helpers.analytics_shop import build_shop


def test_chart_list_and_report_in_english(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    database = open_database(db)
    with database.transaction() as session:
        build_shop(session)
    database.close()

    code, data = run(db, "chart", "--list", "--lang", "en", "--json")
    assert code == 0 and data["charts"][0] == {"name": "sales_daily", "title": "Daily sales"}
    out = tmp_path / "age.svg"
    code, data = run(db, "chart", "age", "--from", "2026-03-01", "--to", "2026-03-31",
                     "--lang", "en", "-o", str(out), "--json")  # fmt: skip
    assert code == 0 and "Customers by age" in out.read_text(encoding="utf-8")

    pdf = tmp_path / "march.pdf"
    code, data = run(db, "report", "monthly", "--month", "2026-03", "--lang", "en",
                     "-o", str(pdf), "--json")  # fmt: skip
    assert code == 0
    with pdfplumber.open(pdf) as doc:
        first = doc.pages[0].extract_text()
    assert "Monthly report: March 2026" in first and "This month" in first
