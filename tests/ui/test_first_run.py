"""The first-run wizard, driven by keys as a person would, for each choice; the window it
ends in is the real one, on the file the choice named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QWizard

from crmdesk import paths
from crmdesk.services import backup, customer_list, points, shop, staff
from crmdesk.store.db import open_database
from crmdesk.ui import i18n, settings
from crmdesk.ui.first_run import is_first_run
from crmdesk.ui.first_run.pages import PAGE_OPEN, PAGE_POINTS, PAGE_READY, PAGE_RESTORE, PAGE_SHOP
from crmdesk.ui.first_run.wizard import FirstRunWizard
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.shop.settings_dialog import SettingsDialog
from tests.helpers.factories import add_customer
from tests.helpers.qt_typing import type_text

Key = Any  # Qt.Key (the qtbot calls take it as is)


@pytest.fixture
def wizard(qtbot: Any) -> Iterator[FirstRunWizard]:
    wiz = FirstRunWizard()
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.activateWindow()
    qtbot.waitExposed(wiz)
    qtbot.waitUntil(wiz.isActiveWindow)  # the mnemonics (Alt+letter) work in it
    yield wiz
    outcome = wiz.outcome
    QThreadPool.globalInstance().waitForDone(10_000)
    if outcome is not None:
        outcome.db.close()


def press(qtbot: Any, wiz: FirstRunWizard, key: str, alt: bool = False) -> None:
    from PySide6.QtCore import Qt

    target = QApplication.focusWidget() or wiz
    modifier = Qt.KeyboardModifier.AltModifier if alt else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(target, getattr(Qt.Key, f"Key_{key}"), modifier)


def choose(qtbot: Any, wiz: FirstRunWizard, letter: str) -> None:
    """Alt + the choice's underlined letter, as a person picks it (the button clicks
    itself a moment later, Qt's animateClick)."""
    before = QApplication.focusWidget()
    press(qtbot, wiz, letter, alt=True)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not before)
    qtbot.wait(200)


def finish(qtbot: Any, wiz: FirstRunWizard) -> Any:
    press(qtbot, wiz, "Return")  # the default button: Next, or Start on the last page
    page: Any = wiz.currentPage()
    qtbot.waitUntil(lambda: not wiz.isVisible(), timeout=10_000)
    assert not page.error.text()
    assert wiz.result() == 1 and wiz.outcome is not None
    return wiz.outcome


def open_window(qtbot: Any, outcome: Any) -> MainWindow:
    window = MainWindow(outcome.db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    outcome.after(window)
    return window


def test_only_a_real_first_run_shows_the_wizard(tmp_path: Path, db_path: Path) -> None:
    assert is_first_run(None)
    assert not is_first_run(db_path)  # --db FILE: never
    settings.set_value("database/path", str(db_path))
    assert not is_first_run(None)  # a remembered file
    settings.set_value("database/path", "")
    paths.default_database().parent.mkdir(parents=True)
    open_database(paths.default_database()).close()
    assert not is_first_run(None)  # the default file exists


@pytest.mark.modal_ok("SignInDialog")  # the owner's PIN locks the window, as it should
def test_new_shop_saves_name_address_points_and_owner(qtbot: Any, wizard: FirstRunWizard) -> None:
    assert wizard.start.buttons["new"].isChecked()  # the first choice is ready for Enter
    press(qtbot, wizard, "Return")
    assert wizard.currentId() == PAGE_SHOP
    page = wizard.shop
    page.name.setFocus()
    type_text(page.name, "さくら美容室")
    press(qtbot, wizard, "Tab")
    qtbot.keyClicks(page.postal_code, "100-0001")
    press(qtbot, wizard, "Tab")  # leaving the code fills the address
    assert page.address.text().startswith("東京都千代田区")
    qtbot.waitUntil(lambda: not page.address.hasSelectedText())  # the block number goes after
    type_text(page.address, "1-1")
    press(qtbot, wizard, "Return")
    assert wizard.currentId() == PAGE_POINTS
    choose(qtbot, wizard, "2")  # 200円ごとに1ポイント
    assert wizard.points.preset() == "200"
    wizard.points.owner_name.setFocus()
    type_text(wizard.points.owner_name, "店長")
    qtbot.keyClicks(wizard.points.pin, "1234")
    qtbot.keyClicks(wizard.points.pin_again, "1235")
    press(qtbot, wizard, "Return")
    assert wizard.isVisible() and "一致しません" in wizard.points.error.text()
    wizard.points.pin_again.clear()
    qtbot.keyClicks(wizard.points.pin_again, "1234")
    outcome = finish(qtbot, wizard)

    assert Path(outcome.db.path) == paths.default_database().resolve()
    with outcome.db.sessions() as session:
        info = shop.shop_info(session)
        assert info is not None
        assert (info.name, info.postal_code) == ("さくら美容室", "1000001")
        assert info.address.startswith("東京都千代田区") and info.address.endswith("1-1")
        assert points.load_rules(session).yen_per_point == 200
        owner = staff.find_staff(session, "店長")
        assert owner.role == "owner" and owner.pin_hash.startswith("scrypt$")
    assert not is_first_run(None)  # the next start opens the file
    window = open_window(qtbot, outcome)
    assert window.windowTitle().startswith("さくら美容室")


def test_new_shop_without_a_pin_keeps_everyone_owner(qtbot: Any, wizard: FirstRunWizard) -> None:
    press(qtbot, wizard, "Return")
    wizard.shop.name.setFocus()
    type_text(wizard.shop.name, "ハナ書店")
    press(qtbot, wizard, "Return")
    assert wizard.points.preset() == "100"
    outcome = finish(qtbot, wizard)
    with outcome.db.sessions() as session:
        assert shop.shop_name(session) == "ハナ書店"
        assert not staff.has_staff(session)
        assert points.load_rules(session).yen_per_point == 100


def test_open_an_existing_file(qtbot: Any, wizard: FirstRunWizard, tmp_path: Path) -> None:
    other = tmp_path / "honten.sqlite3"
    db = open_database(other)
    with db.transaction() as session:
        add_customer(session, family_name="別府", family_kana="べっぷ")
    db.close()
    choose(qtbot, wizard, "O")
    press(qtbot, wizard, "Return")
    assert wizard.currentId() == PAGE_OPEN
    wizard.open_page.path.setFocus()
    qtbot.keyClicks(wizard.open_page.path, str(tmp_path / "missing.sqlite3"))
    press(qtbot, wizard, "Return")
    assert wizard.isVisible() and wizard.open_page.error.text()  # no such file: says so
    wizard.open_page.path.clear()
    qtbot.keyClicks(wizard.open_page.path, str(other))
    outcome = finish(qtbot, wizard)
    assert Path(outcome.db.path) == other.resolve()
    assert settings.database_path() == other.resolve()  # remembered for the next start
    assert not paths.default_database().exists()
    window = open_window(qtbot, outcome)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)


def test_restore_from_a_backup(qtbot: Any, wizard: FirstRunWizard, tmp_path: Path) -> None:
    old = tmp_path / "old" / "crmdesk.sqlite3"
    old.parent.mkdir()
    db = open_database(old)
    with db.transaction() as session:
        add_customer(session, family_name="古川", family_kana="ふるかわ")
    db.close()
    made = backup.make_backup(old, kind="manual")
    choose(qtbot, wizard, "R")
    press(qtbot, wizard, "Return")
    assert wizard.currentId() == PAGE_RESTORE
    wizard.restore_page.path.setFocus()
    qtbot.keyClicks(wizard.restore_page.path, str(tmp_path / "old"))  # a folder: refused
    press(qtbot, wizard, "Return")
    assert wizard.isVisible() and wizard.restore_page.error.text()
    wizard.restore_page.path.clear()
    qtbot.keyClicks(wizard.restore_page.path, made.path)
    outcome = finish(qtbot, wizard)
    assert Path(outcome.db.path) == paths.default_database().resolve()
    with outcome.db.sessions() as session:
        assert customer_list.count_customers(session) == 1
    window = open_window(qtbot, outcome)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    row = window.model.row_at(0)
    assert row is not None and row.name.startswith("古川")


def test_demo_data_is_listed_as_soon_as_it_is_made(qtbot: Any, wizard: FirstRunWizard) -> None:
    choose(qtbot, wizard, "D")
    press(qtbot, wizard, "Return")
    assert wizard.currentId() == PAGE_READY
    assert str(paths.default_database()) in wizard.ready.text.text()  # where it goes
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    outcome = finish(qtbot, wizard)
    window = open_window(qtbot, outcome)  # its after() starts the demo load
    worker = window.files.demo_worker
    assert worker is not None
    with qtbot.waitSignal(worker.signals.finished, timeout=120_000):
        pass
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=2_000)
    assert window.ui.search_edit.text() == ""  # nothing typed
    qtbot.waitUntil(lambda: window.count_label.text() == "顧客 500人", timeout=10_000)
    assert settings.demo_offered(Path(outcome.db.path))  # the old yes/no box stays away


def test_join_a_hub_opens_the_existing_join_page(qtbot: Any, wizard: FirstRunWizard) -> None:
    choose(qtbot, wizard, "J")
    press(qtbot, wizard, "Return")
    assert wizard.ready.title() == "お店のハブに参加"
    outcome = finish(qtbot, wizard)
    seen: dict[str, Any] = {}

    def answer_settings() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SettingsDialog):
            QTimer.singleShot(20, answer_settings)
            return
        tabs = dialog.ui.pages
        seen["tab"] = tabs.tabText(tabs.currentIndex())
        page: Any = tabs.currentWidget()
        seen["join"] = page.join_button.isEnabled()
        dialog.reject()

    QTimer.singleShot(0, answer_settings)
    open_window(qtbot, outcome)  # after(): window.join_hub(), the settings' sync tab
    assert seen == {"tab": "店舗間同期", "join": True}
    with outcome.db.sessions() as session:
        assert customer_list.count_customers(session) == 0


def test_english_is_applied_at_once_and_remembered(qtbot: Any, wizard: FirstRunWizard) -> None:
    from crmdesk.ui.app import make_app

    assert wizard.windowTitle() == "crmdesk を始める"
    wizard.start.japanese.setFocus()
    press(qtbot, wizard, "Right")  # the language radio buttons: arrows move the choice
    assert wizard.start.english.isChecked()
    assert i18n.language() == "en"
    assert wizard.windowTitle() == "Start crmdesk"
    assert wizard.start.title() == "Welcome to crmdesk"
    assert wizard.start.buttons["demo"].text() == "Try it with &demo data"
    choose(qtbot, wizard, "D")  # the English mnemonic
    assert wizard.start.kind() == "demo"
    press(qtbot, wizard, "Return")
    assert wizard.ready.title() == "Try it with demo data"
    outcome = finish(qtbot, wizard)
    assert settings.language_setting() == "en"
    window = MainWindow(outcome.db)
    qtbot.addWidget(window)
    assert window.windowTitle() == "crmdesk Customers"
    i18n.set_language("ja")
    make_app()  # the next start: the remembered language
    assert i18n.language() == "en"


def test_cancel_leaves_nothing_behind(qtbot: Any, wizard: FirstRunWizard) -> None:
    press(qtbot, wizard, "Escape")
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert wizard.outcome is None
    assert not paths.default_database().exists()
    assert is_first_run(None)


def test_a_refused_new_shop_leaves_no_file_behind() -> None:
    from crmdesk.core.errors import DomainError
    from crmdesk.ui.first_run.actions import Choice, NewShop, carry_out

    bad = NewShop(name="さくら美容室", postal_code="12")  # the page would have refused it
    with pytest.raises(DomainError):
        carry_out(Choice("new", "ja", shop=bad))
    assert not paths.default_database().exists()
    assert is_first_run(None)  # the next start asks again
    assert settings.language_setting() == ""  # nothing remembered either
