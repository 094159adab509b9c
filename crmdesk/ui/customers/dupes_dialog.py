"""名寄せ: the list of likely duplicate pairs, a side-by-side merge, and undo."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from crmdesk.core.errors import DomainError
from crmdesk.core.messages import field_label, value_label
from crmdesk.services import customer_index, dupes
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.ui import i18n
from crmdesk.ui.operations import in_message_box, run_op
from crmdesk.ui.screen_fit import fit_to_screen
from crmdesk.ui.workers import run_in_background

REASONS = {
    "phone": QT_TRANSLATE_NOOP("DupesDialog", "電話"),
    "email": QT_TRANSLATE_NOOP("DupesDialog", "メール"),
    "birthday": QT_TRANSLATE_NOOP("DupesDialog", "生年月日"),
    "kana": QT_TRANSLATE_NOOP("DupesDialog", "フリガナ"),
    "name": QT_TRANSLATE_NOOP("DupesDialog", "氏名"),
    "address": QT_TRANSLATE_NOOP("DupesDialog", "住所"),
}


def reason_text(reason: str) -> str:
    return QCoreApplication.translate("DupesDialog", REASONS.get(reason, reason))


def _text(value: Any, field: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, str) and field:
        return value_label(field, value, i18n.language())
    if isinstance(value, bool):
        return "○" if value else "×"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _pairs_job(db: Any) -> list[dupes.DupePair]:
    with db.sessions() as session:
        return dupes.find_pairs(session)


class DupesDialog(QDialog):
    def __init__(self, db: Any, parent: Any = None, *, actor: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor if actor is not None else CLI_ACTOR  # the owner by default
        self.setWindowTitle(self.tr("名寄せ（重複した顧客の統合）"))
        self.pairs: list[dupes.DupePair] = []
        self.last_merge: str | None = None
        self.worker: Any = None

        self.pair_table = QTableWidget(0, 4)
        self.pair_table.setHorizontalHeaderLabels(
            [self.tr("一致度"), self.tr("顧客A"), self.tr("顧客B"), self.tr("一致した項目")]
        )
        self.pair_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.pair_table.itemSelectionChanged.connect(self._show_pair)
        self.fields = QTableWidget(0, 4)
        self.fields.setHorizontalHeaderLabels(
            [self.tr("項目"), self.tr("A（残す）"), self.tr("B（統合される）"), self.tr("採用")]
        )
        self.status = QLabel()
        self.status.setObjectName("dupes_status")
        self.find_button = QPushButton(self.tr("探す"))
        self.merge_button = QPushButton(self.tr("BをAに統合"))
        self.undo_button = QPushButton(self.tr("直前の統合を取り消す"))
        self.merge_button.setEnabled(False)
        self.undo_button.setEnabled(False)
        self.find_button.clicked.connect(self.find)
        self.merge_button.clicked.connect(self.merge_selected)
        self.undo_button.clicked.connect(self.undo_last)

        split = QSplitter()
        split.addWidget(self.pair_table)
        split.addWidget(self.fields)
        buttons = QHBoxLayout()
        for b in (self.find_button, self.merge_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        fit_to_screen(self, 1000, 600)
        self.choice_combos: dict[str, QComboBox] = {}

    def find(self) -> None:
        self.status.setText(self.tr("探しています…"))
        self.find_button.setEnabled(False)
        self.worker = run_in_background(_pairs_job, self.db, on_done=self._found,
                                        on_error=self._failed, owner=self)  # fmt: skip

    def _found(self, pairs: list[dupes.DupePair]) -> None:
        self.find_button.setEnabled(True)
        self.pairs = pairs
        names = {}
        with self.db.sessions() as session:
            for p in pairs:
                for cid in (p.a_id, p.b_id):
                    names[cid] = customer_index.get_customer(
                        session, cid, include_deleted=True
                    ).name
        self.pair_table.setRowCount(len(pairs))
        for i, p in enumerate(pairs):
            cells = (str(p.score), f"{p.a_number} {names[p.a_id]}", f"{p.b_number} {names[p.b_id]}",
                     self.tr("・").join(reason_text(r) for r in p.reasons))  # fmt: skip
            for c, text in enumerate(cells):
                self.pair_table.setItem(i, c, QTableWidgetItem(text))
        self.pair_table.resizeColumnsToContents()
        self.status.setText(
            self.tr("重複の疑い {0} 組").format(len(pairs))
            if pairs
            else self.tr("重複の疑いはありません")
        )

    def _failed(self, error: Exception) -> None:
        self.find_button.setEnabled(True)
        self.status.setText(
            error.message(i18n.language()) if isinstance(error, DomainError) else str(error)
        )

    def selected(self) -> dupes.DupePair | None:
        rows = self.pair_table.selectionModel().selectedRows()
        return self.pairs[rows[0].row()] if rows else None

    def _show_pair(self) -> None:
        pair = self.selected()
        self.merge_button.setEnabled(pair is not None)
        if pair is None:
            return
        with self.db.sessions() as session:
            a = customer_index.get_customer(session, pair.a_id)
            b = customer_index.get_customer(session, pair.b_id)
            values = [(n, getattr(a, n), getattr(b, n)) for n in dupes.CHOOSABLE]
        differing = [(n, va, vb) for n, va, vb in values if va != vb]
        self.fields.setRowCount(len(differing))
        self.choice_combos = {}
        for i, (name, va, vb) in enumerate(differing):
            self.fields.setItem(i, 0, QTableWidgetItem(field_label(name, i18n.language())))
            self.fields.setItem(i, 1, QTableWidgetItem(_text(va, name)))
            self.fields.setItem(i, 2, QTableWidgetItem(_text(vb, name)))
            combo = QComboBox()
            combo.addItem("A", "a")
            combo.addItem("B", "b")
            combo.setCurrentIndex(1 if va in (None, "") else 0)
            self.fields.setCellWidget(i, 3, combo)
            self.choice_combos[name] = combo
        self.fields.resizeColumnsToContents()

    def merge_selected(self) -> None:
        pair = self.selected()
        if pair is None:
            return
        choices = {name: combo.currentData() for name, combo in self.choice_combos.items()}
        done = run_op(
            self.db,
            lambda s: dupes.merge(s, pair.a_id, pair.b_id, choices, actor=self.actor),
            on_error=in_message_box(self, self.tr("統合できません")),
        )
        if not done.ok:
            return
        result = done.value
        self.last_merge = result.merge_id
        self.undo_button.setEnabled(True)
        moved = sum(result.moved.values())
        self.status.setText(
            self.tr("{b} を {a} に統合しました（移した履歴 {moved} 件）").format(
                b=pair.b_number, a=pair.a_number, moved=moved
            )
        )
        self._drop_pair(pair)

    def _drop_pair(self, pair: dupes.DupePair) -> None:
        index = self.pairs.index(pair)
        self.pairs.pop(index)
        self.pair_table.removeRow(index)
        self.fields.setRowCount(0)

    def undo_last(self) -> None:
        if self.last_merge is None:
            return
        merge_id = self.last_merge
        if not run_op(
            self.db,
            lambda s: dupes.undo(s, merge_id, actor=self.actor),
            on_error=in_message_box(self, self.tr("取り消せません")),
        ).ok:
            return
        self.last_merge = None
        self.undo_button.setEnabled(False)
        self.status.setText(self.tr("統合を取り消しました"))
