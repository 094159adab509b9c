"""UI fixtures: settings in a temporary folder, the real window on a real file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path, qapp: Any) -> Iterator[None]:
    """QSettings go to a temporary folder: the user's real settings are never touched."""
    from PySide6.QtCore import QSettings

    from crmdesk.ui import i18n

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(tmp_path / "sys")
    )
    i18n.set_language("ja")
    yield
    i18n.set_language("ja")


@pytest.fixture(autouse=True)
def _no_stray_dialogs(qapp: Any, request: pytest.FixtureRequest) -> Iterator[None]:
    """A modal box nobody expected fails the test instead of hanging it.

    Tests that expect a box answer it within a few hundred ms (see answer_modal). A test
    whose window opens behind its own modal screen (the staff sign-in that locks it) names
    that class with ``@pytest.mark.modal_ok("SignInDialog")``: on a busy machine the test
    may take longer than the check's 3 s to sign in, and the screen is then no stray.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    stray: list[str] = []
    marker = request.node.get_closest_marker("modal_ok")
    expected = set(marker.args) if marker else set()

    def check() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QDialog) and type(box).__name__ not in expected:
            stray.append(f"{type(box).__name__}: {getattr(box, 'text', lambda: '')()}")
            box.reject()

    timer = QTimer()
    timer.setInterval(3000)
    timer.timeout.connect(check)
    timer.start()
    yield
    timer.stop()
    assert not stray, f"unexpected dialogs: {stray}"


@pytest.fixture(scope="session")
def qapp_cls() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture(scope="session", autouse=True)
def _japanese_font(qapp: Any) -> None:
    from crmdesk.ui.app import install_japanese_font

    install_japanese_font(qapp)


@pytest.fixture
def window(db: Any, qtbot: Any) -> Iterator[Any]:
    from PySide6.QtCore import QThreadPool

    from crmdesk.ui.main_window import MainWindow

    def forget_edits(win: Any) -> None:
        for card in win.cards.values():
            card._loaded = card.form_values()  # nothing to ask about at teardown

    win = MainWindow(db)
    qtbot.addWidget(win, before_close_func=forget_edits)
    win.show()
    qtbot.waitExposed(win)
    yield win
    QThreadPool.globalInstance().waitForDone(5000)
