"""Search -> sale -> ready for the next customer: at most 4 keys beyond the typed data.

One test per way staff find a customer (issue 12's 2). Every key is a real key event
sent to the widget that has the focus; ``Keys`` counts the ones that are not data.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from crmdesk.services import cards, customer_index, purchases
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.ui.customers.card import CustomerCard
from crmdesk.ui.points.panel import PointsPanel
from tests.helpers.factories import add_customer
from tests.helpers.qt_typing import type_text

MAX_KEYS = 4


class Keys:
    """Types data and presses keys into the focus widget, counting the presses."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.count = 0

    def data(self, text: str) -> None:
        focus = QApplication.focusWidget()
        assert focus is not None
        if text.isascii():
            self.qtbot.keyClicks(focus, text)
        else:
            type_text(focus, text)  # kana and kanji, as an IME commits them

    def press(self, key: Qt.Key) -> None:
        focus = QApplication.focusWidget()
        assert focus is not None
        self.count += 1
        self.qtbot.keyClick(focus, key)


def seed(db: Any) -> dict[str, str]:
    with db.transaction() as s:
        add_customer(s, family_name="佐藤", given_name="健", family_kana="さとう",
                     given_kana="けん", phone1="03-3333-4444")  # fmt: skip
        her = add_customer(
            s, family_name="井上", given_name="愛", family_kana="いのうえ", given_kana="あい",
            phone1="090-2064-5230",
        )  # fmt: skip
        card = cards.issue_card(s, her, actor=CLI_ACTOR).card_number
        number = customer_index.get_customer(s, her).customer_number
    return {"id": her, "card": card, "number": number}


def focus_is(widget_name: str) -> Any:
    def check() -> bool:
        focus = QApplication.focusWidget()
        return isinstance(focus, QLineEdit) and focus.objectName() == widget_name

    return check


WAYS = {
    "card scan": lambda ids: ids["card"],
    "phone digits": lambda ids: "09020645230",
    "phone as written": lambda ids: "090-2064-5230",
    "last 4 phone digits": lambda ids: "5230",
    "kana": lambda ids: "いのうえ",
    "kanji": lambda ids: "井上",
    "customer number": lambda ids: ids["number"],
}


@pytest.mark.parametrize("way", list(WAYS))
def test_search_sale_and_ready_for_the_next_customer_in_four_keys(
    window: Any, db: Any, qtbot: Any, way: str
) -> None:
    ids = seed(db)
    keys = Keys(qtbot)
    assert QApplication.focusWidget() is window.ui.search_edit
    keys.data(WAYS[way](ids))
    keys.press(Qt.Key.Key_Return)  # 1: open the (first) customer found
    qtbot.waitUntil(lambda: ids["id"] in window.cards, timeout=5000)
    card = window.cards[ids["id"]]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is card, timeout=3000)
    if not focus_is("amount")():
        keys.press(Qt.Key.Key_F9)  # お会計: to the amount
    qtbot.waitUntil(focus_is("amount"), timeout=3000)
    keys.data("4800")
    keys.press(Qt.Key.Key_Return)  # the sale
    panel = card.findChild(PointsPanel)
    assert "残高 48 pt" in panel.message.text()
    assert card.ui.family_name.text() == "井上"  # the amount went nowhere else
    assert window.ui.search_edit.text() == ""  # after a sale the old query is gone
    keys.press(Qt.Key.Key_Escape)  # done with her
    qtbot.waitUntil(lambda: not window.cards, timeout=3000)
    assert keys.count <= MAX_KEYS, f"{way}: {keys.count} keys"
    # ready for the next customer: an empty box with the focus, nothing asked or saved
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.ui.search_edit, timeout=3000)
    assert window.ui.search_edit.text() == ""
    with db.sessions() as s:
        lines = purchases.purchase_history(s, ids["id"]).lines
        assert [(line.amount, line.card_number) for line in lines] == [(4800, ids["card"])]
        assert customer_index.get_customer(s, ids["id"]).family_name == "井上"


def test_f9_in_the_card_goes_to_the_amount_and_typing_there_leaves_the_name(
    window: Any, db: Any, qtbot: Any
) -> None:
    ids = seed(db)
    card = window.open_customer(ids["id"])
    qtbot.waitUntil(lambda: QApplication.activeWindow() is card)
    assert isinstance(card, CustomerCard)
    assert card.ui.family_name.hasFocus()
    qtbot.keyClick(card.ui.family_name, Qt.Key.Key_F9)
    qtbot.waitUntil(focus_is("amount"), timeout=3000)
    assert not card.is_dirty()
