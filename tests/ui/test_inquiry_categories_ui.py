"""The owner edits inquiry categories in a dialog, keyboard only; the inquiry form follows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMenu

from crmdesk.services import inquiry_categories
from crmdesk.services.staff import Actor
from crmdesk.ui import i18n
from crmdesk.ui.inquiries.categories import InquiryCategoriesDialog
from crmdesk.ui.inquiries.dialog import InquiryDialog
from tests.helpers.qt_typing import type_text
from tests.ui.test_language_features import JAPANESE, visible_texts

STAFF = Actor(staff_id=None, name="店員", role="staff")


def _offered(qtbot: Any, db: Any) -> list[str]:
    """The categories a new inquiry offers (the combo, without "uncategorised")."""
    form = InquiryDialog(db)
    qtbot.addWidget(form)
    return [form.category.itemText(i) for i in range(1, form.category.count())]


def _stored(db: Any) -> list[tuple[str, bool]]:
    with db.transaction() as s:
        return [
            (c.name, c.active) for c in inquiry_categories.list_categories(s, include_inactive=True)
        ]


def _dialog(qtbot: Any, db: Any, actor: Actor | None = None) -> InquiryCategoriesDialog:
    dialog = InquiryCategoriesDialog(db, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def _list_texts(dialog: InquiryCategoriesDialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def _select(qtbot: Any, dialog: InquiryCategoriesDialog, name: str) -> None:
    dialog.list.setFocus()
    while dialog.list.currentItem().text() != name:
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)


def test_added_category_is_offered_for_new_inquiries(qtbot: Any, db: Any) -> None:
    dialog = _dialog(qtbot, db)
    qtbot.waitUntil(dialog.name.hasFocus)  # typing can start at once
    type_text(dialog.name, "ギフト包装")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter adds; it does not close the dialog
    assert dialog.message.text() == "" and dialog.name.text() == ""
    assert _list_texts(dialog)[-1] == "ギフト包装"
    assert dialog.list.currentItem().text() == "ギフト包装"
    assert _offered(qtbot, db)[-1] == "ギフト包装"


def test_retired_category_is_not_offered_and_can_come_back(qtbot: Any, db: Any) -> None:
    dialog = _dialog(qtbot, db)
    _select(qtbot, dialog, "予約")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert "予約（使用終了）" in _list_texts(dialog)
    assert dialog.retire_button.text() == "使用を再開(&D)"
    assert "予約" not in _offered(qtbot, db)
    assert ("予約", False) in _stored(db)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert "予約" in _list_texts(dialog) and "予約" in _offered(qtbot, db)


def test_duplicate_name_is_refused_naming_the_field(qtbot: Any, db: Any) -> None:
    dialog = _dialog(qtbot, db)
    before = _stored(db)
    type_text(dialog.name, "ｸﾚｰﾑ")  # the same name in half-width kana
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.message.text() == "分類「ｸﾚｰﾑ」はすでにあります"
    assert _stored(db) == before
    # renaming onto a name in use is refused the same way
    _select(qtbot, dialog, "修理")
    qtbot.keyClick(dialog.list, Qt.Key.Key_F2)
    assert dialog.name.hasFocus() and dialog.name.selectedText() == "修理"
    type_text(dialog.name, "予約")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.message.text() == "分類「予約」はすでにあります"
    assert _stored(db) == before
    dialog.name.clear()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.message.text() == "分類を入力してください"
    type_text(dialog.name, "修理・お直し")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.message.text() == ""
    assert "修理・お直し" in _offered(qtbot, db) and "修理" not in _offered(qtbot, db)
    assert len(_stored(db)) == len(before)


def test_reorder_with_the_keyboard(qtbot: Any, db: Any) -> None:
    dialog = _dialog(qtbot, db)
    start = _offered(qtbot, db)
    _select(qtbot, dialog, start[-1])
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    expected = [*start[:-3], start[-1], start[-3], start[-2]]
    assert _list_texts(dialog) == expected
    assert dialog.list.currentItem().text() == start[-1]  # the moved one stays selected
    assert _offered(qtbot, db) == expected
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _offered(qtbot, db) == [*start[:-2], start[-1], start[-2]]


def test_staff_see_the_list_read_only(qtbot: Any, db: Any) -> None:
    dialog = _dialog(qtbot, db, STAFF)
    before = _stored(db)
    assert not dialog.name.isEnabled() and not dialog.add_button.isEnabled()
    assert not dialog.retire_button.isEnabled() and not dialog.up_button.isEnabled()
    assert dialog.note.text() == "分類を変更できるのはオーナーだけです。"
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert _stored(db) == before


class HostWindow(QMainWindow):
    """The window API of crmdesk.ui.extensions, with a signed-in actor."""

    def __init__(self, db: Any, actor: Actor | None = None) -> None:
        super().__init__()
        self.db = db
        if actor is not None:
            self.actor = actor
        self.menus = {k: QMenu(k, self) for k in ("file", "customer", "tools", "reports", "help")}
        self.statuses: list[str] = []

    def menu(self, key: str) -> QMenu:
        return self.menus[key]

    def current_customer_id(self) -> None:
        return None

    def show_status(self, text: str) -> None:
        self.statuses.append(text)

    def refresh(self) -> None:
        pass


def _open_from_menu(qtbot: Any, win: HostWindow) -> InquiryCategoriesDialog:
    from crmdesk.ui.inquiries import feature as feature_inquiries

    feature = feature_inquiries.install(win)
    action = next(a for a in win.menu("tools").actions() if a.text() == "問い合わせの分類…")
    action.trigger()
    assert feature.categories is not None and feature.categories.isVisible()
    qtbot.addWidget(feature.categories)
    return feature.categories


def test_the_tools_menu_opens_it_for_the_owner_only(qtbot: Any, db: Any) -> None:
    owner_window = HostWindow(db)  # no actor: the owner
    qtbot.addWidget(owner_window)
    dialog = _open_from_menu(qtbot, owner_window)
    assert dialog.actor.is_owner and dialog.add_button.isEnabled()
    dialog.name.setText("配送")
    dialog.add()
    assert owner_window.statuses[-1] == "問い合わせの分類を保存しました"

    staff_window = HostWindow(db, STAFF)
    qtbot.addWidget(staff_window)
    dialog = _open_from_menu(qtbot, staff_window)
    assert not dialog.actor.is_owner and not dialog.add_button.isEnabled()


def test_the_dialog_speaks_english(qtbot: Any, db: Any) -> None:
    assert i18n.set_language("en")
    try:
        dialog = _dialog(qtbot, db)
        dialog.name.setText("予約")
        dialog.add()
        refused = dialog.message.text()
        _select(qtbot, dialog, "修理")
        qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
        texts = visible_texts(dialog)
        items = _list_texts(dialog)
    finally:
        i18n.set_language("ja")
    assert dialog.windowTitle() == "Inquiry categories"
    assert refused == "Category 予約 already exists"
    assert dialog.retire_button.text() == "Rest&ore"
    assert "修理 (retired)" in items
    data = [*inquiry_categories.DEFAULT_CATEGORIES]
    leftover = [t for t in texts if JAPANESE.search(t) and not any(d in t for d in data)]
    assert leftover == []
