"""Signing in at the counter: a staff name and PIN, or a staff card scanned.

One field takes both: a scanner types the card's number (longer than any PIN) and Enter,
so a scan signs in at once; 4–8 digits are the PIN of the staff member chosen above.
The same dialog confirms a single action ("show" a masked field) by someone who holds
a permission. The check, the back-off and the audit entry are the staff service's.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.errors import DomainError
from crmdesk.core.pins import valid_pin
from crmdesk.services import staff as staff_service
from crmdesk.ui.operations import message, run_check


class SignInDialog(QDialog):
    def __init__(
        self,
        db: Any,
        parent: QWidget | None = None,
        *,
        permission: str | None = None,
        locked: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_dialog")
        self.db = db
        self.permission = permission
        self.actor: staff_service.Actor | None = None
        if permission is not None:
            self.setWindowTitle(self.tr("確認のため暗証番号を入力"))
            intro = self.tr("この操作には権限のあるスタッフの暗証番号かカードが必要です。")
        elif locked:
            self.setWindowTitle(self.tr("画面をロックしました"))
            intro = self.tr(
                "しばらく操作がなかったためロックしました。編集中の内容はそのままです。"
            )
        else:
            self.setWindowTitle(self.tr("サインイン"))
            intro = self.tr(
                "スタッフを選んで暗証番号を入力するか、スタッフカードを読み取ってください。"
            )
        # wide enough for the sentence on one line (it broke before its last character)
        wanted = self.fontMetrics().horizontalAdvance(intro) + 48
        self.setMinimumWidth(min(max(460, wanted), 720))
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.staff_combo = QComboBox(self)
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setObjectName("pin_edit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setPlaceholderText(self.tr("暗証番号 または スタッフカード"))
        self.message = QLabel(self)
        self.message.setObjectName("sign_in_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("スタッフ"), self.staff_combo)
        form.addRow(self.tr("暗証番号"), self.pin_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        if permission is not None:
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
            buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.try_sign_in)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        with db.sessions() as session:
            names = [s.name for s in staff_service.active_staff(session)
                     if s.pin_hash or s.card_hash]  # fmt: skip
        self.staff_combo.addItems(names)
        self.pin_edit.setFocus()

    def try_sign_in(self) -> bool:
        text = self.pin_edit.text().strip()
        self.pin_edit.clear()
        by_card = bool(text) and not valid_pin(text)

        def check() -> Any:
            if by_card:
                actor = staff_service.authenticate(self.db, card=text)
            else:
                actor = staff_service.authenticate(
                    self.db, name=self.staff_combo.currentText(), pin=text
                )
            if self.permission is not None:
                actor.require(self.permission)
            return actor

        def refused(error: DomainError) -> None:
            self.message.setText(message(error))
            self.pin_edit.setFocus()  # the next try is typed at once

        signed = run_check(check, on_error=refused)
        if not signed.ok:
            return False
        self.actor = signed.value
        self.accept()
        return True

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self.permission is None:
            return  # signing in cannot be skipped
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self.permission is not None:
            super().reject()
