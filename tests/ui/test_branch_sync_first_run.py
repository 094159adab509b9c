"""First run: "join my shop's hub" beside "new shop" and "open a file"; the timeline's
branch column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from crmdesk.services import branch_here
from crmdesk.services.purchases import record_purchase
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.store.models import Branch
from crmdesk.ui.shop.settings_dialog import SettingsDialog
from tests.helpers.factories import add_customer


def test_first_run_offers_join_beside_new_shop_and_open(window: Any, qtbot: Any) -> None:
    seen: dict[str, Any] = {}

    def answer_first_run() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer_first_run)
            return
        seen["buttons"] = [b.text() for b in box.buttons()]
        join = next(b for b in box.buttons() if b.text() == "お店のハブに参加…")
        QTimer.singleShot(0, answer_settings)
        join.click()

    def answer_settings() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SettingsDialog):
            QTimer.singleShot(20, answer_settings)
            return
        tabs = dialog.ui.pages
        seen["tab"] = tabs.tabText(tabs.currentIndex())
        page = tabs.currentWidget()
        seen["fields"] = page.address.isEnabled() and page.join_button.isEnabled()
        dialog.reject()

    QTimer.singleShot(0, answer_first_run)
    window.files.offer_demo_data()
    wanted = {"新しいお店として始める", "ファイルを開く…", "お店のハブに参加…"}
    assert wanted <= set(seen["buttons"])
    assert seen["tab"] == "店舗間同期"
    assert seen["fields"] is True
    with window.db.sessions() as session:
        from crmdesk.services.customer_list import count_customers

        assert count_customers(session) == 0  # nothing loaded behind the owner's back


def test_timeline_tab_shows_where_each_purchase_was_made(window: Any, qtbot: Any) -> None:
    with window.db.transaction() as session:
        branch = Branch(code="SBY", name="渋谷店")
        session.add(branch)
        session.flush()
        branch_here.set_current_branch(session, branch.id)
        cid = add_customer(session)
        record_purchase(session, amount=2200, actor=CLI_ACTOR, customer_id=cid)
    card = window.open_customer(cid)
    panel = next(p for p in card.panels if type(p).__name__ == "TimelinePanel")
    tree = panel.tree
    assert tree.headerItem().text(4) == "店舗"
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    shown = {(row.text(1), row.text(4)) for row in rows}
    assert ("お買い上げ", "渋谷店（SBY）") in shown
    assert ("ポイント", "渋谷店（SBY）") in shown
    assert ("顧客情報の変更", "渋谷店（SBY）") in shown  # registered on this computer
