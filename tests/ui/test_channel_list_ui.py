"""The owner edits the acquisition channels from the keyboard; the customer card follows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from crmdesk.services import channels
from crmdesk.services.staff import Actor
from crmdesk.ui.channels.channel_list import channel_list_dialog
from crmdesk.ui.customers.card import CustomerCard
from tests.helpers.qt_typing import type_text
from tests.ui.test_inquiry_categories_ui import _list_texts

STAFF = Actor(staff_id=None, name="店員", role="staff")


def _dialog(qtbot: Any, db: Any, actor: Actor | None = None) -> Any:
    dialog = channel_list_dialog(db, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def _select(qtbot: Any, dialog: Any, name: str) -> None:
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Home)
    for _ in range(dialog.list.count()):
        if dialog.list.currentItem().text() == name:
            return
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    raise AssertionError(f"{name} is not in the list")


def _offered_on_a_card(qtbot: Any, db: Any) -> list[str]:
    card = CustomerCard(db)
    qtbot.addWidget(card)
    return [card.ui.channel.itemText(i) for i in range(1, card.ui.channel.count())]


def test_add_rename_move_and_retire_reach_the_card(qtbot: Any, db: Any) -> None:
    dialog = _dialog(qtbot, db)
    assert dialog.windowTitle() == "流入経路"
    assert _list_texts(dialog)[:2] == ["紹介", "チラシ"]
    qtbot.waitUntil(dialog.name.hasFocus)
    type_text(dialog.name, "ホットペッパー")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert _list_texts(dialog)[-1] == "ホットペッパー"
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _list_texts(dialog)[-2] == "ホットペッパー"
    _select(qtbot, dialog, "チラシ")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert "チラシ（使用終了）" in _list_texts(dialog)
    _select(qtbot, dialog, "ホットペッパー")
    qtbot.keyClick(dialog.list, Qt.Key.Key_F2)
    dialog.name.selectAll()
    type_text(dialog.name, "HPB")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert "HPB" in _list_texts(dialog)
    type_text(dialog.name, "ｗｅｂ")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.message.text() == "流入経路「ｗｅｂ」はすでにあります"
    offered = _offered_on_a_card(qtbot, db)
    assert "チラシ" not in offered and offered.index("HPB") == len(offered) - 2
    assert "使用をやめた流入経路は新しい顧客カードに出ません" in dialog.note.text()


def test_staff_see_the_list_read_only(qtbot: Any, db: Any) -> None:
    dialog = _dialog(qtbot, db, STAFF)
    assert not dialog.add_button.isEnabled() and not dialog.name.isEnabled()
    assert dialog.note.text() == "流入経路を変更できるのはオーナーだけです。"
    with db.transaction() as s:
        assert len(channels.list_channels(s)) == 8


def test_the_segment_builder_offers_channel_is(qtbot: Any, db: Any) -> None:
    from crmdesk.services import segments
    from crmdesk.ui.mailings.condition_row import ConditionRow
    from tests.helpers.factories import add_customer

    with db.transaction() as s:
        add_customer(s, channel_id="チラシ")
        add_customer(s, family_name="佐藤", phone1="090-1212-3434", channel_id="SNS")
    row = ConditionRow()
    qtbot.addWidget(row)
    row.field_box.setCurrentIndex(row.field_box.findData("acquisition_channel"))
    assert row.field_box.currentText() == "流入経路"
    assert row.cmp_box.currentText() == "いずれか"
    assert row.value_edit.placeholderText() == "例: チラシ, Web（流入経路の名前）"
    row.value_edit.setText("チラシ、SNS")
    tree = {"op": "and", "conditions": [row.leaf()]}
    with db.transaction() as s:
        assert segments.count_segment(s, tree) == 2
