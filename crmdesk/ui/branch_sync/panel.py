"""The sync panel (a click on the status bar's sync state, or F7).

Where sync stands, the last syncs with what went up and down, and the other branches
as the hub sees them (``api.hub_status``, fetched in the background: the panel opens at
once, offline too). "今すぐ同期" syncs now; "競合を確認" opens the conflict inbox.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.clock import to_local
from crmdesk.ui.branch_sync.controller import Outcome, SyncController, sync_api
from crmdesk.ui.branch_sync.settings_page import error_words
from crmdesk.ui.branch_sync.state import parse_time, status_text
from crmdesk.ui.screen_fit import fit_to_screen
from crmdesk.ui.workers import run_in_background


def _when(moment: Any) -> str:
    if isinstance(moment, str):
        moment = parse_time(moment)
    return to_local(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


class SyncPanel(QDialog):
    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("店舗間同期"))
        fit_to_screen(self, 640, 520)
        self.state = QLabel()
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel()
        self.history = QTreeWidget()
        self.history.setRootIsDecorated(False)
        self.history.setHeaderLabels(
            [self.tr("日時"), self.tr("送信"), self.tr("受信"), self.tr("競合"), self.tr("結果")]
        )
        self.history.setColumnWidth(0, 140)
        self.branches = QTreeWidget()
        self.branches.setRootIsDecorated(False)
        self.branches.setHeaderLabels(
            [self.tr("店舗コード"), self.tr("店舗名"), self.tr("最終接続"), self.tr("未受信")]
        )
        self.branches.setColumnWidth(1, 160)
        self.branches.setColumnWidth(2, 150)
        self.branches_note = QLabel()
        self.branches_note.setWordWrap(True)
        self.details.setWordWrap(True)
        self.sync_button = QPushButton(self.tr("今すぐ同期(&S)"))
        self.inbox_button = QPushButton(self.tr("競合を確認(&C)…"))
        self.close_button = QPushButton(self.tr("閉じる"))
        buttons = QHBoxLayout()
        for button in (self.sync_button, self.inbox_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.details)
        layout.addWidget(QLabel(self.tr("最近の同期")))
        layout.addWidget(self.history)
        layout.addWidget(QLabel(self.tr("ほかの店舗")))
        layout.addWidget(self.branches)
        layout.addWidget(self.branches_note)
        layout.addLayout(buttons)
        self.sync_button.clicked.connect(self.controller.sync_now)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence("F5"), self, self.controller.sync_now)
        self.controller.changed.connect(self.show_state)
        self.controller.synced.connect(self._on_synced)
        self._worker: Any = None
        self.branch_rows: list[dict[str, Any]] = []
        self.show_state()
        self.load_branches()

    def _on_synced(self, _outcome: Outcome) -> None:
        self.load_branches()

    def show_state(self) -> None:
        view = self.controller.view
        self.state.setText(f"<b>{status_text(view)}</b>")
        self.details.setText(
            self.tr("最終同期: {last}　この店舗: {code}　ハブ: {hub}").format(
                last=_when(view.last_sync_at), code=view.branch_code or "—", hub=view.hub or "—"
            )
        )
        self.sync_button.setEnabled(view.joined and not view.running)
        self.history.clear()
        for outcome in self.controller.history:
            item = QTreeWidgetItem(self._history_row(outcome))
            item.setToolTip(4, item.text(4))
            self.history.addTopLevelItem(item)

    def _history_row(self, outcome: Outcome) -> list[str]:
        result = outcome.result or {}
        if outcome.error is not None:
            words = error_words(outcome.error)
        elif outcome.cancelled:
            words = self.tr("途中で停止（残りは次回）")
        else:
            words = self.tr("完了")
            if result.get("rejected"):
                words += self.tr("（受け付けられなかった変更 {0}件）").format(result["rejected"])
        return [
            _when(outcome.at),
            f"{result.get('pushed', 0):,}" if outcome.result else "—",
            f"{result.get('pulled', 0):,}" if outcome.result else "—",
            f"{result.get('conflicts', 0):,}" if outcome.result else "—",
            words,
        ]

    def load_branches(self) -> None:
        """The other branches as the hub says now, or as the last sync saw them when the
        hub is out of reach (``api.branches``)."""
        db = self.controller.db
        if db is None or not self.controller.view.joined:
            self.branches_note.setText(self.tr("ハブに参加していません。"))
            return
        self.branches_note.setText(self.tr("ハブに問い合わせています…"))
        self._worker = run_in_background(
            lambda: sync_api().branches(db, refresh=True),
            on_done=self._show_branches,
            on_error=lambda error: self.branches_note.setText(
                self.tr("ほかの店舗の様子はハブにつながると表示されます（{0}）").format(
                    error_words(error)
                )
            ),
            owner=self,
        )

    def _show_branches(self, status: dict[str, Any]) -> None:
        self.branch_rows = list(status.get("branches") or [])
        self.branches.clear()
        for branch in self.branch_rows:
            self.branches.addTopLevelItem(QTreeWidgetItem([
                str(branch.get("code", "")),
                str(branch.get("name", "")),
                _when(branch.get("last_seen")),
                f"{int(branch.get('lag') or 0):,}",
            ]))  # fmt: skip
        note = (
            self.tr("ほかの店舗 {0}").format(len(self.branch_rows))
            if self.branch_rows
            else self.tr("ほかの店舗はまだ参加していません。")
        )
        if status.get("offline"):
            note += self.tr("（ハブにつながらないため、前回の同期のときの様子です）")
        self.branches_note.setText(note)
