"""Replaying the point ledger: which points are left, and from which lot.

The ledger stores signed entries only; the balance is their sum. To know which points
expire when, the entries are replayed in order (``occurred_at``, then ``id``): every
positive entry is a *lot* with its own ``expires_on``; every negative entry consumes
points, first from the lot it names in ``related_entry_id`` (an expiry, or the reversal
of a voided purchase's earning) and lots with that lot's expiry date, then oldest
first: the lot that expires first, then the one earned first. A replay is
deterministic, so expiry computed from it twice writes nothing the second time.

Should entries ever consume more than the lots hold (a backdated entry, or two branches
that both redeemed offline) the shortfall is carried as ``debt`` and paid from the next
lot, so ``sum(remaining) - debt == balance`` always holds.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

_NEVER = date.max


class LedgerRow(NamedTuple):
    id: str
    kind: str
    points: int
    occurred_at: datetime
    expires_on: date | None = None
    related_entry_id: str | None = None


@dataclass
class Lot:
    id: str
    kind: str
    points: int
    remaining: int
    occurred_at: datetime
    expires_on: date | None

    @property
    def key(self) -> tuple[date, datetime, str]:
        return (self.expires_on or _NEVER, self.occurred_at, self.id)


@dataclass
class LedgerState:
    lots: dict[str, Lot] = field(default_factory=dict)
    #: entry id -> [(lot id, points taken)] for every negative entry
    consumed: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    debt: int = 0
    balance: int = 0
    last_at: datetime | None = None  # the latest entry's time
    # Every lot's key in FIFO order; lots before ``_head`` are used up.
    _order: list[tuple[date, datetime, str]] = field(default_factory=list)
    _head: int = 0

    def open_lots(self) -> list[Lot]:
        """Lots with points left, oldest first (the order they are used and expire)."""
        found = (self.lots[key[2]] for key in self._order[self._head :])
        return [lot for lot in found if lot.remaining > 0]

    def apply(self, row: LedgerRow) -> None:
        self.balance += row.points
        if self.last_at is None or row.occurred_at > self.last_at:
            self.last_at = row.occurred_at
        if row.points > 0:
            self._add_lot(row)
        elif row.points < 0:
            self.consumed[row.id] = self._consume(-row.points, row.related_entry_id)

    def _add_lot(self, row: LedgerRow) -> None:
        lot = Lot(row.id, row.kind, row.points, row.points, row.occurred_at, row.expires_on)
        paid = min(self.debt, lot.remaining)
        self.debt -= paid
        lot.remaining -= paid
        self.lots[lot.id] = lot
        key = lot.key
        if not self._order or key > self._order[-1]:
            self._order.append(key)  # the usual case: the newest lot expires last
            return
        position = bisect.bisect(self._order, key)
        self._order.insert(position, key)
        self._head = min(self._head, position)

    def _consume(self, wanted: int, target: str | None) -> list[tuple[str, int]]:
        taken: list[tuple[str, int]] = []
        if target is not None and target in self.lots:
            lot = self.lots[target]
            wanted -= self._take(lot, wanted, taken)
            if wanted > 0:
                # The lot moved (a reissued card): take from its successors, which keep
                # its expiry date, before anything else.
                for other in self.open_lots():
                    if other.expires_on == lot.expires_on and wanted > 0:
                        wanted -= self._take(other, wanted, taken)
        index = self._head
        while index < len(self._order) and self.lots[self._order[index][2]].remaining == 0:
            index += 1
        self._head = index
        while wanted > 0 and index < len(self._order):
            wanted -= self._take(self.lots[self._order[index][2]], wanted, taken)
            index += 1
        self.debt += wanted
        return taken

    @staticmethod
    def _take(lot: Lot, wanted: int, taken: list[tuple[str, int]]) -> int:
        points = min(lot.remaining, wanted)
        if points > 0:
            lot.remaining -= points
            taken.append((lot.id, points))
        return points


def replay(rows: Iterable[LedgerRow], *, in_order: bool = False) -> LedgerState:
    """The state after ``rows``, applied in ledger order (``in_order``: already sorted)."""
    state = LedgerState()
    ordered = rows if in_order else sorted(rows, key=lambda r: (r.occurred_at, r.id))
    for row in ordered:
        state.apply(row)
    return state


def after_last(state: LedgerState, at: datetime) -> datetime:
    """``at``, or the latest entry's time when that is later (a clock set back, a
    backdated purchase): a correcting entry must come after what it corrects."""
    if state.last_at is not None and state.last_at > at:
        return state.last_at
    return at


def due_for_expiry(state: LedgerState, as_of: date, deadline: date | None) -> list[Lot]:
    """Open lots whose last valid day is before ``as_of``, oldest first.

    ``deadline`` is the last valid day of lots without their own date (the ``last_visit``
    rule); None means such lots never expire.
    """
    due = []
    for lot in state.open_lots():
        last_day = lot.expires_on or deadline
        if last_day is not None and last_day < as_of:
            due.append(lot)
    return due


def expiring_between(
    state: LedgerState, start: date, end: date, deadline: date | None
) -> list[tuple[date, int]]:
    """(last valid day, points) of open lots whose last day falls in [start, end]."""
    totals: dict[date, int] = {}
    for lot in state.open_lots():
        last_day = lot.expires_on or deadline
        if last_day is not None and start <= last_day <= end:
            totals[last_day] = totals.get(last_day, 0) + lot.remaining
    return sorted(totals.items())
