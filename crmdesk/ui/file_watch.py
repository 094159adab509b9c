"""Noticing that another program wrote to the file: another counter's window, the
command line, a sync.

Two windows on one file is normal at a shop with two counters. Searches always read the
file as it is, but the figures the window shows on its own (the customer count in the
status bar) stayed as they were until this window wrote something. SQLite's
``PRAGMA data_version`` changes when another connection commits; it is read on a small
read-only connection every few seconds, which costs nothing the counter would notice.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)
#: How often the file is asked (ms).
WATCH_MS = 3000


class FileWatch(QObject):
    changed = Signal()  # another connection committed since the last look

    def __init__(self, parent: QObject | None = None, interval_ms: int = WATCH_MS) -> None:
        super().__init__(parent)
        self._conn: sqlite3.Connection | None = None
        self._last: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._look)

    def watch(self, path: Path | None) -> None:
        """Watch ``path`` from now on (None: stop watching)."""
        self._timer.stop()
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._last = None
        if path is None or not Path(path).exists():
            return
        try:
            self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.2)
            self._last = self._version()
        except sqlite3.Error:  # an encrypted file plain SQLite cannot read: not watched
            log.info("file not watched for other programs' writes")
            self.watch(None)
            return
        self._timer.start()

    def _version(self) -> int:
        assert self._conn is not None
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def _look(self) -> None:
        try:
            version = self._version()
        except sqlite3.Error:
            return  # busy for a moment (a checkpoint): the next look tells
        if version != self._last:
            self._last = version
            self.changed.emit()
