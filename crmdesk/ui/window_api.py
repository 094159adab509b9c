"""What a feature or a card panel may use of the main window.

:class:`WindowApi` is the main window as features see it (``install(window)`` in
:mod:`crmdesk.ui.extensions`): its database, its menus, the customer in front of staff
and a few ways to tell them something. :class:`crmdesk.ui.main_window.MainWindow` is the
one real implementation; tests give features a small ``QMainWindow`` with the same methods.

A feature parents its dialogs, actions and timers on ``window.window()`` (Qt's own: the
top-level widget, which for the main window is itself), so a feature needs nothing more
of Qt's window than that.

The attributes at the end are what features hang on the window for each other (the
signed-in staff member, the sync controller) or to keep their own objects alive; a
feature reads another's with ``getattr(window, name, None)``, because a window without
that feature (a test's) has none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:  # only names for the checker: the features import this module
    from PySide6.QtCore import QTimer

    from crmdesk.services.staff import Actor
    from crmdesk.store.db import Database
    from crmdesk.ui.branch_sync.controller import SyncController
    from crmdesk.ui.customers.card import CustomerCard
    from crmdesk.ui.dashboard.dialog import DashboardDialog
    from crmdesk.ui.inquiries.feature import InquiryFeature
    from crmdesk.ui.notice import Notice
    from crmdesk.ui.staff.session import StaffSession
    from crmdesk.ui.workers import Worker


class WindowApi(Protocol):
    #: the open database; replaced on File > Open (``database_opened`` follows)
    db: Database
    #: emitted after :attr:`db` changed (start-up, File > Open)
    database_opened: SignalInstance

    def window(self) -> QWidget:
        """The window as a widget: the parent of a feature's dialogs, actions, timers."""
        ...

    def menu(self, key: str) -> QMenu:
        """A menu of the menu bar: ``file``, ``customer``, ``tools``, ``reports``, ``help``."""
        ...

    def current_customer_id(self) -> str | None:
        """The customer of the active card, else the one selected in the list."""
        ...

    def open_customer(self, customer_id: str | None) -> CustomerCard:
        """Open (or bring forward) a customer's card; None opens a new card."""
        ...

    def show_status(self, text: str) -> None:
        """A message in the status bar for a few seconds."""
        ...

    def show_notice(
        self,
        text: str,
        actions: Sequence[tuple[str, Callable[[], Any]]] = (),
        *,
        error: bool = False,
    ) -> Notice:
        """A bar below the list, with buttons (title, callable)."""
        ...

    def refresh(self) -> None:
        """Reload the list (or re-run the search) and the customer count."""
        ...

    def focus_search(self) -> None:
        """Put the keyboard in the search box."""
        ...

    def add_settings_page(self, title: str, make: Callable[[QWidget], QWidget]) -> None:
        """A tab in the settings dialog made by ``make(parent)``; OK calls its ``save()``."""
        ...

    # --- what features keep on the window ---------------------------------------------
    #: the signed-in staff member (staff feature); see ``window_actor`` in the features
    actor: Callable[[], Actor]
    staff_session: StaffSession
    #: the sync controller (branch_sync feature)
    sync: SyncController
    #: inquiries: what the start-up reminder and the Tools menu drive
    inquiry_feature: InquiryFeature
    #: kept alive while open / running (each feature's own)
    _dashboard: DashboardDialog
    _outlook_worker_busy: bool
    _outlook_worker: Worker
    _outlook_timer: QTimer
    _points_expiry_worker: Worker
    _data_backup_timer: QTimer
    _data_daily: Worker
    _data_backup: Worker
