"""Identifiers: UUID version 7 (time-ordered) as text, created anywhere, offline."""

from __future__ import annotations

import hashlib
import os
import time
import uuid

_last_ms = 0  # the time part of the last id made here


def new_id() -> str:
    """A new time-ordered UUIDv7 in canonical text form.

    48 bits of Unix milliseconds, then 74 random bits (with the version and variant
    bits). Each id's time part is greater than the one before it in this process (one
    millisecond on when the clock has not moved on), so ids sort in the order they were
    made, as ``uuid6.uuid7`` did. Made straight from the clock and ``os.urandom``: an
    import makes one or more per row.
    """
    global _last_ms
    ms = time.time_ns() // 1_000_000
    if ms <= _last_ms:
        ms = _last_ms + 1
    _last_ms = ms
    rand = int.from_bytes(os.urandom(10))
    value = (ms & 0xFFFF_FFFF_FFFF) << 80 | 0x7 << 76 | (rand >> 68 & 0xFFF) << 64
    value |= 0b10 << 62 | rand & ((1 << 62) - 1)
    h = f"{value:032x}"
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
