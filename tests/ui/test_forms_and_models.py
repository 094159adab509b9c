"""Compiled forms match their .ui files; the customer model passes Qt's model checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from crmdesk.ui.build_forms import FORMS, compile_form, target
from crmdesk.ui.customers.list_model import (
    COL_KANA,
    COL_NAME,
    COL_NUMBER,
    COLUMN_COUNT,
    CustomerTableModel,
)
from tests.helpers.factories import add_customer

UI_FILES = sorted(FORMS.glob("*.ui"))


def test_every_form_is_compiled() -> None:
    names = {p.stem for p in UI_FILES}
    assert {"main_window", "customer_card", "settings_dialog"} <= names


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_generated_form_is_current(ui_file: Path) -> None:
    """Edit the .ui in Designer, then run `python -m crmdesk.ui.build_forms`."""
    generated = target(ui_file)
    assert generated.exists(), f"{generated.name} missing: run python -m crmdesk.ui.build_forms"
    assert generated.read_text(encoding="utf-8") == compile_form(ui_file), (
        f"{generated.name} is older than {ui_file.name}: run python -m crmdesk.ui.build_forms"
    )
    assert "Do not edit" in generated.read_text(encoding="utf-8").splitlines()[0]


def seed(db: Any, n: int) -> None:
    kana = ["あおき", "いとう", "うえだ", "えんどう", "おおた", "かとう", "きむら", "くどう"]
    with db.transaction() as s:
        for i in range(n):
            add_customer(
                s,
                family_name=f"顧客{i}",
                family_kana=kana[i % len(kana)],
                given_kana="たろう",
                phone1=f"090-0000-{i:04d}",
            )


def test_list_model_fetches_lazily_and_passes_modeltester(db: Any, qtmodeltester: Any) -> None:
    seed(db, 450)
    checked = CustomerTableModel(db)
    qtmodeltester.check(checked)  # the tester fetches pages as a view would
    assert checked.rowCount() > 0
    model = CustomerTableModel(db)
    assert model.rowCount() == 0 and model.canFetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == CustomerTableModel.PAGE
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 450
    kana = [model.index(r, COL_KANA).data() for r in range(model.rowCount())]
    assert kana == sorted(kana)


def test_list_model_sorts_on_the_database(db: Any) -> None:
    seed(db, 30)
    model = CustomerTableModel(db)
    model.sort(COL_NUMBER, Qt.SortOrder.DescendingOrder)
    model.fetchMore(model.index(-1, -1))
    numbers = [model.index(r, COL_NUMBER).data() for r in range(model.rowCount())]
    assert numbers == sorted(numbers, reverse=True) and len(numbers) == 30


@pytest.mark.parametrize("column", range(COLUMN_COUNT))
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_every_sorted_list_pages_through_everyone_once(
    db: Any, column: int, order: Qt.SortOrder
) -> None:
    """450 customers on 8 readings: pages end inside runs of the same kana."""
    seed(db, 450)
    with db.transaction() as s:
        from crmdesk.services import customer_index, customers

        customers.delete_customer(s, customer_index.get_by_number(s, "000007").id)
    model = CustomerTableModel(db)
    model.sort(column, order)
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    ids = [model.row_at(r).id for r in range(model.rowCount())]
    assert len(ids) == len(set(ids)) == 449
    numbers = [model.index(r, COL_NUMBER).data() for r in range(model.rowCount())]
    assert "000007" not in numbers
    if column in (COL_NAME, COL_KANA):
        shown = [(model.index(r, COL_KANA).data(), numbers[r]) for r in range(len(numbers))]
        descending = order == Qt.SortOrder.DescendingOrder
        assert shown == sorted(shown, reverse=descending)


def test_search_model_sorts_its_hits(db: Any, qtmodeltester: Any) -> None:
    from PySide6.QtCore import Qt

    from crmdesk.services.search import search_customers

    seed(db, 20)
    model = CustomerTableModel(db)
    with db.sessions() as s:
        model.show_hits(search_customers(s, "090"))
    qtmodeltester.check(model)
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    readings = [model.index(r, COL_KANA).data() for r in range(model.rowCount())]
    assert readings == sorted(readings)
    assert not model.canFetchMore(model.index(-1, -1))
