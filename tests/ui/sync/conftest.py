"""Window tests against a real PostgreSQL hub: the sync tests' own fixtures, reused.

``pg_server``, ``hub``, ``make_branch`` and the autouse file keyring come from
tests/sync/conftest.py (one definition of how a test gets a hub). Here: a window on a
branch file, quick sync timing, and a line to the hub the test can cut.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from _pytest.fixtures import FixtureFunctionDefinition

from tests.helpers.line_cut import LineCut
from tests.sync import conftest as sync_fixtures

# Every fixture of the sync tests, under its own name (pg_server, hub, make_branch, the
# autouse test keyring ...): one definition of how a test gets a hub, followed as it changes.
globals().update(
    {
        name: value
        for name, value in vars(sync_fixtures).items()
        if isinstance(value, FixtureFunctionDefinition)
    }
)


@pytest.fixture(autouse=True)
def _no_stray_dialogs(qapp: Any) -> Iterator[None]:
    """As in tests/ui/conftest.py, except the join's own progress dialog, which these
    tests expect to stay up for as long as the join runs."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    from crmdesk.ui.branch_sync.join_progress import JoinProgressDialog

    stray: list[str] = []

    def check() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QDialog) and not isinstance(box, JoinProgressDialog):
            stray.append(f"{type(box).__name__}: {getattr(box, 'text', lambda: '')()}")
            box.reject()

    timer = QTimer()
    timer.setInterval(3000)
    timer.timeout.connect(check)
    timer.start()
    yield
    timer.stop()
    assert not stray, f"unexpected dialogs: {stray}"


@pytest.fixture(autouse=True)
def _quick_sync() -> None:
    """Sync 0.2 s after a write, retry an unreachable hub after 0.5 s, no periodic sync,
    the sync's child process at normal priority."""
    from crmdesk.ui import settings

    for key, value in (
        ("hub/debounce_seconds", "0.2"),
        ("hub/retry_seconds", "0.5"),
        ("hub/interval_minutes", "0"),
        ("hub/quit_seconds", "3"),
        # the child at the tests' own priority: on a busy machine (the whole suite, on
        # two cores) a child at niceness 10 waited for CPU longer than a test waits for
        # a sync; the bench (tests/bench) measures the default
        ("hub/sync_niceness", "0"),
    ):
        settings.set_value(key, value)


@pytest.fixture
def open_window(qtbot: Any) -> Iterator[Callable[[Any], Any]]:
    """``open_window(db)``: the real main window on a branch file (closed after)."""
    from PySide6.QtCore import QThreadPool

    from crmdesk.ui.main_window import MainWindow
    from crmdesk.ui.workers import WRITER

    windows: list[Any] = []

    def forget_edits(win: Any) -> None:
        for card in win.cards.values():
            card._loaded = card.form_values()

    def make(db: Any) -> Any:
        win = MainWindow(db)
        qtbot.addWidget(win, before_close_func=forget_edits)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield make
    # Closed here, before the pools are waited for: what closing starts (a status read,
    # the look after a sync process ended) ends before the test does, never while the
    # interpreter shuts down (a job's signals gone under it: "Signal source has been
    # deleted", and once "Fatal Python error: none_dealloc").
    for win in windows:
        forget_edits(win)
        win.close()
    qtbot.wait(50)
    WRITER.waitForDone(30_000)
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def line(pg_server: Any) -> Iterator[LineCut]:
    """A relay to the hub's server; ``line.url(hub)`` goes through it."""
    relay = LineCut(pg_server.admin_url)
    relay.restore()
    yield relay
    relay.cut()
    shutil.rmtree(relay.folder, ignore_errors=True)  # its socket's folder, under /tmp
