"""Breakage: how much of the outstanding points a shop should expect to pay out.

Points are a promise of a discount, so the unredeemed balance is a liability. Not all of
it will be used: some points expire first (breakage). Under the revenue-recognition
standard (収益認識基準) the expected cost is the outstanding value times the share of
points the shop expects customers to redeem, judged from its own history.

The estimator is the ultimate redemption rate of *settled* points: every point that has
left the ledger either by redemption or by expiry is a finished case, and

    redemption_rate = redeemed / (redeemed + expired)

(net of voids: a voided purchase gives its redeemed points back, so they count as not
redeemed). ``expected_yen = outstanding_yen × redemption_rate`` and the breakage is the
rest. Points still outstanding are the undecided cases; assuming they end up in the same
proportion is the usual "proportional" breakage method.

Below :data:`MIN_SETTLED_POINTS` settled points (a new shop, or one that has never run
expiry) the history says too little: the rate is taken as 1.0 (no breakage assumed,
the cautious figure accountants accept) and ``basis`` says ``"no_history"``. A shop whose
points never expire also gets 1.0 (``"never_expire"``): nothing is ever forfeited.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_SETTLED_POINTS = 1_000
"""Settled (redeemed + expired) points needed before the shop's own rate is used."""


@dataclass(frozen=True)
class RedemptionRate:
    redeemed: int  # net points redeemed, ever (before the as-of day)
    expired: int  # points expired, ever
    rate: float  # expected share of outstanding points that will be redeemed, 0..1
    basis: str  # "history" | "no_history" | "never_expire"

    @property
    def breakage_rate(self) -> float:
        return 1.0 - self.rate


def redemption_rate(redeemed: int, expired: int, *, never_expire: bool = False) -> RedemptionRate:
    """The shop's redemption rate from its settled points (see the module docstring)."""
    redeemed, expired = max(redeemed, 0), max(expired, 0)
    if never_expire:
        return RedemptionRate(redeemed, expired, 1.0, "never_expire")
    settled = redeemed + expired
    if settled < MIN_SETTLED_POINTS:
        return RedemptionRate(redeemed, expired, 1.0, "no_history")
    return RedemptionRate(redeemed, expired, redeemed / settled, "history")
