"""Answering the next modal message box as a person would (it blocks until answered)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_next(choose: Callable[[QMessageBox], None], seen: list[str] | None = None) -> list[str]:
    """Let ``choose`` answer the next message box to open; its text goes into ``seen``
    (returned; a new list when not given)."""
    seen = [] if seen is None else seen

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        choose(box)

    QTimer.singleShot(0, answer)
    return seen


def answer_next_box(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Click ``button`` in the next message box to open; its text goes into ``seen``."""
    answer_next(lambda box: box.button(button).click(), seen)
