"""Point rules, table-driven: earning, ranks, redemption limits, expiry dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from crmdesk.core.errors import ValidationError
from crmdesk.core.point_ledger import LedgerRow, due_for_expiry, replay
from crmdesk.core.points import (
    CampaignDay,
    PointRules,
    Rank,
    add_months,
    check_amount,
    check_redemption,
    earn,
    lot_expiry,
    rank_for,
    visit_deadline,
)

RULES = PointRules()
DAY = date(2026, 6, 10)


@pytest.mark.parametrize(
    ("amount", "redeemed", "spend", "birthday", "base", "bonus"),
    [
        (99, 0, 0, None, 0, 0),  # below one unit: nothing
        (100, 0, 0, None, 1, 0),
        (12_345, 0, 0, None, 123, 0),  # rounding down
        (12_345, 345, 0, None, 120, 0),  # earned on what is paid in money
        (10_000, 0, 50_000, None, 100, 20),  # silver: x1.2
        (10_000, 0, 150_000, None, 100, 50),  # gold: x1.5
        (10_000, 0, 0, date(1990, 6, 1), 100, 100),  # birthday month: x2
        (10_000, 0, 150_000, date(1990, 6, 1), 100, 200),  # gold x birthday = x3
        (10_000, 0, 0, date(1990, 7, 1), 100, 0),  # not the birthday month
        (1_999, 0, 50_000, None, 19, 3),  # 19 x 1.2 = 22.8 -> 22
    ],
)
def test_earning(amount, redeemed, spend, birthday, base, bonus) -> None:
    got = earn(RULES, amount, redeemed=redeemed, day=DAY, spend=spend, birthday=birthday)
    assert (got.base, got.bonus) == (base, bonus)


def test_campaign_day_and_birthday_do_not_stack() -> None:
    rules = PointRules(campaign_days=(CampaignDay(DAY, 3.0),))
    on_day = earn(rules, 1_000, day=DAY, birthday=date(1980, 6, 20))
    assert on_day.total == 30  # max(campaign x3, birthday x2)
    assert earn(rules, 1_000, day=date(2026, 6, 11)).total == 10


def test_earning_on_the_whole_amount_when_the_shop_says_so() -> None:
    rules = PointRules(earn_on_paid_amount=False)
    assert earn(rules, 1_000, redeemed=500, day=DAY).base == 10


@pytest.mark.parametrize(
    ("spend", "rank", "upper"),
    [
        (0, "レギュラー", "シルバー"),
        (49_999, "レギュラー", "シルバー"),
        (50_000, "シルバー", "ゴールド"),
        (10**7, "ゴールド", None),
    ],
)
def test_rank_for_spend(spend, rank, upper) -> None:
    held, following = rank_for(RULES, spend)
    assert held.name == rank
    assert (following.name if following else None) == upper


@pytest.mark.parametrize(
    ("points", "balance", "amount", "code"),
    [
        (0, 0, 100, None),
        (100, 100, 100, None),
        (99, 500, 1_000, "below_min_redemption"),
        (600, 500, 1_000, "not_enough_points"),
        (500, 500, 400, "redeem_above_amount"),
        (-100, 500, 1_000, "invalid_points"),
    ],
)
def test_redemption_limits(points, balance, amount, code) -> None:
    if code is None:
        check_redemption(RULES, points, balance=balance, amount=amount)
        return
    with pytest.raises(ValidationError) as error:
        check_redemption(RULES, points, balance=balance, amount=amount)
    assert error.value.code == code and error.value.field == "redeem"


@pytest.mark.parametrize(
    ("amount", "code"),
    [(0, "invalid_amount"), (-500, "invalid_amount"), (10_000_001, "amount_too_large")],
)
def test_absurd_amounts(amount, code) -> None:
    with pytest.raises(ValidationError) as error:
        check_amount(amount)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -12, date(2025, 1, 15)),
    ],
)
def test_add_months(day, months, expected) -> None:
    assert add_months(day, months) == expected


def test_expiry_dates_per_mode() -> None:
    assert lot_expiry(RULES, date(2026, 1, 10)) == date(2027, 1, 9)
    by_visit = PointRules(expiry_mode="last_visit", expiry_months=6)
    assert lot_expiry(by_visit, date(2026, 1, 10)) is None
    assert visit_deadline(by_visit, date(2026, 1, 10)) == date(2026, 7, 9)
    assert visit_deadline(RULES, date(2026, 1, 10)) is None
    assert lot_expiry(PointRules(expiry_mode="never"), date(2026, 1, 10)) is None


def test_rules_round_trip_and_validation() -> None:
    rules = PointRules(
        yen_per_point=200,
        ranks=(Rank("一般", 0, 1.0), Rank("VIP", 100_000, 2.0)),
        campaign_days=(CampaignDay(date(2026, 12, 1), 5.0),),
    )
    assert PointRules.from_json(rules.to_json()) == rules
    assert PointRules.from_json(None) == PointRules()
    bad = rules.to_json() | {"yen_per_point": 0, "expiry_mode": "soon"}
    with pytest.raises(ValidationError) as error:
        PointRules.from_json(bad)
    assert {e.field for e in error.value.errors} == {"yen_per_point", "expiry_mode"}
    unsorted = rules.to_json() | {
        "ranks": [{"name": "A", "min_spend": 0}, {"name": "B", "min_spend": 0}]
    }
    with pytest.raises(ValidationError):
        PointRules.from_json(unsorted)


def _at(day: int) -> datetime:
    return datetime(2026, 1, day, 3, tzinfo=UTC)


def test_replay_uses_and_expires_the_oldest_points_first() -> None:
    rows = [
        LedgerRow("a", "earn", 100, _at(1), date(2026, 3, 1)),
        LedgerRow("b", "earn", 100, _at(2), date(2026, 4, 1)),
        LedgerRow("r", "redeem", -150, _at(3)),
    ]
    state = replay(rows)
    assert [(lot.id, lot.remaining) for lot in state.open_lots()] == [("b", 50)]
    assert state.consumed["r"] == [("a", 100), ("b", 50)]
    assert due_for_expiry(state, date(2026, 4, 2), None)[0].id == "b"
    assert due_for_expiry(state, date(2026, 4, 1), None) == []  # valid through its day


def test_replay_carries_a_shortfall_as_debt() -> None:
    state = replay(
        [LedgerRow("r", "redeem", -30, _at(1)), LedgerRow("a", "earn", 100, _at(2), None)]
    )
    assert state.debt == 0 and state.balance == 70
    assert state.open_lots()[0].remaining == 70
