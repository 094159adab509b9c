"""Any sequence of counter actions keeps the ledger exact (Hypothesis, stateful).

Purchases (with and without points used), voids, expiry runs and lost-card reissues are
applied through the real services on a real SQLite file, and compared after every step
with a small reference model that keeps the points by expiry date and uses and expires
the oldest first.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select

from crmdesk.core import clock
from crmdesk.core.errors import DomainError
from crmdesk.core.points import PointRules
from crmdesk.services import cards, points, purchases
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.store.db import open_database
from crmdesk.store.models import PointEntry
from tests.helpers.factories import add_customer

START = datetime(2025, 1, 6, 3, 0, tzinfo=UTC)  # noon in Tokyo
RULES = PointRules(min_redemption=10, expiry_months=3)


class Model:
    """Points by last valid day; used and expired oldest first."""

    def __init__(self) -> None:
        self.lots: dict[date, int] = {}

    def add(self, expires_on: date, points: int) -> None:
        if points:
            self.lots[expires_on] = self.lots.get(expires_on, 0) + points

    def take(self, points: int, first: date | None = None) -> dict[date, int]:
        taken: dict[date, int] = {}
        order = sorted(self.lots)
        if first is not None and first in self.lots:
            order.remove(first)
            order.insert(0, first)
        for day in order:
            part = min(points, self.lots[day])
            if part:
                taken[day] = part
                self.lots[day] -= part
                points -= part
        assert points == 0, "the model ran out of points"
        self.lots = {d: p for d, p in self.lots.items() if p}
        return taken

    def expire(self, as_of: date) -> int:
        due = [d for d in self.lots if d < as_of]
        return sum(self.lots.pop(d) for d in due)

    @property
    def balance(self) -> int:
        return sum(self.lots.values())


def make_machine(db_path: Path) -> type[RuleBasedStateMachine]:
    class CounterMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            db_path.unlink(missing_ok=True)
            shutil.copy(TEMPLATE[0], db_path)
            self.db = open_database(db_path)
            with self.db.transaction() as s:
                points.save_rules(s, RULES, CLI_ACTOR)
                self.customer_id = add_customer(s)
                self.card = cards.issue_card(s, self.customer_id, actor=CLI_ACTOR).card_number
            self.now = START
            self.model = Model()
            self.bought: dict[str, tuple[date | None, int, dict[date, int]]] = {}
            self.voided: set[str] = set()
            self.expired_through: date | None = None

        def teardown(self) -> None:
            self.db.close()

        @property
        def today(self) -> date:
            return clock.to_local(self.now).date()

        def entries(self) -> int:
            with self.db.transaction() as s:
                return int(s.scalar(select(func.count()).select_from(PointEntry)) or 0)

        def _expire_model(self, as_of: date) -> int:
            if self.expired_through is None or as_of > self.expired_through:
                self.expired_through = as_of
            return self.model.expire(as_of)

        @rule(days=st.integers(0, 40))
        def time_passes(self, days: int) -> None:
            self.now += timedelta(days=days, minutes=1)

        @rule(amount=st.integers(1, 60_000), use=st.sampled_from(["none", "min", "all", "half"]))
        def purchase(self, amount: int, use: str) -> None:
            self._purchase(amount, use)

        @rule(amounts=st.lists(st.integers(1_000, 30_000), min_size=1, max_size=3))
        def visits_over_weeks(self, amounts: list[int]) -> None:
            """Regular visits: several lots open at once, then some points used."""
            for amount in amounts:
                self.now += timedelta(days=12)
                self._purchase(amount, "none")
            self._purchase(1_000, "half")

        def _purchase(self, amount: int, use: str) -> None:
            self.now += timedelta(minutes=1)
            self._expire_model(self.today)
            usable = min(self.model.balance, amount)
            redeem = {"none": 0, "min": 10, "all": usable, "half": usable // 2}[use]
            if redeem and (redeem < 10 or redeem > usable):
                redeem = 0
            with self.db.transaction() as s:
                result = purchases.record_purchase(
                    s,
                    card_number=self.card,
                    amount=amount,
                    redeem=redeem,
                    actor=CLI_ACTOR,
                    at=self.now,
                )
            taken = self.model.take(redeem)
            expires_on = points.lot_expiry_for(RULES, self.now)
            assert expires_on is not None
            self.model.add(expires_on, result.earned + result.bonus)
            self.bought[result.purchase_id] = (expires_on, result.earned + result.bonus, taken)
            assert result.redeemed == redeem
            assert result.balance == self.model.balance

        @rule(amount=st.integers(1, 60_000), extra=st.integers(1, 500))
        def redeeming_too_much_writes_nothing(self, amount: int, extra: int) -> None:
            before = self.entries()
            too_much = self._balance_now() + max(extra, 10)
            with pytest.raises(DomainError) as error, self.db.transaction() as s:
                purchases.record_purchase(
                    s,
                    card_number=self.card,
                    amount=amount + 10_000,
                    redeem=too_much,
                    actor=CLI_ACTOR,
                    at=self.now,
                )
            assert error.value.code in ("not_enough_points", "below_min_redemption")
            assert self.entries() == before

        def _balance_now(self) -> int:
            with self.db.reading() as s:
                return points.balance(s, self.customer_id)

        @rule(data=st.data())
        def void(self, data: st.DataObject) -> None:
            if not self.bought:
                return
            purchase_id = data.draw(st.sampled_from(sorted(self.bought)))
            expires_on, earned, taken = self.bought[purchase_id]
            before = self.entries()
            self.now += timedelta(minutes=1)
            try:
                with self.db.transaction() as s:
                    result = purchases.void_purchase(s, purchase_id, actor=CLI_ACTOR, at=self.now)
            except DomainError as error:
                assert self.entries() == before
                if purchase_id in self.voided:
                    assert error.code == "purchase_already_voided"
                else:
                    assert error.code == "void_points_used"
                    assert self.model.balance + sum(taken.values()) < earned
                return
            assert purchase_id not in self.voided
            self.voided.add(purchase_id)
            assert result.given_back == sum(taken.values())
            nothing_expired = self.expired_through is None or expires_on >= self.expired_through
            if nothing_expired:
                assert result.taken_back == earned
            assert result.taken_back <= earned
            for day, pts in taken.items():
                self.model.add(day, pts)
            self.model.take(result.taken_back, first=expires_on)
            assert result.balance == self.model.balance

        @rule()
        def expire(self) -> None:
            self.now += timedelta(minutes=1)
            with self.db.transaction() as s:
                result = points.expire_all(s, as_of=self.today, at=self.now)
            assert result.points == self._expire_model(self.today)
            with self.db.transaction() as s:
                again = points.expire_all(s, as_of=self.today, at=self.now)
            assert again.points == 0  # idempotent

        @rule()
        def card_lost(self) -> None:
            self.now += timedelta(minutes=1)
            with self.db.transaction() as s:
                change = cards.report_lost(s, self.card, actor=CLI_ACTOR, at=self.now)
            assert change.moved_points == self.model.balance
            self.card = change.card_number

        @invariant()
        def ledger_matches_the_model(self) -> None:
            with self.db.transaction() as s:
                total = s.scalar(
                    select(func.sum(PointEntry.points)).where(
                        PointEntry.customer_id == self.customer_id
                    )
                )
                state = points.ledger_state(s, self.customer_id)
                shown = points.summary(s, self.customer_id, today=self.today).balance
            total = int(total or 0)
            assert total == shown == self.model.balance >= 0
            assert state.debt == 0
            by_day: dict[date, int] = {}
            for lot in state.open_lots():
                assert lot.expires_on is not None
                by_day[lot.expires_on] = by_day.get(lot.expires_on, 0) + lot.remaining
            assert by_day == self.model.lots

    return CounterMachine


TEMPLATE: list[Path] = []


@pytest.mark.timeout(240)
def test_any_sequence_keeps_the_ledger_exact(template_db: Path, tmp_path: Path) -> None:
    TEMPLATE[:] = [template_db]
    machine = make_machine(tmp_path / "hyp.sqlite3")
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=30,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
