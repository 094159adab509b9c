"""The settings dialog (forms/settings_dialog.ui) over :mod:`crmdesk.ui.settings`.

The computer's own settings (branch code, database file, language) live in QSettings;
the shop's name lives in the database (:mod:`crmdesk.services.shop`), so the CLI,
backups and every computer opening the file see the same name. :func:`shop_name_of`
carries a name an older crmdesk kept in QSettings over to the database, once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QLineEdit, QWidget

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.services import shop
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.ui import i18n, settings
from crmdesk.ui.forms.ui_settings_dialog import Ui_SettingsDialog

log = logging.getLogger(__name__)

LANGUAGES = ("", "ja", "en")  # the order of the language combo box
#: Where crmdesk before the database home kept the shop's name; read once, then removed.
LEGACY_SHOP_NAME = "shop/name"

#: A later feature's settings page: (tab title, factory making the page). The page reads
#: its values when made; if it has a ``save()`` method, OK calls it, and a page whose
#: ``save()`` returns False (it shows why) keeps the dialog open on that page. A line
#: edit on the page named ``shop_name`` shows the same shop name as the General tab.
SettingsPage = tuple[str, Callable[[QWidget], QWidget]]


def shop_name_of(db: Any) -> str:
    """The shop's name from the database ("" when none).

    A name an older crmdesk kept in QSettings is written to the database when it has none
    yet, and the QSettings key is removed, so it is carried over once and not read again.
    """
    old = settings.value(LEGACY_SHOP_NAME)
    if old:
        try:
            with db.transaction() as session:
                shop.carry_over_name(session, old)
        except DomainError as error:  # busy: try again at the next start
            log.warning("shop name not carried over yet: %s", error.code)
        else:
            store = settings.qsettings()
            store.remove(LEGACY_SHOP_NAME)
            store.sync()
    with db.reading() as session:
        return shop.shop_name(session)


def _actor_of(window: Any) -> Actor:
    actor = getattr(window, "actor", None)
    actor = actor() if callable(actor) else actor
    return actor if isinstance(actor, Actor) else CLI_ACTOR


class SettingsDialog(QDialog):
    """Settings; the shop's name is read from and saved to ``db`` (the window's database
    when not given; without one the field is disabled), as ``actor`` (the window's)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        pages: Sequence[SettingsPage] = (),
        *,
        db: Any = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.db = db if db is not None else getattr(parent, "db", None)
        self.actor = actor or _actor_of(parent)
        # before the pages are made: a page showing the name reads it after a carry-over
        self._shop_name = shop_name_of(self.db) if self.db is not None else ""
        self.shop_error = QLabel(self)
        self.shop_error.setStyleSheet("color: #c00;")
        self.shop_error.setWordWrap(True)
        self.ui.generalGrid.addWidget(self.shop_error, self.ui.generalGrid.rowCount(), 0, 1, 2)
        self.pages: list[QWidget] = []
        for title, make in pages:
            self.add_page(make(self), title)
        self._load()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.ui.button_box.accepted.connect(self.accept)
        self.ui.button_box.rejected.connect(self.reject)
        self.ui.browse_button.clicked.connect(self._browse)

    def add_page(self, page: QWidget, title: str) -> None:
        """For later features (point rules, label defaults, hub): one more tab."""
        self.ui.pages.addTab(page, title)
        self.pages.append(page)
        for edit in page.findChildren(QLineEdit, "shop_name"):
            self._share_shop_name(edit)

    def _share_shop_name(self, edit: QLineEdit) -> None:
        """One shop name: typing it on either tab shows it on the other."""
        general = self.ui.shop_name
        general.textEdited.connect(edit.setText)
        edit.textEdited.connect(general.setText)

    def _load(self) -> None:
        ui = self.ui
        ui.shop_name.setText(self._shop_name)
        ui.shop_name.setEnabled(self.db is not None)
        ui.branch_code.setText(settings.value("shop/branch_code"))
        path = settings.database_path()
        ui.database_path.setText(str(path) if path else "")
        ui.language.setCurrentIndex(LANGUAGES.index(settings.language_setting()))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("データベース"),
            self.ui.database_path.text(),
            "crmdesk (*.sqlite3 *.db);;*",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.ui.database_path.setText(path)

    def accept(self) -> None:
        for page in self.pages:
            save = getattr(page, "save", None)
            if callable(save) and save() is False:
                self.ui.pages.setCurrentWidget(page)
                return
        if not self._save_shop_name():
            return
        ui = self.ui
        values: dict[str, Any] = {
            "shop/branch_code": ui.branch_code.text().strip(),
            "database/path": ui.database_path.text().strip(),
            "ui/language": LANGUAGES[max(ui.language.currentIndex(), 0)],
        }
        for key, value in values.items():
            settings.set_value(key, value)
        super().accept()

    def _save_shop_name(self) -> bool:
        """Save the shop's name in the database when it changed; False shows why."""
        name = self.ui.shop_name.text().strip()
        if self.db is None or name == self._shop_name:
            return True
        try:
            with self.db.transaction() as session:
                if name != shop.shop_name(session):  # a page may have saved it already
                    shop.set_shop_info(session, {"name": name}, actor=self.actor)
        except DomainError as error:
            errors = error.errors if isinstance(error, ValidationError) else [error]
            self.shop_error.setText("\n".join(e.message(i18n.language()) for e in errors))
            self.ui.pages.setCurrentIndex(0)
            self.ui.shop_name.setFocus()
            return False
        self._shop_name = name
        return True
