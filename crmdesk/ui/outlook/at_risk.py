"""The dashboard's "valuable and at risk" list: estimates, read from the stored outlook.

Double-click (or Enter) opens the customer when the dashboard was given a way to.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from crmdesk.core.money import format_yen
from crmdesk.services import outlook
from crmdesk.ui.rows_model import RowsModel
from crmdesk.ui.workers import run_in_background

LIMIT = 10


def load_job(db: Any, limit: int) -> tuple[dict[str, Any] | None, list[Any]]:

    with db.sessions() as session:
        return outlook.last_run(session), outlook.valuable_at_risk(session, limit=limit)


class AtRiskBox(QGroupBox):
    open_customer = Signal(str)
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("大切なお客様で、離れつつある方（推定）"))
        headers = [self.tr("顧客番号"), self.tr("お名前"), self.tr("累計購入"),
                   self.tr("最終来店"), self.tr("まだ来店の見込み")]  # fmt: skip
        self.model = RowsModel(headers, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        # the name takes the room; the figures stay next to their headings (the last
        # column stretched, its percentages sat a screen's width from the name)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setMaximumHeight(200)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: gray")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.note)
        self.rows: list[Any] = []
        self.view.doubleClicked.connect(self._activated)
        self.view.activated.connect(self._activated)

    def load(self, db: Any) -> None:
        self._worker = run_in_background(load_job, db, LIMIT, on_done=self._show, owner=self)

    def _show(self, result: tuple[dict[str, Any] | None, list[Any]]) -> None:
        run, self.rows = result
        self.model.set_rows([
            (r.customer_number, r.name, format_yen(r.spend_total), r.last_visit.isoformat(),
             "—" if r.outlook.get("p_active") is None else f"{r.outlook['p_active']:.0%}")
            for r in self.rows
        ])  # fmt: skip
        if run is None:
            self.note.setText(
                self.tr("見込みはまだ計算されていません（起動後しばらくで計算します）。")
            )
        elif run["model"] != "bgnbd":
            self.note.setText(self.tr(
                "来店記録が少ないため推定モデルは使わず、90日以上来店のない方を購入額順に表示しています。"
            ))  # fmt: skip
        else:
            self.note.setText(self.tr(
                "過去の来店から計算した推定値です（{day}時点）。まだ来店の見込みが50%未満の方を、"
                "離れると失う購入額の大きい順に表示しています。"
            ).format(day=run["as_of"]))  # fmt: skip
        self.loaded.emit()

    def _activated(self, index: Any) -> None:
        if 0 <= index.row() < len(self.rows):
            self.open_customer.emit(self.rows[index.row()].customer_id)
