"""What a sync brings never takes the keyboard from the person typing."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from crmdesk.sync import api
from tests.helpers.qt_typing import type_text

LONG = 60_000


def test_an_open_card_follows_the_sync_while_the_keys_stay_in_the_search_box(
    open_window: Any, make_branch: Any, hub: str, qtbot: Any
) -> None:
    a, b = make_branch("A"), make_branch("B")
    api.join(a.db, hub, branch_code="A", name="本店")
    api.join(b.db, hub, branch_code="B", name="支店")
    customer_id = b.add_customer(phone1="090-2000-0001")
    api.sync_now(b.db)
    win = open_window(a.db)
    qtbot.waitUntil(lambda: win.sync.view.joined, timeout=LONG)
    with qtbot.waitSignal(win.sync.synced, timeout=LONG):
        win.sync.sync_now()
    qtbot.waitUntil(lambda: not win.sync.running, timeout=LONG)
    card = win.open_customer(customer_id)
    assert card.ui.phone1.text() == "090-2000-0001"

    with b.db.transaction() as session:
        from crmdesk.services import customers as customer_service

        customer_service.update_customer(session, customer_id, {"phone1": "080-2000-0002"})
    api.sync_now(b.db)
    win.activateWindow()
    search = win.ui.search_edit
    search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search, timeout=LONG)
    type_text(search, "やま")
    with qtbot.waitSignal(win.sync.synced, timeout=LONG):
        win.sync.sync_now()
    qtbot.waitUntil(lambda: card.ui.phone1.text() == "080-2000-0002", timeout=LONG)
    assert QApplication.focusWidget() is search  # the keys still go where they went
    type_text(search, "だ")
    assert search.text() == "やまだ"
