"""Hybrid logical clock.

A stamp is wall-clock milliseconds plus a counter, written as fixed-width text so that
string order equals clock order: ``"0001732280000000-0000-<node>"``. The node id breaks
ties between branches. A node refuses to stamp more than :data:`MAX_DRIFT_MS` ahead of
its own wall clock (a remote stamp far in the future means a wrong clock somewhere).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from crmdesk.core.errors import DomainError

MAX_DRIFT_MS = 60_000


@dataclass(frozen=True, order=True)
class Timestamp:
    millis: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.millis:016d}-{self.counter:04d}-{self.node}"

    @classmethod
    def decode(cls, text: str) -> Timestamp:
        millis, counter, node = text.split("-", 2)
        return cls(int(millis), int(counter), node)


def wall_time(stamp: str | None) -> datetime | None:
    """The wall-clock moment (UTC) of an encoded stamp; None when empty or unreadable."""
    if not stamp:
        return None
    try:
        millis = Timestamp.decode(stamp).millis
    except ValueError:
        return None
    return datetime.fromtimestamp(millis / 1000, UTC)


class HybridClock:
    """A thread-safe HLC for one node."""

    def __init__(
        self,
        node: str,
        last: Timestamp | None = None,
        wall: Callable[[], int] = lambda: time.time_ns() // 1_000_000,
    ) -> None:
        self.node = node
        self._wall = wall
        self._millis = last.millis if last else 0
        self._counter = last.counter if last else 0
        self._lock = threading.Lock()

    def now(self) -> Timestamp:
        """A stamp for a local event, strictly greater than every stamp seen."""
        with self._lock:
            wall = self._wall()
            if wall > self._millis:
                self._millis, self._counter = wall, 0
            else:
                self._counter += 1
            return Timestamp(self._millis, self._counter, self.node)

    def receive(self, remote: Timestamp) -> Timestamp:
        """Merge a stamp from another node; refuses one too far in our future."""
        with self._lock:
            wall = self._wall()
            if remote.millis - wall > MAX_DRIFT_MS:
                raise DomainError("clock_drift", drift_ms=remote.millis - wall)
            top = max(wall, self._millis, remote.millis)
            if top == self._millis == remote.millis:
                self._counter = max(self._counter, remote.counter) + 1
            elif top == self._millis:
                self._counter += 1
            elif top == remote.millis:
                self._counter = remote.counter + 1
            else:
                self._counter = 0
            self._millis = top
            return Timestamp(self._millis, self._counter, self.node)

    def observe(self, remote: Timestamp) -> None:
        """Move past a stamp seen elsewhere, but never beyond a minute past our wall clock.

        Unlike :meth:`receive` this never refuses: data stamped by a clock far ahead is
        still merged by its stamp; only our own later stamps stay near our own time.
        """
        with self._lock:
            cap = self._wall() + MAX_DRIFT_MS
            millis = min(remote.millis, cap)
            counter = remote.counter if millis == remote.millis else 0
            if millis > self._millis:
                self._millis, self._counter = millis, counter
            elif millis == self._millis:
                self._counter = max(self._counter, counter)

    def wall_ms(self) -> int:
        """This node's wall clock in ms (a test skews it by giving the clock another wall)."""
        return self._wall()
