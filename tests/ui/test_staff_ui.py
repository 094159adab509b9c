"""Staff at the counter, in the real window: sign-in, switch, idle lock, masking, audit."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from crmdesk.services import audit
from crmdesk.services.staff import Actor, add_staff
from crmdesk.ui.customers.list_model import COL_PHONE
from tests.helpers.factories import add_customer

OWNER = Actor(None, "cli", "owner")
CARD = "2900000000017"

# The window starts locked behind the staff sign-in: that screen is expected here.
pytestmark = pytest.mark.modal_ok("SignInDialog")


@pytest.fixture
def shop(db: Any) -> Any:
    with db.transaction() as session:
        add_customer(session, family_name="佐々木", phone1="090-1234-5678",
                     birthday=date(1984, 3, 3))  # fmt: skip
        add_staff(session, "店主", "owner", "2468")
        add_staff(session, "佐藤", "staff", "1357", card=CARD, actor=OWNER)
    return db


@pytest.fixture
def counter(shop: Any, qtbot: Any) -> Any:
    from crmdesk.ui.main_window import MainWindow

    win = MainWindow(shop)
    qtbot.addWidget(win, before_close_func=_forget_edits)
    win.show()
    qtbot.waitExposed(win)
    return win


def _forget_edits(win: Any) -> None:
    for card in win.cards.values():
        card._loaded = card.form_values()


def sign_in(qtbot: Any, win: Any, name: str, pin: str) -> None:
    dialog = win.staff_session.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.staff_combo.setCurrentText(name)
    qtbot.keyClicks(dialog.pin_edit, pin)
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)


def test_sign_in_at_start_and_the_list_masks_phones_for_staff(qtbot: Any, counter: Any) -> None:
    session = counter.staff_session
    assert session.locked and not counter.centralWidget().isVisible()
    ran: list[int] = []
    session.when_unlocked(lambda: ran.append(1))  # e.g. the follow-up reminder at start
    assert ran == []
    sign_in(qtbot, counter, "佐藤", "0000")  # wrong: stays locked, says why
    assert session.locked and "暗証番号が違います" in session.dialog.message.text()
    sign_in(qtbot, counter, "佐藤", "1357")
    assert not session.locked and counter.centralWidget().isVisible() and ran == [1]
    assert counter.actor().name == "佐藤" and "佐藤" in counter.staff_label.text()
    qtbot.waitUntil(lambda: counter.model.rowCount() == 1)
    phone = counter.model.index(0, COL_PHONE).data()
    assert phone == "090-****-5678"
    assert "5678" in phone and "1234" not in (counter.model.index(0, COL_PHONE).data(
        Qt.ItemDataRole.ToolTipRole) or "")  # fmt: skip


def test_switch_staff_by_shortcut_and_card_scan(qtbot: Any, counter: Any) -> None:
    sign_in(qtbot, counter, "佐藤", "1357")
    qtbot.keyClick(counter, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = counter.staff_session.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.pin_edit, "9999999999999")  # an unknown card
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert "登録されていません" in dialog.message.text()
    sign_in(qtbot, counter, "店主", "2468")
    assert counter.actor().is_owner
    qtbot.waitUntil(lambda: counter.model.rowCount() == 1)
    assert counter.model.index(0, COL_PHONE).data() == "090-1234-5678"  # view_full
    qtbot.keyClick(counter, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(counter.staff_session.dialog.pin_edit, CARD)
    qtbot.keyClick(counter.staff_session.dialog.pin_edit, Qt.Key.Key_Return)
    assert counter.actor().name == "佐藤"


def test_the_idle_lock_keeps_unsaved_edits(qtbot: Any, counter: Any) -> None:
    sign_in(qtbot, counter, "佐藤", "1357")
    assert counter.staff_session.idle.isActive()  # the idle timer runs once signed in
    qtbot.waitUntil(lambda: counter.model.rowCount() == 1)
    card = counter.open_customer(counter.model.row_at(0).id)
    card.ui.notes.setPlainText("来週また来店")
    card.ui.street.setText("2-2")
    counter.staff_session.idle.timeout.emit()  # N minutes without a key
    assert counter.staff_session.locked and not card.isVisible()
    assert not counter.centralWidget().isVisible()
    sign_in(qtbot, counter, "佐藤", "1357")
    assert card.isVisible() and card.is_dirty()
    assert card.ui.notes.toPlainText() == "来週また来店" and card.ui.street.text() == "2-2"


def test_the_card_masks_and_f8_shows_after_a_pin(qtbot: Any, counter: Any, shop: Any) -> None:
    sign_in(qtbot, counter, "佐藤", "1357")
    qtbot.waitUntil(lambda: counter.model.rowCount() == 1)
    card = counter.open_customer(counter.model.row_at(0).id)
    assert card.ui.phone1.text() == "090-****-5678" and card.ui.phone1.isReadOnly()
    assert card.ui.birthday.text() == "19**年" and card.ui.birthday_info.text() == ""
    card.ui.street.setText("3-3")
    assert card.save()  # the masked fields are not written back
    with shop.sessions() as session:
        from crmdesk.services.customer_index import get_by_number

        saved = get_by_number(session, "000001")
        assert (saved.phone1, saved.birthday, saved.street) == (
            "090-1234-5678", date(1984, 3, 3), "3-3")  # fmt: skip

    def answer(pin: str) -> None:
        dialog = QApplication.activeModalWidget()
        dialog.staff_combo.setCurrentText("店主")
        qtbot.keyClicks(dialog.pin_edit, pin)
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
        if dialog.isVisible():  # refused: cancel
            assert dialog.message.text()
            dialog.reject()

    QTimer.singleShot(100, lambda: answer("1111"))
    assert not card.reveal() and card.ui.phone1.text() == "090-****-5678"
    card.activateWindow()
    qtbot.waitUntil(card.isActiveWindow)
    QTimer.singleShot(100, lambda: answer("2468"))
    qtbot.keyClick(card.ui.street, Qt.Key.Key_F8)  # one key, wherever the cursor is
    assert card.ui.phone1.text() == "090-1234-5678" and card.ui.birthday.text() == "1984-03-03"
    assert not card.ui.phone1.isReadOnly() and not card.is_dirty()
    with shop.sessions() as session:
        entry = audit.entries(session, action="privacy.reveal")[-1]
    assert entry.staff_id == counter.actor().staff_id and "090" not in entry.detail


def test_the_audit_viewer_lists_each_kind_and_exports_csv(
    qtbot: Any, shop: Any, tmp_path: Path
) -> None:
    from crmdesk.services import audit as service
    from crmdesk.ui.staff.audit_viewer import KIND_TITLES, AuditViewer

    kinds = [k for k in KIND_TITLES if k and k != "other"]
    with shop.transaction() as session:
        for kind in kinds:
            service.record(session, service.KINDS[kind][0].rstrip(".") + ("x" if
                           service.KINDS[kind][0].endswith(".") else ""), entity="t")  # fmt: skip
    staff = AuditViewer(shop, Actor(None, "x", "staff"))
    qtbot.addWidget(staff)
    assert staff.table.rowCount() == 0 and "操作記録の閲覧" in staff.message.text()
    viewer = AuditViewer(shop, OWNER)
    qtbot.addWidget(viewer)
    for kind in kinds:
        viewer.kind.setCurrentIndex(viewer.kind.findData(kind))
        assert viewer.table.rowCount() >= 1, kind
        assert {r.kind for r in viewer.rows} == {kind}
    viewer.kind.setCurrentIndex(viewer.kind.findData(""))
    viewer.staff.setCurrentIndex(viewer.staff.findText("店主"))
    assert all(r.staff_id == viewer.staff.currentData() for r in viewer.rows)
    viewer.staff.setCurrentIndex(0)
    out = tmp_path / "audit.csv"
    viewer.export_to(str(out))
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["at", "kind", "action"] and len(rows) == len(viewer.rows) + 1
    assert {r[1] for r in rows[1:]} >= set(kinds)


def test_the_idle_minutes_are_a_setting(qtbot: Any, counter: Any) -> None:
    from crmdesk.ui.staff.feature import IdleLockPage

    sign_in(qtbot, counter, "佐藤", "1357")
    assert counter.staff_session.idle.interval() == 5 * 60_000  # the default
    page = IdleLockPage(counter)
    qtbot.addWidget(page)
    assert not page.minutes.isEnabled()  # staff cannot change it
    qtbot.keyClick(counter, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    sign_in(qtbot, counter, "店主", "2468")
    page = IdleLockPage(counter)
    qtbot.addWidget(page)
    page.minutes.setValue(2)
    page.save()
    assert counter.staff_session.idle.isActive()
    assert counter.staff_session.idle.interval() == 2 * 60_000


def test_staff_export_after_the_owner_confirms_with_her_pin(
    qtbot: Any, counter: Any, shop: Any
) -> None:
    """書き出し at the counter said only that staff may not export; now the owner can
    approve it there with her PIN, as F8 shows a hidden phone, and the export is hers."""
    from crmdesk.ui.data.export_dialog import ExportDialog
    from crmdesk.ui.data.feature import open_export

    sign_in(qtbot, counter, "佐藤", "1357")
    qtbot.waitUntil(lambda: counter.model.rowCount() == 1)
    seen: list[Any] = []

    def approve() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):  # a refusal: the test fails, it does not hang
            seen.append(dialog.text())
            dialog.accept()
            return
        if dialog is None or not hasattr(dialog, "pin_edit"):
            QTimer.singleShot(20, approve)
            return
        assert "権限のあるスタッフ" in dialog.intro.text()
        dialog.staff_combo.setCurrentText("店主")
        qtbot.keyClicks(dialog.pin_edit, "2468")
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
        QTimer.singleShot(20, close_export)

    def close_export() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDialog):
            QTimer.singleShot(20, close_export)
            return
        seen.append(dialog.actor)
        dialog.reject()

    QTimer.singleShot(0, approve)
    open_export(counter)
    assert [(a.name, a.role) for a in seen] == [("店主", "owner")]
