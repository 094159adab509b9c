"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 lost one reference to
True or None on every signal emit and timer call, and the window died after a few
thousand (``Fatal Python error: bool_dealloc``) — pyproject keeps it out."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal


class _Source(QObject):
    ticked = Signal()


def test_signals_and_timers_leave_reference_counts_alone(qtbot: Any) -> None:
    source = _Source()
    seen: list[int] = []
    source.ticked.connect(lambda: seen.append(1))
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(20_000):
        source.ticked.emit()
    calls = {"n": 0}

    def tick() -> None:
        calls["n"] += 1

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(0)
    qtbot.waitUntil(lambda: calls["n"] >= 2_000, timeout=30_000)
    timer.stop()
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert len(seen) == 20_000
    # Other code may hold a few more or fewer meanwhile; a leak is one per call.
    assert abs(after[0] - before[0]) < 500
    assert abs(after[1] - before[1]) < 500
