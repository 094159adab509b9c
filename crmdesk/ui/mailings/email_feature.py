"""Email campaigns in the window: Tools > メール配信…, and Settings > メール送信 (the server)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget
from sqlalchemy.orm import Session

from crmdesk.services import email_setup
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.ui.operations import all_in_label, run_op
from crmdesk.ui.window_api import WindowApi

PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class EmailServerPage(QWidget):
    """The sending server; the password goes to the OS keyring, never into the file."""

    def __init__(self, db: Any, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.host = QLineEdit(self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(587)
        self.security = QComboBox(self)
        for code, label in (
            ("starttls", self.tr("STARTTLS（おすすめ）")),
            ("ssl", self.tr("SSL/TLS")),
            ("none", self.tr("暗号化なし（このコンピューター上のサーバーのみ）")),
        ):
            self.security.addItem(label, code)
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("変更するときだけ入力"))
        self.from_address = QLineEdit(self)
        self.daily_limit = QSpinBox(self)
        self.daily_limit.setRange(1, 100_000)
        self.daily_limit.setValue(500)
        self.pace = QSpinBox(self)
        self.pace.setRange(1, 6000)
        self.pace.setValue(30)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c00;")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("送信サーバー"), self.host)
        form.addRow(self.tr("暗号化"), self.security)
        form.addRow(self.tr("ポート"), self.port)
        form.addRow(self.tr("ユーザー名"), self.user)
        form.addRow(self.tr("パスワード"), self.password)
        form.addRow(self.tr("差出人アドレス"), self.from_address)
        form.addRow(self.tr("1日の送信上限（通）"), self.daily_limit)
        form.addRow(self.tr("1分あたりの送信数"), self.pace)
        form.addRow(self.error)
        self.security.currentIndexChanged.connect(self._default_port)
        with db.sessions() as session:
            found = email_setup.smtp_settings(session)
        if found is not None:
            self.host.setText(found.host)
            self.security.setCurrentIndex(self.security.findData(found.security))
            self.port.setValue(found.port)
            self.user.setText(found.user)
            self.from_address.setText(found.from_address)
            self.daily_limit.setValue(found.daily_limit)
            self.pace.setValue(found.pace_per_minute)

    def _default_port(self) -> None:
        if self.port.value() in PORTS.values():
            self.port.setValue(PORTS[self.security.currentData()])

    def values(self) -> dict[str, Any]:
        return {
            "host": self.host.text().strip(),
            "port": self.port.value(),
            "security": self.security.currentData(),
            "user": self.user.text().strip(),
            "from_address": self.from_address.text().strip(),
            "daily_limit": self.daily_limit.value(),
            "pace_per_minute": self.pace.value(),
        }

    def save(self) -> bool:
        """Nothing to save when the page was left empty; else check, keep, store password."""
        values = self.values()
        if not values["host"] and not values["from_address"]:
            return True

        def store(session: Session) -> None:
            found = email_setup.save_settings(session, values, actor=self.actor)
            if self.password.text():
                email_setup.save_password(found, self.password.text())

        if not run_op(self.db, store, on_error=all_in_label(self.error)).ok:
            return False
        self.password.clear()
        return True


def _actor(window: WindowApi) -> Actor:
    actor = getattr(window, "actor", None)
    actor = actor() if callable(actor) else actor
    return actor if isinstance(actor, Actor) else CLI_ACTOR


def open_email_dialog(window: WindowApi) -> Any:
    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.mailings.email_dialog import EmailCampaignDialog

    dialog = EmailCampaignDialog(window.db, _actor(window), parent=window.window())
    dialog.open()
    return dialog


def install(window: WindowApi) -> None:
    window.menu("tools").addAction(
        QCoreApplication.translate("EmailMenu", "メール配信…"), lambda: open_email_dialog(window)
    )

    def make(parent: QWidget) -> QWidget:
        return EmailServerPage(window.db, _actor(window), parent)

    window.add_settings_page(QCoreApplication.translate("EmailServerPage", "メール送信"), make)
