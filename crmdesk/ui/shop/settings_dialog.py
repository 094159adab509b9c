"""The settings dialog (forms/settings_dialog.ui) over :mod:`crmdesk.ui.settings`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from crmdesk.ui import settings
from crmdesk.ui.forms.ui_settings_dialog import Ui_SettingsDialog

LANGUAGES = ("", "ja", "en")  # the order of the language combo box

#: A later feature's settings page: (tab title, factory making the page). The page reads
#: its values when made; if it has a ``save()`` method, OK calls it, and a page whose
#: ``save()`` returns False (it shows why) keeps the dialog open on that page.
SettingsPage = tuple[str, Callable[[QWidget], QWidget]]


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, pages: Sequence[SettingsPage] = ()) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
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

    def _load(self) -> None:
        ui = self.ui
        ui.shop_name.setText(settings.value("shop/name"))
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
        ui = self.ui
        values: dict[str, Any] = {
            "shop/name": ui.shop_name.text().strip(),
            "shop/branch_code": ui.branch_code.text().strip(),
            "database/path": ui.database_path.text().strip(),
            "ui/language": LANGUAGES[max(ui.language.currentIndex(), 0)],
        }
        for key, value in values.items():
            settings.set_value(key, value)
        super().accept()
