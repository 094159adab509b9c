"""Scans at the counter: a card number scanned anywhere opens its customer.

The :class:`~crmdesk.ui.points.scanner.ScanFilter` recognises a scanner's burst wherever the
focus is; :class:`Counter` decides what the scan does in the main window: open (or
bring forward) the card's owner with the keyboard on the amount, in the card the scan
went to when that card shows someone else (asking first about its unsaved edits), and
empty the search box for the next customer. A lost, retired or unknown card is refused
with the reason, where staff are looking. A scan never charges the customer on screen.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from crmdesk.core.errors import DomainError
from crmdesk.services import cards as card_service
from crmdesk.ui import i18n
from crmdesk.ui.points.scanner import ScanFilter

if TYPE_CHECKING:  # the window imports this module
    from crmdesk.ui.customers.card import CustomerCard
    from crmdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class Counter(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.scan_filter = ScanFilter(window, self.is_card, self._on_scan)
        self.scan_filter.install()

    def is_card(self, number: str) -> bool:
        try:
            with self.window.db.sessions() as session:
                return card_service.find_card(session, number) is not None
        except Exception:  # a scan check must never break typing
            log.exception("card look-up for a scan failed")
            return False

    def _on_scan(self, number: str, source: Any) -> None:
        # after the key event has returned: the scan may ask a question (unsaved edits)
        QTimer.singleShot(0, lambda: self.open_scanned(number, source))

    def open_scanned(self, number: str, source: Any = None) -> CustomerCard | None:
        """A card was scanned (into ``source``: a card, or the main window): open its
        customer ready for the amount."""
        w = self.window
        try:
            with w.db.sessions() as session:
                customer_id = card_service.card_for_counter(session, number).customer_id
        except DomainError as error:
            self._refuse(error, source)
            return None
        card = source if _is_card(source) and source.isVisible() else None
        if card is not None and card.customer_id != customer_id:
            card = self._switch_card(card, customer_id)
            if card is None:
                return None
        elif card is None:
            card = w.open_customer(customer_id)
            if card is None:  # the file is still opening (a moment at start-up)
                return None
        card.focus_counter(number)
        w.clear_search()
        return card

    def _switch_card(self, card: CustomerCard, customer_id: str) -> CustomerCard | None:
        """Show another customer: in that customer's own card when one is open, else in
        this one (asking first about its unsaved edits)."""
        w = self.window
        if customer_id in w.cards:
            return w.open_customer(customer_id)
        if not card.confirm_discard():
            return None
        w.forget_card(card)
        card.show_customer(customer_id)
        w.cards[customer_id] = card
        card.raise_()
        card.activateWindow()
        return card

    def _refuse(self, error: DomainError, source: Any) -> None:
        text = error.message(i18n.language())
        self.window.show_status(text)
        if _is_card(source) and source.isVisible():
            source.show_counter_error(error)
            return
        QMessageBox.warning(self.window, self.tr("ポイントカード"), text)


def _is_card(widget: Any) -> bool:
    from crmdesk.ui.customers.card import CustomerCard  # loaded after the window shows

    return isinstance(widget, CustomerCard)
