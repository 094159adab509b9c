"""The settings dialog (forms/settings_dialog.ui) over :mod:`crmdesk.ui.settings`."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from crmdesk.ui import settings
from crmdesk.ui.forms.ui_settings_dialog import Ui_SettingsDialog

LANGUAGES = ("", "ja", "en")  # the order of the language combo box


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self._load()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.ui.button_box.accepted.connect(self.accept)
        self.ui.button_box.rejected.connect(self.reject)
        self.ui.browse_button.clicked.connect(self._browse)

    def add_page(self, page: QWidget, title: str) -> None:
        """For later features (point rules, label defaults, hub): one more tab."""
        self.ui.pages.addTab(page, title)

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
