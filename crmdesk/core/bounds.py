"""Every amount and point value crmdesk accepts has a bound, and they are all here.

One absurd number (``9223372036854775807`` points) would overflow SQLite's sums and
leave an append-only ledger that cannot be corrected, so values are checked where they
enter: the CLI, the window, the importer and its dry run all go through these checks
(via the services). The bounds are generous for a small shop and documented in README
("Limits").
"""

from __future__ import annotations

from crmdesk.core.errors import DomainError

MAX_AMOUNT = 10_000_000  # yen: one purchase at the counter
MAX_POINTS = 10_000_000  # points in one entry: earned, used, adjusted, an opening balance
MAX_TOTAL_SPEND = 1_000_000_000  # yen: a customer's past purchases brought in by an import
MAX_SEGMENT_NUMBER = 1_000_000_000_000  # any number in a segment condition
MAX_COUNT = 1_000_000  # a count (visits, customers, days ...)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_range(value: int, field: str, *, minimum: int, maximum: int, code: str = "") -> int:
    """``value`` when ``minimum <= value <= maximum``; else ``out_of_range`` naming the field.

    ``code`` names the error for a value that is not a whole number at all.
    """
    if not _whole(value):
        raise DomainError(code or "out_of_range", field=field, min=minimum, max=maximum)
    if not minimum <= value <= maximum:
        raise DomainError("out_of_range", field=field, min=f"{minimum:,}", max=f"{maximum:,}")
    return value


def check_points(value: int, field: str = "points", *, signed: bool = False) -> int:
    """A number of points: 0..MAX_POINTS, or -MAX_POINTS..MAX_POINTS when ``signed``."""
    low = -MAX_POINTS if signed else 0
    return check_range(value, field, minimum=low, maximum=MAX_POINTS, code="invalid_points")
