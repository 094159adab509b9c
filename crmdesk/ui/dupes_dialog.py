"""名寄せ: the list of likely duplicate pairs, a side-by-side merge, and undo."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from crmdesk.core.errors import DomainError
from crmdesk.core.messages import field_label
from crmdesk.services import customers, dupes
from crmdesk.ui.workers import run_in_background

REASONS = {"phone": "電話", "email": "メール", "birthday": "生年月日", "kana": "フリガナ",
           "name": "氏名", "address": "住所"}  # fmt: skip


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "○" if value else "×"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _pairs_job(db: Any) -> list[dupes.DupePair]:
    with db.sessions() as session:
        return dupes.find_pairs(session)


class DupesDialog(QDialog):
    def __init__(self, db: Any, parent: Any = None, *, actor_name: str = "") -> None:
        super().__init__(parent)
        self.db, self.actor_name = db, actor_name
        self.setWindowTitle("名寄せ（重複した顧客の統合）")
        self.pairs: list[dupes.DupePair] = []
        self.last_merge: str | None = None
        self.worker: Any = None

        self.pair_table = QTableWidget(0, 4)
        self.pair_table.setHorizontalHeaderLabels(["一致度", "顧客A", "顧客B", "一致した項目"])
        self.pair_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.pair_table.itemSelectionChanged.connect(self._show_pair)
        self.fields = QTableWidget(0, 4)
        self.fields.setHorizontalHeaderLabels(["項目", "A（残す）", "B（統合される）", "採用"])
        self.status = QLabel()
        self.status.setObjectName("dupes_status")
        self.find_button = QPushButton("探す")
        self.merge_button = QPushButton("BをAに統合")
        self.undo_button = QPushButton("直前の統合を取り消す")
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
        self.resize(1000, 600)
        self.choice_combos: dict[str, QComboBox] = {}

    def find(self) -> None:
        self.status.setText("探しています…")
        self.find_button.setEnabled(False)
        self.worker = run_in_background(_pairs_job, self.db, on_done=self._found,
                                        on_error=self._failed)  # fmt: skip

    def _found(self, pairs: list[dupes.DupePair]) -> None:
        self.find_button.setEnabled(True)
        self.pairs = pairs
        names = {}
        with self.db.sessions() as session:
            for p in pairs:
                for cid in (p.a_id, p.b_id):
                    names[cid] = customers.get_customer(session, cid, include_deleted=True).name
        self.pair_table.setRowCount(len(pairs))
        for i, p in enumerate(pairs):
            cells = (str(p.score), f"{p.a_number} {names[p.a_id]}", f"{p.b_number} {names[p.b_id]}",
                     "・".join(REASONS.get(r, r) for r in p.reasons))  # fmt: skip
            for c, text in enumerate(cells):
                self.pair_table.setItem(i, c, QTableWidgetItem(text))
        self.pair_table.resizeColumnsToContents()
        self.status.setText(f"重複の疑い {len(pairs)} 組" if pairs else "重複の疑いはありません")

    def _failed(self, error: Exception) -> None:
        self.find_button.setEnabled(True)
        self.status.setText(error.message("ja") if isinstance(error, DomainError) else str(error))

    def selected(self) -> dupes.DupePair | None:
        rows = self.pair_table.selectionModel().selectedRows()
        return self.pairs[rows[0].row()] if rows else None

    def _show_pair(self) -> None:
        pair = self.selected()
        self.merge_button.setEnabled(pair is not None)
        if pair is None:
            return
        with self.db.sessions() as session:
            a = customers.get_customer(session, pair.a_id)
            b = customers.get_customer(session, pair.b_id)
            values = [(n, getattr(a, n), getattr(b, n)) for n in dupes.CHOOSABLE]
        differing = [(n, va, vb) for n, va, vb in values if va != vb]
        self.fields.setRowCount(len(differing))
        self.choice_combos = {}
        for i, (name, va, vb) in enumerate(differing):
            self.fields.setItem(i, 0, QTableWidgetItem(field_label(name, "ja")))
            self.fields.setItem(i, 1, QTableWidgetItem(_text(va)))
            self.fields.setItem(i, 2, QTableWidgetItem(_text(vb)))
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
        try:
            with self.db.transaction() as session:
                result = dupes.merge(session, pair.a_id, pair.b_id, choices,
                                     actor=self.actor_name)  # fmt: skip
        except DomainError as error:
            QMessageBox.warning(self, "統合できません", error.message("ja"))
            return
        self.last_merge = result.merge_id
        self.undo_button.setEnabled(True)
        moved = sum(result.moved.values())
        self.status.setText(
            f"{pair.b_number} を {pair.a_number} に統合しました（移した履歴 {moved} 件）"
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
        try:
            with self.db.transaction() as session:
                dupes.undo(session, self.last_merge, actor=self.actor_name)
        except DomainError as error:
            QMessageBox.warning(self, "取り消せません", error.message("ja"))
            return
        self.last_merge = None
        self.undo_button.setEnabled(False)
        self.status.setText("統合を取り消しました")
