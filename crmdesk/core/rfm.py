"""RFM scoring: recency, frequency and monetary value, each scored 1-5 by quintile.

Scores come from cut points (:class:`RfmCuts`): four values per dimension at the 20/40/60/
80 % positions of the sorted values, and a value scores ``1 + (how many cut points it
exceeds)``. Equal values always get equal scores, and the same cut points can be used by
the database (``services.segments`` turns them into SQL), so Python and SQL agree.

Recency is scored on the date (or time) of the last purchase: later is better. Named
groups (:data:`GROUPS`) are a table of score ranges, checked in order; the first that
matches names the customer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

T = TypeVar("T", int, float, date, datetime)


def quintile_cuts(values: Iterable[T]) -> tuple[T, T, T, T]:
    """The values at the 20, 40, 60 and 80 % positions (nearest rank, from below).

    Raises:
        ValueError: when there are no values.
    """
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        raise ValueError("no values to cut")
    c1, c2, c3, c4 = (ordered[math.ceil(n * k / 5) - 1] for k in (1, 2, 3, 4))
    return c1, c2, c3, c4


def score(value: T, cuts: Sequence[T]) -> int:
    """1 plus the number of cut points ``value`` is above: 1 (lowest) to 5 (highest)."""
    return 1 + sum(1 for c in cuts if value > c)


@dataclass(frozen=True)
class RfmInput:
    customer_id: str
    last_purchase: date | datetime
    orders: int
    spend: int


@dataclass(frozen=True)
class RfmCuts:
    recency: tuple[Any, Any, Any, Any]  # last purchase dates or times
    frequency: tuple[int, int, int, int]
    monetary: tuple[int, int, int, int]

    @classmethod
    def from_rows(cls, rows: Sequence[RfmInput]) -> RfmCuts:
        return cls(
            recency=quintile_cuts(r.last_purchase for r in rows),
            frequency=quintile_cuts(r.orders for r in rows),
            monetary=quintile_cuts(r.spend for r in rows),
        )


@dataclass(frozen=True)
class RfmGroup:
    """A named group: inclusive score ranges; ``orders`` ranges over the raw count."""

    code: str
    ja: str
    en: str
    r: tuple[int, int] = (1, 5)
    f: tuple[int, int] = (1, 5)
    m: tuple[int, int] = (1, 5)
    orders: tuple[int, int] | None = None

    def matches(self, r: int, f: int, m: int, orders: int) -> bool:
        inside = self.r[0] <= r <= self.r[1] and self.f[0] <= f <= self.f[1]
        inside = inside and self.m[0] <= m <= self.m[1]
        if self.orders is not None:
            inside = inside and self.orders[0] <= orders <= self.orders[1]
        return inside

    def label(self, lang: str = "ja") -> str:
        return self.ja if lang.lower().startswith("ja") else self.en


GROUPS: tuple[RfmGroup, ...] = (
    RfmGroup("best", "優良顧客", "Best", r=(4, 5), f=(4, 5), m=(4, 5)),
    RfmGroup("new", "新規顧客", "New", r=(4, 5), orders=(1, 1)),
    RfmGroup("loyal", "常連顧客", "Loyal", r=(3, 5), f=(4, 5)),
    RfmGroup("at_risk", "離反予備軍", "At risk", r=(1, 2), f=(3, 5)),
    RfmGroup("dormant", "休眠顧客", "Dormant", r=(1, 2)),
    RfmGroup("others", "その他", "Others"),
)
GROUP_CODES = tuple(g.code for g in GROUPS)


def group_by_code(code: str) -> RfmGroup:
    for group in GROUPS:
        if group.code == code:
            return group
    raise KeyError(code)


def group_of(r: int, f: int, m: int, orders: int) -> RfmGroup:
    return next(g for g in GROUPS if g.matches(r, f, m, orders))


@dataclass(frozen=True)
class RfmScore:
    customer_id: str
    r: int
    f: int
    m: int
    group: str

    @property
    def code(self) -> str:
        """The classic three-digit RFM code, e.g. ``"545"``."""
        return f"{self.r}{self.f}{self.m}"


def score_row(row: RfmInput, cuts: RfmCuts) -> RfmScore:
    r = score(row.last_purchase, cuts.recency)
    f = score(row.orders, cuts.frequency)
    m = score(row.spend, cuts.monetary)
    return RfmScore(row.customer_id, r, f, m, group_of(r, f, m, row.orders).code)


def score_rows(rows: Sequence[RfmInput]) -> list[RfmScore]:
    """Scores for customers who bought at least once (those without purchases have none)."""
    if not rows:
        return []
    cuts = RfmCuts.from_rows(rows)
    return [score_row(row, cuts) for row in rows]


def score_frame(frame: Any) -> Any:
    """A pandas frame with ``last_purchase``, ``orders``, ``spend`` gets r, f, m, group.

    The index is kept (use the customer id as index); a copy is returned.
    """
    rows = [
        RfmInput(str(i), lp, int(o), int(s))
        for i, lp, o, s in zip(
            frame.index, frame["last_purchase"], frame["orders"], frame["spend"], strict=True
        )
    ]
    scores = score_rows(rows)
    out = frame.copy()
    out["r"] = [s.r for s in scores]
    out["f"] = [s.f for s in scores]
    out["m"] = [s.m for s in scores]
    out["group"] = [s.group for s in scores]
    return out
