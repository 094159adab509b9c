"""Start the window: ``crmdesk`` with no command comes here.

Order matters for a fast, correct first paint: the Japanese font is registered and made
the application font before any widget exists, the translator is installed before the
forms are set up. A file that is ready as it is shows at once from its first look (the
list's first page through plain sqlite3, :mod:`crmdesk.store.first_look`) while a worker
thread opens it through the database layer (SQLAlchemy and the models: half a second);
the window then attaches it (:meth:`MainWindow.attach`). A file to create, migrate or
decrypt is opened (and migrated) before the window shows, as is the first run's.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from crmdesk import paths
from crmdesk.core.errors import DomainError
from crmdesk.store.first_look import first_look
from crmdesk.ui import crash, i18n, settings
from crmdesk.ui.customers.list_model import CustomerTableModel
from crmdesk.ui.first_run import is_first_run
from crmdesk.ui.main_window import MainWindow, load_for_attach
from crmdesk.ui.workers import WRITER, run_in_background

if TYPE_CHECKING:
    from crmdesk.ui.first_run.actions import Outcome

log = logging.getLogger(__name__)


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
            db = _open(path)
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
