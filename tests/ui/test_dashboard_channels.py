"""The dashboard's 流入経路 box: chart, table and CSV / xlsx export, as the owner uses it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
from PySide6.QtCore import Qt

from crmdesk.reports.charts import is_no_data
from crmdesk.services import channels
from crmdesk.store.models import Purchase
from tests.helpers.factories import add_customer


def test_the_channel_box_shows_and_exports_its_numbers(qtbot, db, tmp_path) -> None:
    from crmdesk.ui.dashboard.dialog import DashboardDialog

    with db.transaction() as s:
        for i, name in enumerate(("チラシ", "チラシ", "Web")):
            cid = add_customer(s, family_name=f"客{i}", phone1=f"090-0000-000{i}",
                               channel_id=name, first_visit="2026-03-02")  # fmt: skip
            at = datetime(2026, 3, 2, 3, tzinfo=UTC)
            s.add(Purchase(customer_id=cid, amount=1000 * (i + 1), purchased_at=at))
        channels.set_spend(s, "チラシ", "2026-03", 30000)
    dialog = DashboardDialog(db, today=date(2026, 3, 31))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.preset.setCurrentIndex(1)  # 今月
    with qtbot.waitSignal(dialog.computed, timeout=30_000):
        qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    cell = dialog.cells["channels"]
    assert cell.title() == "流入経路"
    assert not is_no_data(dialog.figures["channels"])
    table = cell.table
    headers = [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]
    assert headers[:2] == ["流入経路", "新規顧客数"]
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    assert set(rows) == {"チラシ", "Web"}
    flyer = rows["チラシ"]
    value = {h: table.item(flyer, i).text() for i, h in enumerate(headers)}
    assert value["新規顧客数"] == "2人" and value["費用"] == "¥30,000"
    assert value["新規1人あたり費用"] == "¥15,000"
    assert value["90日再来率"] == "—"  # March's customers: their 90 days are not over
    csv = dialog.export_data("channels", tmp_path / "channels.csv")
    data = pd.read_csv(csv, encoding="utf-8-sig")
    assert list(data["流入経路"]) == ["チラシ", "Web"]
    assert list(data["新規顧客数"]) == [2, 1]
    xlsx = dialog.export_data("channels", tmp_path / "channels.xlsx")
    assert pd.read_excel(xlsx)["費用"].iloc[0] == 30000
