"""Demo step: point cards, about two years of purchases and the point ledger they wrote.

Most customers get a card; each makes a few purchases (a few make many) over two years.
The points follow the shop's real rules (:mod:`crmdesk.core.points`) and the same ledger
replay as the counter, so the balances, expiries and voids are what the service would
have written. Rows are bulk-inserted, so 100,000 customers stay reasonable.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, insert, select, update

from crmdesk.core import clock
from crmdesk.core.ids import new_id
from crmdesk.core.point_ledger import LedgerRow, LedgerState, due_for_expiry
from crmdesk.core.points import PointRules, earn, lot_expiry
from crmdesk.services import points as point_service
from crmdesk.services.cards import CARD_PREFIX, ean13_check_digit, next_card_number
from crmdesk.services.customer_fields import EDITABLE
from crmdesk.services.customer_index import search_keys
from crmdesk.services.demo import DemoContext, shop_moment
from crmdesk.store.models import Customer, PointCard, PointEntry, Purchase, PurchaseVoid

ORDER = 20
BATCH = 20_000
HISTORY_DAYS = 730
CHURN_SHARE = 0.35  # customers who stop coming at some point
CARD_SHARE = 0.85


class _Writer:
    """Collects rows per table and inserts them in batches."""

    def __init__(self, ctx: DemoContext, hlc: str, node: str) -> None:
        self.ctx, self.hlc, self.node = ctx, hlc, node
        self.rows: dict[Any, list[dict[str, Any]]] = {
            PointCard: [],
            Purchase: [],
            PurchaseVoid: [],
            PointEntry: [],
        }
        self.counts = dict.fromkeys(self.rows, 0)

    def add(self, model: Any, **values: Any) -> str:
        values.setdefault("id", new_id())
        values.update(hlc=self.hlc, deleted=False)
        self.rows[model].append(values)
        if len(self.rows[model]) >= BATCH:
            self.flush()
        return str(values["id"])

    def flush(self) -> None:
        # Parents before children, whatever filled up first.
        for model, rows in self.rows.items():
            if rows:
                self.ctx.session.execute(insert(model), rows)
                self.counts[model] += len(rows)
                rows.clear()


class _Customer:
    """One customer's history being written, with the ledger replayed as it grows."""

    def __init__(self, writer: _Writer, rules: PointRules, customer_id: str) -> None:
        self.w, self.rules, self.id = writer, rules, customer_id
        self.state = LedgerState()
        self.spends: list[tuple[datetime, int]] = []

    def entry(self, kind: str, points: int, at: datetime, **values: Any) -> str:
        entry_id = self.w.add(
            PointEntry,
            customer_id=self.id,
            kind=kind,
            points=points,
            occurred_at=at,
            note=values.pop("note", ""),
            **values,
        )
        row = LedgerRow(
            entry_id,
            kind,
            points,
            at,
            values.get("expires_on"),
            values.get("related_entry_id"),
        )
        self.state.apply(row)
        return entry_id

    def expire(self, as_of: date, at: datetime) -> None:
        """The lots due by ``as_of``, each expired on the day after its last one (as the
        window's start-up expiry records them), not all at ``at``: the demo's last pass
        put 2.5 million points of customers who had stopped coming on one day."""
        for lot in due_for_expiry(self.state, as_of, None):
            assert lot.expires_on is not None  # (no deadline is given: only dated lots)
            when = min(at, clock.local_day_bounds(lot.expires_on + timedelta(days=1))[0])
            if self.state.last_at is not None:
                when = max(when, self.state.last_at)
            self.entry("expire", -lot.remaining, when, related_entry_id=lot.id,
                       expires_on=lot.expires_on)  # fmt: skip

    def rank_spend(self, at: datetime) -> int:
        start = at - timedelta(days=round(self.rules.rank_period_months * 30.4))
        return sum(amount for moment, amount in self.spends if start <= moment < at)


def _moments(
    ctx: DemoContext, count: int, first: date, last: date, *, first_visit: bool
) -> list[datetime]:
    """``count`` purchase moments from ``first`` to ``last`` (both local days, inclusive).

    With ``first_visit`` the first one is on ``first``: a new customer buys on the day
    they first come in, as the analytics' new-customer sales expect.
    """
    span = (last - first).days + 1
    days = sorted(ctx.rng.randrange(span) for _ in range(count))
    if first_visit:
        days[0] = 0
    return sorted(shop_moment(ctx, first + timedelta(days=offset)) for offset in days)


def _amount(ctx: DemoContext) -> int:
    yen = math.exp(ctx.rng.gauss(8.0, 0.7))  # median about 3,000 yen
    return max(100, min(300_000, int(round(yen, -1))))


def run(ctx: DemoContext) -> None:
    if not ctx.customer_ids:
        return
    db = ctx.session.info.get("db")
    writer = _Writer(ctx, db.clock.now().encode() if db else "", db.node_id if db else "")
    rules = PointRules()
    start_serial = int(next_card_number(ctx.session)[2:12])
    serial = [start_serial]

    def new_card(customer_id: str, at: datetime, **values: Any) -> tuple[str, str]:
        first12 = f"{CARD_PREFIX}{serial[0]:010d}"
        serial[0] += 1
        number = first12 + ean13_check_digit(first12)
        values.setdefault("status", "active")
        card_id = writer.add(
            PointCard, card_number=number, customer_id=customer_id, issued_at=at, **values
        )
        return card_id, number

    fresh = ctx.session.scalar(select(PointEntry.id).limit(1)) is None
    wanted = set(ctx.customer_ids)
    info = {
        cid: birthday
        for cid, birthday in ctx.session.execute(select(Customer.id, Customer.birthday))
        if cid in wanted
    }
    first_visits = {
        cid: day
        for cid, day in ctx.session.execute(select(Customer.id, Customer.first_visit))
        if cid in wanted
    }
    history_start = ctx.today - timedelta(days=HISTORY_DAYS)
    end_of_today = min(ctx.now, clock.local_day_bounds(ctx.today)[1] - timedelta(seconds=1))
    card_numbers: dict[str, list[str]] = {}
    for done, customer_id in enumerate(ctx.customer_ids, 1):
        if ctx.rng.random() >= CARD_SHARE:
            continue
        # Nobody buys before their first visit: history starts at the later of the two.
        # Some customers stop coming (the dormant ones); visits follow the time a customer
        # is active, so a shop's sales do not pile up in its last months.
        visited = first_visits.get(customer_id)
        first = max(history_start, visited or history_start)
        active = max(1, (ctx.today - first).days)
        last = ctx.today
        if ctx.rng.random() < CHURN_SHARE:
            last = first + timedelta(days=ctx.rng.randrange(active))
        rate = max(1, (last - first).days) / HISTORY_DAYS
        visits = min(80, int(ctx.rng.paretovariate(1.3)) + ctx.rng.randint(0, 3))
        count = max(1, round(visits * 2 * rate))
        moments = _moments(ctx, count, first, last, first_visit=visited == first)
        issued = moments[0] - timedelta(minutes=5)
        lose_at = len(moments) // 2 if len(moments) >= 4 and ctx.rng.random() < 0.03 else None
        lost: dict[str, Any] = {}
        if lose_at is not None:
            lost = {"status": "lost", "replaced_by_id": new_id()}
            lost["status_changed_at"] = moments[lose_at] - timedelta(minutes=1)
        card_id, number = new_card(customer_id, issued, **lost)
        card_numbers[customer_id] = [number] if not lost else []
        person = _Customer(writer, rules, customer_id)
        for index, at in enumerate(moments):
            day = clock.to_local(at).date()
            person.expire(day, at)
            if index == lose_at:
                since = lost["status_changed_at"]
                new_id_, number = new_card(customer_id, since, id=lost["replaced_by_id"])
                card_numbers[customer_id] = [number]
                _move_balance(person, card_id, new_id_, at)
                card_id = new_id_
            amount = _amount(ctx)
            balance = person.state.balance
            redeem = 0
            if balance >= rules.min_redemption and ctx.rng.random() < 0.25:
                redeem = min(balance, amount) // 100 * 100
                redeem = redeem if redeem >= rules.min_redemption else 0
            spent = person.rank_spend(at)
            earning = earn(
                rules, amount, redeemed=redeem, day=day, spend=spent, birthday=info.get(customer_id)
            )
            purchase_id = writer.add(
                Purchase,
                customer_id=customer_id,
                card_id=card_id,
                amount=amount,
                items="[]",
                purchased_at=at,
            )
            common = {"card_id": card_id, "purchase_id": purchase_id}
            if redeem:
                person.entry("redeem", -redeem, at, **common)
            expires = lot_expiry(rules, day)
            earned = []
            if earning.base:
                earned.append(person.entry("earn", earning.base, at, expires_on=expires, **common))
            if earning.bonus:
                earned.append(
                    person.entry("bonus", earning.bonus, at, expires_on=expires, **common)
                )
            if not redeem and ctx.rng.random() < 0.01:
                voided_at = min(at + timedelta(minutes=3), ctx.now)
                _void(writer, person, purchase_id, earned, voided_at, common)
            else:
                person.spends.append((at, amount))
        person.expire(ctx.today, end_of_today)
        if done % 5_000 == 0:
            ctx.progress("points", done, len(ctx.customer_ids))
    writer.flush()
    if fresh:
        # Every ledger written here is expired through today: the next run starts there.
        result = point_service.ExpiryResult(ctx.today, 0, 0)
        point_service.record_expiry_run(ctx.session, rules, result, clock.now_utc())
    _refresh_card_search(ctx, card_numbers)
    ctx.summary["cards"] = writer.counts[PointCard]
    ctx.summary["purchases"] = writer.counts[Purchase]
    ctx.summary["voids"] = writer.counts[PurchaseVoid]
    ctx.summary["point_entries"] = writer.counts[PointEntry]


def _void(
    writer: _Writer,
    person: _Customer,
    purchase_id: str,
    earned: list[str],
    at: datetime,
    common: dict[str, Any],
) -> None:
    writer.add(PurchaseVoid, purchase_id=purchase_id, reason="打ち間違い", voided_at=at)
    for lot_id in earned:
        lot = person.state.lots[lot_id]
        person.entry(lot.kind, -lot.points, at, related_entry_id=lot_id, note="void", **common)


def _move_balance(person: _Customer, card_id: str, new_card_id: str, at: datetime) -> None:
    """The card was lost: the balance moves to the new card with its expiry dates."""
    groups: dict[date | None, int] = {}
    for lot in person.state.open_lots():
        groups[lot.expires_on] = groups.get(lot.expires_on, 0) + lot.remaining
    outs = [
        person.entry("transfer", -points, at, card_id=card_id, note="card reissued")
        for points in groups.values()
    ]
    for out, (expires_on, points) in zip(outs, groups.items(), strict=True):
        person.entry(
            "transfer",
            points,
            at,
            card_id=new_card_id,
            related_entry_id=out,
            expires_on=expires_on,
            note="card reissued",
        )


def _refresh_card_search(ctx: DemoContext, card_numbers: dict[str, list[str]]) -> None:
    """Put the active card numbers into the customers' search text, in bulk."""

    columns = [Customer.__table__.c[name] for name in ("id", *EDITABLE)]
    ids = list(card_numbers)
    for first in range(0, len(ids), BATCH):
        chunk = ids[first : first + BATCH]
        rows = ctx.session.execute(select(*columns).where(Customer.id.in_(chunk))).mappings()
        updates = [
            {
                "b_id": row["id"],
                "b_text": search_keys(dict(row), card_numbers[row["id"]])["search_text"],
            }
            for row in rows
        ]
        ctx.session.execute(
            # Core (table) update: executemany by our own key, not the ORM's bulk mode.
            update(Customer.__table__)  # type: ignore[arg-type]
            .where(Customer.__table__.c.id == bindparam("b_id"))
            .values(search_text=bindparam("b_text")),
            updates,
        )
