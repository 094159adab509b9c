"""Launch the real window on a file and exit once it is usable (run by test_bench_ui).

Usable = the window is shown, the search box has focus and the first page of customers
is in the list. Prints one JSON line: the seconds since this module started, the wall
clock at that moment (the bench subtracts the moment it spawned the process), the peak
RSS and the rows shown; then leaves without closing the window (no backup on close).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

START = time.perf_counter()


def main(db_path: str, settings_dir: str) -> None:
    from PySide6.QtCore import QSettings, QTimer

    ini = QSettings.Format.IniFormat
    QSettings.setPath(ini, QSettings.Scope.UserScope, settings_dir)
    from crmdesk.store.db import open_database
    from crmdesk.ui.app import make_app
    from crmdesk.ui.main_window import MainWindow

    app = make_app([sys.argv[0]])
    db = open_database(Path(db_path))
    window = MainWindow(db)
    window.show()

    def check() -> None:
        rows = window.model.rowCount()
        if window.isVisible() and rows > 0 and window.ui.search_edit.hasFocus():
            elapsed = time.perf_counter() - START
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            report = {"ready_s": elapsed, "ready_at": time.time(), "peak_rss_mb": peak_mb}
            print(json.dumps({**report, "rows": rows}), flush=True)
            # Out at once: closing would back the file up (half a minute at a million
            # customers), which is not the launch being measured.
            os._exit(0)
        else:
            QTimer.singleShot(5, check)

    QTimer.singleShot(0, check)
    app.exec()
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
