"""The crash reporter: a forced error in a slot, with a customer's name and phone in its
message, leaves a private report that names neither; the window answers afterwards."""

from __future__ import annotations

import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction, QGuiApplication

from crmdesk.store.models import Customer
from crmdesk.ui import crash
from tests.helpers.factories import add_customer
from tests.helpers.qt_typing import type_text

PHONE = "090-1234-5678"
EMAIL = "hanako@example.com"  # out here: a frame's code line shows what is written in it


@pytest.fixture
def reporter(monkeypatch: pytest.MonkeyPatch) -> Iterator[crash._Reporter]:
    """The reporter installed as the app installs it; the hooks are put back afterwards.

    The tests using it are marked ``qt_no_exception_capture``: pytest-qt would otherwise
    put its own sys.excepthook in place for the test (and fail it on any exception from a
    slot), and ours would never be called.
    """
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash._state.clear()
    crash.install()
    yield crash.reporter()
    dialog = crash.reporter().dialog
    if dialog is not None:
        dialog.close()
    crash._state.clear()


def reports() -> list[Path]:
    folder = crash.report_folder()
    return sorted(folder.glob("crash-*.txt")) if folder.is_dir() else []


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_reports_without_the_customer(
    window: Any, qtbot: Any, reporter: crash._Reporter
) -> None:
    with window.db.transaction() as session:
        customer_id = add_customer(session, phone1=PHONE)

    def fail_with_the_customer() -> None:
        with window.db.sessions() as session:
            customer = session.get(Customer, customer_id)
            assert customer is not None
            label = f"{customer.family_name} {customer.given_name}"
            raise ValueError(f"cannot print {label} ({customer.phone1}) " + customer.id[:0])

    action = QAction("fail", window)
    action.triggered.connect(fail_with_the_customer)
    window.addAction(action)
    action.trigger()

    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog is not None
    assert "ウィンドウはそのまま使えます" in dialog.message.text()
    [path] = reports()
    assert str(path) in dialog.message.text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in text
    assert 'File "tests/ui/test_crash.py"' in text and "in fail_with_the_customer" in text
    assert "ValueError: cannot … (#-#-#)" in text  # "print" is in a literal, not code
    for secret in ("山田", "花子", PHONE, "1234", "5678", "やまだ"):
        assert secret not in text
    assert "python: " in text and "qt: " in text and "crmdesk: " in text
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == str(path)

    # the window answers: the search still finds her
    window.activateWindow()
    type_text(window.ui.search_edit, "やまだ")
    qtbot.waitUntil(lambda: window.shown_query == "やまだ" and window.model.rowCount() == 1)
    dialog.close_button.click()
    assert not dialog.isVisible()


@pytest.mark.qt_no_exception_capture
def test_a_report_that_cannot_be_written_still_shows_the_dialog(
    qtbot: Any, reporter: crash._Reporter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("CRMDESK_DATA_DIR", str(blocker))  # reports/ cannot be made in it
    try:
        raise KeyError("山田 花子")
    except KeyError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog is not None and dialog.path is None
    assert not dialog.open_button.isEnabled()
    assert "KeyError: '…'" in dialog.details.toPlainText()
    assert "山田" not in dialog.details.toPlainText()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text().startswith("crmdesk crash report")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_is_reported_on_the_window(
    qtbot: Any, reporter: crash._Reporter
) -> None:
    def work() -> None:
        raise RuntimeError(f"{EMAIL} {PHONE}")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    [path] = reports()
    text = path.read_text(encoding="utf-8")
    assert "thread: worker" in text and "in work" in text
    assert "RuntimeError: …@….… #-#-#" in text
    assert "hanako" not in text and "example" not in text and "1234" not in text


def test_scrub_keeps_code_and_drops_data() -> None:
    assert crash.scrub("'NoneType' object has no attribute 'customer_id'", ["customer_id"]) == (
        "'NoneType' object has no attribute 'customer_id'"
    )
    assert crash.scrub("list index out of range") == "list index out of range"
    assert crash.scrub("'山田 花子 090-1234-5678'") == "'… #-#-#'"
    assert crash.scrub("Yamada Hanako lives at 1-2-3 Chiyoda") == "… at 1-2-3 …"
    assert crash.scrub("ＡＢＣ１２３") == "…"
