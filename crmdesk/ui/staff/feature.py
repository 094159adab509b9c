"""Staff at the counter: sign-in at start, "switch staff" (Ctrl+L), the idle lock, and
the owner's audit log viewer (Tools menu)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFormLayout, QLabel, QMessageBox, QSpinBox, QWidget

from crmdesk.core.errors import DomainError
from crmdesk.ui import i18n, settings
from crmdesk.ui.staff.session import StaffSession, idle_minutes

if TYPE_CHECKING:  # the window imports this module
    from crmdesk.ui.main_window import MainWindow

SWITCH_KEY = "Ctrl+L"


def install(window: MainWindow) -> None:
    session = StaffSession(window)
    window.staff_session = session
    window.actor = session.current
    window.staff_label = QLabel(window)
    window.ui.statusbar.addPermanentWidget(window.staff_label)
    window.model.set_actor(session.current)
    action = QAction(QCoreApplication.translate("StaffMenu", "スタッフの切り替え"), window)
    action.setShortcut(QKeySequence(SWITCH_KEY))
    action.triggered.connect(session.switch)
    window.menu("file").addAction(action)
    window.switch_staff_action = action
    log = QAction(QCoreApplication.translate("StaffMenu", "操作記録…"), window)
    log.triggered.connect(lambda: open_audit_viewer(window))
    window.menu("tools").addAction(log)
    window.add_settings_page(
        QCoreApplication.translate("StaffMenu", "スタッフ"),
        lambda parent: IdleLockPage(window, parent),
    )
    session.start()


class IdleLockPage(QWidget):
    """Settings: minutes without a key before the counter locks (0: never)."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main_window = window
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("idle_minutes")
        self.minutes.setRange(0, 240)
        self.minutes.setSuffix(self.tr(" 分"))
        self.minutes.setValue(idle_minutes())
        self.minutes.setEnabled(window.actor().can("settings"))
        form = QFormLayout(self)
        form.addRow(self.tr("操作がないとロックするまで"), self.minutes)
        note = QLabel(self.tr("0 分: ロックしません。スタッフが登録されているときだけ働きます。"))
        note.setWordWrap(True)
        form.addRow(note)

    def save(self) -> None:
        if self.minutes.isEnabled():
            settings.set_value("staff/idle_minutes", str(self.minutes.value()))
            self.main_window.staff_session.restart_idle()


def open_audit_viewer(window: MainWindow) -> Any:
    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.staff.audit_viewer import AuditViewer

    actor = window.actor()
    if not actor.can("audit"):
        QMessageBox.warning(
            window,
            QCoreApplication.translate("StaffMenu", "操作記録"),
            DomainError("permission_denied", field="audit").message(i18n.language()),
        )
        return None
    viewer = AuditViewer(window.db, actor, window)
    viewer.open()
    return viewer


TITLES = (QT_TRANSLATE_NOOP("StaffMenu", "スタッフの切り替え"),)
