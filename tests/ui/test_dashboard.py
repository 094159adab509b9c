"""The dashboard driven as the owner uses it, on the hand-built shop."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMainWindow, QMenu

from crmdesk.reports.charts import CHARTS, NO_DATA
from tests.helpers.analytics_shop import build_shop


@pytest.fixture
def dashboard(qtbot, db):
    from crmdesk.ui.dashboard.dialog import DashboardDialog

    with db.transaction() as session:
        build_shop(session)
    dialog = DashboardDialog(db, today=date(2026, 3, 31))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _set_period(dialog, start: date, end: date) -> None:
    dialog.preset.setCurrentIndex(4)  # 期間を指定
    dialog.date_from.setDate(QDate(start.year, start.month, start.day))
    dialog.date_to.setDate(QDate(end.year, end.month, end.day))


def test_dashboard_computes_shows_and_exports(qtbot, dashboard, tmp_path, db) -> None:
    dashboard.preset.setCurrentIndex(1)  # 今月 = March 2026
    with qtbot.waitSignal(dashboard.computed, timeout=30_000):
        qtbot.mouseClick(dashboard.refresh_button, Qt.MouseButton.LeftButton)
    assert "¥13,900" in dashboard.tiles.text()  # March's sales, worked out in the service tests
    assert "ポイント残高 <b>150pt</b>（¥300）" in dashboard.tiles.text()
    assert "見込み負担 <b>¥300</b>（推定・利用率 100.0%）" in dashboard.tiles.text()
    assert all(cell.canvas is not None for cell in dashboard.cells.values())
    table = dashboard.cells["sales_monthly"].table
    assert table.horizontalHeaderItem(1).text() == "売上"
    assert table.item(0, 1).text() == "¥13,900"
    assert dashboard.cells["gender"].table.item(0, 1).text() == "2人"

    png = dashboard.export_chart("sales_daily", tmp_path / "daily.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    csv = dashboard.export_data("sales_daily", tmp_path / "daily.csv")
    data = pd.read_csv(csv, encoding="utf-8-sig")
    assert list(data.columns[:2]) == ["日付", "売上"] and data["売上"].sum() == 13900
    with db.transaction() as session:
        from sqlalchemy import text

        actions = session.execute(text("SELECT action FROM audit_log")).scalars().all()
    assert actions.count("analytics_export") == 2


def test_bad_and_empty_periods_show_messages_not_dialogs(qtbot, dashboard) -> None:
    _set_period(dashboard, date(2026, 3, 10), date(2026, 3, 1))
    qtbot.mouseClick(dashboard.refresh_button, Qt.MouseButton.LeftButton)
    assert "終了日が開始日より前" in dashboard.message.text()

    _set_period(dashboard, date(2019, 1, 1), date(2019, 1, 31))
    with qtbot.waitSignal(dashboard.computed, timeout=30_000):
        qtbot.mouseClick(dashboard.refresh_button, Qt.MouseButton.LeftButton)
    for name in CHARTS:
        texts = [t.get_text() for ax in dashboard.figures[name].axes for t in ax.texts]
        assert NO_DATA in texts, name


def test_feature_adds_a_reports_menu_item_with_a_shortcut(qtbot, db) -> None:
    from crmdesk.ui.dashboard import feature as feature_dashboard

    class Window(QMainWindow):
        def __init__(self) -> None:
            super().__init__()
            self.db = db
            self.menus: dict[str, QMenu] = {}

        def menu(self, key: str) -> QMenu:
            if key not in self.menus:
                self.menus[key] = self.menuBar().addMenu(key)
            return self.menus[key]

    window = Window()
    qtbot.addWidget(window)
    feature_dashboard.install(window)
    action = window.menus["reports"].actions()[0]
    assert action.text() == "ダッシュボード…"
    assert action.shortcut().toString() == feature_dashboard.SHORTCUT
    action.trigger()
    dialog = window._dashboard
    qtbot.waitUntil(lambda: dialog.refresh_button.isEnabled(), timeout=30_000)
    assert dialog.isVisible()
    dialog.close()
