"""Settings > 差出人: the shop's return address for postcards (kept in the database)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.postal import format_postal
from crmdesk.services.shop import FIELDS, set_shop_info, shop_info
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.ui import i18n
from crmdesk.ui.window_api import WindowApi


class ShopSenderPage(QWidget):
    """Name, postal code, address and phone printed as the sender on postcards."""

    def __init__(self, db: Any, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.edits = {name: QLineEdit(self) for name in FIELDS}
        self.edits["name"].setObjectName("shop_name")  # the dialog's General tab shows it too
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c00;")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("はがきの差出人として印刷されます。"), self))
        labels = {
            "name": self.tr("差出人名（店名）"),
            "postal_code": self.tr("郵便番号"),
            "address": self.tr("住所"),
            "phone": self.tr("電話番号"),
        }
        for name in FIELDS:
            form.addRow(labels[name], self.edits[name])
        form.addRow(self.error)
        with db.sessions() as session:
            info = shop_info(session)
        if info is not None:
            for name, value in info.to_json().items():
                shown = format_postal(value) if name == "postal_code" and value else value
                self.edits[name].setText(shown)
        self._loaded = self.values()

    def values(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.edits.items()}

    def save(self) -> bool:
        """Save when changed; False (with the reason shown) keeps the dialog open."""
        values = self.values()
        if values == self._loaded:
            return True
        try:
            with self.db.transaction() as session:
                set_shop_info(session, values, actor=self.actor)
        except DomainError as error:
            errors = error.errors if isinstance(error, ValidationError) else [error]
            self.error.setText("\n".join(e.message(i18n.language()) for e in errors))
            field = {"shop_name": "name"}.get(errors[0].field or "", errors[0].field or "")
            first = self.edits.get(field)
            (first or self.edits["name"]).setFocus()
            return False
        self._loaded = values
        return True


def install(window: WindowApi) -> None:
    def make(parent: QWidget) -> QWidget:
        actor = getattr(window, "actor", None)
        actor = actor() if callable(actor) else actor
        return ShopSenderPage(window.db, actor or CLI_ACTOR, parent)

    window.add_settings_page(QCoreApplication.translate("ShopSenderPage", "差出人"), make)
