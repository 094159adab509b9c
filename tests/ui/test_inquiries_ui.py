"""Logging an inquiry with the keyboard only; the timeline and follow-up views show it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from crmdesk.core.clock import local_today
from crmdesk.services import inquiries
from crmdesk.services.inquiry_queries import list_inquiries
from crmdesk.ui.customers.timeline_panel import TimelinePanel
from crmdesk.ui.inquiries.dialog import InquiryDialog, parse_follow_up
from crmdesk.ui.inquiries.follow_ups import FollowUpsView
from tests.helpers.factories import add_customer


class HostWindow(QMainWindow):
    """The window API of crmdesk.ui.extensions, as the main window offers it."""

    def __init__(self, db: Any) -> None:
        super().__init__()
        self.db = db
        self.customer_id: str | None = None
        self.menus = {k: QMenu(k, self) for k in ("file", "customer", "tools", "reports", "help")}
        for menu in self.menus.values():
            self.menuBar().addMenu(menu)
        self.statuses: list[str] = []
        self.refreshed = 0

    def menu(self, key: str) -> QMenu:
        return self.menus[key]

    def current_customer_id(self) -> str | None:
        return self.customer_id

    def open_customer(self, customer_id: str) -> None:
        self.customer_id = customer_id

    def show_status(self, text: str) -> None:
        self.statuses.append(text)
        self.statusBar().showMessage(text)

    def refresh(self) -> None:
        self.refreshed += 1

    def show_notice(self, text: str, actions: Any = (), *, error: bool = False) -> Any:
        from crmdesk.ui.notice import Notice

        notice = Notice(text, actions, error=error, parent=self)
        self.setCentralWidget(notice)
        return notice


def type_text(qtbot, widget, text: str) -> None:
    """Type as a Japanese user does: ASCII as key clicks, Japanese committed by the IME."""
    import re

    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def window(qtbot, db) -> HostWindow:
    from crmdesk.ui.inquiries import feature as feature_inquiries

    win = HostWindow(db)
    qtbot.addWidget(win)
    feature_inquiries.install(win)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    return win


def _open_dialog(qtbot, window: HostWindow) -> InquiryDialog:
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.inquiry_feature.dialog is not None)
    dialog = window.inquiry_feature.dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.subject.hasFocus)  # typing can start at once
    return dialog


def test_log_an_inquiry_from_the_card_with_keys_only(qtbot, window, db) -> None:
    with db.transaction() as session:
        cid = add_customer(session)
    window.customer_id = cid  # the card of 山田 花子 is open
    dialog = _open_dialog(qtbot, window)
    assert dialog.customer_id == cid and "山田 花子" in dialog.who.text()
    assert QApplication.focusWidget() is dialog.subject

    type_text(qtbot, dialog.subject, "土鍋の取り寄せ")
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Tab)
    assert dialog.body.hasFocus()
    type_text(qtbot, dialog.body, "来週までに入るか確認して電話する")
    qtbot.keyClick(dialog.body, Qt.Key.Key_Tab)
    assert dialog.follow_up.hasFocus()
    qtbot.keyClicks(dialog.follow_up, "+3")
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        qtbot.keyClick(dialog.follow_up, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert window.statuses[-1] == "問い合わせを保存しました"

    follow_up_day = local_today() + timedelta(days=3)
    with db.transaction() as session:
        (row,) = list_inquiries(session, customer_id=cid)
    assert (row.subject, row.follow_up_on, row.status) == ("土鍋の取り寄せ", follow_up_day, "open")

    panel = TimelinePanel()
    qtbot.addWidget(panel)
    panel.load(db, cid)
    assert "問い合わせ（電話）土鍋の取り寄せ" in panel.titles()
    assert panel.header_figures() == {"未完了の問い合わせ": "1 件"}
    assert panel.tree.topLevelItem(panel.titles().index("問い合わせ（電話）土鍋の取り寄せ"))

    before = FollowUpsView(db, today=follow_up_day - timedelta(days=1))
    on_the_day = FollowUpsView(db, today=follow_up_day)
    qtbot.addWidget(before)
    qtbot.addWidget(on_the_day)
    assert before.subjects() == []
    assert on_the_day.subjects() == ["土鍋の取り寄せ"]
    assert "今日のフォローアップ 1 件" in on_the_day.summary.text()


def test_an_unknown_caller_is_logged_and_linked_in_the_dialog(qtbot, window, db) -> None:
    with db.transaction() as session:
        cid = add_customer(session, phone1="090-5555-6666")
    dialog = _open_dialog(qtbot, window)
    assert dialog.caller_name.isVisible()
    type_text(qtbot, dialog.caller_name, "ヤマダ")
    qtbot.keyClicks(dialog.caller_phone, "09055556666")
    type_text(qtbot, dialog.subject, "修理の見積もり")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.subject, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    edit = InquiryDialog(db, inquiry_id=dialog.inquiry_id)
    qtbot.addWidget(edit)
    edit.show()
    assert edit.matches_box.isVisible() and edit.matches.count() == 1
    assert "山田 花子" in edit.matches.item(0).text()
    type_text(qtbot, edit.note_text, "見積もりを送付")
    qtbot.keyClick(edit.note_text, Qt.Key.Key_Return)
    assert edit.notes.count() == 1 and "見積もりを送付" in edit.notes.item(0).text()
    edit.link_selected()
    assert not edit.matches_box.isVisible()
    assert "山田 花子" in edit.who.text()
    with db.transaction() as session:
        assert list_inquiries(session, customer_id=cid)[0].subject == "修理の見積もり"


def test_bad_input_shows_a_message_and_writes_nothing(qtbot, db) -> None:
    with db.transaction() as session:
        cid = add_customer(session)
    dialog = InquiryDialog(db, customer_id=cid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()
    assert dialog.isVisible()
    assert dialog.error.text() == "件名か内容のどちらかを入力してください"
    qtbot.keyClicks(dialog.subject, "x")
    qtbot.keyClicks(dialog.follow_up, "2020-01-01")
    dialog.save()
    assert "フォローアップ日が受付日" in dialog.error.text()
    with db.transaction() as session:
        assert list_inquiries(session) == []


def test_timeline_filters_by_kind(qtbot, db) -> None:
    with db.transaction() as session:
        cid = add_customer(session)
        iid = inquiries.create_inquiry(session, {"customer_id": cid, "subject": "相談"}).inquiry_id
        inquiries.add_note(session, iid, "対応済み")
    panel = TimelinePanel()
    qtbot.addWidget(panel)
    panel.load(db, cid)
    assert [e.kind for e in panel.entries] == ["note", "inquiry", "change"]
    panel.set_kinds(["inquiry"])
    assert [e.kind for e in panel.entries] == ["inquiry"]
    panel.filters["note"].click()
    assert [e.kind for e in panel.entries] == ["note", "inquiry"]


def test_the_reminder_at_start_up_does_not_block(qtbot, db) -> None:
    from crmdesk.ui.inquiries import feature as feature_inquiries

    with db.transaction() as session:
        cid = add_customer(session)
        past = datetime.now(UTC) - timedelta(days=10)
        inquiries.create_inquiry(
            session,
            {
                "customer_id": cid,
                "subject": "期限切れ",
                "follow_up_on": local_today() - timedelta(days=2),
            },
            now=past,
        )
    win = HostWindow(db)
    qtbot.addWidget(win)
    feature = feature_inquiries.install(win)
    qtbot.waitUntil(lambda: feature.reminder is not None)
    assert win.statuses[-1] == "フォローアップ: 今日 0 件・期限切れ 1 件"
    feature.reminder.buttons[0].click()
    qtbot.waitUntil(lambda: feature.follow_ups is not None and feature.follow_ups.isVisible())
    assert feature.follow_ups.subjects() == ["期限切れ"]


def test_follow_up_field_words() -> None:
    today = date(2026, 11, 22)
    assert parse_follow_up("明日", today) == date(2026, 11, 23)
    assert parse_follow_up("＋７", today) == date(2026, 11, 29)
    assert parse_follow_up("12/1", today) == date(2026, 12, 1)
    assert parse_follow_up("", today) is None


def test_the_follow_up_table_model_is_a_well_behaved_model(qtmodeltester, db) -> None:
    from crmdesk.ui.inquiries.follow_ups import InquiryTableModel

    with db.transaction() as session:
        cid = add_customer(session)
        for i in range(3):
            inquiries.create_inquiry(
                session, {"customer_id": cid, "subject": f"件名{i}", "follow_up_on": local_today()}
            )
        rows = list_inquiries(session, due=True)
    model = InquiryTableModel(local_today())
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.data(model.index(0, InquiryTableModel.COL_FOLLOW_UP)).endswith("（今日）")


def test_the_reminder_sits_below_the_list_and_esc_closes_it(qtbot, db) -> None:
    """Issue 12's 4: it floated over the result list's name column; Esc did nothing."""
    from crmdesk.ui.main_window import MainWindow

    with db.transaction() as session:
        cid = add_customer(session)
        inquiries.create_inquiry(
            session,
            {"customer_id": cid, "subject": "折り返し", "follow_up_on": local_today()},
            now=datetime.now(UTC) - timedelta(days=1),
        )
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    feature = win.inquiry_feature
    qtbot.waitUntil(lambda: feature.reminder is not None and feature.reminder.isVisible())
    notice, table = feature.reminder, win.ui.customer_table
    assert notice.window() is win  # part of the window, not a box floating over it
    top_of_notice = notice.mapTo(win, notice.rect().topLeft()).y()
    bottom_of_list = table.mapTo(win, table.rect().bottomLeft()).y()
    assert top_of_notice > bottom_of_list
    assert "今日 1 件" in notice.text()
    assert QApplication.focusWidget() is win.ui.search_edit  # typing goes on
    qtbot.keyClicks(win.ui.search_edit, "yama")
    qtbot.keyClick(win.ui.search_edit, Qt.Key.Key_Escape)  # first Esc: clears the query
    assert win.ui.search_edit.text() == "" and notice.isVisible()
    qtbot.keyClick(win.ui.search_edit, Qt.Key.Key_Escape)  # second: closes the reminder
    assert not notice.isVisible() and win.notices == []


def test_a_save_keeps_what_another_counter_changed_meanwhile(qtbot, db) -> None:
    """The inquiry was open here while another window raised its priority; saving a
    corrected subject here put the priority shown here back."""
    from crmdesk.store.db import open_database

    with db.transaction() as session:
        cid = add_customer(session)
        made = inquiries.create_inquiry(
            session, {"customer_id": cid, "subject": "修理の見積もり", "priority": "normal"}
        )
    dialog = InquiryDialog(db, inquiry_id=made.inquiry_id)
    qtbot.addWidget(dialog)
    dialog.show()
    other = open_database(db.path)
    try:
        with other.transaction() as session:
            inquiries.update_inquiry(session, made.inquiry_id, {"priority": "high"})
    finally:
        other.close()
    assert dialog.priority.currentData() == "normal"  # still as it was shown
    dialog.subject.setText("修理の見積もり（2台）")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    with db.transaction() as session:
        row = list_inquiries(session, customer_id=cid)[0]
    assert row.subject == "修理の見積もり（2台）" and row.priority == "high"
