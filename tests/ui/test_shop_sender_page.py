"""Settings > 差出人: a bad postal code keeps the dialog open and saves nothing."""

from __future__ import annotations

from typing import Any

from crmdesk.services.shop import shop_info
from crmdesk.ui.shop.feature import ShopSenderPage
from crmdesk.ui.shop.settings_dialog import SettingsDialog
from tests.helpers.qt_typing import type_text


def test_the_sender_is_checked_and_saved_with_ok(window: Any, db: Any, qtbot: Any) -> None:
    dialog = SettingsDialog(window, window.settings_pages)
    qtbot.addWidget(dialog)
    page = dialog.findChild(ShopSenderPage)
    assert page is not None and dialog.ui.pages.tabText(dialog.ui.pages.indexOf(page)) == "差出人"
    type_text(page.edits["name"], "松風堂")
    type_text(page.edits["postal_code"], "150-00")
    dialog.accept()
    assert dialog.result() == 0  # not accepted: the page said no
    assert dialog.ui.pages.currentWidget() is page
    assert "郵便番号" in page.error.text()
    with db.sessions() as s:
        assert shop_info(s) is None

    page.edits["postal_code"].clear()
    type_text(page.edits["postal_code"], "150-0001")
    dialog.accept()
    assert dialog.result() == 1
    with db.sessions() as s:
        info = shop_info(s)
    assert (info.name, info.postal_code) == ("松風堂", "1500001")
