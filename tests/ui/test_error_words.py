"""A failure the user can act on is said in the window's language, without code words."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from crmdesk.core.errors import DomainError
from crmdesk.ui import i18n
from crmdesk.ui.errors import report_failure
from tests.helpers.message_boxes import answer_next_box

OK = QMessageBox.StandardButton.Ok


def test_a_domain_error_is_said_in_the_windows_language(qtbot) -> None:
    seen: list[str] = []
    answer_next_box(OK, seen)
    said = report_failure("保存できませんでした", DomainError("database_busy"))
    assert said == (
        "保存できませんでした（エラー: 別の画面が保存中です。少し待ってからもう一度お試しください）"
    )
    assert seen == [said]
    assert i18n.set_language("en")
    try:
        answer_next_box(OK, seen)
        said = report_failure("Not saved", DomainError("database_busy"))
        assert "Another window is saving" in said and "DomainError" not in said
    finally:
        i18n.set_language("ja")
