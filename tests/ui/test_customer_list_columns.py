"""The customer list's columns: one phone number a cell, widths that fit Japanese text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from crmdesk.ui.customers.list_model import COL_ADDRESS, COL_KANA, COL_NAME, COL_NUMBER, COL_PHONE
from tests.helpers.factories import add_customer
from tests.helpers.qt_typing import type_text


def seed(db: Any) -> None:
    with db.transaction() as s:
        add_customer(
            s,
            family_name="長谷川",
            given_name="由美子",
            family_kana="はせがわ",
            given_kana="ゆみこ",
            phone1="070-1234-5678",
            phone2="090-3456-7890",
            building="グランドメゾン神宮前1203号室",
        )
        add_customer(
            s,
            family_name="坂本",
            given_name="健一郎",
            family_kana="さかもと",
            given_kana="けんいちろう",
            phone1="03-3333-4444",
        )
        add_customer(s, family_name="林", given_name="", family_kana="はやし", given_kana="")
    # fmt: skip


def cell(window: Any, row: int, column: int, role: Qt.ItemDataRole) -> Any:
    return window.model.index(row, column).data(role)


def row_of(window: Any, name: str) -> int:
    names = [cell(window, r, COL_NAME, Qt.ItemDataRole.DisplayRole) for r in range(3)]
    return names.index(name)


def test_two_phone_numbers_show_the_first_and_both_in_the_tooltip(
    window: Any, db: Any, qtbot: Any
) -> None:
    seed(db)
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    row = row_of(window, "長谷川 由美子")
    assert cell(window, row, COL_PHONE, Qt.ItemDataRole.DisplayRole) == "070-1234-5678"
    tip = cell(window, row, COL_PHONE, Qt.ItemDataRole.ToolTipRole)
    assert tip == "070-1234-5678\n090-3456-7890"
    nobody = row_of(window, "林")
    assert cell(window, nobody, COL_PHONE, Qt.ItemDataRole.DisplayRole) == ""
    assert cell(window, nobody, COL_PHONE, Qt.ItemDataRole.ToolTipRole) is None


def test_found_by_the_second_number_the_cell_shows_that_number(
    window: Any, db: Any, qtbot: Any
) -> None:
    seed(db)
    type_text(window.ui.search_edit, "09034567890")
    qtbot.waitUntil(lambda: window.shown_query == "09034567890", timeout=5000)
    assert window.model.rowCount() == 1
    assert cell(window, 0, COL_PHONE, Qt.ItemDataRole.DisplayRole) == "090-3456-7890"
    tip = cell(window, 0, COL_PHONE, Qt.ItemDataRole.ToolTipRole)
    assert set(tip.splitlines()) == {"070-1234-5678", "090-3456-7890"}


def test_names_readings_and_numbers_fit_their_columns(window: Any, db: Any, qtbot: Any) -> None:
    """Nothing is cut off ("…") in a window of the usual size but the long address."""
    seed(db)
    window.resize(1000, 600)
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    table = window.ui.customer_table
    metrics = table.fontMetrics()
    for row in range(3):
        for column in (COL_NUMBER, COL_NAME, COL_KANA, COL_PHONE):
            text = cell(window, row, column, Qt.ItemDataRole.DisplayRole)
            room = table.visualRect(window.model.index(row, column)).width()
            assert metrics.horizontalAdvance(text) + 8 <= room, (column, text)
    header = table.horizontalHeader()
    fixed = sum(header.sectionSize(c) for c in (COL_NUMBER, COL_NAME, COL_KANA, COL_PHONE))
    assert header.sectionSize(COL_ADDRESS) > fixed * 0.6  # the address still gets the most
