"""How features plug into the window without editing it.

Each feature has its folder under ``crmdesk/ui`` (``points/``, ``inquiries/`` ...) holding
its menu installer, its card panel, its dialogs and models. The two lists below name them,
in one place (PyInstaller's spec collects every module of ``crmdesk.ui``):

- **Card panels** (:data:`PANELS`): the module defines ``PANEL``, a :class:`CardPanel`
  subclass. The customer card shows every panel as a tab in its history area, in
  ``ORDER``, and calls ``load(db, customer_id)`` when the card opens or is saved
  (``customer_id`` is None for a customer not yet saved).
- **Features** (:data:`FEATURES`): the module defines ``install(window)``; the main window
  calls each once at start-up, in the list's order (which is the order of their items in
  a shared menu), so the feature can add menu items, shortcuts and toolbar buttons
  through the window's API, :class:`crmdesk.ui.window_api.WindowApi`
  (``window.menu(key)``, ``window.db``, ``window.current_customer_id()``,
  ``window.open_customer(id)``, ``window.show_status(text)``, ``window.refresh()``).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from crmdesk.ui.window_api import WindowApi


class CardPanel(QWidget):
    """A tab in the customer card's history area.

    A panel whose figures change while the card is open (a sale at the counter) emits
    ``figures_changed``; the card then redraws its header.
    """

    ORDER = 100
    figures_changed = Signal()
    #: a card number was entered that is not the open customer's: the window opens its
    #: owner (the panel never retargets itself to another customer)
    card_scanned = Signal(str)
    #: a sale at the counter is done: the window makes ready for the next customer
    counter_done = Signal()

    def title(self) -> str:
        raise NotImplementedError

    def load(self, db: Any, customer_id: str | None) -> None:
        raise NotImplementedError

    def header_figures(self) -> dict[str, str]:
        """Figures for the card's header (e.g. {"ポイント": "1,234 pt"}); none by default."""
        return {}

    def take_counter_focus(self, card_number: str | None = None) -> bool:
        """The card was opened by a scanned card number (or F9 was pressed): a panel that
        serves the counter (the purchase entry) takes the keyboard and returns True.
        None do by default."""
        return False

    def show_counter_error(self, message: str) -> bool:
        """Say at the counter why a scan was refused; True when this panel showed it."""
        return False


#: The card's panels (modules under crmdesk.ui defining ``PANEL``); shown in their ``ORDER``.
PANELS = (
    "mailings.dm_panel",
    "mailings.panel",
    "outlook.panel",
    "points.panel",
    "customers.timeline_panel",
)

#: The window's features (modules under crmdesk.ui defining ``install(window)``), installed
#: in this order.
FEATURES = (
    "dashboard.feature",
    "data.feature",
    "mailings.email_feature",
    "inquiries.feature",
    "mailings.feature",
    "outlook.feature",
    "points.feature",
    "shop.feature",
    "staff.feature",
    "branch_sync.feature",
)


def _modules(names: tuple[str, ...]) -> list[ModuleType]:
    return [importlib.import_module(f"crmdesk.ui.{name}") for name in names]


def card_panels() -> list[type[CardPanel]]:
    panels: list[type[CardPanel]] = [m.PANEL for m in _modules(PANELS)]
    return sorted(panels, key=lambda p: (p.ORDER, p.__name__))


def install_features(window: WindowApi) -> None:
    for module in _modules(FEATURES):
        module.install(window)
