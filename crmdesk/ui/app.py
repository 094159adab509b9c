"""Start the window: ``crmdesk`` with no command comes here.

Order matters for a fast, correct first paint: the Japanese font is registered and made
the application font before any widget exists, the translator is installed before the
forms are set up, and the database is opened (and migrated) before the window shows.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from crmdesk import paths
from crmdesk.core.errors import DomainError
from crmdesk.store.db import open_database
from crmdesk.ui import crash, i18n, settings
from crmdesk.ui.first_run.actions import Outcome, is_first_run
from crmdesk.ui.first_run.wizard import FirstRunWizard
from crmdesk.ui.main_window import MainWindow
from crmdesk.ui.workers import WRITER

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
    wizard = FirstRunWizard()
    if not wizard.exec():
        return None
    return wizard.outcome


def run_app(db_path: Path | None = None) -> int:

    app = make_app()
    crash.install()  # whatever escapes a slot or a thread: a dialog and a report file
    outcome: Outcome | None = None
    if is_first_run(db_path):
        outcome = first_run()
        if outcome is None:
            return 0
        db = outcome.db
    else:
        try:
            db = open_database(database_to_open(db_path))
        except DomainError as error:
            QMessageBox.critical(None, "crmdesk", error.message(i18n.language()))
            return 2

    window = MainWindow(db, offer_demo=outcome is None)
    window.show()
    if outcome is not None:
        QTimer.singleShot(0, lambda: outcome.after(window))  # demo data, the join page
    try:
        return app.exec()
    finally:
        WRITER.waitForDone()  # a demo load or import finishes its transaction first
        QThreadPool.globalInstance().waitForDone()
        window.db.close()
