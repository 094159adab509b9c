"""Launch the real window on a file and exit once it has answered a search (run by
test_bench_ui).

Usable = the window is shown, the search box has focus and the first page of customers
is in the list (``crmdesk.ui.app.start_window``, as ``crmdesk`` starts it: from the file's
first look while the database layer loads on a worker). At that moment the probe types a
query and Enter, as staff would, and waits for its hits: the second figure is when the
window answered it. Prints one JSON line: the seconds since this module started, the wall
clock at each moment (the bench subtracts the moment it spawned the process), the peak
RSS and the rows shown; then leaves without closing the window (no backup on close).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

START = time.perf_counter()
QUERY = "たなか"


def main(db_path: str, settings_dir: str) -> None:
    from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest

    class PaintWatch(QObject):
        """Whether the list has been painted with rows in it (the frame staff see)."""

        def __init__(self, viewport: QObject) -> None:
            super().__init__(viewport)
            self.rows_painted = False
            viewport.installEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and window.model.rowCount():
                self.rows_painted = True
            return False

    ini = QSettings.Format.IniFormat
    QSettings.setPath(ini, QSettings.Scope.UserScope, settings_dir)
    from crmdesk.ui import app as crmdesk_app

    app = crmdesk_app.make_app([sys.argv[0]])
    if hasattr(crmdesk_app, "start_window"):
        window = crmdesk_app.start_window(Path(db_path))
    else:  # an older tree, for a before/after: the file opened, then the window
        from crmdesk.store.db import open_database

        window = crmdesk_app.MainWindow(open_database(Path(db_path)))
        window.show()
    assert window is not None
    report: dict[str, Any] = {}
    painted = PaintWatch(window.ui.customer_table.viewport())

    def attached() -> None:
        report["attached_s"] = time.perf_counter() - START

    def answered() -> None:
        if "ready_at" not in report or window.shown_query != QUERY:
            return
        report.update(answered_s=time.perf_counter() - START, answered_at=time.time())
        report["hits"] = window.model.rowCount()
        report["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(report), flush=True)
        # Out at once: closing would back the file up (half a minute at a million
        # customers), which is not the launch being measured.
        os._exit(0)

    def check() -> None:  # polled until usable; then the signals say the rest
        rows = window.model.rowCount()
        focus = window.ui.search_edit.hasFocus()
        if not (window.isVisible() and rows > 0 and focus and painted.rows_painted):
            QTimer.singleShot(2, check)
            return
        report.update(ready_s=time.perf_counter() - START, ready_at=time.time(), rows=rows)
        window.model.modelReset.connect(answered)
        window.ui.search_edit.setText(QUERY)  # as an input method commits it
        QTest.keyClick(window.ui.search_edit, Qt.Key.Key_Return)

    if window.db is None:
        window.database_opened.connect(attached)
    else:
        attached()
    QTimer.singleShot(0, check)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
