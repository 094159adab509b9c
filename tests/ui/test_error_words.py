"""A failure the user can act on is said in the window's language, without code words."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from crmdesk.core.errors import DomainError
from crmdesk.ui import i18n
from crmdesk.ui.errors import report_failure


def _close_next_box(seen: list[str]) -> None:
    def close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, close)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, close)


def test_a_domain_error_is_said_in_the_windows_language(qtbot) -> None:
    seen: list[str] = []
    _close_next_box(seen)
    said = report_failure("保存できませんでした", DomainError("database_busy"))
    assert said == (
        "保存できませんでした（エラー: 別の画面が保存中です。少し待ってからもう一度お試しください）"
    )
    assert seen == [said]
    assert i18n.set_language("en")
    try:
        _close_next_box(seen)
        said = report_failure("Not saved", DomainError("database_busy"))
        assert "Another window is saving" in said and "DomainError" not in said
    finally:
        i18n.set_language("ja")
