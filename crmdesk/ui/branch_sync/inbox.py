"""The owner's conflict inbox: what the engine could not decide alone.

Each open conflict shows the customer, the field, the value now in the file (the edit
that won) and the value it overwrote here, with which branch and staff member made each
and when. By keyboard: Up/Down choose, K keeps the value now in the file, R restores the
overwritten one (sent to every branch as a new edit), E opens the card to write a third
value (saving it settles the conflict). In the engine's words (``api.resolve``) the
overwritten value is "mine" (it lost here) and the current one "theirs". A points
overdraft (two branches redeemed the same points offline) shows the entries behind the
negative balance. Every decision goes through ``api.resolve`` and leaves an audit entry.
Only whoever holds ``sync_settings`` (the owner) opens it and decides (:mod:`.access`).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.clock import to_local
from crmdesk.core.errors import DomainError
from crmdesk.core.messages import field_label
from crmdesk.services import sync_review as review
from crmdesk.ui import i18n
from crmdesk.ui.branch_sync import access
from crmdesk.ui.branch_sync.controller import sync_api
from crmdesk.ui.branch_sync.settings_page import error_words
from crmdesk.ui.screen_fit import fit_to_screen

log = logging.getLogger(__name__)
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _when(moment: Any) -> str:
    return to_local(moment).strftime("%m/%d %H:%M") if moment else ""


def shown_value(value: Any) -> str:
    if value is None or value == "":
        return QCoreApplication.translate("ConflictInbox", "（空）")
    if isinstance(value, bool):
        yes = QCoreApplication.translate("ConflictInbox", "はい")
        return yes if value else QCoreApplication.translate("ConflictInbox", "いいえ")
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


POINT_KINDS = {
    "earn": QT_TRANSLATE_NOOP("ConflictInbox", "付与"),
    "redeem": QT_TRANSLATE_NOOP("ConflictInbox", "利用"),
    "expire": QT_TRANSLATE_NOOP("ConflictInbox", "失効"),
    "bonus": QT_TRANSLATE_NOOP("ConflictInbox", "ボーナス"),
    "adjust": QT_TRANSLATE_NOOP("ConflictInbox", "調整"),
    "transfer": QT_TRANSLATE_NOOP("ConflictInbox", "移行"),
}


def point_kind(kind: str) -> str:
    words = POINT_KINDS.get(kind)
    return QCoreApplication.translate("ConflictInbox", words) if words else kind


class ConflictInbox(QDialog):
    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.setWindowTitle(self.tr("同期の競合"))
        fit_to_screen(self, 900, 560)
        self.conflicts: list[dict[str, Any]] = []
        self.intro = QLabel(self.tr(
            "同じ項目が二つの店舗で変更されたものです。どちらを残すか選んでください。"
            "　K: 今の値のまま　R: 上書きされた値に戻す　E: カードで編集"
        ))  # fmt: skip
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([
            self.tr("顧客"), self.tr("項目"),
            self.tr("今の値"), self.tr("変更した店舗・担当"),
            self.tr("上書きされた値"), self.tr("変更した店舗・担当"),
        ])  # fmt: skip
        # the last column takes what is left (it stretches): at the dialog's size the
        # columns fit beside the scroll bar instead of running under it
        for column, width in enumerate((160, 80, 140, 160, 140)):
            self.tree.setColumnWidth(column, width)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setMinimumSectionSize(60)
        self.detail = QTreeWidget()
        self.detail.setRootIsDecorated(False)
        self.detail.setHeaderLabels([
            self.tr("日時"), self.tr("種類"), self.tr("ポイント"), self.tr("残高"),
            self.tr("店舗"), self.tr("担当"), self.tr("メモ"),
        ])  # fmt: skip
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep_button = QPushButton(self.tr("今の値のまま(&K)"))
        self.restore_button = QPushButton(self.tr("上書きされた値に戻す(&R)"))
        self.edit_button = QPushButton(self.tr("カードで編集(&E)"))
        self.close_button = QPushButton(self.tr("閉じる"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._layout()
        self._connect_signals()
        self.reload()

    def _layout(self) -> None:
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail_label)
        lower_layout.addWidget(self.detail)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(lower)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([220, 280])
        buttons = QHBoxLayout()
        for button in (self.keep_button, self.restore_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.tree.currentItemChanged.connect(lambda *_: self._show_detail())
        self.keep_button.clicked.connect(self.keep_current)
        self.restore_button.clicked.connect(self.restore_other)
        self.edit_button.clicked.connect(self.edit)
        self.close_button.clicked.connect(self.close)
        self.tree.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """K / R / E on the list: keep, restore the other, edit in the card."""
        if (
            watched is self.tree
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            actions = {
                Qt.Key.Key_K: self.keep_current,
                Qt.Key.Key_R: self.restore_other,
                Qt.Key.Key_E: self.edit,
            }
            action = actions.get(Qt.Key(event.key()))
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)

    # --- the list -----------------------------------------------------------------
    def reload(self) -> None:
        db = self.window.db
        try:
            self.conflicts = [c for c in sync_api().conflicts(db) if not c.get("resolved")]
        except DomainError as error:
            self.conflicts = []
            self.message.setText(error_words(error))
        self.tree.clear()
        with db.sessions() as session:
            for conflict in self.conflicts:
                item = QTreeWidgetItem(self._row(session, conflict))
                for column in range(item.columnCount()):
                    item.setToolTip(column, item.text(column))
                item.setData(0, ID_ROLE, conflict["id"])
                self.tree.addTopLevelItem(item)
        if self.conflicts:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        else:
            self.message.setText(self.tr("未解決の競合はありません。"))
        self.tree.setFocus()
        self._show_detail()

    def _who(self, session: Any, conflict: dict[str, Any], side: str) -> str:
        branch = review.branch_label(session, conflict.get(f"{side}_branch"))
        staff = review.staff_label(session, conflict.get(f"{side}_staff"))
        when = _when(review.hlc_time(conflict.get(f"{side}_hlc")))
        return " / ".join(part for part in (branch, staff, when) if part)

    def _row(self, session: Any, conflict: dict[str, Any]) -> list[str]:
        customer_id = self.customer_of(conflict)
        who = review.customer_label(session, customer_id) if customer_id else ""
        if conflict.get("kind") == "overdraft":
            balance = int(conflict.get("theirs") or 0)  # the merged balance below zero
            return [who, self.tr("ポイント残高"), f"{balance:,} pt",
                    review.branch_label(session, conflict.get("mine_branch")),
                    self.tr("マイナス残高（オフラインでの重複利用）"), ""]  # fmt: skip
        return [
            who or str(conflict.get("table", "")),
            field_label(conflict.get("column"), i18n.language()),
            shown_value(conflict.get("theirs")),
            self._who(session, conflict, "theirs"),
            shown_value(conflict.get("mine")),
            self._who(session, conflict, "mine"),
        ]

    @staticmethod
    def customer_of(conflict: dict[str, Any]) -> str | None:
        if conflict.get("table") == "customer":
            return str(conflict.get("row_id"))
        value = conflict.get("customer_id")
        return str(value) if value else None

    def current(self) -> dict[str, Any] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        wanted = item.data(0, ID_ROLE)
        return next((c for c in self.conflicts if c["id"] == wanted), None)

    def _show_detail(self) -> None:
        conflict = self.current()
        for button in (self.keep_button, self.restore_button, self.edit_button):
            button.setEnabled(conflict is not None)
        self.detail.clear()
        overdraft = conflict is not None and conflict.get("kind") == "overdraft"
        self.restore_button.setEnabled(conflict is not None and not overdraft)
        self.keep_button.setText(
            self.tr("確認済みにする(&K)") if overdraft else self.tr("今の値のまま(&K)")
        )
        self.detail.setVisible(overdraft)
        customer_id = self.customer_of(conflict) if conflict else None
        if conflict is not None and not overdraft:
            self.detail_label.setText(
                self.tr("今の値: {current}\n上書きされた値: {lost}").format(
                    current=shown_value(conflict.get("theirs")),
                    lost=shown_value(conflict.get("mine")),
                )
            )
            return
        if not overdraft or not customer_id:
            self.detail_label.setText("")
            return
        self.detail_label.setText(self.tr("残高の内訳（新しい順）"))
        with self.window.db.sessions() as session:
            lines = review.entries_behind(session, customer_id)
        for line in lines:
            self.detail.addTopLevelItem(QTreeWidgetItem([
                _when(line.occurred_at), point_kind(line.kind), f"{line.points:+,}",
                f"{line.balance:,}",
                line.branch, line.staff, line.note,
            ]))  # fmt: skip

    # --- decisions ----------------------------------------------------------------
    def keep_current(self) -> bool:
        """K: the value now in the file stays (an overdraft: the owner has seen it)."""
        return self.resolve("theirs")

    def restore_other(self) -> bool:
        """R: the value overwritten here comes back, as a new edit every branch gets."""
        return self.resolve("mine")

    def resolve(self, keep: str) -> bool:
        conflict = self.current()
        if conflict is None or (keep == "mine" and conflict.get("kind") == "overdraft"):
            return False
        db = self.window.db
        try:
            access.require(self.window)  # whoever signed in since the inbox opened
            # the engine writes the audit entry (who, which conflict, the side kept)
            sync_api().resolve(db, conflict["id"], keep, actor=access.actor_of(self.window))
        except DomainError as error:
            self.message.setText(error_words(error))
            return False
        row = self.tree.indexOfTopLevelItem(self.tree.currentItem())
        self.message.setText(
            self.tr("上書きされた値に戻しました。")
            if keep == "mine"
            else self.tr("今の値のままにしました。")
        )
        self.reload()
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(
                self.tree.topLevelItem(min(row, self.tree.topLevelItemCount() - 1))
            )
        sync = getattr(self.window, "sync", None)
        if sync is not None:
            sync.sync_now()
        return True

    def edit(self) -> None:
        conflict = self.current()
        customer_id = self.customer_of(conflict) if conflict else None
        if conflict is None or not customer_id:
            return
        if not access.allowed(self.window):
            self.message.setText(access.denied_words())
            return
        card = self.window.open_customer(customer_id)
        conflict_id = conflict["id"]

        def settle(_saved_id: str) -> None:
            card.saved.disconnect(settle)
            for item_index in range(self.tree.topLevelItemCount()):
                item = self.tree.topLevelItem(item_index)
                if item.data(0, ID_ROLE) == conflict_id:
                    self.tree.setCurrentItem(item)
                    self.resolve("theirs")  # the saved edit is the newest: it wins
                    return

        card.saved.connect(settle)
