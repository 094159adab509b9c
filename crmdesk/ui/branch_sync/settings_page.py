"""Settings > 店舗間同期: hub address, user, password, this branch; test, join, leave.

"接続テスト" asks the hub for its status with the password as typed (it is not stored)
and shows the engine's reason when that fails. "参加" stores the password in the
keyring (``api.save_password``; a computer without a keyring gets the engine's clear
message), then runs the join with a progress dialog. "同期をやめる" leaves the hub; the
local file keeps every row. The other fields are saved by the dialog's OK. All of it is
the owner's (``sync_settings``): anyone else sees the page greyed out, with the reason.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.errors import DomainError
from crmdesk.ui import i18n, settings
from crmdesk.ui.branch_sync import access, hub_config
from crmdesk.ui.branch_sync.controller import sync_api
from crmdesk.ui.branch_sync.join_progress import JoinProgressDialog
from crmdesk.ui.branch_sync.write_watch import quiet
from crmdesk.ui.workers import run_in_background

log = logging.getLogger(__name__)
OK_STYLE, ERROR_STYLE = "color: #060;", "color: #c00;"
JOIN_PAGE_SIZE = 5000  # rows per committed page of the first download (a cancel stops there)


def error_words(error: BaseException) -> str:
    if isinstance(error, DomainError):
        return error.message(i18n.language())
    log.error("sync settings: unexpected %s", type(error).__name__)
    return QCoreApplication.translate("BranchSyncPage", "予期しないエラー: {0}").format(
        type(error).__name__
    )


class BranchSyncPage(QWidget):
    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.controller = window.sync
        self.address = QLineEdit(settings.value("hub/address"))
        self.address.setPlaceholderText("hub.example.jp:5432/crmdesk")
        self.user = QLineEdit(settings.value("hub/user"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("キーリングに保存されます"))
        self.branch_code = QLineEdit(settings.value("hub/branch_code"))
        self.branch_code.setMaxLength(16)
        self.branch_name = QLineEdit(settings.value("hub/branch_name"))
        self.interval = QSpinBox()
        self.interval.setRange(0, 240)
        self.interval.setSuffix(self.tr(" 分ごと"))
        self.interval.setSpecialValueText(self.tr("書き込みの後だけ"))
        self.interval.setValue(int(hub_config.timing().interval_minutes))
        self.test_button = QPushButton(self.tr("接続テスト(&T)"))
        self.join_button = QPushButton(self.tr("参加(&J)"))
        self.leave_button = QPushButton(self.tr("同期をやめる(&L)"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.joined_label = QLabel()
        self.joined_label.setWordWrap(True)
        self._layout()
        self._connect_signals()
        self._workers: list[Any] = []
        self.page_size = JOIN_PAGE_SIZE
        self.join_dialog: JoinProgressDialog | None = None
        self.allowed = access.allowed(window)  # the hub's credentials: the owner's
        self.controller.changed.connect(self.show_joined_state)
        self.show_joined_state()
        if not self.allowed:
            self.say(access.denied_words())

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("ハブのアドレス"), self.address)
        form.addRow(self.tr("ユーザー"), self.user)
        form.addRow(self.tr("パスワード"), self.password)
        form.addRow(self.tr("店舗コード"), self.branch_code)
        form.addRow(self.tr("店舗名"), self.branch_name)
        form.addRow(self.tr("定期同期"), self.interval)
        buttons = QHBoxLayout()
        for button in (self.test_button, self.join_button, self.leave_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "各店舗のファイルを共有のハブ（PostgreSQL）と同期します。"
            "回線が切れても各店舗はそのまま使え、つながると自動で追いつきます。"
        ))  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.joined_label)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.test_button.clicked.connect(self.test_connection)
        self.join_button.clicked.connect(self.join)
        self.leave_button.clicked.connect(self.leave)

    # --- what the page shows ------------------------------------------------------
    def url(self, with_password: bool = False) -> str:
        password = self.password.text() if with_password else None
        return hub_config.hub_url(self.address.text(), self.user.text(), password)

    def say(self, text: str, ok: bool = False) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)

    def show_joined_state(self) -> None:
        view = self.controller.view
        joined = view.joined
        if joined:  # joined from the command line, say: show what the file says
            if not self.address.text().strip() and view.hub:
                self.address.setText(view.hub)
            if not self.branch_code.text().strip() and view.branch_code:
                self.branch_code.setText(view.branch_code)
        for widget in (self.address, self.user, self.branch_code, self.branch_name):
            widget.setEnabled(not joined and self.allowed)
        self.password.setEnabled(self.allowed)
        self.interval.setEnabled(self.allowed)
        self.test_button.setEnabled(self.allowed)
        self.join_button.setEnabled(not joined and self.allowed)
        self.leave_button.setEnabled(joined and self.allowed)
        self.joined_label.setText(
            self.tr("この店舗（{code}）はハブ {hub} と同期しています。").format(
                code=view.branch_code, hub=view.hub
            )
            if joined
            else self.tr("参加の途中で止まっています。「参加」で続きから再開します。")
            if view.joining
            else self.tr("まだハブに参加していません。")
        )

    # --- test connection ------------------------------------------------------------
    def _permitted(self) -> bool:
        """The signed-in person may change the hub (checked at the moment of acting)."""
        try:
            access.require(self.window)
        except DomainError as error:
            self.say(error_words(error))
            return False
        return True

    def test_connection(self) -> None:
        if not self._permitted():
            return
        if not self.address.text().strip():
            self.address.setFocus()
            self.say(self.tr("ハブのアドレスを入力してください"))
            return
        url = self.url(with_password=bool(self.password.text()))
        self.say(self.tr("接続しています…"), ok=True)
        self.test_button.setEnabled(False)
        worker = run_in_background(
            lambda: sync_api().hub_status(url),
            on_done=self._tested,
            on_error=self._test_failed,
            owner=self,
        )
        self._workers.append(worker)

    def _tested(self, status: dict[str, Any]) -> None:
        self.test_button.setEnabled(True)
        branches = status.get("branches") or []
        self.say(
            self.tr("接続できました（参加している店舗 {0}、スキーマ {1}）").format(
                len(branches), status.get("schema", "?")
            ),
            ok=True,
        )

    def _test_failed(self, error: Exception) -> None:
        self.test_button.setEnabled(True)
        self.say(self.tr("接続できません: {0}").format(error_words(error)))

    # --- join / leave -----------------------------------------------------------------
    def join(self) -> JoinProgressDialog | None:
        if not self._permitted():
            return None
        if not self.address.text().strip():
            self.address.setFocus()
            self.say(self.tr("ハブのアドレスを入力してください"))
            return None
        code, name = self.branch_code.text().strip(), self.branch_name.text().strip()
        if not code:
            self.branch_code.setFocus()
            self.say(self.tr("店舗コードを入力してください"))
            return None
        self.save()
        url, password = self.url(), self.password.text()
        if password:
            try:
                sync_api().save_password(url, password)
            except DomainError as error:
                self.say(error_words(error))
                return None
        db, page_size = self.window.db, self.page_size

        def job(progress: Any) -> dict[str, Any]:
            with quiet():
                return dict(sync_api().join(
                    db, url, branch_code=code, name=name or code, progress=progress,
                    page_size=page_size,
                ))  # fmt: skip

        self.say(self.tr("参加しています…"), ok=True)
        self.join_button.setEnabled(False)
        dialog = JoinProgressDialog(job, self)
        dialog.ended.connect(lambda: self._join_ended(dialog))
        self.join_dialog = dialog
        dialog.start()
        return dialog

    def _join_ended(self, dialog: JoinProgressDialog) -> None:
        kind, value = dialog.outcome or ("failed", None)
        self.join_button.setEnabled(True)
        if kind == "done":
            self.password.clear()
            self.say(
                self.tr("参加しました（送信 {0}件、受信 {1}件）").format(
                    f"{value.get('uploaded', 0):,}", f"{value.get('downloaded', 0):,}"
                ),
                ok=True,
            )
            self.window.refresh()
        elif kind == "cancelled":
            self.say(self.tr("中断しました。もう一度「参加」を押すと続きから再開します。"))
        else:
            self.say(self.tr("参加できません: {0}").format(error_words(value)))
        self.controller.refresh_status()

    def leave(self) -> bool:
        if not self._permitted():
            return False
        answer = QMessageBox.question(
            self,
            self.tr("同期をやめる"),
            self.tr(
                "ハブとの同期をやめますか？\n"
                "このコンピュータのファイルはそのまま残ります（顧客・履歴は消えません）。"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            with quiet():
                sync_api().leave(self.window.db)
        except DomainError as error:
            self.say(error_words(error))
            return False
        self.say(self.tr("同期をやめました。ファイルはそのまま使えます。"), ok=True)
        self.controller.refresh_status()
        return True

    def save(self) -> bool:
        """OK: keep the address, user, branch and interval (never the password here; a
        password typed while joined replaces the one in the keyring). Someone without
        ``sync_settings`` changes nothing here (the rest of the dialog still saves)."""
        if not self.allowed or not access.allowed(self.window):
            return True
        if self.controller.view.joined and self.password.text():
            try:
                sync_api().save_password(self.url(), self.password.text())
            except DomainError as error:
                self.say(error_words(error))
                return False
            self.password.clear()
        values = {
            "hub/address": self.address.text().strip(),
            "hub/user": self.user.text().strip(),
            "hub/branch_code": self.branch_code.text().strip(),
            "hub/branch_name": self.branch_name.text().strip(),
            "hub/interval_minutes": str(self.interval.value()),
        }
        for key, value in values.items():
            settings.set_value(key, value)
        self.controller.apply_timing()
        return True
