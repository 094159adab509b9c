"""The owner's monthly spend per acquisition channel (流入経路別の広告費).

A month (PgUp / PgDn move it; the field takes YYYY-MM) and a table of the active
channels with the yen spent on each that month, prefilled from what is entered. Typing
digits on a row edits its amount, Tab / arrows move, Enter saves. Save writes every
changed amount in one transaction; a bad amount (negative, not a number) names its
channel and nothing is written. Owner only (permission ``settings``), as is set_spend.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.channels import check_spend, display_name
from crmdesk.core.errors import DomainError
from crmdesk.core.normalize import normalize_text
from crmdesk.services import channels
from crmdesk.services.staff import Actor
from crmdesk.ui import i18n
from crmdesk.ui.screen_fit import fit_to_screen
from crmdesk.ui.window_api import WindowApi

COL_YEN = 0  # the one column; each row's channel is its header, so keys stay on amounts
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class SpendRow:
    """A channel and its amount for the month: as entered (``saved``) and as typed."""

    channel_id: str
    label: str
    saved: int | None
    text: str

    @property
    def changed(self) -> bool:
        return self.text.strip() != ("" if self.saved is None else str(self.saved))


def parse_yen(text: str) -> int | None:
    """``12,000`` / ``１２０００円`` -> 12000; blank -> None; not a number: invalid_number."""
    clean = normalize_text(text).replace(",", "").replace("円", "").replace("¥", "").strip()
    if not clean:
        return None
    try:
        return int(clean)
    except ValueError:
        raise DomainError("invalid_number", field="yen") from None


class SpendModel(QAbstractTableModel):
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[SpendRow] = []

    def set_rows(self, rows: list[SpendRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == self.ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.EditRole:
            return row.text
        if role == Qt.ItemDataRole.DisplayRole:
            try:
                value = parse_yen(row.text)
            except DomainError:
                return row.text
            return "" if value is None else f"{value:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != COL_YEN:
            return False
        self.rows[index.row()] = replace(self.rows[index.row()], text=str(value or ""))
        self.dataChanged.emit(index, index)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.rows[section].label if 0 <= section < len(self.rows) else None
        return QCoreApplication.translate("ChannelSpendDialog", "広告費（円）")


class AmountDelegate(QStyledItemDelegate):
    """Enter in an amount's editor keeps what was typed and saves (the dialog's Enter)."""

    enter = Signal()

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(editor, QWidget)
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            self.enter.emit()
            return True
        return super().eventFilter(editor, event)


class ChannelSpendDialog(QDialog):
    def __init__(self, db: Any, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("流入経路別の広告費"))
        self.month = QDateEdit(self)
        self.month.setDisplayFormat("yyyy-MM")
        today = date.today()
        self.month.setDate(QDate(today.year, today.month, 1))
        self.month.setCurrentSection(QDateEdit.Section.MonthSection)
        self.model = SpendModel(self)
        self.loaded_month = ""  # the month the table shows
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.delegate = AmountDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(True)
        self.table.horizontalHeader().setSectionResizeMode(COL_YEN, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.note = QLabel(
            self.tr("金額を入力して Enter で保存。PgUp / PgDn で月を移動。"),
            self,
        )
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        form = QFormLayout()
        form.addRow(self.tr("対象月(&M):"), self.month)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 420, 420)
        self._connect_signals()
        self.load()
        self.table.setFocus()
        self.table.setCurrentIndex(self.model.index(0, COL_YEN))

    def _connect_signals(self) -> None:
        self.month.dateChanged.connect(self._month_changed)
        self.buttons.accepted.connect(self.save)
        self.delegate.enter.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for key, step in ((QKeySequence.StandardKey.MoveToPreviousPage, -1),
                          (QKeySequence.StandardKey.MoveToNextPage, 1)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda step=step: self.move_month(step))

    def month_text(self) -> str:
        return self.month.date().toString("yyyy-MM")

    def move_month(self, step: int) -> None:
        self.month.setDate(self.month.date().addMonths(step))

    def _month_changed(self, _date: QDate) -> None:
        """Typed amounts belong to the month shown: moving on with some unsaved is refused."""
        if any(r.changed for r in self.model.rows) and self.month_text() != self.loaded_month:
            year, month = map(int, self.loaded_month.split("-"))
            self.month.blockSignals(True)
            self.month.setDate(QDate(year, month, 1))
            self.month.blockSignals(False)
            self.message.setText(
                self.tr("保存していない金額があります。保存してから月を変えてください。")
            )
            return
        self.load()

    def load(self) -> None:
        month, lang = self.month_text(), i18n.language()
        with self.db.reading() as session:
            entered = {r["channel"]: r["yen"] for r in channels.spend_rows(session, month, month)}
            listed = channels.list_channels(session)
            rows = [
                SpendRow(c.id, display_name(c.name, lang), entered.get(c.name),
                         "" if entered.get(c.name) is None else str(entered[c.name]))
                for c in listed
            ]  # fmt: skip
        current = self.table.currentIndex()
        self.loaded_month = month
        self.model.set_rows(rows)
        self.message.clear()
        if rows:
            row = current.row() if 0 <= current.row() < len(rows) else 0
            self.table.setCurrentIndex(self.model.index(row, COL_YEN))

    def _row_error(self, row: SpendRow, error: DomainError) -> str:
        return self.tr("{channel}: {message}").format(
            channel=row.label, message=error.message(i18n.language())
        )

    def save(self) -> bool:
        """Write every changed amount in one transaction; refuse all on any bad one."""
        focus = self.focusWidget()
        if focus is not None and self.table.viewport().isAncestorOf(focus):
            self.table.commitData(focus)  # an amount still being typed counts
        if not self.actor.can("settings"):
            self.message.setText(DomainError("permission_denied", field="settings").message(
                i18n.language()))  # fmt: skip
            return False
        changed: list[tuple[SpendRow, int]] = []
        problems: list[str] = []
        for row in self.model.rows:
            if not row.changed:
                continue
            try:
                yen = parse_yen(row.text)
                if yen is not None:
                    check_spend(yen)
            except DomainError as error:
                problems.append(self._row_error(row, error))
                continue
            changed.append((row, 0 if yen is None else yen))
        if problems:
            self.message.setText("\n".join(problems))
            return False
        month, current = self.month_text(), None
        try:
            with self.db.transaction() as session:
                for current, yen in changed:
                    channels.set_spend(session, current.channel_id, month, yen, actor=self.actor)
        except DomainError as error:
            first = (getattr(error, "errors", None) or [error])[0]
            self.message.setText(
                first.message(i18n.language()) if current is None
                else self._row_error(current, first)
            )  # fmt: skip
            return False
        self.load()
        self.message.setText(
            self.tr("{month} の広告費を保存しました（{count} 件）").format(
                month=month, count=len(changed)
            )
        )
        return True


def open_channel_spend(window: WindowApi, actor: Actor) -> ChannelSpendDialog:
    dialog = ChannelSpendDialog(window.db, actor, parent=window.window())
    dialog.show()
    dialog.activateWindow()
    return dialog
