"""``crmdesk self-test``'s window steps: the English translation and the window itself.

They sit in the UI layer (the command line loads no Qt) and :mod:`crmdesk.launch` hands
them to the command. The window is started offscreen on the self-test's temporary
database, with Qt's settings in a temporary folder: the shop's recent files and language
are neither read nor changed.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from functools import cmp_to_key
from pathlib import Path

#: A string of the Help menu and its English, to prove the catalogue is the right one.
PROBE = ("Help", "検索欄へ移動", "Go to the search box")
WINDOW_TIMEOUT_S = 20.0


def window_checks(db_path: Path, translations: Path | None) -> list[tuple[str, Callable[[], str]]]:
    """(name, check) pairs for :mod:`crmdesk.cli.run_self_test`."""
    return [
        ("translation", lambda: check_translation(translations)),
        ("window", lambda: check_window(db_path)),
    ]


def check_translation(folder: Path | None) -> str:
    from PySide6.QtCore import QTranslator

    from crmdesk.paths import resource

    path = (folder or resource("translations")) / "crmdesk_en.qm"
    translator = QTranslator()
    if not translator.load(str(path)):
        raise FileNotFoundError(f"cannot load {path}")
    context, source, english = PROBE
    got = translator.translate(context, source)
    if got != english:
        raise RuntimeError(f"{source!r} is translated as {got!r}, expected {english!r}")
    return f"{path.name}: {source} → {got}"


def check_window(db_path: Path) -> str:
    from PySide6.QtCore import QSettings, QThreadPool
    from PySide6.QtWidgets import QApplication

    from crmdesk.store.db import open_database

    if QApplication.instance() is None:  # never a window on the desk, even on a desktop
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="crmdesk-self-test-settings-") as folder:
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, folder)
        from crmdesk.ui.app import make_app
        from crmdesk.ui.main_window import MainWindow
        from crmdesk.ui.workers import WRITER

        app = make_app(["crmdesk"])
        db = open_database(db_path)
        window = MainWindow(db)
        try:
            window.show()
            deadline = time.monotonic() + WINDOW_TIMEOUT_S
            while window.model.rowCount() < 1 and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.01)
            rows, shown = window.model.rowCount(), window.isVisible()
            platform = app.platformName()
        finally:
            window.close()
            WRITER.waitForDone()
            QThreadPool.globalInstance().waitForDone()
            window.deleteLater()
            app.processEvents()
            db.close()
        if not shown:
            raise RuntimeError("the window did not show")
        if rows < 1:
            raise RuntimeError(f"the customer list stayed empty for {WINDOW_TIMEOUT_S:.0f} s")
        still_open = [w for w in app.topLevelWidgets() if w.isVisible()]
        if still_open:
            raise RuntimeError(f"{len(still_open)} windows still open after closing")
        return f"{platform}, {rows} customer listed, closed; {check_collation()}"


def check_collation() -> str:
    """Qt's Japanese sort order, from ICU's data (the bundle keeps ja and en of it).

    Half-width ｱ sorts before い as ア would; by code points (no ICU data) it comes last.
    """
    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    words = ["わたなべ", "いとう", "ｱｲｻﾞﾜ", "佐藤"]
    got = sorted(words, key=cmp_to_key(collator.compare))
    if got != ["ｱｲｻﾞﾜ", "いとう", "わたなべ", "佐藤"]:
        raise RuntimeError(f"Japanese sort order: {' '.join(got)}")
    return "ja collation"
