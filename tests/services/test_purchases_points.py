"""Purchases, voids, cards and expiry through the services, on a real file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.points import PointRules
from crmdesk.services import cards, customer_index, customers, points, purchases
from crmdesk.services.search import search_customers
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.db import setting
from crmdesk.store.models import PointCard, PointEntry, Purchase, PurchaseVoid
from tests.helpers.factories import add_customer

T0 = datetime(2026, 1, 10, 3, tzinfo=UTC)
STAFF = Actor(staff_id=None, name="counter", role="staff")


def counts(session) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        session.scalar(select(func.count()).select_from(m))
        for m in (Purchase, PurchaseVoid, PointEntry)
    )


@pytest.fixture
def card(session) -> str:
    customer_id = add_customer(session)
    return cards.issue_card(session, customer_id, actor=STAFF).card_number


def buy(session, card: str, amount: int, redeem: int = 0, at: datetime = T0):
    return purchases.record_purchase(
        session, card_number=card, amount=amount, redeem=redeem, actor=STAFF, at=at
    )


def test_a_purchase_earns_and_redeeming_takes_yen_off(session, card) -> None:
    first = buy(session, card, 12_345)
    assert (first.earned, first.bonus, first.redeemed, first.balance) == (123, 0, 0, 123)
    second = buy(session, card, 5_000, redeem=100, at=T0 + timedelta(days=1))
    assert second.paid == 4_900 and second.earned == 49
    assert second.balance == 123 - 100 + 49 == points.balance(session, second.customer_id)


@pytest.mark.parametrize(
    ("amount", "redeem", "code", "field"),
    [
        (0, 0, "invalid_amount", "amount"),
        (-1_000, 0, "invalid_amount", "amount"),
        (99_999_999, 0, "amount_too_large", "amount"),
        (5_000, 200, "not_enough_points", "redeem"),
        (5_000, 50, "below_min_redemption", "redeem"),
    ],
)
def test_bad_input_writes_nothing(session, card, amount, redeem, code, field) -> None:
    buy(session, card, 10_000)  # 100 points
    before = counts(session)
    with pytest.raises(DomainError) as error:
        buy(session, card, amount, redeem)
    assert (error.value.code, error.value.field) == (code, field)
    assert error.value.message("ja") and "{" not in error.value.message("ja")
    assert counts(session) == before


def test_unknown_lost_and_retired_cards_are_refused(session, card) -> None:
    with pytest.raises(DomainError) as error:
        buy(session, "9999999999", 1_000)
    assert error.value.code == "card_not_found"
    change = cards.report_lost(session, card, actor=STAFF)
    with pytest.raises(DomainError) as error:
        buy(session, card, 1_000)
    assert error.value.code == "card_reported_lost"
    cards.retire_card(session, change.card_number, actor=STAFF)
    with pytest.raises(DomainError) as error:
        buy(session, change.card_number, 1_000)
    assert error.value.code == "card_retired"
    assert counts(session) == (0, 0, 0)


def test_void_reverses_points_once(session, card) -> None:
    first = buy(session, card, 20_000)
    second = buy(session, card, 3_000, redeem=150, at=T0 + timedelta(hours=1))
    result = purchases.void_purchase(session, second.purchase_id, actor=STAFF)
    assert (result.taken_back, result.given_back) == (second.earned, 150)
    assert result.balance == first.balance == points.balance(session, first.customer_id)
    before = counts(session)
    with pytest.raises(DomainError) as error:
        purchases.void_purchase(session, second.purchase_id, actor=STAFF)
    assert error.value.code == "purchase_already_voided"
    assert counts(session) == before
    history = purchases.purchase_history(session, first.customer_id)
    assert history.total == 20_000 and history.count == 1
    assert [line.voided for line in history.lines] == [True, False]


def test_void_of_points_already_used_is_refused(session, card) -> None:
    first = buy(session, card, 20_000)  # 200
    buy(session, card, 1_000, redeem=200, at=T0 + timedelta(hours=1))
    before = counts(session)
    with pytest.raises(DomainError) as error:
        purchases.void_purchase(session, first.purchase_id, actor=STAFF)
    assert error.value.code == "void_points_used"
    assert counts(session) == before


def test_lost_card_moves_the_balance_and_search_follows(session, card) -> None:
    result = buy(session, card, 30_000)
    change = cards.report_lost(session, card, actor=STAFF)
    assert change.moved_points == 300 and change.old_card_number == card
    assert points.balance(session, result.customer_id) == 300
    old = session.scalar(select(PointCard).where(PointCard.card_number == card))
    assert old.status == "lost" and old.replaced_by_id is not None
    hits = search_customers(session, change.card_number)
    assert hits[0].id == result.customer_id and hits[0].match == "card"
    assert buy(session, change.card_number, 1_000).balance == 310
    record = customers.customer_record(customer_index.get_customer(session, result.customer_id))
    assert record["card_number"] == change.card_number
    with pytest.raises(DomainError) as error:
        cards.issue_card(session, result.customer_id, change.card_number, actor=STAFF)
    assert error.value.code == "card_number_taken"


def test_expiry_is_idempotent_and_summary_shows_what_expires_soon(session, card) -> None:
    first = buy(session, card, 10_000, at=datetime(2025, 1, 10, 3, tzinfo=UTC))
    buy(session, card, 5_000, at=datetime(2025, 6, 10, 3, tzinfo=UTC))
    summary = points.summary(session, first.customer_id, today=date(2025, 12, 1))
    assert summary.balance == 150
    assert summary.expiring == [(date(2026, 1, 9), 100)]
    assert points.expire_all(session, as_of=date(2026, 1, 9)).points == 0  # last valid day
    assert points.expire_all(session, as_of=date(2026, 1, 10)).points == 100
    assert points.expire_all(session, as_of=date(2026, 1, 10)).points == 0
    assert points.balance(session, first.customer_id) == 50


def test_last_visit_expiry(session, card) -> None:
    points.save_rules(session, PointRules(expiry_mode="last_visit", expiry_months=6), CLI_ACTOR)
    first = buy(session, card, 10_000, at=datetime(2025, 1, 10, 3, tzinfo=UTC))
    buy(session, card, 10_000, at=datetime(2025, 5, 10, 3, tzinfo=UTC))
    assert points.expire_all(session, as_of=date(2025, 11, 9)).points == 0
    assert points.expire_all(session, as_of=date(2025, 11, 10)).points == 200
    assert points.balance(session, first.customer_id) == 0


def test_rules_are_for_the_owner(session) -> None:
    with pytest.raises(DomainError) as error:
        points.save_rules(session, PointRules(yen_per_point=200), STAFF)
    assert (error.value.code, error.value.field) == ("permission_denied", "points_admin")
    points.save_rules(session, PointRules(yen_per_point=200), CLI_ACTOR)
    assert points.load_rules(session).yen_per_point == 200


def test_rank_and_what_the_next_rank_needs(session, card) -> None:
    result = buy(session, card, 40_000)
    summary = points.summary(session, result.customer_id, today=date(2026, 1, 20))
    assert summary.rank.name == "レギュラー" and summary.to_next_rank == 10_000
    after = buy(session, card, 10_000, at=T0 + timedelta(days=1))
    assert after.rank == "シルバー"
    silver = buy(session, card, 10_000, at=T0 + timedelta(days=2))
    assert (silver.earned, silver.bonus) == (100, 20)


def test_ledger_history_shows_running_balance(session, card) -> None:
    buy(session, card, 10_000)
    buy(session, card, 1_000, redeem=100, at=T0 + timedelta(hours=1))
    customer_id = cards.find_card(session, card).customer_id
    lines = points.ledger_history(session, customer_id)
    assert [(line.kind, line.points, line.running_balance) for line in lines] == [
        ("earn", 9, 9),
        ("redeem", -100, 0),
        ("earn", 100, 100),
    ]


def test_an_adjustment_is_a_new_entry_for_the_owner_only(session, card) -> None:
    result = buy(session, card, 10_000)
    with pytest.raises(DomainError) as error:
        points.adjust_points(session, result.customer_id, 50, "おわび", STAFF)
    assert (error.value.code, error.value.field) == ("permission_denied", "points_admin")
    assert points.adjust_points(session, result.customer_id, 50, "おわび", CLI_ACTOR) == 150
    with pytest.raises(DomainError) as error:
        points.adjust_points(session, result.customer_id, -151, "返品", CLI_ACTOR)
    assert error.value.code == "not_enough_points"
    with pytest.raises(ValidationError) as error:
        points.adjust_points(session, result.customer_id, 0, "　", CLI_ACTOR)
    assert [(e.code, e.field) for e in error.value.errors] == [
        ("invalid_adjustment", "points"),
        ("adjust_note_required", "note"),
    ]
    assert points.adjust_points(session, result.customer_id, -150, "返品", CLI_ACTOR) == 0
    kinds = [line.kind for line in points.ledger_history(session, result.customer_id)]
    assert kinds == ["adjust", "adjust", "earn"]


def test_a_refund_after_an_expiry_run_still_expires(session, card) -> None:
    """The expiry pre-filter starts from the last run, yet misses no refunded lot."""
    old = datetime(2025, 1, 10, 3, tzinfo=UTC)
    first = buy(session, card, 10_000, at=old)  # 100 pt, last day 2026-01-09
    used = buy(session, card, 1_000, redeem=100, at=old + timedelta(days=1))
    assert points.expire_all(session, as_of=date(2026, 3, 1)).points == 9
    refund = purchases.void_purchase(session, used.purchase_id, actor=STAFF)
    assert refund.given_back == 100  # back with its old last day
    assert points.expire_all(session, as_of=date(2026, 3, 1)).points == 100
    assert points.balance(session, first.customer_id) == 0


def test_the_days_second_expiry_run_leaves_the_file_as_it_was(session, card) -> None:
    """The app runs the expiry at every start: a start that finds nothing writes nothing."""
    buy(session, card, 10_000, at=datetime(2025, 1, 10, 3, tzinfo=UTC))
    points.expire_all(session, as_of=date(2026, 3, 1), at=datetime(2026, 3, 1, 1, tzinfo=UTC))
    run = setting(session, points.EXPIRY_RUN_KEY)
    later = datetime(2026, 3, 1, 5, tzinfo=UTC)
    assert points.expire_all(session, as_of=date(2026, 3, 1), at=later).points == 0
    assert setting(session, points.EXPIRY_RUN_KEY) == run
    points.expire_all(session, as_of=date(2026, 3, 2), at=later + timedelta(days=1))
    assert setting(session, points.EXPIRY_RUN_KEY)["as_of"] == "2026-03-02"


def test_a_card_that_is_not_the_open_customers_is_refused(session, card) -> None:
    """The window passes both the open customer and the scanned card: they must agree."""
    other = add_customer(session, family_name="佐藤", family_kana="さとう", phone1="0311112222")
    with pytest.raises(DomainError) as error:
        purchases.record_purchase(
            session, card_number=card, customer_id=other, amount=2_000, actor=STAFF, at=T0
        )
    assert error.value.code == "card_of_another_customer"
    assert error.value.field == "card_number"
    assert card in error.value.message("ja")
    assert counts(session) == (0, 0, 0)
    owner = cards.find_card(session, card).customer_id
    both = purchases.record_purchase(
        session, card_number=card, customer_id=owner, amount=2_000, actor=STAFF, at=T0
    )
    assert both.customer_id == owner and both.card_number == card


def test_a_lost_cards_refusal_names_the_card_issued_in_its_place(session, card) -> None:
    change = cards.report_lost(session, card, actor=STAFF)
    with pytest.raises(DomainError) as error:
        buy(session, card, 1_000)
    assert change.card_number in error.value.message("ja")
    assert change.card_number in error.value.message("en")
