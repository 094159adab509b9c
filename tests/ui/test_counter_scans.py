"""A scan is a scan: wherever the focus is, another customer's card opens that customer.

Reproduces issue 12's 1: after a sale focus stayed in the card field, the next
customer's card was scanned there and the sale went to the customer still on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from crmdesk.services import cards, purchases
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.ui.customers.card import CustomerCard
from crmdesk.ui.points.panel import PointsPanel
from tests.helpers.factories import add_customer


def seed(db: Any) -> dict[str, str]:
    with db.transaction() as s:
        ids = {
            "a": add_customer(s, family_name="井上", given_name="愛", family_kana="いのうえ",
                              given_kana="あい", phone1="090-1234-5678"),
            "b": add_customer(s, family_name="小林", given_name="誠", family_kana="こばやし",
                              given_kana="まこと", phone1="080-8765-4321"),
        }  # fmt: skip
        for key in ("a", "b"):
            ids[f"card_{key}"] = cards.issue_card(s, ids[key], actor=CLI_ACTOR).card_number
    return ids


def keys(qtbot: Any, text: str = "", *finish: Qt.Key) -> None:
    """Type into whatever has the focus, then press the keys (a scanner: digits + Enter)."""
    if text:
        qtbot.keyClicks(QApplication.focusWidget(), text)
    for key in finish:
        qtbot.keyClick(QApplication.focusWidget(), key)


def sales_of(db: Any, customer_id: str) -> list[tuple[int, str | None]]:
    with db.sessions() as s:
        history = purchases.purchase_history(s, customer_id)
        return [(line.amount, line.card_number) for line in history.lines]


def active_card(window: Any) -> CustomerCard:
    card = QApplication.activeWindow()
    assert isinstance(card, CustomerCard), card
    return card


def test_the_next_customers_card_scanned_after_a_sale_opens_that_customer(
    window: Any, db: Any, qtbot: Any
) -> None:
    ids = seed(db)
    keys(qtbot, ids["card_a"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ids["a"] in window.cards, timeout=5000)
    card = window.cards[ids["a"]]
    panel = card.findChild(PointsPanel)
    qtbot.waitUntil(panel.amount_edit.hasFocus, timeout=3000)
    keys(qtbot, "2000", Qt.Key.Key_Return)
    assert sales_of(db, ids["a"]) == [(2000, ids["card_a"])]

    # the next customer in line: her card scanned wherever the focus now is
    keys(qtbot, ids["card_b"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ids["b"] in window.cards, timeout=3000)
    card_b = window.cards[ids["b"]]
    assert card_b.customer_id == ids["b"]
    assert card_b.ui.header_name.text() == "小林 誠"
    panel_b = card_b.findChild(PointsPanel)
    qtbot.waitUntil(panel_b.amount_edit.hasFocus, timeout=3000)
    assert panel_b.card_edit.text() == ids["card_b"]
    keys(qtbot, "1500", Qt.Key.Key_Return)
    assert sales_of(db, ids["a"]) == [(2000, ids["card_a"])]  # nothing more for her
    assert sales_of(db, ids["b"]) == [(1500, ids["card_b"])]
    assert ids["a"] not in window.cards  # the card now shows the next customer


def test_a_scan_into_any_field_of_an_open_card_opens_the_cards_owner(
    window: Any, db: Any, qtbot: Any
) -> None:
    ids = seed(db)
    card = window.open_customer(ids["a"])
    qtbot.waitUntil(lambda: QApplication.activeWindow() is card)
    for field in (card.ui.family_name, card.ui.phone1, card.ui.notes):
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        keys(qtbot, ids["card_b"], Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: card.customer_id == ids["b"], timeout=3000)
        assert card.ui.family_name.text() == "小林"  # the digits went nowhere
        assert not card.is_dirty()
        window.open_scanned(ids["card_a"], card)  # back to her for the next field
        assert card.customer_id == ids["a"] and not card.is_dirty()
    assert card.ui.phone1.text() == "090-1234-5678"
    assert sales_of(db, ids["a"]) == [] and sales_of(db, ids["b"]) == []


def test_a_scan_over_unsaved_edits_asks_and_the_safe_answer_is_the_default(
    window: Any, db: Any, qtbot: Any
) -> None:
    ids = seed(db)
    card = window.open_customer(ids["a"])
    qtbot.waitUntil(lambda: QApplication.activeWindow() is card)
    card.ui.street.setFocus()
    keys(qtbot, "2-3")  # an edit staff have not saved
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter takes the default

    qtbot.wait(100)  # a pause: a person's typing is not part of the scan that follows
    QTimer.singleShot(300, answer)
    keys(qtbot, ids["card_b"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: asked != [], timeout=3000)
    assert asked == ["キャンセル"]
    qtbot.wait(50)
    assert card.customer_id == ids["a"]  # stayed with her, the edit kept, nothing saved
    assert card.ui.street.text() == "1-12-3"


def test_a_scan_at_an_idle_window_with_an_old_query_opens_the_customer(
    window: Any, db: Any, qtbot: Any
) -> None:
    ids = seed(db)
    keys(qtbot, "2064")  # someone's last 4 digits, left in the box
    qtbot.wait(100)
    window.ui.customer_table.setFocus()
    qtbot.waitUntil(window.ui.customer_table.hasFocus)
    keys(qtbot, ids["card_b"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ids["b"] in window.cards, timeout=3000)
    panel = window.cards[ids["b"]].findChild(PointsPanel)
    qtbot.waitUntil(panel.amount_edit.hasFocus, timeout=3000)
    assert window.ui.search_edit.text() == ""


def test_another_customers_card_typed_by_hand_into_the_card_field_opens_its_owner(
    window: Any, db: Any, qtbot: Any
) -> None:
    ids = seed(db)
    card = window.open_customer(ids["a"])
    qtbot.waitUntil(lambda: QApplication.activeWindow() is card)
    panel = card.findChild(PointsPanel)
    panel.card_edit.setFocus()
    panel.card_edit.selectAll()
    qtbot.keyClicks(panel.card_edit, ids["card_b"], delay=90)  # a person, not a scanner
    qtbot.keyClick(panel.card_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: card.customer_id == ids["b"], timeout=3000)
    assert panel.customer_id == ids["b"]
    assert card.ui.header_name.text() == "小林 誠"


def test_the_sale_refuses_a_card_number_that_is_not_the_open_customers(
    window: Any, db: Any, qtbot: Any
) -> None:
    ids = seed(db)
    card = window.open_customer(ids["a"])
    panel = card.findChild(PointsPanel)
    panel.card_edit.setText(ids["card_b"])  # however it got there
    panel.focus_amount()
    qtbot.keyClicks(panel.amount_edit, "2000", delay=90)
    qtbot.keyClick(panel.amount_edit, Qt.Key.Key_Return)
    assert "このお客様のカードではありません" in panel.message.text()
    assert sales_of(db, ids["a"]) == [] and sales_of(db, ids["b"]) == []


def test_a_lost_card_scanned_is_refused_naming_the_new_card(
    window: Any, db: Any, qtbot: Any
) -> None:
    ids = seed(db)
    with db.transaction() as s:
        new = cards.report_lost(s, ids["card_a"], actor=CLI_ACTOR).card_number
    card = window.open_customer(ids["b"])
    qtbot.waitUntil(lambda: QApplication.activeWindow() is card)
    card.focus_counter()
    keys(qtbot, ids["card_a"], Qt.Key.Key_Return)
    panel = card.findChild(PointsPanel)
    qtbot.waitUntil(lambda: new in panel.message.text(), timeout=3000)
    assert card.customer_id == ids["b"]
    assert sales_of(db, ids["a"]) == []


def test_a_sale_the_database_refuses_is_shown_at_once_not_lost_silently(
    window: Any, db: Any, qtbot: Any
) -> None:
    """Issue 12's 8: a purchase was silently not recorded after a database error."""
    import sqlite3

    ids = seed(db)
    with sqlite3.connect(db.path) as conn:  # the file itself refuses every new purchase
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON purchase "
            "BEGIN SELECT RAISE(ABORT, 'database disk image is malformed'); END"
        )
    keys(qtbot, ids["card_a"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ids["a"] in window.cards, timeout=5000)
    panel = window.cards[ids["a"]].findChild(PointsPanel)
    qtbot.waitUntil(panel.amount_edit.hasFocus, timeout=3000)
    keys(qtbot, "2000", Qt.Key.Key_Return)
    assert "お買い上げは記録されていません" in panel.message.text()
    assert "malformed" in panel.message.text()
    notices = [n for n in window.notices if n.is_error]
    assert [n.text()[:14] for n in notices] == ["お買い上げは記録されていません"[:14]]
    assert "malformed" in window.ui.statusbar.currentMessage()
    assert sales_of(db, ids["a"]) == []


def test_a_restore_by_another_program_is_said_and_the_window_follows_the_file(
    window: Any, db: Any, qtbot: Any
) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    from crmdesk.services import backup

    ids = seed(db)
    saved = backup.make_backup(db.path, kind="manual")
    card = window.open_customer(ids["a"])
    keys(qtbot)  # nothing typed: the card is open, unchanged
    root = Path(__file__).parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "--db", str(db.path), "restore", saved.path, "--json"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    window.open_scanned(ids["card_a"], card)  # the next sale begins: the file is checked
    qtbot.waitUntil(lambda: any(n.is_error for n in window.notices), timeout=3000)
    assert "置き換えられました" in window.notices[-1].text()
    panel = card.findChild(PointsPanel)
    panel.focus_amount()
    keys(qtbot, "1200", Qt.Key.Key_Return)
    import sqlite3

    with sqlite3.connect(db.path) as conn:
        assert conn.execute("SELECT amount FROM purchase").fetchall() == [(1200,)]


def test_a_slow_scan_into_the_amount_field_opens_the_owner_instead_of_charging(
    window: Any, db: Any, qtbot: Any
) -> None:
    """A scanner slowed down (or a number typed by hand) into the amount field: the sale
    sees a card number, not an amount, and opens its owner; nothing is charged."""
    ids = seed(db)
    card = window.open_customer(ids["a"])
    qtbot.waitUntil(lambda: QApplication.activeWindow() is card)
    panel = card.findChild(PointsPanel)
    panel.focus_amount()
    qtbot.keyClicks(panel.amount_edit, ids["card_b"], delay=90)  # too slow for a burst
    qtbot.keyClick(panel.amount_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: card.customer_id == ids["b"], timeout=3000)
    panel_b = card.findChild(PointsPanel)
    qtbot.waitUntil(panel_b.amount_edit.hasFocus, timeout=3000)
    assert panel_b.amount_edit.text() == ""
    assert sales_of(db, ids["a"]) == [] and sales_of(db, ids["b"]) == []
