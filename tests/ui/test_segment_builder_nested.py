"""The segment builder's nested groups, built with the keyboard only: (A or B) and C."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from crmdesk.core import segments as rules
from crmdesk.services import customers, segments
from crmdesk.ui.mailings.condition_group import ConditionGroup
from crmdesk.ui.mailings.segment_builder import SegmentBuilderDialog
from tests.helpers.factories import add_customer
from tests.helpers.shop import type_text

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def shop(db):
    osaka = {"postal_code": "5300001", "prefecture": "大阪府", "city": "大阪市北区"}
    with db.transaction() as session:
        add_customer(session, family_name="東京", gender="female")
        add_customer(session, family_name="東京", given_name="太郎", gender="male")
        vip = add_customer(session, family_name="大阪", gender="female", **osaka)
        vip_man = add_customer(session, family_name="大阪", given_name="健", gender="male", **osaka)
        add_customer(
            session, family_name="京都", gender="female", postal_code="6008001",
            prefecture="京都府", city="京都市下京区",
        )  # fmt: skip
        customers.set_tags(session, vip, ["VIP"])
        customers.set_tags(session, vip_man, ["VIP"])


def focused():
    return QApplication.focusWidget()


def choose(qtbot, combo: QComboBox, data: str) -> None:
    """Pick an item with the arrow keys, as a keyboard user does."""
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def tab(qtbot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def test_build_a_nested_segment_with_the_keyboard_save_and_reload(qtbot, db, shop) -> None:
    dialog = SegmentBuilderDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.name_edit.setFocus()
    qtbot.waitUntil(lambda: focused() is dialog.name_edit)
    type_text(qtbot, dialog.name_edit, "東京かVIPの女性")

    # (東京都 or VIP): a new group, its first condition focused.
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_G, CTRL_SHIFT)
    (group,) = dialog.root.groups()
    assert group.op_box.currentData() == "or" and len(group.rows()) == 1
    first = group.rows()[0]
    assert focused() is first.field_box
    choose(qtbot, first.field_box, "prefecture")
    tab(qtbot)
    assert focused() is first.cmp_box and first.cmp() == "in"
    tab(qtbot)
    assert focused() is first.value_edit
    type_text(qtbot, first.value_edit, "東京都")  # as the input method commits it
    qtbot.keyClick(first.value_edit, Qt.Key.Key_A, CTRL_SHIFT)  # into the focused group
    assert len(group.rows()) == 2 and dialog.rows == []
    second = group.rows()[1]
    assert focused() is second.field_box
    choose(qtbot, second.field_box, "tags")
    tab(qtbot)
    tab(qtbot)
    qtbot.keyClicks(focused(), "VIP")
    assert second.leaf() == {"field": "tags", "cmp": "any", "value": ["VIP"]}

    # ... and female: from outside the group, the condition goes to the top level.
    dialog.description_edit.setFocus()
    qtbot.waitUntil(lambda: focused() is dialog.description_edit)
    qtbot.keyClick(dialog.description_edit, Qt.Key.Key_A, CTRL_SHIFT)
    (third,) = dialog.rows
    assert focused() is third.field_box
    choose(qtbot, third.field_box, "gender")
    tab(qtbot)
    tab(qtbot)
    with qtbot.waitSignal(dialog.counted, timeout=5000) as counted:
        qtbot.keyClicks(focused(), "female")
    tree = dialog.tree()
    assert tree == {
        "op": "and",
        "conditions": [
            {
                "op": "or",
                "conditions": [
                    {"field": "prefecture", "cmp": "in", "value": ["東京都"]},
                    {"field": "tags", "cmp": "any", "value": ["VIP"]},
                ],
            },
            {"field": "gender", "cmp": "in", "value": ["female"]},
        ],
    }
    with db.transaction() as session:
        service_count = segments.count_segment(session, tree)
    assert counted.args == [service_count] == [2]  # 東京 and 大阪 women
    assert dialog.count_label.text() == "2人"

    dialog.name_edit.setFocus()
    qtbot.waitUntil(lambda: focused() is dialog.name_edit)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # the dialog's default button: save
    assert dialog.result() == dialog.DialogCode.Accepted
    with db.transaction() as session:
        saved = segments.get_segment(session, "東京かVIPの女性")
    assert saved.definition == rules.validate_tree(tree)

    reopened = SegmentBuilderDialog(db, "東京かVIPの女性")
    qtbot.addWidget(reopened)
    assert reopened.tree() == saved.definition
    (group,) = reopened.root.groups()
    assert [r.value_edit.text() for r in group.rows()] == ["東京都", "VIP"]
    assert [r.field() for r in reopened.rows] == ["gender"]
    qtbot.waitUntil(lambda: reopened.count_label.text() == "2人", timeout=5000)


def test_remove_a_group_with_the_keyboard_and_the_depth_limit(qtbot, db, shop) -> None:
    dialog = SegmentBuilderDialog(db)
    qtbot.addWidget(dialog)
    group: ConditionGroup | None = dialog.root
    for _ in range(rules.MAX_DEPTH - 1):
        group = group.add_group("and")
        assert group is not None
    assert not group.add_group_button.isEnabled() and group.add_group() is None
    row = group.add_condition()
    choose(qtbot, row.field_box, "gender")
    qtbot.keyClicks(row.value_edit, "male")
    with qtbot.waitSignal(dialog.counted, timeout=5000) as counted:
        pass
    assert counted.args == [2]
    assert rules.validate_tree(dialog.tree())  # as deep as the core allows

    outer = dialog.root.groups()[0]
    outer.remove_button.setFocus()
    with qtbot.waitSignal(dialog.counted, timeout=5000) as counted:
        qtbot.keyClick(outer.remove_button, Qt.Key.Key_Space)
    assert counted.args == [5] and dialog.root.groups() == []
    assert dialog.tree() == {"op": "and", "conditions": []}
