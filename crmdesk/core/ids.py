"""Identifiers: UUID version 7 (time-ordered) as text, created anywhere, offline."""

from __future__ import annotations

import hashlib
import uuid

import uuid6


def new_id() -> str:
    """A new time-ordered UUIDv7 in canonical text form."""
    return str(uuid6.uuid7())


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
