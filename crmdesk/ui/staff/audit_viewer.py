"""The audit log viewer (owner): filter by kind, staff and day; export as CSV.

Rows come from :func:`crmdesk.services.audit.list_entries`, which checks the ``audit``
permission; the log holds ids and counts only, the staff member's name is looked up.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.errors import DomainError
from crmdesk.services import audit
from crmdesk.services import staff as staff_service
from crmdesk.ui import i18n
from crmdesk.ui.screen_fit import fit_to_screen

KIND_TITLES = {
    "": QT_TRANSLATE_NOOP("AuditViewer", "すべて"),
    "sign_in": QT_TRANSLATE_NOOP("AuditViewer", "サインイン"),
    "export": QT_TRANSLATE_NOOP("AuditViewer", "書き出し"),
    "print": QT_TRANSLATE_NOOP("AuditViewer", "印刷・DM"),
    "erase": QT_TRANSLATE_NOOP("AuditViewer", "削除・消去"),
    "merge": QT_TRANSLATE_NOOP("AuditViewer", "統合・取り消し"),
    "points": QT_TRANSLATE_NOOP("AuditViewer", "ポイント調整・ルール"),
    "settings": QT_TRANSLATE_NOOP("AuditViewer", "設定・スタッフ・役割"),
    "disclosure": QT_TRANSLATE_NOOP("AuditViewer", "開示"),
    "reveal": QT_TRANSLATE_NOOP("AuditViewer", "マスク解除"),
    "other": QT_TRANSLATE_NOOP("AuditViewer", "その他"),
}


def kind_title(kind: str) -> str:
    return QCoreApplication.translate("AuditViewer", KIND_TITLES.get(kind, kind))


class AuditViewer(QDialog):
    def __init__(self, db: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_viewer")
        self.setWindowTitle(self.tr("操作記録"))
        fit_to_screen(self, 900, 560)
        self.db, self.actor = db, actor
        self.rows: list[audit.AuditRow] = []
        self.kind = QComboBox(self)
        for kind in KIND_TITLES:
            self.kind.addItem(kind_title(kind), kind)
        self.staff = QComboBox(self)
        self.staff.addItem(self.tr("全員"), None)
        self.use_since = QCheckBox(self.tr("この日から"), self)
        self.since = QDateEdit(QDate.currentDate().addDays(-30), self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([self.tr("日時"), self.tr("種類"), self.tr("操作"),
                                              self.tr("スタッフ"), self.tr("対象"),
                                              self.tr("件数")])  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(self)
        export = QPushButton(self.tr("CSVに書き出し…"), self)
        close = QPushButton(self.tr("閉じる"), self)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("種類"), self.kind), (self.tr("スタッフ"), self.staff)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addWidget(self.use_since)
        filters.addWidget(self.since)
        filters.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(export)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        with db.sessions() as session:
            for row in staff_service.active_staff(session):
                self.staff.addItem(row.name, row.id)
        for signal in (self.kind.currentIndexChanged, self.staff.currentIndexChanged,
                       self.use_since.toggled, self.since.dateChanged):  # fmt: skip
            signal.connect(self.refresh)
        export.clicked.connect(self.ask_export)
        close.clicked.connect(self.accept)
        self.refresh()

    def refresh(self) -> None:
        since = self.since.date().toPython() if self.use_since.isChecked() else None
        try:
            with self.db.sessions() as session:
                self.rows = audit.list_entries(
                    session, actor=self.actor, kind=self.kind.currentData() or None,
                    staff_id=self.staff.currentData(), since=since,
                )  # fmt: skip
        except DomainError as error:
            self.rows = []
            self.message.setText(error.message(i18n.language()))
        else:
            self.message.setText(self.tr("{0}件").format(len(self.rows)))
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            local = row.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            cells = (local, kind_title(row.kind), row.action, row.staff,
                     f"{row.entity} {row.entity_id or ''}".strip(),
                     "" if row.row_count is None else str(row.row_count))  # fmt: skip
            for column, text in enumerate(cells):
                self.table.setItem(i, column, QTableWidgetItem(text))

    def export_to(self, path: str) -> None:
        audit.write_csv(path, self.rows)

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("操作記録の書き出し"),
                                              "audit.csv", "CSV (*.csv)")  # fmt: skip
        if path:
            self.export_to(path)
            self.message.setText(self.tr("書き出しました: {0}").format(path))
