"""File menu of the main window: open / new / recent files, settings, demo data."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from crmdesk.core.errors import DomainError
from crmdesk.services import customer_list
from crmdesk.store.db import open_database
from crmdesk.ui import i18n, settings
from crmdesk.ui.shop.settings_dialog import SettingsDialog
from crmdesk.ui.workers import WRITER, Worker

if TYPE_CHECKING:  # the window imports this module
    from crmdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DEMO_CUSTOMERS = 500
FILE_FILTER = "crmdesk (*.sqlite3 *.db);;*"


class FileActions:
    """What File > New / Open / recent and Tools > demo data do, for one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.demo_worker: Worker | None = None

    # --- files --------------------------------------------------------------------
    def open_file(self) -> None:
        w = self.window
        path, _ = QFileDialog.getOpenFileName(
            w, QCoreApplication.translate("FileActions", "データベースを開く"), "", FILE_FILTER
        )
        if path:
            self.switch_to(Path(path))

    def new_file(self) -> None:
        w = self.window
        path, _ = QFileDialog.getSaveFileName(
            w,
            QCoreApplication.translate("FileActions", "新しいデータベース"),
            "crmdesk.sqlite3",
            FILE_FILTER,
        )
        if path:
            self.switch_to(Path(path))

    def switch_to(self, path: Path) -> bool:
        """Close the open cards (asking about unsaved edits) and open ``path``."""
        w = self.window
        for card in list(w.cards.values()):
            if card.isVisible() and not card.close():
                return False
        try:
            new_db = open_database(path)
        except DomainError as error:
            QMessageBox.warning(
                w,
                QCoreApplication.translate("FileActions", "開けません"),
                error.message(i18n.language()),
            )
            return False
        except Exception as error:  # a file that is no database at all, say
            log.exception("could not open a database")
            QMessageBox.warning(
                w, QCoreApplication.translate("FileActions", "開けません"), str(error)
            )
            return False
        old, w.db = w.db, new_db
        w.database_changed()
        if old is not None:
            old.close()
        self.offer_demo_data()
        return True

    def fill_recent_menu(self) -> None:
        menu = self.window.ui.menu_recent
        menu.clear()
        for number, path in enumerate(settings.recent_files(), start=1):
            action = menu.addAction(f"&{number} {path}")
            action.triggered.connect(lambda _checked=False, p=path: self.switch_to(p))
        if menu.isEmpty():
            menu.addAction(QCoreApplication.translate("FileActions", "（なし）")).setEnabled(False)

    def edit_settings(self, page_title: str | None = None) -> None:
        """The settings dialog (opened on the tab called ``page_title`` when given)."""
        dialog = SettingsDialog(self.window, self.window.settings_pages)
        if isinstance(page_title, str):  # (a menu action passes its checked state)
            tabs = dialog.ui.pages
            for index in range(tabs.count()):
                if tabs.tabText(index) == page_title:
                    tabs.setCurrentIndex(index)
        dialog.exec()
        self.window.database_changed()

    # --- demo data ----------------------------------------------------------------
    def offer_demo_data(self) -> None:
        """On a file with no customers, offer demo data once."""
        w = self.window
        path = getattr(w.db, "path", None)
        if path is None or settings.demo_offered(path):
            return
        with w.db.sessions() as session:
            if customer_list.has_customers(session):
                return
        settings.mark_demo_offered(path)
        self.ask_demo_data(first_run=True)

    def ask_demo_data(self, first_run: bool = False) -> None:
        """Offer demo data; on a first run also "open a file" and, when the sync feature
        is installed (``window.join_hub``), "join my shop's hub"."""
        w = self.window
        from crmdesk.services.demo import refuse_on_synced_file

        with w.db.sessions() as session:
            try:
                refuse_on_synced_file(session)
            except DomainError as error:  # asked before anything is made, not after
                QMessageBox.information(
                    w,
                    QCoreApplication.translate("FileActions", "デモデータ"),
                    error.message(i18n.language()),
                )
                return
            count = customer_list.count_customers(session)
        if count:
            question = QCoreApplication.translate(
                "FileActions",
                "このファイルには{0}人の顧客がいます。\n"
                "デモデータ（{1}人の架空の顧客）をこのファイルに追加しますか？",
            ).format(f"{count:,}", DEMO_CUSTOMERS)
        else:
            question = QCoreApplication.translate(
                "FileActions",
                "このファイルにはまだ顧客がいません。\n"
                "操作を試すためのデモデータ（{0}人の架空の顧客）を読み込みますか？",
            ).format(DEMO_CUSTOMERS)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("FileActions", "デモデータ"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            w,
        )
        extra: dict[Any, Any] = {}
        if first_run:
            box.setText(
                QCoreApplication.translate(
                    "FileActions",
                    "このファイルにはまだ顧客がいません。どう始めますか？\n\n"
                    "・デモデータ（{0}人の架空の顧客）で操作を試す\n"
                    "・新しいお店として空のまま始める\n"
                    "・ほかのファイルを開く\n"
                    "・お店のハブに参加して、ほかの店舗の顧客を受け取る",
                ).format(DEMO_CUSTOMERS)
            )
            yes = box.button(QMessageBox.StandardButton.Yes)
            yes.setText(QCoreApplication.translate("FileActions", "デモデータで試す"))
            no = box.button(QMessageBox.StandardButton.No)
            no.setText(QCoreApplication.translate("FileActions", "新しいお店として始める"))
            open_button = box.addButton(
                QCoreApplication.translate("FileActions", "ファイルを開く…"),
                QMessageBox.ButtonRole.ActionRole,
            )
            extra[open_button] = self.open_file
            join_hub = getattr(w, "join_hub", None)
            if callable(join_hub):
                join_button = box.addButton(
                    QCoreApplication.translate("FileActions", "お店のハブに参加…"),
                    QMessageBox.ButtonRole.ActionRole,
                )
                extra[join_button] = join_hub
        box.exec()
        clicked = box.clickedButton()
        if clicked in extra:
            extra[clicked]()
        elif clicked is box.button(QMessageBox.StandardButton.Yes):
            self.load_demo_data(DEMO_CUSTOMERS)

    def load_demo_data(self, customers: int, seed: int = 1) -> Worker:
        """Generate demo data on the writer thread, with a progress dialog."""
        # deferred: the demo generator loads only when demo data is asked for
        from crmdesk.services.demo import generate

        w = self.window
        db = w.db
        progress = QProgressDialog(
            QCoreApplication.translate("FileActions", "デモデータを作成しています..."), "", 0, 0, w
        )
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def job() -> dict[str, Any]:
            def report(step: str, done: int, total: int) -> None:
                worker.signals.progress.emit(done, total, step)

            with db.transaction() as session:
                return generate(session, customers=customers, seed=seed, progress=report)

        def on_progress(done: int, total: int, _step: str) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        def finished(_summary: Any) -> None:
            progress.close()
            w.refresh()
            w.show_status(QCoreApplication.translate("FileActions", "デモデータを読み込みました"))

        def failed(error: Exception) -> None:
            progress.close()
            said = error.message(i18n.language()) if isinstance(error, DomainError) else None
            QMessageBox.warning(
                w, QCoreApplication.translate("FileActions", "デモデータ"), said or str(error)
            )

        worker = Worker(job)
        worker.signals.progress.connect(on_progress)
        worker.signals.finished.connect(finished)
        worker.signals.failed.connect(failed)
        self.demo_worker = worker
        WRITER.start(worker)
        return worker
