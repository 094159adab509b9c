"""Follow-ups: today's and overdue inquiries, and what each assignee has open.

A window of its own (not modal), opened from the Tools menu and by the start-up reminder.
Enter or a double click opens the inquiry; the list refreshes when it is saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.clock import local_today, to_local
from crmdesk.services.inquiry_queries import InquiryRow, due_follow_ups, open_by_assignee
from crmdesk.ui.inquiries import labels as inquiry_labels
from crmdesk.ui.inquiries.dialog import InquiryDialog
from crmdesk.ui.screen_fit import fit_to_screen

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class InquiryTableModel(QAbstractTableModel):
    """Inquiry rows (plain data) for a table: follow-up, status, who, subject, assignee."""

    COL_FOLLOW_UP, COL_STATUS, COL_PRIORITY, COL_WHO, COL_SUBJECT, COL_ASSIGNEE, COL_RECEIVED = (
        range(7)
    )
    HEADERS = (  # translated in headerData: the translator comes after import
        QT_TRANSLATE_NOOP("InquiryTableModel", "フォローアップ"),
        QT_TRANSLATE_NOOP("InquiryTableModel", "状態"),
        QT_TRANSLATE_NOOP("InquiryTableModel", "優先度"),
        QT_TRANSLATE_NOOP("InquiryTableModel", "顧客・お客様"),
        QT_TRANSLATE_NOOP("InquiryTableModel", "件名"),
        QT_TRANSLATE_NOOP("InquiryTableModel", "担当"),
        QT_TRANSLATE_NOOP("InquiryTableModel", "受付"),
    )

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.rows: list[InquiryRow] = []

    def set_rows(self, rows: list[InquiryRow], today: date | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.today = today or self.today
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("InquiryTableModel", self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and row.is_overdue(self.today):
            return QBrush(QColor("#b00020"))
        return None

    def _text(self, row: InquiryRow, column: int) -> str:
        if column == self.COL_FOLLOW_UP:
            if row.follow_up_on is None:
                return ""
            late = (self.today - row.follow_up_on).days
            if late > 0:
                suffix = self.tr("（{0}日超過）").format(late)
            else:
                suffix = self.tr("（今日）") if late == 0 else ""
            return f"{row.follow_up_on:%m/%d}{suffix}"
        if column == self.COL_STATUS:
            return inquiry_labels.status(row.status)
        if column == self.COL_PRIORITY:
            return inquiry_labels.priority(row.priority)
        if column == self.COL_WHO:
            return row.who if row.customer_id else self.tr("{0}（未登録）").format(row.who)
        if column == self.COL_SUBJECT:
            return row.subject
        if column == self.COL_ASSIGNEE:
            return row.assignee
        return to_local(row.received_at).strftime("%Y-%m-%d %H:%M")


class FollowUpsView(QDialog):
    """Today's and overdue follow-ups, and open inquiries per assignee."""

    open_inquiry = Signal(str)

    def __init__(self, db: Any, *, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.fixed_today = today
        self.setWindowTitle(self.tr("フォローアップ"))
        fit_to_screen(self, 900, 520)
        self.summary = QLabel()
        self.model = InquiryTableModel(self.today())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            InquiryTableModel.COL_SUBJECT, QHeaderView.ResizeMode.Stretch
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.by_assignee = QListWidget()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.by_assignee)
        split.setSizes([380, 120])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.open_inquiry.connect(self._edit)
        self._dialog: QDialog | None = None
        self.refresh()

    def today(self) -> date:
        return self.fixed_today or local_today()

    def refresh(self) -> None:
        today = self.today()
        with self.db.transaction() as session:
            rows = due_follow_ups(session, today)
            loads = open_by_assignee(session, today)
        self.model.set_rows(rows, today)
        self.table.resizeColumnsToContents()
        overdue = sum(r.is_overdue(today) for r in rows)
        self.summary.setText(
            self.tr("{date}  今日のフォローアップ {today} 件・期限切れ {overdue} 件").format(
                date=self.tr("{y}年{m}月{d}日").format(
                    y=today.year, m=f"{today.month:02}", d=f"{today.day:02}"
                ),
                today=len(rows) - overdue,
                overdue=overdue,
            )
        )
        self.by_assignee.clear()
        for load in loads:
            name = load.assignee or self.tr("（担当未定）")
            self.by_assignee.addItem(
                self.tr("{name}: 未完了 {open} 件（うち期日到来 {due} 件）").format(
                    name=name, open=load.open, due=load.due
                )
            )
        if rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def subjects(self) -> list[str]:
        return [r.subject for r in self.model.rows]

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.data(index, ROW_ROLE)
        if row is not None:
            self.open_inquiry.emit(row.id)

    def _edit(self, inquiry_id: str) -> None:

        self._dialog = InquiryDialog(
            self.db, inquiry_id=inquiry_id, today=self.today(), parent=self
        )
        self._dialog.saved.connect(lambda _id: self.refresh())
        self._dialog.show()
