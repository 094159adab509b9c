"""A barcode scanner is a keyboard: recognise its bursts wherever the focus is.

A scanner types a card number's digits a few milliseconds apart and then Enter; a
person types far slower. :class:`ScanFilter` watches the key presses sent to the main
window and its cards (an application-level event filter), and when digits arrive in a
burst followed by Enter and the digits are the number of a known point card, the Enter
is taken and the scan is handed to the window: the digits are taken back out of the
field they landed in (every text field of that window is put back as it was when the
burst began) and the card's customer opens, ready for the amount. A burst that is not a
card number (a phone number typed fast, an amount) goes on as ordinary typing.

With the Japanese input method on (staff keep it on to type names), the scanner's digits
do not arrive as key presses: they go into the composition (preedit) as full-width digits
and the scanner's one Enter only confirms them, arriving as an input-method event's
commit string. So the filter also follows input-method events: digits committed or held
in the composition, then Enter (or the commit itself, when the input method took the
Enter), are a scan when they are a card's number.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

#: The longest pause between two keys of one scan, in seconds. Scanners type 2-30 ms
#: apart; the fastest people are above 80 ms between keys.
MAX_GAP_S = 0.05
#: The fewest digits read as a scan (shop cards have 13; older cards may be shorter).
MIN_DIGITS = 6

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
#: How long a commit of a card's digits waits for the Enter that may follow it, in ms;
#: when the input method took that Enter (it confirmed the digits), the commit is the scan.
COMMIT_WAIT_MS = 150


def _ascii_digits(text: str) -> str | None:
    """``text`` as ASCII digits (full-width ones folded), or None if it is not digits."""
    folded = unicodedata.normalize("NFKC", text)
    return folded if folded.isascii() and folded.isdigit() else None


class _Burst:
    """Digits typed in one burst, and the texts of the window before the first of them."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.window = widget.window()
        self.digits = ""
        self.texts = _texts_of(self.window)


class _Composed:
    """Digits the input method committed to a widget, and the digits it composes now."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.committed = ""
        self.preedit = ""
        self.texts = _texts_of(widget.window())

    @property
    def digits(self) -> str:
        return self.committed + self.preedit


class ScanFilter(QObject):
    """Finds scans in the key presses of ``owner``'s windows.

    ``is_card(number)`` says whether a number is a point card (known, in any state);
    ``on_scan(number, window)`` handles a scan that went to ``window`` (the main window
    or a card), called after the event returns.
    """

    def __init__(
        self,
        owner: QWidget,
        is_card: Callable[[str], bool],
        on_scan: Callable[[str, QWidget], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._is_card = is_card
        self._on_scan = on_scan
        self._clock = clock
        self._burst: _Burst | None = None
        self._composed: _Composed | None = None
        self._last_key_at = 0.0
        self._last_stamped = False
        self._commit_timer = QTimer(self)
        self._commit_timer.setSingleShot(True)
        self._commit_timer.setInterval(COMMIT_WAIT_MS)
        self._commit_timer.timeout.connect(self._commit_was_the_scan)

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.InputMethod):
            return False
        if not isinstance(watched, QWidget) or not self._first_delivery(watched):
            return False
        window = watched.window()
        if window is not self._owner and window.parentWidget() is not self._owner:
            return False  # another window (a dialog of some other part, another app window)
        if isinstance(event, QInputMethodEvent):
            self._composing(watched, event)
            return False
        if not isinstance(event, QKeyEvent):
            return False
        if self._composed is not None and self._composed_enter(watched, event):
            return True
        gap = self._gap(event)
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and len(text) == 1 and text.isdigit() and text.isascii():
            if self._burst is None or gap > MAX_GAP_S or self._burst.widget is not watched:
                self._burst = _Burst(watched)
            self._burst.digits += text
            return False
        burst, self._burst = self._burst, None
        if (
            burst is None
            or event.key() not in _ENTER
            or gap > MAX_GAP_S
            or burst.widget is not watched
            or len(burst.digits) < MIN_DIGITS
            or not self._is_card(burst.digits)
        ):
            return False
        _restore_texts(burst.texts)
        self._on_scan(burst.digits, window)
        return True

    # --- the input method on ---------------------------------------------------------
    def _composing(self, widget: QWidget, event: QInputMethodEvent) -> None:
        """Follow digits through the composition: committed ones add up, the preedit is
        what is composed now; anything but digits ends it."""
        commit, preedit = event.commitString(), event.preeditString()
        commit_digits = _ascii_digits(commit) if commit else ""
        preedit_digits = _ascii_digits(preedit) if preedit else ""
        if commit_digits is None or preedit_digits is None:
            self._composed = None  # a name being typed
            self._commit_timer.stop()
            return
        if not commit and not preedit:
            if self._composed is not None and self._composed.widget is widget:
                self._composed.preedit = ""  # the composition was cancelled or emptied
            return
        if self._composed is None or self._composed.widget is not widget:
            self._composed = _Composed(widget)
        self._composed.committed += commit_digits
        self._composed.preedit = preedit_digits
        self._commit_timer.stop()
        if commit_digits and not preedit_digits:
            self._commit_timer.start()  # the Enter may follow, or the IME took it

    def _composed_enter(self, widget: QWidget, event: QKeyEvent) -> bool:
        """Enter after composed digits: the scan, if they are a card's number."""
        composed = self._composed
        if event.key() not in _ENTER or composed is None or composed.widget is not widget:
            if event.key() not in _ENTER:
                self._composed = None  # typing went on with keys
                self._commit_timer.stop()
            return False
        self._commit_timer.stop()
        return self._take_composed()

    def _commit_was_the_scan(self) -> None:
        self._take_composed()

    def _take_composed(self) -> bool:
        composed, self._composed = self._composed, None
        if composed is None or len(composed.digits) < MIN_DIGITS:
            return False
        if not self._is_card(composed.digits):
            return False
        try:
            if composed.preedit:  # what the composition still holds goes too
                QApplication.sendEvent(composed.widget, QInputMethodEvent())
            window = composed.widget.window()
        except RuntimeError:  # the field was deleted meanwhile
            return False
        _restore_texts(composed.texts)
        self._on_scan(composed.digits, window)
        return True

    # --- key presses ---------------------------------------------------------------
    def _gap(self, event: QKeyEvent) -> float:
        """Seconds since the previous key: by the keys' own timestamps when the system
        gives them (a busy window handles queued keys late, but they were typed apart),
        else by the clock at handling time."""
        stamp = event.timestamp() / 1000
        now = stamp if stamp else self._clock()
        last, self._last_key_at = self._last_key_at, now
        self._last_stamped, stamped = bool(stamp), self._last_stamped
        if stamped != bool(stamp):
            return float("inf")  # one key stamped, the other not: not comparable
        return now - last

    @staticmethod
    def _first_delivery(widget: QWidget) -> bool:
        """A key press travels up from the focus widget to its parents; look once."""
        focus = QApplication.focusWidget()
        return focus is None or focus is widget or not widget.isAncestorOf(focus)


def _texts_of(window: QWidget) -> dict[Any, str]:
    """The text of every editable field of a window (scanned digits may land in any)."""
    texts: dict[Any, str] = {}
    for edit in window.findChildren(QLineEdit):
        if not edit.isReadOnly():
            texts[edit] = edit.text()
    for area in (*window.findChildren(QPlainTextEdit), *window.findChildren(QTextEdit)):
        if not area.isReadOnly():
            texts[area] = area.toPlainText()
    return texts


def _restore_texts(texts: dict[Any, str]) -> None:
    for widget, text in texts.items():
        try:
            if isinstance(widget, QLineEdit):
                if widget.text() != text:
                    widget.setText(text)
            elif widget.toPlainText() != text:
                widget.setPlainText(text)
        except RuntimeError:  # the field was deleted meanwhile (its card closed)
            continue
