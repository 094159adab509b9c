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

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QCompleter, QLabel, QMessageBox, QPushButton, QSizePolicy, QWidget
from sqlalchemy.exc import SQLAlchemyError

from crmdesk.core import channels as channel_rules
from crmdesk.core.errors import DomainError
from crmdesk.core.postal import format_postal
from crmdesk.services import channels as channel_service
from crmdesk.services import customer_dupes, customer_fields, customer_index, privacy
from crmdesk.services import customers as customer_service
from crmdesk.ui import i18n
from crmdesk.ui.customers.card_form import (  # noqa: F401 - the card's names, used by its callers
    ADDRESS_FIELDS,
    CHECK_ON_LEAVE,
    COUNTER_KEY,
    KANA_OF,
    LINE_FIELDS,
    REFERRER_HITS,
    REVEAL_KEY,
    privacy_owner,
)
from crmdesk.ui.customers.card_save import CardSave
from crmdesk.ui.errors import report_failure
from crmdesk.ui.extensions import CardPanel, card_panels
from crmdesk.ui.forms.ui_customer_card import Ui_CustomerCard
from crmdesk.ui.screen_fit import fit_to_screen

log = logging.getLogger(__name__)


class CustomerCard(CardSave):
    """One customer's card: set-up, loading, the panels, the counter keys and closing; the
    form is :class:`~crmdesk.ui.customers.card_form.CardForm`, the header
    :class:`~crmdesk.ui.customers.card_header.CardHeader`, saving
    :class:`~crmdesk.ui.customers.card_save.CardSave`."""

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
            # fields close together, as they sit on a short screen anyway: the height a
            # tall screen has to spare goes to the history, not between the fields
            grid.setVerticalSpacing(2)
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
        fit_to_screen(self, width, height)

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
        # the text overload (PySide6's stubs do not know a signal's overloads)
        self._completer.activated[str].connect(self._choose_referrer)  # type: ignore[index]
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
