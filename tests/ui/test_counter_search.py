"""The counter search in the window: issue 21's queries typed into the search box, the
count of what is not shown yet ("他 N 件") and the list fetching it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from crmdesk.ui.customers.list_model import COL_NAME
from tests.helpers.factories import add_customer
from tests.ui.test_main_window import search


def seed(db: Any) -> dict[str, str]:
    with db.transaction() as s:
        ids = {
            "osamu": add_customer(s, family_name="山田", given_name="修", family_kana="やまだ",
                                  given_kana="おさむ", phone1="03-3991-2345", city="練馬区",
                                  town="豊玉北"),
            "ran": add_customer(s, family_name="松風", given_name="蘭", family_kana="まつかぜ",
                                given_kana="らん", phone1="090-1000-2000", city="新宿区"),
            "minato": add_customer(s, family_name="鈴木", given_name="一郎",
                                   family_kana="すずき", given_kana="いちろう",
                                   company="株式会社ミナト商会", phone1="070-2222-3333"),
        }  # fmt: skip
        for i in range(60):
            add_customer(s, family_name="湊", given_name=f"太郎{i:02d}", family_kana="みなと",
                         given_kana=f"たろう{i:02d}", phone1=f"090-3000-{i:04d}")  # fmt: skip
    return ids


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("3991-2345", "osamu"),  # 21.2: without the area code
        ("山田 おさむ", "osamu"),  # 21.3
        ("練馬", "osamu"),  # 21.4
        ("matukaze", "ran"),  # 21.6: kunrei
        ("matsukaze", "ran"),  # 21.6: Hepburn
    ],
)
def test_each_query_staff_type_opens_the_customer_on_enter(
    window: Any, db: Any, qtbot: Any, query: str, who: str
) -> None:
    ids = seed(db)
    search(qtbot, window, query)
    qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ids[who] in window.cards, timeout=3000)


def test_a_company_fragment_comes_first_and_the_rest_is_fetched(
    window: Any, db: Any, qtbot: Any
) -> None:
    ids = seed(db)
    search(qtbot, window, "ミナト")  # 21.5
    model = window.model
    assert model.row_at(0).id == ids["minato"]
    assert model.index(0, COL_NAME).data() == "鈴木 一郎"
    assert model.rowCount() == 50
    assert window.ui.result_label.text() == "61件見つかりました（他 11 件）"
    qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_PageDown)
    for _ in range(5):  # Down past the last row shown fetches the next page
        qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_PageDown)
    assert model.rowCount() == 61
    assert len({model.row_at(r).id for r in range(61)}) == 61
    assert window.ui.result_label.text() == "61件見つかりました"
    assert window.ui.customer_table.currentIndex().row() == 60


def test_the_search_model_fetches_the_next_pages_and_passes_modeltester(
    db: Any, qtmodeltester: Any
) -> None:
    from crmdesk.services.search import find_customers
    from crmdesk.ui.customers.list_model import CustomerTableModel

    ids = seed(db)
    model = CustomerTableModel(db)
    with db.sessions() as s:
        model.show_hits(find_customers(s, "ミナト", limit=20), "ミナト")
    assert model.rowCount() == 20 and model.canFetchMore(model.index(-1, -1))
    assert model.found == (61, False)
    qtmodeltester.check(model)  # fetches the rest as a view would
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 61
    assert model.row_at(0).id == ids["minato"]
