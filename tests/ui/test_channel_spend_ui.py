"""The owner enters a month's spend per channel from the keyboard; a clerk gets no action."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crmdesk.services import channels
from crmdesk.services.staff import Actor, add_staff
from crmdesk.ui.channels.spend import COL_YEN, ChannelSpendDialog

OWNER = Actor(None, "店主", "owner")


def _dialog(qtbot: Any, db: Any) -> ChannelSpendDialog:
    with db.transaction() as s:
        channels.ensure_default_channels(s)
    dialog = ChannelSpendDialog(db, OWNER)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.table.hasFocus)
    return dialog


def _type_on_row(qtbot: Any, dialog: ChannelSpendDialog, label: str, digits: str) -> None:
    """Arrow down to the channel's row, type the amount (the first key opens the editor)."""
    table = dialog.table
    labels = [r.label for r in dialog.model.rows]
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    while table.currentIndex().row() < labels.index(label):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().column() == COL_YEN
    qtbot.keyClick(table, digits[0])
    editor = QApplication.focusWidget()
    assert editor is not table
    qtbot.keyClicks(editor, digits[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # commit, on to the next cell


def _month_spend(db: Any, month: str) -> dict[str, int]:
    with db.reading() as s:
        return {r["channel"]: r["yen"] for r in channels.spend_rows(s, month, month)}


def test_type_two_amounts_and_enter_saves_them(qtbot: Any, db: Any) -> None:
    dialog = _dialog(qtbot, db)
    month = dialog.month_text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_PageUp)  # last month, then back
    assert dialog.month_text() != month
    qtbot.keyClick(dialog.table, Qt.Key.Key_PageDown)
    assert dialog.month_text() == month
    _type_on_row(qtbot, dialog, "チラシ", "30000")
    _type_on_row(qtbot, dialog, "SNS", "12500")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter saves
    assert _month_spend(db, month) == {"チラシ": 30000, "SNS": 12500}
    assert "保存しました（2 件）" in dialog.message.text()
    # opened again, the amounts are there
    again = ChannelSpendDialog(db, OWNER)
    qtbot.addWidget(again)
    shown = {r.label: again.model.index(i, COL_YEN).data() for i, r in enumerate(again.model.rows)}
    assert shown["チラシ"] == "30,000" and shown["SNS"] == "12,500" and shown["Web"] == ""


def test_a_negative_amount_is_refused_and_nothing_is_saved(qtbot: Any, db: Any) -> None:
    dialog = _dialog(qtbot, db)
    month = dialog.month_text()
    _type_on_row(qtbot, dialog, "チラシ", "8000")
    _type_on_row(qtbot, dialog, "Web", "-500")
    _type_on_row(qtbot, dialog, "DM", "abc")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter saves
    assert dialog.message.text().splitlines() == [
        "Web: 金額はマイナスにできません（-500）",
        "DM: 金額には0以上の数を入力してください",
    ]
    assert _month_spend(db, month) == {}  # not even チラシ's good amount
    qtbot.keyClick(dialog.table, Qt.Key.Key_PageUp)  # unsaved amounts keep the month
    assert dialog.month_text() == month
    assert dialog.message.text() == "保存していない金額があります。保存してから月を変えてください。"


def test_a_clerk_does_not_get_the_action(qtbot: Any, db: Any) -> None:
    from crmdesk.ui.main_window import MainWindow

    with db.transaction() as s:
        add_staff(s, "店主", "owner", "2468")
        add_staff(s, "佐藤", "staff", "1357", actor=OWNER)
    win: Any = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    dialog = win.staff_session.dialog
    dialog.staff_combo.setCurrentText("佐藤")
    qtbot.keyClicks(dialog.pin_edit, "1357")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert win.actor().name == "佐藤"
    feature = win.inquiry_feature
    win.menu("tools").aboutToShow.emit()
    assert feature.spend_action is not None and not feature.spend_action.isVisible()
    win.staff_session.switch()
    sign_in = win.staff_session.dialog
    sign_in.staff_combo.setCurrentText("店主")
    qtbot.keyClicks(sign_in.pin_edit, "2468")
    qtbot.keyClick(sign_in.pin_edit, Qt.Key.Key_Return)
    win.menu("tools").aboutToShow.emit()
    assert feature.spend_action.isVisible()


def test_the_model_holds_plain_rows(qtbot: Any, qtmodeltester: Any, db: Any) -> None:
    dialog = _dialog(qtbot, db)
    qtmodeltester.check(dialog.model)
    assert dialog.model.headerData(1, Qt.Orientation.Vertical) == "チラシ"
