"""A notice bar at the foot of the main window: reminders, and errors staff must see.

A notice sits in the window's own layout, below the customer list, so it never covers a
result; it never takes the keyboard (staff may be typing a name); Esc at an empty search
box closes the newest notice, and its × button closes it with the mouse. An error notice
is red and stays until closed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

INFO_STYLE = "#notice { background: #fff8d6; border: 1px solid #e0c060; border-radius: 4px; }"
ERROR_STYLE = (
    "#notice { background: #ffe4e4; border: 1px solid #d04040; border-radius: 4px; }"
    " #notice QLabel { color: #900; font-weight: bold; }"
)


class Notice(QFrame):
    closed = Signal()

    def __init__(
        self,
        text: str,
        actions: Sequence[tuple[str, Callable[[], object]]] = (),
        *,
        error: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.is_error = error
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        for title, act in actions:
            button = QPushButton(title)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, a=act: (a(), self.dismiss()))
            row.addWidget(button)
            self.buttons.append(button)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("閉じる (Esc)"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.dismiss)
        row.addWidget(self.close_button)

    def text(self) -> str:
        return self.label.text()

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()
        self.deleteLater()
