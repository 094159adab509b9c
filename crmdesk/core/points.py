"""Point rules: pure functions, no database.

A shop's rules are one :class:`PointRules` value (stored as JSON in the settings table).
What a purchase earns, whether a redemption is allowed, which rank a customer holds and
when points expire are all decided here, so they can be tested table-driven.

Decisions (documented for the counter and the owner):

- **Earning** is ``floor(base_yen / yen_per_point) * points_per_unit`` where ``base_yen``
  is what the customer pays in money (the amount minus the yen value of the points
  used) when ``earn_on_paid_amount`` is true (the common Japanese practice), else the
  whole amount.
- **Multipliers** do not stack without limit: the effective multiplier is the rank's
  multiplier times the larger of the campaign day's and the birthday month's. The base
  points are the ``earn`` entry; what the multiplier adds (rounded down) is a ``bonus``
  entry.
- **Redeeming** ``P`` points takes ``P * yen_per_point_redeemed`` yen off what the
  customer pays; the purchase records the full amount, the ``redeem`` entry the points.
- **Expiry** (``expiry_mode``): ``"earned"`` — each lot of points is valid through the
  day ``expiry_months`` after it was earned; ``"last_visit"`` — all points are valid
  through the day ``expiry_months`` after the last purchase; ``"never"``. A date
  ``expires_on`` is the last day points can be used. Expiry takes the oldest points
  first.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from crmdesk.core.bounds import MAX_AMOUNT, MAX_POINTS, check_points
from crmdesk.core.errors import DomainError, ValidationError

EXPIRY_MODES = ("earned", "last_visit", "never")
__all__ = ["MAX_AMOUNT", "MAX_POINTS"]  # one counter purchase above MAX_AMOUNT is a typo


@dataclass(frozen=True)
class Rank:
    name: str
    min_spend: int  # yen spent over the rank period to hold this rank
    multiplier: float = 1.0


@dataclass(frozen=True)
class CampaignDay:
    day: date
    multiplier: float


DEFAULT_RANKS = (
    Rank("レギュラー", 0, 1.0),
    Rank("シルバー", 50_000, 1.2),
    Rank("ゴールド", 150_000, 1.5),
)


@dataclass(frozen=True)
class PointRules:
    yen_per_point: int = 100  # earn: one unit of points per this many yen
    points_per_unit: int = 1
    yen_per_point_redeemed: int = 1  # value of one point when used
    min_redemption: int = 100
    earn_on_paid_amount: bool = True
    expiry_mode: str = "earned"
    expiry_months: int = 12
    ranks: tuple[Rank, ...] = DEFAULT_RANKS
    rank_period_months: int = 12
    birthday_multiplier: float = 2.0
    campaign_days: tuple[CampaignDay, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["campaign_days"] = [
            {"day": c.day.isoformat(), "multiplier": c.multiplier} for c in self.campaign_days
        ]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> PointRules:
        """Rules from stored JSON; unknown keys are ignored, missing ones default."""
        if not data:
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "ranks" in known:
            known["ranks"] = tuple(Rank(**r) for r in known["ranks"])
        if "campaign_days" in known:
            known["campaign_days"] = tuple(
                CampaignDay(date.fromisoformat(str(c["day"])), float(c["multiplier"]))
                for c in known["campaign_days"]
            )
        return validate_rules(cls(**known))


def validate_rules(rules: PointRules) -> PointRules:
    """Refuse rules no shop means: zero rates, unknown modes, unsorted ranks."""
    errors: list[DomainError] = []

    def positive(name: str, value: int, minimum: int = 1) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            errors.append(DomainError("invalid_rule", field=name, min=minimum))

    positive("yen_per_point", rules.yen_per_point)
    positive("points_per_unit", rules.points_per_unit)
    positive("yen_per_point_redeemed", rules.yen_per_point_redeemed)
    positive("min_redemption", rules.min_redemption)
    positive("expiry_months", rules.expiry_months)
    positive("rank_period_months", rules.rank_period_months)
    if rules.expiry_mode not in EXPIRY_MODES:
        errors.append(DomainError("invalid_expiry_mode", field="expiry_mode"))
    if not rules.ranks or rules.ranks[0].min_spend != 0:
        errors.append(DomainError("invalid_ranks", field="ranks"))
    spends = [r.min_spend for r in rules.ranks]
    if spends != sorted(set(spends)):
        errors.append(DomainError("invalid_ranks", field="ranks"))
    multipliers = [r.multiplier for r in rules.ranks]
    multipliers += [rules.birthday_multiplier] + [c.multiplier for c in rules.campaign_days]
    if any(not 1 <= m <= 10 for m in multipliers):
        errors.append(DomainError("invalid_multiplier", field="multiplier"))
    if errors:
        raise ValidationError(errors)
    return rules


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (Jan 31 + 1 = Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def lot_expiry(rules: PointRules, earned_on: date) -> date | None:
    """The last valid day of points earned on ``earned_on`` (None: decided by visits)."""
    if rules.expiry_mode == "earned":
        return add_months(earned_on, rules.expiry_months) - _one_day()
    return None


def visit_deadline(rules: PointRules, last_visit: date | None) -> date | None:
    """In ``last_visit`` mode, the last valid day of all points."""
    if rules.expiry_mode != "last_visit" or last_visit is None:
        return None
    return add_months(last_visit, rules.expiry_months) - _one_day()


def _one_day() -> timedelta:
    return timedelta(days=1)


def rank_for(rules: PointRules, spend: int) -> tuple[Rank, Rank | None]:
    """The rank held for ``spend`` yen over the period, and the next one (None at the top)."""
    held = rules.ranks[0]
    for rank in rules.ranks:
        if spend >= rank.min_spend:
            held = rank
    later = [r for r in rules.ranks if r.min_spend > held.min_spend]
    return held, (later[0] if later else None)


def campaign_multiplier(rules: PointRules, day: date) -> float:
    return max((c.multiplier for c in rules.campaign_days if c.day == day), default=1.0)


@dataclass(frozen=True)
class Earning:
    base: int  # the earn entry
    bonus: int  # what multipliers add (a bonus entry)
    multiplier: Fraction

    @property
    def total(self) -> int:
        return self.base + self.bonus


def earn(
    rules: PointRules,
    amount: int,
    *,
    redeemed: int = 0,
    day: date,
    spend: int = 0,
    birthday: date | None = None,
) -> Earning:
    """Points a purchase of ``amount`` yen earns on local ``day``.

    ``spend`` is what the customer spent over the rank period before this purchase;
    ``redeemed`` the points used on it.
    """
    base_yen = amount
    if rules.earn_on_paid_amount:
        base_yen = max(0, amount - redeemed * rules.yen_per_point_redeemed)
    base = base_yen // rules.yen_per_point * rules.points_per_unit
    rank, _ = rank_for(rules, spend)
    occasion = campaign_multiplier(rules, day)
    if birthday is not None and birthday.month == day.month:
        occasion = max(occasion, rules.birthday_multiplier)
    multiplier = _exact(rank.multiplier) * _exact(occasion)
    total = math.floor(base * multiplier)
    return Earning(base=base, bonus=total - base, multiplier=multiplier)


def _exact(value: float) -> Fraction:
    # 1.2 as a float is 1.19999...; read it as the decimal the owner typed.
    return Fraction(str(value))


def check_amount(amount: int) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValidationError([DomainError("invalid_amount", field="amount")])
    if amount > MAX_AMOUNT:
        raise ValidationError([DomainError("amount_too_large", field="amount", max=MAX_AMOUNT)])


def check_redemption(rules: PointRules, points: int, *, balance: int, amount: int) -> None:
    """Refuse a redemption below the minimum, above the balance or worth more than the sale."""
    if points == 0:
        return
    if isinstance(points, bool) or not isinstance(points, int) or points < 0:
        raise ValidationError([DomainError("invalid_points", field="redeem")])
    try:
        check_points(points, "redeem")
    except DomainError as error:
        raise ValidationError([error]) from None
    if points < rules.min_redemption:
        raise ValidationError(
            [DomainError("below_min_redemption", field="redeem", min=rules.min_redemption)]
        )
    if points > balance:
        raise ValidationError([DomainError("not_enough_points", field="redeem", balance=balance)])
    if points * rules.yen_per_point_redeemed > amount:
        most = amount // rules.yen_per_point_redeemed
        raise ValidationError([DomainError("redeem_above_amount", field="redeem", max=most)])


def with_changes(rules: PointRules, **changes: Any) -> PointRules:
    return validate_rules(replace(rules, **changes))


def ranks_from_text(rows: Sequence[tuple[str, int, float]]) -> tuple[Rank, ...]:
    return tuple(Rank(name, int(spend), float(mult)) for name, spend, mult in rows)
