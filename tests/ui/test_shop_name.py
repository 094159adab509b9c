"""The shop's name has one home, the database: the settings dialog, the title and the CLI
agree, and a name an older version kept on the computer (QSettings) is carried over once."""

from __future__ import annotations

from typing import Any

from crmdesk.services.shop import set_shop_info, shop_name
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.ui import settings
from crmdesk.ui.shop.feature import ShopSenderPage
from crmdesk.ui.shop.settings_dialog import SettingsDialog, shop_name_of
from tests.cli.test_cli import run
from tests.helpers.qt_typing import type_text


def _name(db: Any) -> str:
    with db.reading() as s:
        return shop_name(s)


def test_the_general_tab_and_the_sender_page_edit_one_name(window: Any, db: Any, qtbot: Any):
    dialog = SettingsDialog(window, window.settings_pages)
    qtbot.addWidget(dialog)
    page = dialog.findChild(ShopSenderPage)
    assert page is not None
    dialog.ui.shop_name.clear()
    type_text(dialog.ui.shop_name, "花屋さくら")
    assert page.edits["name"].text() == "花屋さくら"  # the other tab shows what was typed
    dialog.accept()
    assert dialog.result() == 1 and _name(db) == "花屋さくら"
    window.database_changed()
    assert window.windowTitle().startswith("花屋さくら - ")
    code, data = run(db.path, "shop", "show", "--json")  # the CLI reads the same name
    assert code == 0 and data["shop"]["name"] == "花屋さくら"

    again = SettingsDialog(window, window.settings_pages)
    qtbot.addWidget(again)
    page = again.findChild(ShopSenderPage)
    assert again.ui.shop_name.text() == page.edits["name"].text() == "花屋さくら"
    page.edits["name"].clear()
    type_text(page.edits["name"], "花屋さくら 本店")
    assert again.ui.shop_name.text() == "花屋さくら 本店"
    again.accept()
    assert again.result() == 1 and _name(db) == "花屋さくら 本店"


def test_a_blank_name_or_a_staff_member_is_refused_and_the_dialog_stays(db: Any, qtbot: Any):
    with db.transaction() as s:
        set_shop_info(s, {"name": "松風堂"}, actor=CLI_ACTOR)
    dialog = SettingsDialog(db=db)
    qtbot.addWidget(dialog)
    dialog.ui.shop_name.clear()
    dialog.accept()
    assert dialog.result() == 0 and dialog.shop_error.text()  # 差出人名（店名）を入力...
    assert "差出人名" in dialog.shop_error.text() and _name(db) == "松風堂"

    staff = SettingsDialog(db=db, actor=Actor(staff_id=None, name="counter", role="staff"))
    qtbot.addWidget(staff)
    staff.ui.shop_name.setText("別の店")
    staff.accept()
    assert staff.result() == 0 and staff.shop_error.text() and _name(db) == "松風堂"


def test_an_older_name_in_qsettings_is_carried_over_once(window: Any, db: Any) -> None:
    settings.set_value("shop/name", "旧い店名")
    window.database_changed()  # what opening the file does
    assert _name(db) == "旧い店名"
    assert window.windowTitle().startswith("旧い店名 - ")
    assert settings.value("shop/name") == ""  # not read again

    with db.transaction() as s:
        set_shop_info(s, {"name": "新しい店名"}, actor=CLI_ACTOR)
    settings.set_value("shop/name", "旧い店名")  # an old version ran once more
    assert shop_name_of(db) == "新しい店名"  # the database has one: it stays
    assert settings.value("shop/name") == ""
