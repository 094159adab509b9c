"""Identifiers: UUID version 7 (time-ordered) as text, created anywhere, offline."""

from __future__ import annotations

import uuid6


def new_id() -> str:
    """A new time-ordered UUIDv7 in canonical text form."""
    return str(uuid6.uuid7())
