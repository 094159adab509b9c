"""Reports > ダッシュボード (Ctrl+Shift+D): the owner's dashboard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from crmdesk.ui.window_api import WindowApi

SHORTCUT = "Ctrl+Shift+D"


def install(window: WindowApi) -> None:
    action = window.menu("reports").addAction(
        QCoreApplication.translate("DashboardMenu", "ダッシュボード…")
    )
    action.setShortcut(QKeySequence(SHORTCUT))
    action.triggered.connect(lambda: open_dashboard(window))


def open_dashboard(window: WindowApi) -> Any:
    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.dashboard.dialog import DashboardDialog

    dialog = DashboardDialog(window.db, window.window())
    window._dashboard = dialog  # keep it alive while open
    if hasattr(window, "open_customer"):  # the main window; tests may pass a bare one
        dialog.at_risk.open_customer.connect(window.open_customer)
    dialog.show()
    dialog.refresh()
    return dialog
