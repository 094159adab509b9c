"""A scan with the Japanese input method on opens the card (issue 21.1).

Staff keep the input method on to type names. The scanner's digits then go into the
composition as full-width digits, and its one Enter confirms them: the application sees an
input-method event (a commit string, or a composition still held) and maybe the Enter.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from crmdesk.ui.points.panel import PointsPanel
from tests.ui.test_counter_scans import seed

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def compose(widget: Any, *, commit: str = "", preedit: str = "") -> None:
    """What the input method sends: the composition now, and what it confirmed."""
    event = QInputMethodEvent(preedit, [])
    if commit:
        event.setCommitString(commit)
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize(
    ("how", "enter"),
    [
        ("commit", True),  # the digits confirmed, then the scanner's Enter
        ("preedit", True),  # still in the composition when the Enter comes
        ("commit", False),  # the input method took the Enter to confirm them
        ("typed", True),  # the input method off: key presses (issue 12's scan)
    ],
)
@pytest.mark.parametrize("where", ["search box", "card field"])
def test_a_scan_with_the_input_method_on_opens_the_card(
    window: Any, db: Any, qtbot: Any, how: str, enter: bool, where: str
) -> None:
    ids = seed(db)
    field: Any = window.ui.search_edit
    if where == "card field":
        card = window.open_customer(ids["a"])
        qtbot.waitUntil(lambda: QApplication.activeWindow() is card)
        field = card.ui.family_name
        field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    digits = ids["card_b"].translate(_FULL_WIDTH)  # "２４０００…"
    if how == "typed":
        qtbot.keyClicks(field, ids["card_b"])
    else:
        compose(field, preedit=digits[:5])
        compose(field, preedit=digits) if how == "preedit" else compose(field, commit=digits)
    if enter:
        qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ids["b"] in window.cards, timeout=3000)
    panel = window.cards[ids["b"]].findChild(PointsPanel)
    qtbot.waitUntil(panel.amount_edit.hasFocus, timeout=3000)
    assert panel.card_edit.text() == ids["card_b"]
    assert window.ui.search_edit.text() == ""
    if where == "card field":
        assert window.cards[ids["b"]] is card  # the card now shows her
        assert field.text() == "小林" and not card.is_dirty()  # the digits went nowhere


def test_a_name_composed_and_confirmed_is_typing_not_a_scan(
    window: Any, db: Any, qtbot: Any
) -> None:
    seed(db)
    box = window.ui.search_edit
    qtbot.waitUntil(box.hasFocus)
    compose(box, preedit="こばやし")
    compose(box, commit="小林")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # a person's Enter: open the first hit
    qtbot.waitUntil(lambda: bool(window.cards), timeout=3000)
    (card,) = window.cards.values()
    assert card.ui.family_name.text() == "小林"
    assert box.text() == "小林"
