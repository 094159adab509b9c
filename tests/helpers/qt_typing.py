"""Typing Japanese into real widgets.

``QTest.keyClicks`` knows ASCII keys only, so each character is sent as a key event
carrying its text, the way a kana keyboard or a barcode scanner delivers it; the widget
handles it exactly as typed input (textEdited fires, validators and filters run).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)
        QApplication.processEvents()
