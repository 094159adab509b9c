"""Start the window: ``crmdesk`` with no command comes here.

Order matters for a fast, correct first paint: the Japanese font is registered and made
the application font before any widget exists, the translator is installed before the
forms are set up. A file that is ready as it is shows at once from its first look (the
list's first page through plain sqlite3, :mod:`crmdesk.store.first_look`) while a worker
thread opens it through the database layer (SQLAlchemy and the models: half a second);
the window then attaches it (:meth:`MainWindow.attach`). A file to create, migrate or
decrypt is opened (and migrated) before the window shows, as is the first run's; it opens
on a worker while a small window says so (a million customers' file takes minutes to
update to a new revision, and nothing on the screen for that long reads as a hang).
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QThreadPool, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from crmdesk import paths
from crmdesk.core.errors import DomainError
from crmdesk.store.first_look import first_look
from crmdesk.store.revisions import head_revision, revision_of
from crmdesk.ui import crash, i18n, settings
from crmdesk.ui.customers.list_model import CustomerTableModel
from crmdesk.ui.first_run import is_first_run
from crmdesk.ui.main_window import MainWindow, load_for_attach
from crmdesk.ui.workers import WRITER, run_in_background

if TYPE_CHECKING:
    from crmdesk.ui.first_run.actions import Outcome

log = logging.getLogger(__name__)

#: How long a file may take to open before the small window saying so shows.
WAIT_WINDOW_MS = 400


def install_japanese_font(app: QApplication) -> str | None:
    """Register IPAexGothic and make it the app's font; returns its family name."""
    font_id = QFontDatabase.addApplicationFont(str(paths.japanese_font()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("the Japanese font could not be loaded")
        return None
    font = QFont(app.font())
    font.setFamilies([families[0], *font.families()])
    app.setFont(font)
    return families[0]


def install_icon(app: QApplication) -> QIcon:
    """The app's icon (tools/make_icons.py) in every size drawn, for title bars and docks."""
    icon = QIcon()
    for png in sorted(paths.resource("icons").glob("crmdesk-*.png")):
        icon.addFile(str(png))
    if not icon.isNull():
        app.setWindowIcon(icon)
    return icon


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists), with font and language set."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    install_japanese_font(app)
    install_icon(app)
    i18n.set_language(i18n.resolve(settings.language_setting()))
    return app


def database_to_open(db_path: Path | None) -> Path:
    """``--db`` when given, else the file in the settings, else the default file."""
    return db_path or settings.database_path() or paths.default_database()


def first_run() -> Outcome | None:
    """The first-run wizard; None when it was cancelled (nothing was created)."""
    from crmdesk.ui.first_run.wizard import FirstRunWizard

    wizard = FirstRunWizard()
    if not wizard.exec():
        return None
    return wizard.outcome


def run_app(db_path: Path | None = None) -> int:
    app = make_app()
    crash.install()  # whatever escapes a slot or a thread: a dialog and a report file
    if is_first_run(db_path):
        outcome = first_run()
        if outcome is None:
            return 0
        window = MainWindow(outcome.db)
        window.show()
        QTimer.singleShot(0, lambda: outcome.after(window))  # demo data, the join page
    else:
        opened = start_window(database_to_open(db_path))
        if opened is None:
            return 2
        window = opened
    try:
        return app.exec()
    finally:
        WRITER.waitForDone()  # a demo load or import finishes its transaction first
        QThreadPool.globalInstance().waitForDone()
        if window.db is not None:
            window.db.close()


def start_window(path: Path) -> MainWindow | None:
    """The main window on the file at ``path``, shown; None when the file cannot be opened
    (a message box has said why).

    A file ready as it is shows its first look at once and opens on a worker thread; the
    window takes it when it is open. Another (new, older, encrypted) opens first.
    """
    look = first_look(path, CustomerTableModel.PAGE)
    if look is None:
        try:
            db = open_waiting(path)
        except DomainError as error:
            QMessageBox.critical(None, "crmdesk", error.message(i18n.language()))
            return None
        window = MainWindow(db, offer_demo=True)
        window.show()
        return window
    window = MainWindow(None, offer_demo=True, first_look=look)
    window.show()
    window.opening = run_in_background(
        _open, path, on_done=window.attach, on_error=lambda e: _not_opened(window, e), owner=window
    )
    return window


def open_waiting(path: Path) -> Any:
    """:func:`_open` on a worker thread; after :data:`WAIT_WINDOW_MS` a small window says
    the file is being opened, or updated to this version (with its backup made first).
    Returns the database or raises what the open raised."""
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def finished(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    worker = run_in_background(
        _open, path,
        on_done=lambda db: finished("db", db), on_error=lambda e: finished("error", e),
    )  # fmt: skip
    dialog = QProgressDialog(_waiting_text(path), "", 0, 0)
    dialog.setWindowTitle("crmdesk")
    dialog.setCancelButton(None)  # a migration is one transaction: it is not cut short
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.reset()  # no show of its own: the timer decides
    shown = QTimer()
    shown.setSingleShot(True)
    shown.timeout.connect(dialog.show)
    shown.start(WAIT_WINDOW_MS)
    loop.exec()
    shown.stop()
    dialog.close()
    dialog.deleteLater()
    del worker
    if "error" in outcome:
        raise outcome["error"]
    return outcome["db"]


def _waiting_text(path: Path) -> str:
    if _needs_update(path):
        return QCoreApplication.translate(
            "Opening",
            "ファイルをこのバージョンの形式に更新しています…\n"
            "先にバックアップを作ります。大きなファイルでは数分かかります。",
        )
    return QCoreApplication.translate("Opening", "ファイルを開いています…")


def _needs_update(path: Path) -> bool:
    """Whether the file exists at an older revision (it will be migrated when opened)."""
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return False
    try:
        found = revision_of(conn)
    except sqlite3.Error:  # encrypted, or not a database: the open says what it is
        return False
    finally:
        conn.close()
    return found is not None and found != head_revision()


def _open(path: Path) -> Any:
    from crmdesk.store.db import open_database  # SQLAlchemy and the models: see the module

    db = open_database(path)
    load_for_attach()
    return db


def _not_opened(window: MainWindow, error: Exception) -> None:
    """The worker could not open the file the first look read (another program holds it,
    or replaced it meanwhile): say so and close, as a failed open before the window did."""
    if not isinstance(error, DomainError):
        raise error  # crash.install(): the dialog and the report, then the window closes
    QMessageBox.critical(window, "crmdesk", error.message(i18n.language()))
    window.close()
    QApplication.exit(2)
