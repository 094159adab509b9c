"""How long the Qt event loop went without a turn: the freeze a typist feels.

A zero-interval timer notes the time at every turn of the loop; the longest gap between
two turns is the longest the window could not react to a key.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer


class LoopGaps:
    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.last: float | None = None
        self.longest = 0.0
        self.turns = 0
        self.gaps_ms: list[float] = []

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last is not None:
            gap = now - self.last
            self.longest = max(self.longest, gap)
            self.gaps_ms.append(gap * 1000)
        self.last = now
        self.turns += 1

    def __enter__(self) -> LoopGaps:
        self.last = None
        self.timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.timer.stop()

    @property
    def longest_ms(self) -> float:
        return self.longest * 1000

    def over(self, limit_ms: float) -> int:
        """How many times the loop went longer than ``limit_ms`` without a turn."""
        return sum(1 for gap in self.gaps_ms if gap > limit_ms)

    def percentile(self, share: float) -> float:
        if not self.gaps_ms:
            return 0.0
        ordered = sorted(self.gaps_ms)
        return ordered[min(int(len(ordered) * share), len(ordered) - 1)]
