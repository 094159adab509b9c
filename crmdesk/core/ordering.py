"""The owner's lists (inquiry categories, acquisition channels) keep an order of their own."""

from __future__ import annotations

from typing import Protocol, TypeVar


class Ordered(Protocol):
    sort_order: int


T = TypeVar("T", bound=Ordered)


def move(ordered: list[T], item: T, offset: int) -> None:
    """Move ``item`` ``offset`` places up (negative) or down ``ordered`` and renumber the
    list 10, 20, 30... (only the rows whose number changes are touched); moving past
    either end stops there."""
    index = ordered.index(item)
    ordered.remove(item)
    ordered.insert(max(0, min(len(ordered), index + offset)), item)
    for i, each in enumerate(ordered):
        if each.sort_order != (i + 1) * 10:
            each.sort_order = (i + 1) * 10
