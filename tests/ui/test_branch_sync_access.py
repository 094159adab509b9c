"""Only the owner (``sync_settings``) settles conflicts and changes the hub; a clerk at
the counter sees where sync stands, not the decisions."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from crmdesk.services.staff import Actor, add_staff
from crmdesk.ui import settings
from crmdesk.ui.branch_sync import feature as feature_sync

OWNER = Actor(None, "cli", "owner")
DENIED = "この操作には「"


@pytest.fixture
def counter(window: Any) -> Any:
    """The window on a file whose staff accounts came after it opened (so its sign-in
    box shows only when a test signs someone in)."""
    with window.db.transaction() as session:
        add_staff(session, "店主", "owner", "2468")
        add_staff(session, "佐藤", "staff", "1357", actor=OWNER)
    return window


def sign_in(qtbot: Any, win: Any, name: str, pin: str) -> None:
    win.staff_session.switch()
    dialog = win.staff_session.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.staff_combo.setCurrentText(name)
    qtbot.keyClicks(dialog.pin_edit, pin)
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not win.staff_session.locked)


def answer_box(seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(20, lambda: answer_box(seen))
        return
    seen.append(box.text())
    box.accept()


def test_a_clerk_sees_the_status_but_cannot_open_the_inbox_or_change_the_hub(
    counter: Any, qtbot: Any
) -> None:
    from crmdesk.ui.branch_sync.settings_page import BranchSyncPage

    sign_in(qtbot, counter, "佐藤", "1357")
    assert counter.sync_label.text() == "同期: 未設定"  # the status bar is everyone's

    seen: list[str] = []
    QTimer.singleShot(0, lambda: answer_box(seen))
    assert feature_sync.open_inbox(counter) is None
    assert seen and seen[0].startswith(DENIED) and "同期" in seen[0]

    panel = feature_sync.open_panel(counter)
    assert panel.isVisible() and not panel.inbox_button.isVisible()
    panel.close()

    page = BranchSyncPage(counter)
    qtbot.addWidget(page)
    widgets = (page.address, page.user, page.password, page.branch_code, page.join_button,
               page.test_button, page.interval)  # fmt: skip
    assert not any(w.isEnabled() for w in widgets)
    assert page.message.text().startswith(DENIED)
    page.address.setText("hub.example.jp")  # even if a field were typed in somehow
    page.branch_code.setText("SBY")
    assert page.join() is None
    assert page.save() is True  # the rest of the settings dialog still saves
    assert settings.value("hub/address") in ("", None)


def test_the_owner_opens_the_inbox_and_the_hub_settings(counter: Any, qtbot: Any) -> None:
    from crmdesk.ui.branch_sync.inbox import ConflictInbox
    from crmdesk.ui.branch_sync.settings_page import BranchSyncPage

    sign_in(qtbot, counter, "店主", "2468")
    inbox = feature_sync.open_inbox(counter)
    assert isinstance(inbox, ConflictInbox) and inbox.isVisible()
    assert inbox.keep_button.isVisible()
    inbox.close()
    panel = feature_sync.open_panel(counter)
    assert panel.inbox_button.isVisible()
    panel.close()
    page = BranchSyncPage(counter)
    qtbot.addWidget(page)
    assert page.address.isEnabled() and page.join_button.isEnabled()
    assert not page.message.text()


def test_a_clerk_who_takes_over_an_open_inbox_cannot_decide(counter: Any, qtbot: Any) -> None:
    sign_in(qtbot, counter, "店主", "2468")
    inbox = feature_sync.open_inbox(counter)
    sign_in(qtbot, counter, "佐藤", "1357")
    from PySide6.QtWidgets import QTreeWidgetItem

    from crmdesk.ui.branch_sync.inbox import ID_ROLE

    # the row the owner had chosen (a conflict as api.conflicts lists it)
    inbox.conflicts = [{"id": "c1", "kind": "field", "table": "customer", "row_id": "x"}]
    item = QTreeWidgetItem(["x"])
    item.setData(0, ID_ROLE, "c1")
    inbox.tree.addTopLevelItem(item)
    inbox.tree.setCurrentItem(item)
    assert inbox.resolve("theirs") is False
    assert inbox.message.text().startswith(DENIED)
    inbox.close()
