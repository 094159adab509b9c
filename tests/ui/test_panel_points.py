"""The counter, keyboard only: a typed card number to the new balance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crmdesk.services import cards, points
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.ui.points.panel import PointsPanel, read_int
from tests.helpers.factories import add_customer


def typed(qtbot, text: str, *, enter: bool = True) -> None:
    """Type into whatever has the focus, as a barcode scanner or a person does."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def show(qtbot, panel: PointsPanel) -> PointsPanel:
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    panel.card_edit.setFocus()
    qtbot.waitUntil(panel.card_edit.hasFocus)
    return panel


def test_scan_amount_enter_shows_the_new_balance(qtbot, db) -> None:
    with db.transaction() as s:
        customer_id = add_customer(s)
        card = cards.issue_card(s, customer_id, actor=CLI_ACTOR).card_number
    panel = show(qtbot, PointsPanel())
    panel.load(db, None)
    with qtbot.waitSignal(panel.customer_opened, timeout=2000) as opened:
        typed(qtbot, card)
    assert opened.args == [customer_id]
    qtbot.waitUntil(panel.amount_edit.hasFocus)
    typed(qtbot, "12,345")
    assert "付与 123 pt" in panel.message.text() and "残高 123 pt" in panel.message.text()
    assert panel.balance_label.text() == "123 pt"
    assert panel.header_figures() == {"ポイント": "123 pt", "ランク": "レギュラー"}
    assert panel.purchases_model.rowCount() == 1

    # the next customer in line is the same: scan, amount, Tab, points to use, Enter
    qtbot.waitUntil(panel.card_edit.hasFocus)
    typed(qtbot, card)
    qtbot.waitUntil(panel.amount_edit.hasFocus)
    typed(qtbot, "5000", enter=False)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(panel.redeem_edit.hasFocus)
    typed(qtbot, "100")
    assert "利用 100 pt" in panel.message.text()
    assert "残高 72 pt" in panel.message.text()  # 123 - 100 + 49
    assert "お支払い 4,900 円" in panel.message.text()
    with db.transaction() as s:
        assert points.balance(s, customer_id) == 72
    assert panel.ledger_model.rowCount() == 3


def test_redeeming_more_than_the_balance_is_refused(qtbot, db) -> None:
    with db.transaction() as s:
        customer_id = add_customer(s)
        card = cards.issue_card(s, customer_id, actor=CLI_ACTOR).card_number
    panel = show(qtbot, PointsPanel())
    panel.load(db, customer_id)
    typed(qtbot, card)
    qtbot.waitUntil(panel.amount_edit.hasFocus)
    typed(qtbot, "3000", enter=False)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    typed(qtbot, "500")
    assert "残高（0ポイント）を超えています" in panel.message.text()
    assert panel.redeem_edit.hasFocus()
    assert panel.purchases_model.rowCount() == 0


def test_an_unknown_card_is_issued_to_the_open_customer(qtbot, db) -> None:
    with db.transaction() as s:
        customer_id = add_customer(s)
    panel = show(qtbot, PointsPanel())
    panel.load(db, customer_id)
    typed(qtbot, "4901234567894")
    assert panel.issue_bar.isVisible(), panel.message.text()
    assert "4901234567894" in panel.issue_label.text()
    qtbot.waitUntil(panel.issue_button.hasFocus)
    with db.transaction() as s:
        assert cards.find_card(s, "4901234567894") is None  # not before it is confirmed
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter issues
    assert not panel.issue_bar.isVisible()
    qtbot.waitUntil(panel.amount_edit.hasFocus)
    typed(qtbot, "1000")
    assert "残高 10 pt" in panel.message.text()
    with db.transaction() as s:
        assert cards.find_card(s, "4901234567894").customer_id == customer_id


def test_escape_declines_to_issue(qtbot, db) -> None:
    with db.transaction() as s:
        customer_id = add_customer(s)
    panel = show(qtbot, PointsPanel())
    panel.load(db, customer_id)
    typed(qtbot, "4901234567894")
    qtbot.waitUntil(panel.issue_button.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not panel.issue_bar.isVisible()
    with db.transaction() as s:
        assert cards.find_card(s, "4901234567894") is None


def test_a_lost_card_says_so(qtbot, db) -> None:
    with db.transaction() as s:
        customer_id = add_customer(s)
        card = cards.issue_card(s, customer_id, actor=CLI_ACTOR).card_number
        cards.report_lost(s, card, actor=CLI_ACTOR)
    panel = show(qtbot, PointsPanel())
    panel.load(db, None)
    typed(qtbot, card)
    assert "紛失" in panel.message.text()
    assert panel.customer_id is None


def test_till_input_reads_as_a_person_means_it() -> None:
    assert [read_int(t) for t in ("1,200", "１２００", "1200円", "", "12a")] == [
        1200,
        1200,
        1200,
        0,
        None,
    ]


def test_the_history_models_are_sound(qtbot, qtmodeltester, db) -> None:
    with db.transaction() as s:
        customer_id = add_customer(s)
        card = cards.issue_card(s, customer_id, actor=CLI_ACTOR).card_number
    panel = show(qtbot, PointsPanel())
    panel.load(db, customer_id)
    typed(qtbot, card)
    typed(qtbot, "2500")
    qtmodeltester.check(panel.purchases_model)
    qtmodeltester.check(panel.ledger_model)
