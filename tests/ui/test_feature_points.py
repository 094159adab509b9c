"""Point dialogs and the window feature, driven by keys on real widgets."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from crmdesk.services import cards, points, purchases
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.ui.points import feature as feature_points
from crmdesk.ui.points.dialogs import AdjustPointsDialog, PointRulesDialog, VoidPurchaseDialog
from crmdesk.ui.points.panel import PointsPanel
from tests.helpers.factories import add_customer
from tests.helpers.qt_typing import type_text


class ShopWindow(QMainWindow):
    """The window API of crmdesk/ui/extensions.py, around one points panel."""

    def __init__(self, db, customer_id) -> None:
        super().__init__()
        self.db, self._customer_id = db, customer_id
        self.menus = {k: QMenu(k, self) for k in ("file", "customer", "tools")}
        self.status: list[str] = []
        self.panel = PointsPanel()
        self.setCentralWidget(self.panel)
        self.panel.load(db, customer_id)

    def menu(self, key: str) -> QMenu:
        return self.menus[key]

    def current_customer_id(self):
        return self._customer_id

    def show_status(self, text: str) -> None:
        self.status.append(text)

    def refresh(self) -> None:
        self.panel.refresh()


def test_install_adds_the_menu_items_and_expires_at_start(qtbot, db) -> None:
    with db.transaction() as s:
        customer_id = add_customer(s)
        card = cards.issue_card(s, customer_id, actor=CLI_ACTOR).card_number
        purchases.record_purchase(
            s,
            card_number=card,
            amount=10_000,
            actor=CLI_ACTOR,
            at=datetime(2024, 1, 10, 3, tzinfo=UTC),
        )
    window = ShopWindow(db, customer_id)
    qtbot.addWidget(window)
    feature_points.install(window)
    texts = [a.text() for a in window.menus["customer"].actions()]
    assert "ポイントカードを発行…" in texts and "お買い上げの取り消し…" in texts
    assert "ポイントの調整…" in texts
    assert [a.text() for a in window.menus["tools"].actions()] == ["ポイントのルール…"]
    qtbot.waitUntil(lambda: any("100 pt を失効" in t for t in window.status), timeout=5000)
    with db.transaction() as s:
        assert points.balance(s, customer_id) == 0

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    f9 = next(a for a in window.actions() if isinstance(a, QAction))
    assert f9.shortcut().toString() == "F9"
    f9.trigger()
    qtbot.waitUntil(window.panel.amount_edit.hasFocus)


def test_owner_edits_the_rules_with_keys(qtbot, db) -> None:
    dialog = PointRulesDialog(db, CLI_ACTOR)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.yen_per_point.setFocus()
    dialog.yen_per_point.selectAll()
    qtbot.keyClicks(dialog.yen_per_point, "200")
    qtbot.keyClick(dialog.yen_per_point, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    with db.transaction() as s:
        assert points.load_rules(s).yen_per_point == 200


def test_staff_cannot_save_rules(qtbot, db) -> None:
    dialog = PointRulesDialog(db, Actor(None, "staff", "staff"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()
    assert "ポイントの調整" in dialog.error.text()
    assert dialog.result() != dialog.DialogCode.Accepted


def test_void_a_purchase_with_enter(qtbot, db) -> None:
    with db.transaction() as s:
        customer_id = add_customer(s)
        card = cards.issue_card(s, customer_id, actor=CLI_ACTOR).card_number
        purchases.record_purchase(s, card_number=card, amount=10_000, actor=CLI_ACTOR)
    dialog = VoidPurchaseDialog(db, customer_id, CLI_ACTOR)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert dialog.result_ is not None and dialog.result_.taken_back == 100
    with db.transaction() as s:
        assert points.balance(s, customer_id) == 0
    again = VoidPurchaseDialog(db, customer_id, CLI_ACTOR)
    qtbot.addWidget(again)
    again.show()
    again.void_selected()
    assert "すでに取り消されています" in again.message.text()


def _customer_with_points(db, amount: int = 10_000) -> str:
    with db.transaction() as s:
        customer_id = add_customer(s)
        card = cards.issue_card(s, customer_id, actor=CLI_ACTOR).card_number
        purchases.record_purchase(s, card_number=card, amount=amount, actor=CLI_ACTOR)
    return customer_id


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.points.hasFocus)
    return dialog


def test_owner_adjusts_points_with_keys_only(qtbot, db) -> None:
    customer_id = _customer_with_points(db)
    dialog = _open(qtbot, AdjustPointsDialog(db, customer_id, CLI_ACTOR))
    assert "100 pt" in dialog.balance.text()
    qtbot.keyClicks(dialog.points, "-30")
    qtbot.keyClick(dialog.points, Qt.Key.Key_Tab)
    assert dialog.note.hasFocus()
    type_text(dialog.note, "付与しすぎの訂正")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.new_balance == 70
    with db.transaction() as s:
        assert points.balance(s, customer_id) == 70
        line = points.ledger_history(s, customer_id)[0]
    assert (line.kind, line.points, line.note) == ("adjust", -30, "付与しすぎの訂正")


def test_adjusting_refuses_no_note_and_a_negative_balance(qtbot, db) -> None:
    customer_id = _customer_with_points(db)
    dialog = _open(qtbot, AdjustPointsDialog(db, customer_id, CLI_ACTOR))
    qtbot.keyClicks(dialog.points, "-500")
    qtbot.keyClick(dialog.points, Qt.Key.Key_Return)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "理由" in dialog.error.text()
    dialog.note.setFocus()
    type_text(dialog.note, "返品")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "残高（100ポイント）" in dialog.error.text()
    with db.transaction() as s:
        assert points.balance(s, customer_id) == 100
        assert [line.kind for line in points.ledger_history(s, customer_id)] == ["earn"]


def test_staff_cannot_adjust_points(qtbot, db) -> None:
    customer_id = _customer_with_points(db)
    dialog = _open(qtbot, AdjustPointsDialog(db, customer_id, Actor(None, "staff", "staff")))
    qtbot.keyClicks(dialog.points, "50")
    qtbot.keyClick(dialog.points, Qt.Key.Key_Tab)
    type_text(dialog.note, "おわび")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert "ポイントの調整" in dialog.error.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    with db.transaction() as s:
        assert points.balance(s, customer_id) == 100


def test_the_menu_item_adjusts_the_open_customer(qtbot, db) -> None:
    from PySide6.QtCore import QTimer

    customer_id = _customer_with_points(db)
    window = ShopWindow(db, customer_id)
    qtbot.addWidget(window)
    feature_points.install(window)
    action = next(a for a in window.menus["customer"].actions() if a.text() == "ポイントの調整…")

    def fill() -> None:
        dialog = next(w for w in window.findChildren(AdjustPointsDialog) if w.isVisible())
        qtbot.keyClicks(dialog.points, "25")
        qtbot.keyClick(dialog.points, Qt.Key.Key_Tab)
        type_text(dialog.note, "誕生日のおまけ")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)

    QTimer.singleShot(200, fill)
    action.trigger()
    assert any("+25 pt" in t and "125 pt" in t for t in window.status)
    with db.transaction() as s:
        assert points.balance(s, customer_id) == 125
