"""The customer card: read and edit one customer without the mouse.

The form comes from forms/customer_card.ui; this class holds the behaviour: furigana
suggested while the name is typed, the postal code filling the address, inline errors
per field, duplicates offered before a new customer is saved, one transaction per Save,
and a question before unsaved edits are thrown away. Card panels of later features
(purchases, points, inquiries...) appear as tabs in the history area.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from crmdesk.core import channels as channel_rules
from crmdesk.core import validate
from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.kana import suggest_furigana
from crmdesk.core.names import person_name
from crmdesk.core.postal import format_postal, lookup_postal, parse_postal
from crmdesk.core.wareki import age_on, to_wareki
from crmdesk.services import channels as channel_service
from crmdesk.services import customer_dupes, customer_fields, customer_index, privacy
from crmdesk.services import customers as customer_service
from crmdesk.ui import i18n
from crmdesk.ui.errors import report_failure
from crmdesk.ui.extensions import CardPanel, card_panels
from crmdesk.ui.forms.ui_customer_card import Ui_CustomerCard

log = logging.getLogger(__name__)

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
    from crmdesk.services.staff import Actor

    return Actor(staff_id=None, name="desktop", role="owner")


def split_tags(text: str) -> list[str]:
    for sep in ("、", "，", ",", "\u3000"):
        text = text.replace(sep, " ")
    return sorted({t for t in text.split() if t})


class CustomerCard(QDialog):
    saved = Signal(str)  # customer id, after a successful Save
    open_requested = Signal(str)  # staff chose an existing customer (a duplicate)
    step_requested = Signal(int)  # +1 / -1: the next / previous search result
    card_scanned = Signal(str)  # a card number that is not this customer's was entered
    counter_done = Signal()  # a sale was recorded: ready for the next customer

    def __init__(
        self, db: Any, customer_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_CustomerCard()
        self.ui.setupUi(self)
        self._fit_to_screen()
        self.db = db
        self.customer_id: str | None = None
        self._loaded: dict[str, Any] = {}
        self._kana_auto = dict.fromkeys(KANA_OF.values(), True)
        self._duplicates_seen = False
        self._postal_filled = False  # the postal code just filled the address
        self._duplicates: list[customer_dupes.DuplicateCandidate] = []
        self._referrer: tuple[str, str] | None = None  # (id, the text the picker showed)
        self._referrer_hits: dict[str, str] = {}  # offered text -> customer id
        self._completer = QCompleter([], self)
        # the search already chose the customers (kana, phone...): the popup shows them all
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.ui.referred_by.setCompleter(self._completer)
        self.panels: list[CardPanel] = self._make_panels()
        # The free-text and history areas give up height first, so the fields never squeeze.
        for area in (self.ui.notes, self.ui.history_tabs):
            area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
            area.setMinimumHeight(90)
        for part in (ui := self.ui).header, ui.duplicates_frame, ui.basicGroup, ui.contactGroup:
            part.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        for group in (ui.basicGroup, ui.contactGroup):
            ui.formsRow.setAlignment(group, Qt.AlignmentFlag.AlignTop)
        for grid in (ui.basicGrid, ui.contactGrid):
            grid.setRowStretch(grid.rowCount(), 1)  # spare height below the last field
        # Enter in a field must never press some panel's button: a QDialog would make
        # the first auto-default button the default. Saving is Ctrl+S, explicitly.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self._connect_signals()
        self.show_customer(customer_id)

    # --- set-up -------------------------------------------------------------------
    def _fit_to_screen(self) -> None:
        """Use a large screen's room for the history; never smaller than the form."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        width = max(self.width(), min(int(room.width() * 0.6), 1300))
        height = max(self.height(), min(int(room.height() * 0.9), 1000))
        self.resize(min(width, room.width()), min(height, room.height()))

    def _make_panels(self) -> list[CardPanel]:
        panels: list[CardPanel] = []
        try:
            panel_types = card_panels()
        except Exception:  # a broken feature module must not take the card down
            log.exception("card panels could not be loaded")
            panel_types = []
        for panel_type in panel_types:
            try:
                panel = panel_type()
                self.ui.history_tabs.addTab(panel, panel.title())
                panels.append(panel)
            except Exception:
                log.exception("card panel %s failed", panel_type.__name__)
        if not panels:
            empty = QLabel(self.tr("購入・ポイント・問い合わせの履歴はここに表示されます。"))
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty.setWordWrap(True)
            self.ui.history_tabs.addTab(empty, self.tr("履歴"))
        return panels

    def _connect_signals(self) -> None:
        ui = self.ui
        ui.save_button.clicked.connect(self.save)
        ui.close_button.clicked.connect(self.reject)
        ui.save_anyway_button.clicked.connect(self._save_anyway)
        ui.open_duplicate_button.clicked.connect(self._open_duplicate)
        ui.duplicates_list.itemActivated.connect(lambda _item: self._open_duplicate())
        for name, kana in KANA_OF.items():
            getattr(ui, name).textEdited.connect(lambda text, k=kana: self._suggest_kana(k, text))
            getattr(ui, kana).textEdited.connect(
                lambda _t, k=kana: self._kana_auto.update({k: False})
            )
        for panel in self.panels:
            panel.figures_changed.connect(self._update_header)
            panel.card_scanned.connect(self.card_scanned)
            panel.counter_done.connect(self.counter_done)
        ui.family_name.textChanged.connect(self._update_header)
        ui.given_name.textChanged.connect(self._update_header)
        ui.birthday.textChanged.connect(self._show_birthday_info)
        ui.postal_code.textEdited.connect(self._fill_from_postal_code)
        ui.referred_by.textEdited.connect(self._offer_referrers)
        self._completer.activated[str].connect(self._choose_referrer)
        ui.postal_code.installEventFilter(self)
        for name in CHECK_ON_LEAVE:
            getattr(ui, name).editingFinished.connect(lambda n=name: self._check_field(n))
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence(COUNTER_KEY), self, lambda: self.focus_counter())
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.step_requested.emit(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.step_requested.emit(-1))
        QShortcut(QKeySequence(REVEAL_KEY), self, self.reveal)

    # --- loading ------------------------------------------------------------------
    def show_customer(self, customer_id: str | None) -> None:
        """Show a customer (None: a new, empty card). Unsaved edits are not checked here."""
        record: dict[str, Any] = {"dm_consent": True, "tags": []}
        if customer_id is not None:
            with self.db.sessions() as session:
                customer = customer_index.get_customer(session, customer_id)
                record = customer_service.customer_record(customer)
            record = privacy.mask_record(record, self.actor)
        self.customer_id = customer_id
        self._record = record
        self._fill(record)
        self._set_masked(record.get("masked") or [])
        self._loaded = self.form_values()
        self._kana_auto = {k: not record.get(k) for k in KANA_OF.values()}
        self._duplicates_seen = False
        self._postal_filled = False
        self.ui.duplicates_frame.setVisible(False)
        self._clear_errors()
        self._load_panels()
        self._update_header()
        self.ui.status_label.clear()
        self.ui.family_name.setFocus()

    def _fill(self, record: dict[str, Any]) -> None:
        ui = self.ui
        for name in LINE_FIELDS:
            value = record.get(name) or ""
            getattr(ui, name).setText(str(value))
        gender = record.get("gender") or ""
        ui.gender.setCurrentIndex(customer_fields.GENDERS.index(gender))
        ui.dm_consent.setChecked(bool(record.get("dm_consent")))
        ui.email_consent.setChecked(bool(record.get("email_consent")))
        ui.postal_code.setText(format_postal(record.get("postal_code")))
        ui.tags.setText(", ".join(record.get("tags") or []))
        ui.notes.setPlainText(record.get("notes") or "")
        ui.postal_info.clear()
        self._fill_channels(record.get("channel"))
        referrer = record.get("referred_by")
        self._referrer = None
        if referrer:
            text = f"{referrer['customer_number']} {referrer['name']}".strip()
            self._referrer = (referrer["id"], text)
        ui.referred_by.setText(self._referrer[1] if self._referrer else "")
        self._show_referrer_info(referrer)

    def _fill_channels(self, current: dict[str, Any] | None) -> None:
        """The active channels in the owner's order; the customer's own retired one too."""
        lang = i18n.language()
        combo = self.ui.channel
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("（未設定）"), None)
        try:
            with self.db.transaction() as session:
                channel_service.ensure_default_channels(session)
                offered = [(c.id, c.name) for c in channel_service.list_channels(session)]
        except SQLAlchemyError as error:  # the card still opens; the combo says why
            report_failure(self.tr("流入経路を読み込めませんでした"), error, self)
            offered = []
        for channel_id, name in offered:
            combo.addItem(channel_rules.display_name(name, lang), channel_id)
        if current and combo.findData(current["id"]) < 0:
            label = channel_rules.display_name(current["name"], lang)
            combo.addItem(self.tr("{0}（使用終了）").format(label), current["id"])
        combo.setCurrentIndex(max(combo.findData(current["id"]) if current else 0, 0))
        combo.blockSignals(False)

    def _show_referrer_info(self, referrer: dict[str, Any] | None) -> None:
        info = ""
        if referrer:
            info = self.tr("{name}さんの紹介は {count}人").format(
                name=referrer["name"] or referrer["customer_number"], count=referrer["referrals"]
            )
        self.ui.referred_by_info.setText(info)

    def _offer_referrers(self, text: str) -> None:
        """Typing a name, phone or number: the customers it finds, for the completer."""
        from crmdesk.services.search import search_customers

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

    def focus_counter(self, card_number: str | None = None) -> None:
        """Opened from a scanned card, or F9: hand the keyboard to the panel serving the
        counter (the amount field)."""
        for panel in self.panels:
            if panel.take_counter_focus(card_number):
                self.ui.history_tabs.setCurrentWidget(panel)
                return

    def show_counter_error(self, error: DomainError) -> None:
        """A scan into this card was refused (a lost card...): say so at the counter."""
        text = error.message(i18n.language())
        for panel in self.panels:
            if panel.show_counter_error(text):
                self.ui.history_tabs.setCurrentWidget(panel)
                return
        self.ui.status_label.setText(text)

    def _load_panels(self) -> None:
        for panel in self.panels:
            try:
                panel.load(self.db, self.customer_id)
            except Exception as error:  # a blank panel must say why
                what = self.tr("「{0}」を読み込めませんでした").format(panel.title())
                report_failure(what, error, self)

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
            self.ui.postal_info.setText(self.tr("該当する住所が見つかりません"))
            return
        self.ui.prefecture.setText(address.prefecture)
        self.ui.city.setText(address.city)
        self.ui.town.setText(address.town)
        if address.street and not self.ui.street.text():
            self.ui.street.setText(address.street)
        self.ui.postal_info.setText(f"〒{digits[:3]}-{digits[3:]}")
        self._postal_filled = True

    def _show_birthday_info(self, text: str) -> None:
        info = ""
        try:
            birthday = validate.clean_birthday(text, today=customer_fields.today_local())
        except DomainError:
            birthday = None
        if birthday is not None:
            age = age_on(birthday, customer_fields.today_local())
            info = self.tr("{age}歳・{wareki}").format(age=age, wareki=to_wareki(birthday))
        self.ui.birthday_info.setText(info)

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

    def _update_header(self) -> None:
        ui = self.ui
        name = person_name(ui.family_name.text(), ui.given_name.text())
        ui.header_name.setText(name or self.tr("新規顧客"))
        record = self._record if self.customer_id else {}
        details = []
        if record.get("customer_number"):
            details.append(self.tr("顧客番号 {0}").format(record["customer_number"]))
        if record.get("card_number"):
            details.append(self.tr("カード {0}").format(record["card_number"]))
        if record.get("age") is not None:
            details.append(self.tr("{0}歳").format(record["age"]))
        if record.get("first_visit"):
            details.append(self.tr("初回来店 {0}").format(record["first_visit"]))
        if record.get("tags"):
            details.append(" ".join(f"#{t}" for t in record["tags"]))
        lang = i18n.language()
        if record.get("channel"):
            name = channel_rules.display_name(record["channel"]["name"], lang)
            details.append(self.tr("流入経路 {0}").format(name))
        if record.get("referred_by"):
            ref = record["referred_by"]
            details.append(
                self.tr("紹介者 {name}（紹介 {count}人）").format(
                    name=ref["name"] or ref["customer_number"], count=ref["referrals"]
                )
            )
        if record.get("referrals"):
            details.append(self.tr("紹介した人 {0}人").format(record["referrals"]))
        ui.header_details.setText("  ・  ".join(details))
        figures: dict[str, str] = {}
        for panel in self.panels:
            try:
                figures.update(panel.header_figures())
            except Exception:
                log.exception("card panel %s failed to give figures", type(panel).__name__)
        ui.header_figures.setText(
            "<br>".join(f"{label}: <b>{value}</b>" for label, value in figures.items())
        )
        title = name or self.tr("新規顧客")
        self.setWindowTitle(self.tr("顧客カード - {0}").format(title))

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

    # --- saving -------------------------------------------------------------------
    def _values_for_service(self) -> tuple[dict[str, Any], list[str]]:
        values = self.form_values()
        tags = values.pop("tags")
        referred_text = values.pop("referred_by")
        # The links go to the service only when changed: an untouched referrer is not
        # re-checked, and a new customer left without a channel may get 紹介.
        if values["channel_id"] == self._loaded.get("channel_id"):
            del values["channel_id"]
        if referred_text != self._loaded.get("referred_by"):
            values["referred_by_id"] = self._referrer_id()
        for name in self.masked_fields:  # partly hidden: never written back
            values.pop(name, None)
        if self.customer_id is None:
            for optional in ("customer_number", "first_visit"):
                if not values[optional]:
                    del values[optional]
        return values, tags

    def save(self) -> bool:
        """Validate, offer duplicates (new customers), then write in one transaction."""
        self._clear_errors()
        self.ui.status_label.clear()
        try:
            values, tags = self._values_for_service()
            customer_fields.clean_fields(values, partial=self.customer_id is not None)
            if self.customer_id is None and not self._duplicates_seen:
                with self.db.sessions() as session:
                    duplicates = customer_dupes.find_duplicates(session, values)
                if duplicates:
                    self._offer_duplicates(duplicates)
                    return False
            with self.db.transaction() as session:
                if self.customer_id is None:
                    change = customer_service.create_customer(session, values)
                else:
                    change = customer_service.update_customer(session, self.customer_id, values)
                customer_service.set_tags(session, change.customer_id, tags)
        except ValidationError as error:
            self._show_errors(error.errors)
            return False
        except DomainError as error:
            self._show_errors([error])
            return False
        except SQLAlchemyError as error:
            text = report_failure(self.tr("顧客カードは保存されていません"), error, self)
            self.ui.status_label.setText(text)
            return False
        self.show_customer(change.customer_id)
        self.ui.status_label.setText(self.tr("保存しました"))
        self.saved.emit(change.customer_id)
        return True

    def _offer_duplicates(self, duplicates: list[customer_dupes.DuplicateCandidate]) -> None:
        self._duplicates = duplicates
        self.ui.duplicates_list.clear()
        for dup in duplicates:
            reasons = "、".join(self._reason_text(r) for r in dup.reasons)
            item = QListWidgetItem(f"{dup.customer_number}  {dup.name}  （{reasons}）")
            item.setData(Qt.ItemDataRole.UserRole, dup.customer_id)
            self.ui.duplicates_list.addItem(item)
        self.ui.duplicates_list.setCurrentRow(0)
        self.ui.duplicates_frame.setVisible(True)
        self._grow_within_screen()
        self.ui.duplicates_list.setFocus()

    def _grow_within_screen(self) -> None:
        """Room for the banner, taken from the history area: never past the screen's foot
        (Save and Close must stay reachable on a 1,000 px screen)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        frame = max(self.frameGeometry().height() - self.height(), 0)
        wanted = max(self.height(), self.minimumSizeHint().height())
        self.resize(self.width(), min(wanted, room.height() - frame))
        outer = self.frameGeometry()
        if outer.bottom() > room.bottom():
            self.move(outer.x(), max(room.top(), room.bottom() - outer.height() + 1))

    def _reason_text(self, reason: str) -> str:
        texts = {
            "same_phone": self.tr("同じ電話番号"),
            "same_email": self.tr("同じメールアドレス"),
            "same_name_kana_birthday": self.tr("同じ氏名・ふりがな・生年月日"),
        }
        return texts.get(reason, reason)

    def _save_anyway(self) -> None:
        self._duplicates_seen = True
        self.ui.duplicates_frame.setVisible(False)
        self.save()

    def _open_duplicate(self) -> None:
        item = self.ui.duplicates_list.currentItem()
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    # --- masked fields (roles without view_full) --------------------------------------
    @property
    def actor(self) -> Any:
        """Who uses the card: the window's signed-in staff, the owner without accounts."""
        actor = getattr(self.parent(), "actor", None)
        actor = actor() if callable(actor) else actor
        return actor if hasattr(actor, "can") else privacy_owner()

    def _set_masked(self, fields: list[str]) -> None:
        self.masked_fields = list(fields)
        for name in ("phone1", "phone2", "birthday"):
            edit = getattr(self.ui, name)
            edit.setReadOnly(name in fields)
            edit.setToolTip(self.tr("一部を隠しています。{0} で表示").format(REVEAL_KEY)
                            if name in fields else "")  # fmt: skip

    def reveal(self) -> bool:
        """The one-key "show": someone allowed confirms with their PIN or card."""
        if not self.masked_fields or self.customer_id is None:
            return False
        from crmdesk.ui.sign_in import SignInDialog

        dialog = SignInDialog(self.db, self, permission="view_full")
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            return False
        return self.show_full(dialog.actor)

    def show_full(self, approver: Any) -> bool:
        """Fill in the hidden fields (audited); edits made meanwhile are kept."""
        try:
            with self.db.transaction() as session:
                full = privacy.reveal(session, self.customer_id or "", viewer=self.actor,
                                      approver=approver)  # fmt: skip
        except DomainError as error:
            self.ui.status_label.setText(error.message(i18n.language()))
            return False
        for name, value in full.items():
            getattr(self.ui, name).setText(value)
            self._loaded[name] = value
        self._set_masked([])
        self.ui.status_label.setText(self.tr("表示しました（記録されます）"))
        return True

    # --- closing ------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """True when the card may be left: nothing unsaved, saved now, or discarded."""
        if not self.is_dirty():
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        box = QMessageBox(self)
        box.setObjectName("unsaved_question")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("未保存の変更"))
        box.setText(self.tr("変更が保存されていません。保存しますか？"))
        buttons = (
            QMessageBox.StandardButton.Save,
            QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Cancel,
        )
        box.setStandardButtons(buttons[0] | buttons[1] | buttons[2])
        texts = (self.tr("保存する"), self.tr("保存しない"), self.tr("キャンセル"))
        for button, text in zip(buttons, texts, strict=True):
            box.button(button).setText(text)
        # Enter (or a scanner's Enter) must neither write nor lose anything: stay
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        return QMessageBox.StandardButton(box.exec())

    def reject(self) -> None:
        if self.confirm_discard():
            super().reject()
