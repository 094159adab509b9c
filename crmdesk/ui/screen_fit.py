"""Window sizes that fit the screen they open on.

A 1366×768 laptop is a common counter and office computer: a dialog made 860 px tall
for a large monitor opens there with its buttons below the screen's foot, out of reach.
Each window asks for the size it would like; it gets that or the screen's free area
(without the taskbar), whichever is smaller, and the layout's scroll areas take up the
difference.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room left for the title bar and borders the window manager adds: the window's frame
#: is not known before it is shown.
FRAME_ALLOWANCE = 40


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, or smaller to fit its screen's free area."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    room = screen.availableGeometry()
    window.resize(
        min(width, room.width() - FRAME_ALLOWANCE // 4),
        min(height, room.height() - FRAME_ALLOWANCE),
    )
