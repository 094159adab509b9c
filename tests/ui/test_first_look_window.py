"""``crmdesk`` on a file ready as it is: the window shows its first look at once (the list's
first page, through plain sqlite3) and takes keys while the file opens on a worker; what
was typed or scanned meanwhile is answered when it is open (crmdesk/ui/app.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from crmdesk.services import cards, customer_list, shop, staff
from crmdesk.services.demo import generate
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.store.db import open_database
from crmdesk.ui.app import start_window
from crmdesk.ui.customers.card import CustomerCard
from crmdesk.ui.main_window import MainWindow

ROOT = Path(__file__).parents[2]


@pytest.fixture
def shop_file(db_path: Path) -> dict[str, Any]:
    db = open_database(db_path)
    with db.transaction() as session:
        generate(session, customers=60, seed=5)
        shop.set_shop_info(session, {"name": "花田商店", "postal_code": "1000001"}, actor=CLI_ACTOR)
        first = customer_list.page_customers(session, limit=200).customers
        customer = first[7]
        number = cards.issue_card(session, customer.id, actor=CLI_ACTOR).card_number
        listed = [(c.customer_number, c.name) for c in first]
    db.close()
    return {"path": db_path, "listed": listed, "customer": customer.id, "card": number}


def shown(window: MainWindow) -> list[tuple[str, str]]:
    rows = (window.model.row_at(i) for i in range(window.model.rowCount()))
    return [(r.customer_number, r.name) for r in rows if r is not None]


def opened(qtbot: Any, path: Path) -> MainWindow:
    window = start_window(path)
    assert window is not None
    qtbot.addWidget(window)
    return window


def settle(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.db is not None, timeout=10_000)
    QThreadPool.globalInstance().waitForDone(5000)


def test_the_first_page_shows_before_the_file_is_open_then_the_same_list(
    qtbot: Any, shop_file: dict[str, Any]
) -> None:
    window = opened(qtbot, shop_file["path"])
    assert window.db is None  # the database layer is still opening the file
    assert window.isVisible()
    assert shown(window) == shop_file["listed"]  # in furigana order, as the list shows
    assert window.windowTitle().startswith("花田商店 - ")
    assert window.ui.result_label.text() == "全顧客（ふりがな順）"
    settle(qtbot, window)
    qtbot.waitUntil(window.ui.search_edit.hasFocus)  # ready for the first customer
    assert shown(window) == shop_file["listed"]
    qtbot.waitUntil(lambda: window.count_label.text() == "顧客 60人")
    assert window.menu("tools").actions()  # the features are in
    window.db.close()


def test_a_card_scanned_while_the_file_opens_opens_its_customer_for_the_sale(
    qtbot: Any, shop_file: dict[str, Any]
) -> None:
    window = opened(qtbot, shop_file["path"])
    qtbot.keyClicks(window.ui.search_edit, shop_file["card"])  # a scanner: digits, Enter
    qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_Return)
    assert window.db is None  # typed before the file was open
    settle(qtbot, window)
    qtbot.waitUntil(lambda: shop_file["customer"] in window.cards, timeout=10_000)
    card = window.cards[shop_file["customer"]]
    assert isinstance(card, CustomerCard) and card.isVisible()
    qtbot.waitUntil(lambda: "amount" in (QApplication.focusWidget().objectName() or ""))
    card._loaded = card.form_values()
    card.close()
    window.db.close()


@pytest.mark.modal_ok("SignInDialog")
def test_a_file_with_staff_accounts_shows_no_customer_before_sign_in(
    qtbot: Any, shop_file: dict[str, Any]
) -> None:
    db = open_database(shop_file["path"])
    with db.transaction() as session:
        staff.add_staff(session, "店長", "owner", "4321")
    db.close()
    window = opened(qtbot, shop_file["path"])
    assert window.db is None
    assert not window.centralWidget().isVisible() and window.model.rowCount() == 0
    settle(qtbot, window)
    assert window.staff_session.locked  # the sign-in screen, the list still hidden
    assert not window.centralWidget().isVisible()
    window.staff_session.dialog.reject()
    window.db.close()


def test_the_window_shell_and_its_first_look_need_no_sqlalchemy(shop_file: dict[str, Any]) -> None:
    """What the first frame needs loads without the database layer (a fresh process)."""
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from crmdesk.ui.app import make_app\n"
        "from crmdesk.store.first_look import first_look\n"
        "from crmdesk.ui.main_window import MainWindow\n"
        "app = make_app([sys.argv[0]])\n"
        "look = first_look(Path(sys.argv[1]), 200)\n"
        "window = MainWindow(None, first_look=look)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic'))\n"
        "print(json.dumps({'rows': window.model.rowCount(), 'loaded': loaded}))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code, str(shop_file["path"])],
        capture_output=True, text=True, env=env, check=True, timeout=120,
    ).stdout  # fmt: skip
    report = json.loads(out.strip().splitlines()[-1])
    assert report == {"rows": 60, "loaded": []}


def test_a_file_slow_to_open_says_so_until_it_is_open(
    qtbot: Any, shop_file: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from crmdesk.store.first_look import first_look
    from crmdesk.ui import main_window
    from crmdesk.ui.customers.list_model import CustomerTableModel

    monkeypatch.setattr(main_window, "SLOW_OPEN_MS", 10)
    look = first_look(shop_file["path"], CustomerTableModel.PAGE)
    assert look is not None
    window = MainWindow(None, first_look=look)  # the worker has not opened it yet
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "開いています" in window.ui.statusbar.currentMessage())
    assert shown(window) == shop_file["listed"][: len(shown(window))]  # the list is there
    db = open_database(shop_file["path"])
    try:
        window.attach(db)
        assert "開いています" not in window.ui.statusbar.currentMessage()
    finally:
        window.close()
        QThreadPool.globalInstance().waitForDone(5000)
        db.close()


def test_a_file_to_update_says_so_while_it_is_updated_then_opens(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog
    from sqlalchemy.orm import Session

    from crmdesk.store.db import make_engine
    from crmdesk.store.migrate import alembic_config, current_revision
    from crmdesk.store.revisions import head_revision
    from crmdesk.ui import app

    path = tmp_path / "older.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0018_list_order")  # made by an older crmdesk
    with Session(engine) as session, session.begin():
        generate(session, customers=40, seed=2)
    engine.dispose()
    monkeypatch.setattr(app, "WAIT_WINDOW_MS", 0)
    seen: list[str] = []

    def look() -> None:  # what is on the screen while start_window waits for the file
        seen.extend(
            w.labelText()
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()
        )

    watch = QTimer()
    watch.timeout.connect(look)
    watch.start(5)
    window = opened(qtbot, path)
    watch.stop()
    assert seen and "このバージョンの形式に更新しています" in seen[0]
    assert window.db is not None and current_revision(window.db.engine) == head_revision()
    assert window.isVisible()
    assert not any(
        isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
    )
    qtbot.waitUntil(lambda: window.count_label.text() == "顧客 40人")
    window.db.close()
