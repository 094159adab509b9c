"""Hovering a dashboard chart shows the value under the mouse as a tooltip."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea, QToolTip

from crmdesk.ui import i18n
from tests.helpers.analytics_shop import build_shop


def _open(qtbot, db):
    from crmdesk.ui.dashboard.dialog import DashboardDialog

    with db.transaction() as session:
        build_shop(session)
    dialog = DashboardDialog(db, today=date(2026, 3, 31))
    qtbot.addWidget(dialog)
    dialog.resize(1200, 860)  # a large monitor's: each chart wholly in view beside the other
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.computed, timeout=30_000):
        dialog.refresh()  # the last twelve months: bars for February and March 2026
    return dialog


@pytest.fixture
def computed(qtbot, db):
    return _open(qtbot, db)


def _hover(qtbot, dialog, name: str, where) -> str:
    """Scroll chart ``name`` into view, move the mouse to the figure pixel ``where(figure)``
    gives (matplotlib's coordinates, from the bottom left), return the tooltip shown."""
    canvas = dialog.cells[name].canvas
    dialog.findChild(QScrollArea).ensureWidgetVisible(canvas)
    qtbot.wait(50)  # the canvas takes its final size before we measure the figure
    canvas.draw()
    x, y = where(canvas.figure)
    ratio = canvas.device_pixel_ratio or 1
    at = QPoint(int(x / ratio), int(canvas.height() - y / ratio))
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=3_000)
    qtbot.mouseMove(canvas, at)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3_000)
    return QToolTip.text()


def _bar(series: int, index: int):
    def middle(figure) -> tuple[float, float]:
        box = figure.axes[0].containers[series].patches[index].get_window_extent()
        return (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2

    return middle


def _last_point(figure) -> tuple[float, float]:
    right = figure.axes[1]
    return tuple(right.transData.transform(right.lines[0].get_xydata()[-1]))


def test_tooltip_shows_the_bar_under_the_mouse(qtbot, computed) -> None:
    assert _hover(qtbot, computed, "sales_monthly", _bar(0, -1)) == "2026年3月\n売上: ¥13,900"
    assert _hover(qtbot, computed, "sales_monthly", _last_point) == "2026年3月\n来店数: 5回"
    assert _hover(qtbot, computed, "gender", _bar(0, 0)) == "女性\n顧客数: 2人"


def test_tooltip_over_empty_space_hides(qtbot, computed) -> None:
    _hover(qtbot, computed, "sales_monthly", _bar(0, -1))
    canvas = computed.cells["sales_monthly"].canvas
    qtbot.mouseMove(canvas, QPoint(canvas.width() - 3, 3))  # the corner: no bar, no point
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=3_000)


def test_tooltip_in_english_over_a_point_of_the_line(qtbot, db) -> None:
    assert i18n.set_language("en")
    try:
        dialog = _open(qtbot, db)
        text = _hover(qtbot, dialog, "sales_monthly", _last_point)
        assert text == "Mar 2026\nVisits: 5 visits"
        assert dialog.cells["sales_monthly"].title() == "Monthly sales and visits"
        assert dialog.cells["sales_monthly"].table.horizontalHeaderItem(1).text() == "Sales"
    finally:
        i18n.set_language("ja")
