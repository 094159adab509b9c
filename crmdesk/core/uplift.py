"""A mailing's effect measured against a random hold-out (control group).

The owner holds back a random share of the people a mailing would reach; they get
nothing. Whatever difference then shows between those mailed and those held back, in the
share who came and in spend per head, is the mailing's effect, up to chance: the
intervals here say how much chance. Pure functions, no database.

- The hold-out is drawn with :class:`random.Random` from a recorded seed over the ids in
  sorted order, so the same eligible people and seed give the same control group.
- Visits: the difference of two proportions with the standard (Wald) 95% interval.
- Spend per head: the difference of two means with a percentile bootstrap interval
  (seeded, so a report reads the same every time it is opened).
- Too small a group gives no number: :data:`MIN_GROUP` people per side, and at least
  :data:`MIN_EVENTS` visitors and non-visitors across both sides, as the normal
  approximation needs.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Fewest people in the control group (and among recipients) for an estimate.
MIN_GROUP = 20
#: Fewest visitors, and fewest non-visitors, over both groups together.
MIN_EVENTS = 5
#: The share of eligible recipients held back when the owner asks for a control group.
DEFAULT_SHARE = 10
Z_95 = 1.959963984540054
BOOTSTRAP_ROUNDS = 2000


def hold_out(ids: Sequence[str], share_percent: int, seed: int) -> set[str]:
    """The ids held back: ``share_percent`` of ``ids`` (rounded, at least one when asked
    and possible), drawn reproducibly from ``seed``. Everyone else still gets the mail."""
    if not 0 <= share_percent <= 90:
        raise ValueError("share_percent must be 0-90")
    people = sorted(set(ids))
    if share_percent == 0 or len(people) < 2:
        return set()
    count = max(1, round(len(people) * share_percent / 100))
    count = min(count, len(people) - 1)  # somebody must still receive the mailing
    return set(random.Random(seed).sample(people, count))


@dataclass(frozen=True)
class Estimate:
    """A difference (treated minus control) with its 95% interval, or why there is none."""

    value: float | None
    low: float | None
    high: float | None
    reason: str = ""  # "group_too_small" | "too_few_visits" when there is no estimate

    def to_json(self, digits: int = 4) -> dict[str, float | str | None]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, digits)

        data: dict[str, float | str | None] = {
            "value": r(self.value),
            "low": r(self.low),
            "high": r(self.high),
        }
        if self.reason:
            data["reason"] = self.reason
        return data


def _no_estimate(reason: str) -> Estimate:
    return Estimate(None, None, None, reason)


def visit_lift(visited: int, size: int, control_visited: int, control_size: int) -> Estimate:
    """Difference of the two visit rates with the two-proportion 95% interval."""
    if min(size, control_size) < MIN_GROUP:
        return _no_estimate("group_too_small")
    events = visited + control_visited
    if min(events, size + control_size - events) < MIN_EVENTS:
        return _no_estimate("too_few_visits")
    p1, p0 = visited / size, control_visited / control_size
    se = math.sqrt(p1 * (1 - p1) / size + p0 * (1 - p0) / control_size)
    diff = p1 - p0
    return Estimate(diff, diff - Z_95 * se, diff + Z_95 * se)


def spend_lift(spend: Sequence[int], control_spend: Sequence[int], *, seed: int = 0) -> Estimate:
    """Difference of spend per head (yen) with a percentile bootstrap 95% interval.

    ``spend`` holds one number per person, 0 for those who did not come.
    """
    if min(len(spend), len(control_spend)) < MIN_GROUP:
        return _no_estimate("group_too_small")
    buyers = sum(1 for x in spend if x) + sum(1 for x in control_spend if x)
    if buyers < MIN_EVENTS:
        return _no_estimate("too_few_visits")
    treated = np.asarray(spend, dtype=np.float64)
    control = np.asarray(control_spend, dtype=np.float64)
    diff = float(treated.mean() - control.mean())
    rng = np.random.default_rng(seed)
    rounds = np.concatenate(
        [
            _resampled_means(rng, treated, n) - _resampled_means(rng, control, n)
            for n in _chunks(BOOTSTRAP_ROUNDS)
        ]
    )
    low, high = np.quantile(rounds, [0.025, 0.975])
    return Estimate(diff, float(low), float(high))


def _chunks(total: int, size: int = 100) -> list[int]:
    return [min(size, total - start) for start in range(0, total, size)]


def _resampled_means(rng: np.random.Generator, values: np.ndarray, rounds: int) -> np.ndarray:
    """Means of ``rounds`` resamples with replacement (a chunk at a time keeps memory low)."""
    picks = rng.integers(0, len(values), size=(rounds, len(values)))
    return values[picks].mean(axis=1)  # type: ignore[no-any-return]
