"""The read-only table model over plain rows, for every small list of the window.

Rows are tuples shown column by column: an ``int`` as 1,234, anything else as its text.
Figures line up on the right, as on a receipt: numbers, and text that starts like one
(+33, -100, 2026/11/02). ``ROW_ROLE`` gives the row's object when one was handed to
:meth:`RowsModel.set_rows` (a campaign, an addressee), else the row tuple itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ROW_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class RowsModel(QAbstractTableModel):
    ROW_ROLE = ROW_ROLE

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[Any, ...]] = []
        self._objects: list[Any] = []

    def set_rows(self, rows: Sequence[tuple[Any, ...]], objects: Sequence[Any] = ()) -> None:
        """Show ``rows``; ``objects`` (one per row) are what ``ROW_ROLE`` gives back."""
        self.beginResetModel()
        self._rows = [tuple(r) for r in rows]
        self._objects = list(objects) or list(self._rows)
        self.endResetModel()

    def row_values(self, row: int) -> tuple[Any, ...]:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        value = row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{value:,}"
                if isinstance(value, int) and not isinstance(value, bool)
                else str(value)
            )
        if role == ROW_ROLE:
            return self._objects[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            _is_number(value) or str(value)[:1] in tuple("+-0123456789")
        ):
            return _RIGHT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None
