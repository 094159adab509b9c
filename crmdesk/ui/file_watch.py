"""Noticing that another program wrote to the file: another counter's window, the
command line, a sync.

Two windows on one file is normal at a shop with two counters. Searches always read the
file as it is, but the figures the window shows on its own (the customer count in the
status bar) stayed as they were until this window wrote something. Every commit writes
to the file's write-ahead log (or, without one, to the file), so the two files' sizes and
modification times are looked at every few seconds: no connection is held open (on
Windows an open handle would stop a restore from replacing the file), an encrypted file
is watched like any other, and a look costs two ``stat`` calls.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

#: How often the file is looked at (ms).
WATCH_MS = 3000

Stamp = tuple[tuple[int, int] | None, ...]


class FileWatch(QObject):
    changed = Signal()  # the file or its log changed since the last look

    def __init__(self, parent: QObject | None = None, interval_ms: int = WATCH_MS) -> None:
        super().__init__(parent)
        self._paths: tuple[Path, ...] = ()
        self._last: Stamp = ()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._look)

    def watch(self, path: Path | None) -> None:
        """Watch ``path`` from now on (None: stop watching)."""
        self._timer.stop()
        self._paths = () if path is None else (path, path.with_name(path.name + "-wal"))
        self._last = self._stamp()
        if self._paths:
            self._timer.start()

    def _stamp(self) -> Stamp:
        stamps: list[tuple[int, int] | None] = []
        for path in self._paths:
            try:
                found = os.stat(path)
            except OSError:  # no log (yet, or after the last connection closed)
                stamps.append(None)
            else:
                stamps.append((found.st_mtime_ns, found.st_size))
        return tuple(stamps)

    def _look(self) -> None:
        stamp = self._stamp()
        if stamp != self._last:
            self._last = stamp
            self.changed.emit()
