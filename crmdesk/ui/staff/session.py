"""Who is at the counter: signing in at start, switching staff, the idle lock.

A shop without staff accounts works as before (everyone is the owner, nothing locks).
With accounts, the window starts locked; :meth:`StaffSession.lock` hides the customer
list and every open card (their unsaved edits stay in them) behind the sign-in dialog,
and signing in shows them again. Any key or mouse press in the application restarts the
idle timer (``staff/idle_minutes`` in the settings, 5 by default; 0: never).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from crmdesk.services import staff as staff_service
from crmdesk.ui import settings
from crmdesk.ui.staff.sign_in import SignInDialog

if TYPE_CHECKING:  # the window imports this module
    from crmdesk.ui.main_window import MainWindow

OWNER = staff_service.Actor(staff_id=None, name="owner", role="owner")
DEFAULT_IDLE_MINUTES = 5
ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


def idle_minutes() -> int:
    try:
        return max(int(settings.value("staff/idle_minutes", str(DEFAULT_IDLE_MINUTES))), 0)
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES


class StaffSession(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._actor: staff_service.Actor = OWNER
        self.dialog: SignInDialog | None = None
        self._hidden_cards: list[Any] = []
        self._waiting: list[Any] = []  # jobs held back until someone signs in
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # --- who acts -------------------------------------------------------------------
    def current(self) -> staff_service.Actor:
        return self._actor

    def has_accounts(self) -> bool:
        with self.window.db.sessions() as session:
            return staff_service.has_staff(session)

    def start(self) -> None:
        """At start (and after File > Open): lock when the file has accounts."""
        self._actor = OWNER
        if self.has_accounts():
            self._actor = staff_service.CLI_STAFF
            self.lock()
        self._show_who()

    # --- locking --------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def lock(self, *, switching: bool = False) -> SignInDialog | None:
        if self.locked or not self.has_accounts():
            return self.dialog
        self.idle.stop()
        if (central := self.window.centralWidget()) is not None:
            central.setVisible(False)
        self._hidden_cards = [c for c in self.window.cards.values() if c.isVisible()]
        for card in self._hidden_cards:
            card.hide()
        idle = self._actor.staff_id is not None and not switching
        self.dialog = SignInDialog(self.window.db, self.window, locked=idle)
        self.dialog.accepted.connect(self._signed_in)
        self.dialog.open()
        return self.dialog

    def when_unlocked(self, job: Any) -> None:
        """Run ``job`` now, or right after the next sign-in when locked."""
        if self.locked:
            self._waiting.append(job)
        else:
            job()

    def switch(self) -> SignInDialog | None:
        """The counter's "switch staff": lock now, the next person signs in."""
        return self.lock(switching=True)

    def _signed_in(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None and dialog.actor is not None:
            self._actor = dialog.actor
        if (central := self.window.centralWidget()) is not None:
            central.setVisible(True)
        self._shown_again = list(self._hidden_cards)
        for card in self._hidden_cards:
            card.show()
        self._hidden_cards = []
        self._show_who()
        self.window.refresh()
        if not self._hidden_cards_shown():
            self.window.focus_search()  # back to the counter's search box
        self._restart_idle()
        waiting, self._waiting = self._waiting, []
        for job in waiting:
            job()

    def _hidden_cards_shown(self) -> bool:
        """A card that was open comes back in front (its edits are waiting)."""
        cards, self._shown_again = getattr(self, "_shown_again", []), []
        if cards:
            cards[-1].raise_()
            cards[-1].activateWindow()
        return bool(cards)

    def _show_who(self) -> None:
        label = getattr(self.window, "staff_label", None)
        if label is not None:
            name = self._actor.name if self._actor.staff_id else ""
            label.setText(self.tr("担当: {0}").format(name) if name else "")

    def restart_idle(self) -> None:
        """After the setting changed: the new number of minutes counts from now."""
        self.idle.stop()
        self._restart_idle()

    def _restart_idle(self) -> None:
        minutes = idle_minutes()
        if minutes and not self.locked and self._actor.staff_id is not None:
            self.idle.start(minutes * 60_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        if event.type() in ACTIVITY and self.idle.isActive():
            self.idle.start()  # same interval, from now
        return False
