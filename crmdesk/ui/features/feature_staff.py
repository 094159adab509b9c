"""Staff at the counter: sign-in at start, "switch staff" (Ctrl+L), the idle lock, and
the owner's audit log viewer (Tools menu)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox

from crmdesk.ui import i18n
from crmdesk.ui.staff_session import StaffSession

SWITCH_KEY = "Ctrl+L"


def install(window: Any) -> None:
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
    session.start()


def open_audit_viewer(window: Any) -> Any:
    from crmdesk.core.errors import DomainError
    from crmdesk.ui.audit_viewer import AuditViewer

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
