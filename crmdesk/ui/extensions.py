"""How features plug into the window without editing it.

- **Card panels**: a module ``crmdesk/ui/panels/panel_<feature>.py`` defines ``PANEL``, a
  :class:`CardPanel` subclass. The customer card shows every panel as a tab in its
  history area, in ``ORDER``, and calls ``load(db, customer_id)`` when the card opens
  or is saved (``customer_id`` is None for a customer not yet saved).
- **Features**: a module ``crmdesk/ui/features/feature_<name>.py`` defines
  ``install(window)``; the main window calls it once at start-up so the feature can add
  menu items, shortcuts and toolbar buttons through the window's API
  (``window.menu(key)``, ``window.db``, ``window.current_customer_id()``,
  ``window.open_customer(id)``, ``window.show_status(text)``, ``window.refresh()``).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


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


def _modules(package: str, prefix: str) -> list[ModuleType]:
    pkg = importlib.import_module(package)
    return [
        importlib.import_module(f"{package}.{info.name}")
        for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name)
        if info.name.startswith(prefix)
    ]


def card_panels() -> list[type[CardPanel]]:
    panels = [m.PANEL for m in _modules("crmdesk.ui.panels", "panel_")]
    return sorted(panels, key=lambda p: (p.ORDER, p.__name__))


def install_features(window: Any) -> None:
    for module in _modules("crmdesk.ui.features", "feature_"):
        module.install(window)
