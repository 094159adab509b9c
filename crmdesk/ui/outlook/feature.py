"""The outlook kept current in the background: at start-up, daily and after an import.

A timer asks the cheap question (:func:`crmdesk.services.outlook.is_stale`) every few
minutes; when the scores are from another day or many purchases arrived (an import), the
fit and scoring run on the writer pool, never on the UI thread.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QTimer

from crmdesk.ui.window_api import WindowApi
from crmdesk.ui.workers import run_in_background

log = logging.getLogger(__name__)
CHECK_MS = 5 * 60 * 1000


def refresh_job(db: Any) -> Any:
    # deferred: services.outlook loads numpy (0.2 s); the refresh runs off the UI thread
    from crmdesk.services import outlook

    with db.sessions() as session:
        if not outlook.is_stale(session):
            return None
    with db.transaction() as session:
        return outlook.refresh(session).to_json()


def check(window: WindowApi) -> None:
    if getattr(window, "_outlook_worker_busy", False) or window.db is None:
        return
    window._outlook_worker_busy = True

    def done(_result: Any) -> None:
        window._outlook_worker_busy = False

    def failed(error: Exception) -> None:
        window._outlook_worker_busy = False
        log.warning("outlook refresh failed: %s", type(error).__name__)

    window._outlook_worker = run_in_background(
        refresh_job, window.db, on_done=done, on_error=failed, writes=True
    )


def install(window: WindowApi) -> None:
    timer = QTimer(window.window())
    timer.setInterval(CHECK_MS)
    timer.timeout.connect(lambda: check(window))
    timer.start()
    window._outlook_timer = timer
    QTimer.singleShot(3_000, lambda: check(window))
