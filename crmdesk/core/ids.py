"""Identifiers: UUID version 7 (time-ordered) as text, created anywhere, offline."""

from __future__ import annotations

import hashlib
import os
import threading
import time
import uuid

_last_ms = 0  # the time part of the last id made here
#: Random parts read from the OS at a time, per thread: one ``os.urandom`` call per id
#: (a system call) was a measurable share of an import, which makes an id or more per row.
POOL_SIZE = 256
_pool = threading.local()


def _forget_pool() -> None:
    # A forked child must not hand out the random parts its parent will use too.
    _pool.parts = []


os.register_at_fork(after_in_child=_forget_pool)


def _random_part() -> int:
    """80 random bits from this thread's pool, refilled from ``os.urandom``."""
    parts: list[int] | None = getattr(_pool, "parts", None)
    if not parts:
        raw = os.urandom(10 * POOL_SIZE)
        parts = _pool.parts = [int.from_bytes(raw[i : i + 10]) for i in range(0, len(raw), 10)]
    return parts.pop()


def new_id() -> str:
    """A new time-ordered UUIDv7 in canonical text form.

    48 bits of Unix milliseconds, then 74 random bits (with the version and variant
    bits). Each id's time part is greater than the one before it in this process (one
    millisecond on when the clock has not moved on), so ids sort in the order they were
    made, as ``uuid6.uuid7`` did. Made straight from the clock and ``os.urandom`` (read
    for :data:`POOL_SIZE` ids at a time): an import makes one or more per row.
    """
    global _last_ms
    ms = time.time_ns() // 1_000_000
    if ms <= _last_ms:
        ms = _last_ms + 1
    _last_ms = ms
    rand = _random_part()
    value = (ms & 0xFFFF_FFFF_FFFF) << 80 | 0x7 << 76 | (rand >> 68 & 0xFFF) << 64
    value |= 0b10 << 62 | rand & ((1 << 62) - 1)
    h = value.to_bytes(16).hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def derived_id(seed: str, label: str) -> str:
    """A UUIDv7-shaped id that is the same wherever it is made: one fact, one id.

    Two computers that record the same fact while apart (the expiry of one point lot)
    make the same id, so sync keeps one row. The time part is the seed's (a UUIDv7), the
    rest comes from a hash of the seed and the label.
    """

    digest = hashlib.sha256(f"{label}:{seed}".encode()).digest()
    stamp = uuid.UUID(seed).int >> 80
    rand = int.from_bytes(digest[:10], "big")
    value = (stamp << 80) | (0x7 << 76) | ((rand >> 68) & 0xFFF) << 64 | (0b10 << 62)
    value |= rand & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))
