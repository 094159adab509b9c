"""Files, settings, first-run demo data and card panels, driven through the real window."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QMessageBox
from sqlalchemy import text

from crmdesk.services import customer_list
from crmdesk.services.shop import shop_name
from crmdesk.ui import settings
from crmdesk.ui.app import database_to_open
from crmdesk.ui.customers.card import CustomerCard
from crmdesk.ui.extensions import CardPanel
from crmdesk.ui.shop.settings_dialog import SettingsDialog
from tests.helpers.factories import add_customer
from tests.helpers.message_boxes import answer_next_box


def test_first_run_offers_demo_data_and_loads_it_in_the_background(window: Any, qtbot: Any) -> None:
    seen: list[str] = []
    answer_next_box(QMessageBox.StandardButton.Yes, seen)
    window.files.offer_demo_data()
    assert "デモデータ" in seen[0]
    worker = window.files.demo_worker
    with qtbot.waitSignal(worker.signals.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: getattr(window, "customer_count", 0) == 500, timeout=10_000)
    assert window.count_label.text() == "顧客 500人"
    # offered once per file: the next start does not ask again
    window.files.offer_demo_data()
    assert settings.demo_offered(window.db.path)


def test_demo_offer_declined_is_not_repeated(window: Any) -> None:
    seen: list[str] = []
    answer_next_box(QMessageBox.StandardButton.No, seen)
    window.files.offer_demo_data()
    assert len(seen) == 1
    window.files.offer_demo_data()  # no box this time (a stray box would fail the test)
    with window.db.sessions() as s:
        assert customer_list.count_customers(s) == 0


def test_open_another_file_and_recent_files(window: Any, tmp_path: Path, qtbot: Any) -> None:
    from crmdesk.store.db import open_database

    other = tmp_path / "branch2.sqlite3"
    db2 = open_database(other)
    with db2.transaction() as s:
        add_customer(s, family_name="別府", family_kana="べっぷ")
    db2.close()
    assert window.files.switch_to(other)
    assert window.db.path == other.resolve()
    assert str(other.resolve()) in window.path_label.text()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert settings.recent_files()[0] == other.resolve()
    window.files.fill_recent_menu()
    texts = [a.text() for a in window.ui.menu_recent.actions()]
    assert texts[0] == f"&1 {other.resolve()}"


def test_opening_the_newest_recent_file_again_leaves_the_settings_file_alone(
    tmp_path: Path,
) -> None:
    """Every launch opens the same file: the recent list is already right, nothing is
    written (a settings write costs a launch a tenth of a second on a slow disk)."""
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    settings.add_recent_file(first)
    settings.add_recent_file(second)
    ini = Path(settings.qsettings().fileName())
    long_ago = 1_000_000_000_000_000_000  # 2001: any write would move it to today
    os.utime(ini, ns=(long_ago, long_ago))
    settings.add_recent_file(second)
    assert ini.stat().st_mtime_ns == long_ago
    assert settings.recent_files()[:2] == [second.resolve(), first.resolve()]
    settings.add_recent_file(first)  # another file: the list changes and is written
    assert settings.recent_files()[:2] == [first.resolve(), second.resolve()]
    assert ini.stat().st_mtime_ns != long_ago


def test_settings_dialog_saves_shop_and_language(qtbot: Any, tmp_path: Path, db: Any) -> None:
    dialog = SettingsDialog(db=db)
    qtbot.addWidget(dialog)
    dialog.ui.shop_name.setText("さくら美容室")
    dialog.ui.branch_code.setText("01")
    dialog.ui.database_path.setText(str(tmp_path / "shop.sqlite3"))
    dialog.ui.language.setCurrentIndex(2)
    dialog.accept()
    with db.reading() as s:  # the shop's name lives in the database, as the CLI sees it
        assert shop_name(s) == "さくら美容室"
    assert settings.value("shop/name") == ""
    assert settings.value("shop/branch_code") == "01"
    assert settings.language_setting() == "en"
    assert database_to_open(None) == tmp_path / "shop.sqlite3"
    assert database_to_open(tmp_path / "x.sqlite3") == tmp_path / "x.sqlite3"
    again = SettingsDialog(db=db)
    qtbot.addWidget(again)
    assert again.ui.shop_name.text() == "さくら美容室"
    assert again.ui.language.currentText() == "English"


class VisitsPanel(CardPanel):
    """A panel as a later feature would write one."""

    ORDER = 5

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel(self)
        self.loaded: list[str | None] = []

    def title(self) -> str:
        return "来店"

    def load(self, db: Any, customer_id: str | None) -> None:
        self.loaded.append(customer_id)
        self.label.setText("新規" if customer_id is None else "3回")

    def header_figures(self) -> dict[str, str]:
        return {"ポイント": "1,234 pt"} if self.loaded[-1] else {}


class BrokenPanel(CardPanel):
    def title(self) -> str:
        raise RuntimeError("a bug in a feature")


def test_card_shows_panels_as_tabs_with_header_figures(
    db: Any, qtbot: Any, monkeypatch: Any
) -> None:
    import crmdesk.ui.customers.card as card_module

    monkeypatch.setattr(card_module, "card_panels", lambda: [VisitsPanel, BrokenPanel])
    with db.transaction() as s:
        cid = add_customer(s)
    card = CustomerCard(db, cid)
    qtbot.addWidget(card)
    tabs = card.ui.history_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["来店"]  # the broken one left out
    panel = card.panels[0]
    assert panel.loaded == [cid]
    assert "ポイント: <b>1,234 pt</b>" in card.ui.header_figures.text()
    card.ui.notes.setPlainText("メモ")
    assert card.save()
    assert panel.loaded == [cid, cid]  # reloaded after the save


def test_features_add_settings_pages(window: Any, qtbot: Any) -> None:
    from PySide6.QtWidgets import QLineEdit

    class HubPage(QLineEdit):
        def save(self) -> None:
            settings.set_value("hub/url", self.text())

    window.add_settings_page("同期", lambda parent: HubPage(parent))
    dialog = SettingsDialog(window, window.settings_pages)
    qtbot.addWidget(dialog)
    pages = dialog.ui.pages
    titles = [pages.tabText(i) for i in range(pages.count())]
    assert titles[0] == "一般" and titles[-1] == "同期"  # features' pages follow, in order
    dialog.pages[-1].setText("postgresql://hub.example/shop")
    dialog.accept()
    assert settings.value("hub/url") == "postgresql://hub.example/shop"


def test_the_demo_menu_on_a_file_with_customers_says_how_many_there_are(window: Any) -> None:
    """Issue 12's 9: on a file of 3,012 customers it said the file had none yet."""
    with window.db.transaction() as s:
        for phone in ("0311112222", "0322223333"):
            add_customer(s, phone1=phone)
    seen: list[str] = []
    answer_next_box(QMessageBox.StandardButton.No, seen)
    window.files.ask_demo_data()
    assert "まだ顧客がいません" not in seen[0]
    assert "2人" in seen[0] and "追加" in seen[0]


def test_the_demo_menu_on_a_file_that_syncs_says_why_not_and_adds_nothing(window: Any) -> None:
    """Demo customers in a branch's file would go to the hub and on to every branch."""
    with window.db.transaction() as s:
        add_customer(s, phone1="0311112222")
        s.execute(text("UPDATE sync_flag SET capture = 1"))  # as joining a hub sets it
    seen: list[str] = []
    answer_next_box(QMessageBox.StandardButton.Ok, seen)
    window.files.ask_demo_data()
    assert "ハブと同期しています" in seen[0] and "新しいファイル" in seen[0]
    assert window.files.demo_worker is None
    with window.db.sessions() as s:
        assert s.execute(text("SELECT count(*) FROM customer")).scalar() == 1
