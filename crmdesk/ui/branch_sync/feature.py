"""Branch sync in the window (issue 15): settings page, status bar, panel, inbox.

Installs one :class:`~crmdesk.ui.branch_sync.controller.SyncController` as
``window.sync``; the status bar's sync state follows it and a click on it (or F7)
opens the sync panel; Tools gets "今すぐ同期" and "同期の競合"; quitting sends what is
waiting within ``hub/quit_seconds``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from crmdesk.ui.branch_sync import access
from crmdesk.ui.branch_sync.controller import SyncController
from crmdesk.ui.branch_sync.state import status_text

if TYPE_CHECKING:  # the window imports this module
    from crmdesk.ui.main_window import MainWindow

CONTEXT = "SyncFeature"
PANEL_KEY = "F7"  # F8 reveals a masked field in the card


class _ClickOpens(QObject):
    """A click on the status bar's sync state opens the panel."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            open_panel(self.window)
            return True
        return super().eventFilter(watched, event)


def open_panel(window: MainWindow) -> Any:
    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.branch_sync.panel import SyncPanel

    panel = getattr(window, "sync_panel", None)
    if panel is None or not panel.isVisible():
        panel = SyncPanel(window.sync, window)
        panel.inbox_button.clicked.connect(lambda: open_inbox(window))
        panel.inbox_button.setVisible(access.allowed(window))
        panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.sync_panel = panel
    panel.show()
    panel.raise_()
    panel.activateWindow()
    return panel


def open_inbox(window: MainWindow) -> Any:
    """The owner's conflict inbox; others get the reason instead (and no inbox)."""
    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.branch_sync.inbox import ConflictInbox

    if not access.allowed(window):
        QMessageBox.warning(
            window,
            QCoreApplication.translate("SyncFeature", "同期の競合"),
            access.denied_words(),
        )
        return None
    inbox = ConflictInbox(window)
    inbox.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.sync_inbox = inbox
    inbox.show()
    return inbox


def install(window: MainWindow) -> None:
    controller = SyncController(window)
    window.sync = controller
    window.sync_panel = None
    label = window.sync_label
    label.setCursor(Qt.CursorShape.PointingHandCursor)
    label.setToolTip(
        QCoreApplication.translate("SyncFeature", "クリックで同期パネル（{0}）").format(PANEL_KEY)
    )
    label.installEventFilter(_ClickOpens(window))

    def show_state() -> None:
        label.setText(status_text(controller.view))

    def show_progress(done: int, total: int, _phase: str) -> None:
        if total > 0:
            label.setText(
                QCoreApplication.translate("SyncFeature", "同期中… {0} / {1}").format(
                    f"{done:,}", f"{total:,}"
                )
            )

    controller.changed.connect(show_state)
    controller.progress.connect(show_progress)

    def database_opened() -> None:
        controller.attach(window.db)
        show_state()

    window.database_opened.connect(database_opened)
    database_opened()

    panel_action = QAction(QCoreApplication.translate("SyncFeature", "同期パネル(&Y)…"), window)
    panel_action.setShortcut(QKeySequence(PANEL_KEY))
    panel_action.triggered.connect(lambda: open_panel(window))
    now_action = QAction(QCoreApplication.translate("SyncFeature", "今すぐ同期"), window)
    now_action.triggered.connect(controller.sync_now)
    inbox_action = QAction(QCoreApplication.translate("SyncFeature", "同期の競合(&K)…"), window)
    inbox_action.triggered.connect(lambda: open_inbox(window))
    tools = window.menu("tools")
    tools.addSeparator()
    for action in (panel_action, now_action, inbox_action):
        tools.addAction(action)
        window.addAction(action)

    def make_page(parent: QWidget) -> QWidget:
        # deferred: the dialog and its services load when first used, not at start-up
        from crmdesk.ui.branch_sync.settings_page import BranchSyncPage

        return BranchSyncPage(window, parent)

    title = QCoreApplication.translate("SyncFeature", "店舗間同期")
    window.add_settings_page(title, make_page)
    window.join_hub = lambda: window.files.edit_settings(title)  # the first-run choice
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(controller.final_push)
