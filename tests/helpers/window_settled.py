"""Wait until a freshly opened main window has done its start-up work.

Five seconds after it opens, the window makes the day's automatic backup on a thread
(crmdesk/ui/data/feature.py). A typing measurement that means to see the sync
starts after it. The wait keeps the event loop turning: an earlier version blocked it in
``QThreadPool.waitForDone`` until the backup ended (a 945 ms gap measured that way, which
looked like the backup's own freeze; typing through it, the window's longest gap was
45-80 ms, from the backup's reading of every migration script, since removed).
"""

from __future__ import annotations

from typing import Any


def wait_settled(window: Any, qtbot: Any, timeout_ms: int = 60_000) -> None:
    from PySide6.QtCore import QThreadPool

    from crmdesk.services.backup import list_backups
    from crmdesk.store.backup import backup_dir

    path = window.db.path
    pool = QThreadPool.globalInstance()
    qtbot.waitUntil(
        lambda: (
            any(b.kind == "daily" for b in list_backups(backup_dir(path)))
            and pool.activeThreadCount() == 0
        ),
        timeout=timeout_ms,
    )
