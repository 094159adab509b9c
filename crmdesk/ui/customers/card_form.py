"""The customer card's form: its fields' values, what happens while staff type (furigana,
the postal code filling the address, the referrer picker) and the inline errors per field.

:class:`CardForm` is the base of :class:`crmdesk.ui.customers.card.CustomerCard`; the card's
header is :mod:`~crmdesk.ui.customers.card_header`, saving :mod:`~crmdesk.ui.customers.card_save`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QDialog, QLabel

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.import_fields import split_tags
from crmdesk.core.kana import suggest_furigana
from crmdesk.core.postal import lookup_postal, parse_postal
from crmdesk.services import channels as channel_service
from crmdesk.services import customer_dupes, customer_fields
from crmdesk.services.search import search_customers
from crmdesk.services.staff import Actor
from crmdesk.ui import i18n
from crmdesk.ui.extensions import CardPanel
from crmdesk.ui.forms.ui_customer_card import Ui_CustomerCard

#: Line edits named after the service's fields.
LINE_FIELDS = (
    "customer_number",
    "family_name",
    "given_name",
    "family_kana",
    "given_kana",
    "birthday",
    "first_visit",
    "company",
    "department",
    "postal_code",
    "prefecture",
    "city",
    "town",
    "street",
    "building",
    "phone1",
    "phone2",
    "email",
)
#: The one key that shows a masked phone number or birthday (after a PIN).
REVEAL_KEY = "F8"
#: Fields checked as soon as staff leave them.
CHECK_ON_LEAVE = ("birthday", "first_visit", "postal_code", "phone1", "phone2", "email")
KANA_OF = {"family_name": "family_kana", "given_name": "given_kana"}
ADDRESS_FIELDS = ("prefecture", "city", "town", "street", "building")
COUNTER_KEY = "F9"  # お会計: the keyboard goes to the amount
REFERRER_HITS = 8  # customers the referrer picker offers while typing


def privacy_owner() -> Any:

    return Actor(staff_id=None, name="desktop", role="owner")


class CardForm(QDialog):
    """The card's fields and their behaviour (the state the card's parts share is here)."""

    saved = Signal(str)  # customer id, after a successful Save
    open_requested = Signal(str)  # staff chose an existing customer (a duplicate)
    step_requested = Signal(int)  # +1 / -1: the next / previous search result
    card_scanned = Signal(str)  # a card number that is not this customer's was entered
    counter_done = Signal()  # a sale was recorded: ready for the next customer

    ui: Ui_CustomerCard
    db: Any
    customer_id: str | None
    panels: list[CardPanel]
    masked_fields: list[str]
    _record: dict[str, Any]
    _loaded: dict[str, Any]
    _kana_auto: dict[str, bool]
    _duplicates_seen: bool
    _postal_filled: bool
    _duplicates: list[customer_dupes.DuplicateCandidate]
    _referrer: tuple[str, str] | None  # (id, the text the picker showed)
    _referrer_hits: dict[str, str]  # offered text -> customer id
    _completer: QCompleter

    def show_customer(self, customer_id: str | None) -> None:
        raise NotImplementedError  # the card's (loading is in CustomerCard)

    # --- the referrer picker --------------------------------------------------------
    def _show_referrer_info(self, referrer: dict[str, Any] | None) -> None:
        info = ""
        if referrer:
            info = QCoreApplication.translate(
                "CustomerCard", "{name}さんの紹介は {count}人"
            ).format(
                name=referrer["name"] or referrer["customer_number"], count=referrer["referrals"]
            )
        self.ui.referred_by_info.setText(info)

    def _offer_referrers(self, text: str) -> None:
        """Typing a name, phone or number: the customers it finds, for the completer."""
        self._referrer = None
        self.ui.referred_by_info.clear()
        if len(text.strip()) < 1:
            self._referrer_hits = {}
            return
        with self.db.sessions() as session:
            hits = search_customers(session, text, limit=REFERRER_HITS)
        self._referrer_hits = {
            f"{h.customer_number} {h.name}".strip(): h.id for h in hits if h.id != self.customer_id
        }
        self._completer.setModel(QStringListModel(list(self._referrer_hits), self._completer))
        self._completer.complete()

    def _choose_referrer(self, text: str) -> None:
        customer_id = self._referrer_hits.get(text)
        if customer_id is None:
            return
        self._referrer = (customer_id, text)
        with self.db.sessions() as session:
            count = channel_service.referral_count(session, customer_id)
        name = text.split(" ", 1)[1] if " " in text else text
        self._show_referrer_info({"name": name, "customer_number": text, "referrals": count})

    def _referrer_id(self) -> str | None:
        """The referrer the field names: the chosen one, else what its text finds."""
        text = self.ui.referred_by.text().strip()
        if not text:
            return None
        if self._referrer and self._referrer[1] == text:
            return self._referrer[0]
        if text in self._referrer_hits:
            return self._referrer_hits[text]
        with self.db.sessions() as session:
            try:
                return channel_service.find_referrer(session, text).id
            except DomainError as error:
                raise DomainError(error.code, field="referred_by_id", **error.params) from None

    # --- the form's values --------------------------------------------------------
    def form_values(self) -> dict[str, Any]:
        ui = self.ui
        values: dict[str, Any] = {name: getattr(ui, name).text().strip() for name in LINE_FIELDS}
        values["gender"] = customer_fields.GENDERS[max(ui.gender.currentIndex(), 0)]
        values["dm_consent"] = ui.dm_consent.isChecked()
        values["email_consent"] = ui.email_consent.isChecked()
        values["notes"] = ui.notes.toPlainText().strip()
        values["tags"] = split_tags(ui.tags.text())
        values["channel_id"] = ui.channel.currentData()
        values["referred_by"] = ui.referred_by.text().strip()
        return values

    def is_dirty(self) -> bool:
        return self.form_values() != self._loaded

    # --- behaviour while typing ---------------------------------------------------
    def _suggest_kana(self, kana_field: str, name_text: str) -> None:
        if self._kana_auto[kana_field]:
            getattr(self.ui, kana_field).setText(suggest_furigana(name_text))

    def _stop_suggesting(self, kana_field: str) -> None:
        self._kana_auto[kana_field] = False

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # Tab or Enter out of a looked-up postal code: on to the first address field still
        # empty (not onto the filled 都道府県 with its text selected, to be overwritten)
        if (
            watched is self.ui.postal_code
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers()
            and self._postal_filled
        ):
            empty = next((f for f in ADDRESS_FIELDS if not getattr(self.ui, f).text()), None)
            if empty is not None:
                getattr(self.ui, empty).setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _fill_from_postal_code(self, text: str) -> None:
        digits = parse_postal(text)
        self.ui.postal_info.clear()
        self._postal_filled = False
        if digits is None:
            return
        self._show_error("postal_code", None)
        address = lookup_postal(digits)
        if address is None:
            self.ui.postal_info.setText(
                QCoreApplication.translate("CustomerCard", "該当する住所が見つかりません")
            )
            return
        self.ui.prefecture.setText(address.prefecture)
        self.ui.city.setText(address.city)
        self.ui.town.setText(address.town)
        if address.street and not self.ui.street.text():
            self.ui.street.setText(address.street)
        self.ui.postal_info.setText(f"〒{digits[:3]}-{digits[3:]}")
        self._postal_filled = True

    def _check_field(self, name: str) -> None:
        value = getattr(self.ui, name).text()
        try:
            customer_fields.clean_fields({name: value}, partial=True)
        except ValidationError as error:
            self._show_errors(error.errors)
        except DomainError as error:
            self._show_errors([error])
        else:
            self._show_error(name, None)

    # --- errors -------------------------------------------------------------------
    def _error_label(self, field: str | None) -> QLabel | None:
        return getattr(self.ui, f"{field}_error", None) if field else None

    def _show_error(self, field: str | None, message: str | None) -> None:
        label = self._error_label(field)
        if label is None:
            if message:
                self.ui.status_label.setText(message)
            return
        label.setText(message or "")
        label.setVisible(bool(message))

    def _show_errors(self, errors: list[DomainError]) -> None:
        lang = i18n.language()
        for error in errors:
            self._show_error(error.field, error.message(lang))
        first = next((e.field for e in errors if e.field and hasattr(self.ui, e.field)), None)
        if first:
            getattr(self.ui, first).setFocus()

    def _clear_errors(self) -> None:
        for name in (*LINE_FIELDS, "gender", "tags", "notes", "channel_id", "referred_by_id"):
            self._show_error(name, None)

    def error_text(self, field: str) -> str:
        """The inline message shown next to ``field`` ('' when none)."""
        label = self._error_label(field)
        return label.text() if label is not None and not label.isHidden() else ""
