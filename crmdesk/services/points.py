"""Points: the rules in settings, the ledger, balances, ranks and expiry.

The ledger (``point_entry``) is append-only: every change of a balance is a new signed
entry and the balance is their sum. Rules are pure (:mod:`crmdesk.core.points`); the
allocation of points to lots is a replay (:mod:`crmdesk.core.point_ledger`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from crmdesk.core import clock
from crmdesk.core.bounds import check_points
from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.ids import derived_id, new_id
from crmdesk.core.point_ledger import (
    LedgerRow,
    LedgerState,
    after_last,
    due_for_expiry,
    expiring_between,
    replay,
)
from crmdesk.core.points import PointRules, Rank, add_months, lot_expiry, rank_for, visit_deadline
from crmdesk.services import audit
from crmdesk.services.staff import Actor
from crmdesk.store.db import set_setting, setting
from crmdesk.store.models import PointEntry, Purchase, PurchaseVoid

RULES_KEY = "point_rules"
KINDS = ("earn", "redeem", "expire", "bonus", "adjust", "transfer")
EXPIRING_SOON_DAYS = 60


def load_rules(session: Session) -> PointRules:
    return PointRules.from_json(setting(session, RULES_KEY))


def save_rules(session: Session, rules: PointRules, actor: Actor) -> PointRules:
    """Store new rules (owner only). Points already earned keep their expiry dates."""
    actor.require("points_admin")
    rules = PointRules.from_json(rules.to_json())  # validates, and proves it round-trips
    set_setting(session, RULES_KEY, rules.to_json())
    audit.record(
        session, "points.rules", entity="settings", actor=actor.audit_name, staff_id=actor.staff_id
    )
    return rules


def add_entry(
    session: Session,
    *,
    customer_id: str,
    kind: str,
    points: int,
    at: datetime,
    card_id: str | None = None,
    purchase_id: str | None = None,
    related_entry_id: str | None = None,
    expires_on: date | None = None,
    note: str = "",
    staff_id: str | None = None,
    entry_id: str | None = None,
) -> PointEntry:
    assert kind in KINDS, kind
    entry = PointEntry(
        id=entry_id or new_id(),  # now, not at flush: ids order entries of one instant
        customer_id=customer_id,
        card_id=card_id,
        kind=kind,
        points=points,
        purchase_id=purchase_id,
        related_entry_id=related_entry_id,
        expires_on=expires_on,
        note=note,
        staff_id=staff_id,
        occurred_at=at,
    )
    session.add(entry)
    return entry


def balance(session: Session, customer_id: str) -> int:
    query = select(func.coalesce(func.sum(PointEntry.points), 0)).where(
        PointEntry.customer_id == customer_id
    )
    return int(session.scalar(query) or 0)


def ledger_state(session: Session, customer_id: str) -> LedgerState:
    session.flush()
    query = select(
        PointEntry.id,
        PointEntry.kind,
        PointEntry.points,
        PointEntry.occurred_at,
        PointEntry.expires_on,
        PointEntry.related_entry_id,
    )
    query = query.where(PointEntry.customer_id == customer_id).order_by(
        PointEntry.occurred_at, PointEntry.id
    )
    # The stored timestamps are fixed-width UTC text, so SQL's order is the ledger's.
    return replay((LedgerRow(*row) for row in session.execute(query)), in_order=True)


def _live_purchases() -> Any:
    voided = select(PurchaseVoid.id).where(PurchaseVoid.purchase_id == Purchase.id).exists()
    return ~voided


def spend(session: Session, customer_id: str, *, since: datetime, until: datetime) -> int:
    """Yen spent (voids excluded) in [since, until)."""
    query = select(func.coalesce(func.sum(Purchase.amount), 0)).where(
        Purchase.customer_id == customer_id,
        Purchase.purchased_at >= since,
        Purchase.purchased_at < until,
        _live_purchases(),
    )
    return int(session.scalar(query) or 0)


def rank_spend(session: Session, rules: PointRules, customer_id: str, at: datetime) -> int:
    """Spend over the rank period that ends at ``at`` (local days)."""
    today = clock.to_local(at).date()
    since, _ = clock.local_day_bounds(add_months(today, -rules.rank_period_months))
    return spend(session, customer_id, since=since, until=at)


def last_visit(session: Session, customer_id: str) -> date | None:
    query = select(func.max(Purchase.purchased_at)).where(
        Purchase.customer_id == customer_id, _live_purchases()
    )
    moment = session.scalar(query)
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return clock.to_local(moment).date()


@dataclass(frozen=True)
class PointsSummary:
    customer_id: str
    balance: int
    rank: Rank
    next_rank: Rank | None
    spend: int  # over the rank period
    to_next_rank: int | None  # yen still to spend; None at the top rank
    expiring: list[tuple[date, int]]  # (last valid day, points) within EXPIRING_SOON_DAYS
    period_months: int = 12  # the rank period

    @property
    def expiring_points(self) -> int:
        return sum(points for _, points in self.expiring)

    def to_json(self) -> dict[str, Any]:
        return {
            "customer_id": self.customer_id,
            "balance": self.balance,
            "rank": self.rank.name,
            "rank_multiplier": self.rank.multiplier,
            "spend": self.spend,
            "next_rank": self.next_rank.name if self.next_rank else None,
            "to_next_rank": self.to_next_rank,
            "expiring_points": self.expiring_points,
            "expiring": [{"expires_on": d.isoformat(), "points": p} for d, p in self.expiring],
        }


def current_rank(
    session: Session, customer_id: str, *, at: datetime | None = None
) -> tuple[Rank, Rank | None, int]:
    """(rank, next rank, spend over the period) at ``at``; cheap, no replay."""
    rules = load_rules(session)
    at = at or clock.now_utc()
    spent = rank_spend(session, rules, customer_id, at)
    rank, upper = rank_for(rules, spent)
    return rank, upper, spent


def summary(session: Session, customer_id: str, *, today: date | None = None) -> PointsSummary:
    """Balance, rank, what the next rank needs, points expiring soon."""
    rules = load_rules(session)
    today = today or clock.local_today()
    _, end = clock.local_day_bounds(today)
    spent = rank_spend(session, rules, customer_id, end)
    rank, upper = rank_for(rules, spent)
    state = ledger_state(session, customer_id)
    deadline = visit_deadline(rules, last_visit(session, customer_id))
    horizon = today + timedelta(days=EXPIRING_SOON_DAYS)
    return PointsSummary(
        customer_id=customer_id,
        balance=balance(session, customer_id),
        rank=rank,
        next_rank=upper,
        spend=spent,
        to_next_rank=(upper.min_spend - spent) if upper else None,
        expiring=expiring_between(state, today, horizon, deadline),
        period_months=rules.rank_period_months,
    )


def expire_customer(
    session: Session,
    customer_id: str,
    *,
    as_of: date,
    at: datetime | None = None,
    rules: PointRules | None = None,
) -> int:
    """Write expire entries for this customer's lots past their last day; points expired.

    Each expire entry names the lot it empties (``related_entry_id``) and its last valid
    day, and takes exactly what is left of it, so running this again adds nothing.
    """
    rules = rules or load_rules(session)
    if rules.expiry_mode == "never":
        return 0
    deadline = visit_deadline(rules, last_visit(session, customer_id))
    if rules.expiry_mode == "last_visit" and (deadline is None or deadline >= as_of):
        return 0
    if rules.expiry_mode == "earned":
        # Cheap check before the replay: no lot has passed its last day at all.
        session.flush()
        past_due = select(PointEntry.id).where(
            PointEntry.customer_id == customer_id,
            PointEntry.points > 0,
            PointEntry.expires_on < as_of,
        )
        if session.scalar(past_due.limit(1)) is None:
            return 0
    state = ledger_state(session, customer_id)
    at = after_last(state, at or clock.now_utc())
    expired = 0
    for lot in due_for_expiry(state, as_of, deadline):
        add_entry(
            session,
            customer_id=customer_id,
            kind="expire",
            points=-lot.remaining,
            at=at,
            related_entry_id=lot.id,
            expires_on=lot.expires_on or deadline,
            # The expiry of a lot is one fact: two branches expiring it while apart make
            # the same entry, and sync keeps one (crmdesk.sync merges ledgers by id).
            entry_id=derived_id(lot.id, "expire"),
        )
        expired += lot.remaining
    return expired


@dataclass(frozen=True)
class ExpiryResult:
    as_of: date
    customers: int
    points: int

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "customers": self.customers, "points": self.points}


EXPIRY_RUN_KEY = "point_expiry_run"


def customers_with_due_points(session: Session, rules: PointRules, as_of: date) -> list[str]:
    """Customers who may hold points past their last day (a cheap SQL pre-filter).

    In ``earned`` mode a completed run as of day X (recorded in settings) has emptied
    every lot whose last day is before X, and lots only ever lose points afterwards,
    except new ones (a void's refund, a transfer) written after that run. So only lots
    due since X, or written since the run, need a look.
    """
    session.flush()
    if rules.expiry_mode == "earned":
        dated = select(PointEntry.customer_id).where(
            PointEntry.points > 0, PointEntry.expires_on < as_of
        )
        run = setting(session, EXPIRY_RUN_KEY)
        if run and run.get("mode") == "earned":
            since = datetime.fromisoformat(run["at"])
            dated = dated.where(
                (PointEntry.expires_on >= date.fromisoformat(run["as_of"]))
                | (PointEntry.occurred_at >= since)
            )
        return list(session.scalars(dated.distinct()))
    # last_visit: skip customers with a live purchase surely recent enough; the margin
    # covers month-end clamping (expire_customer decides exactly).
    recent_day = add_months(as_of, -rules.expiry_months) + timedelta(days=4)
    cutoff, _ = clock.local_day_bounds(recent_day)
    recent = select(Purchase.customer_id).where(
        and_(Purchase.purchased_at >= cutoff, _live_purchases())
    )
    query = (
        select(PointEntry.customer_id)
        .where(PointEntry.customer_id.not_in(recent.scalar_subquery()))
        .group_by(PointEntry.customer_id)
        .having(func.sum(PointEntry.points) > 0)
    )
    return list(session.scalars(query))


def expire_customers(
    session: Session, customer_ids: list[str], *, as_of: date, at: datetime, rules: PointRules
) -> tuple[int, int]:
    """(customers whose points expired, points expired) for some candidates."""
    customers = points = 0
    for customer_id in customer_ids:
        expired = expire_customer(session, customer_id, as_of=as_of, at=at, rules=rules)
        if expired:
            customers += 1
            points += expired
    session.flush()
    return customers, points


def record_expiry_run(
    session: Session, rules: PointRules, result: ExpiryResult, started_at: datetime
) -> None:
    """Remember a completed run (the pre-filter's starting point) and audit it.

    Once per day: another run as of the same day keeps the earlier run's time, which only
    makes the next pre-filter look at a few more lots, and leaves the file unwritten (the
    app runs this at every start; a start that changes nothing needs no backup at close).
    """
    run = setting(session, EXPIRY_RUN_KEY) or {}
    if rules.expiry_mode != run.get("mode") or result.as_of.isoformat() > run.get("as_of", ""):
        value = {"mode": rules.expiry_mode, "as_of": result.as_of.isoformat()}
        set_setting(session, EXPIRY_RUN_KEY, value | {"at": started_at.isoformat()})
    if result.points:
        audit.record(
            session,
            "points.expire",
            entity="point_entry",
            row_count=result.customers,
            points=result.points,
        )


def expire_all(
    session: Session, *, as_of: date | None = None, at: datetime | None = None
) -> ExpiryResult:
    """Expire every customer's points past their last day (idempotent)."""
    rules = load_rules(session)
    as_of = as_of or clock.local_today()
    if rules.expiry_mode == "never":
        return ExpiryResult(as_of, 0, 0)
    at = at or clock.now_utc()
    started = min(at, clock.now_utc())  # entries written after the run are stamped later
    candidates = customers_with_due_points(session, rules, as_of)
    customers, points = expire_customers(session, candidates, as_of=as_of, at=at, rules=rules)
    result = ExpiryResult(as_of, customers, points)
    record_expiry_run(session, rules, result, started)
    return result


def lot_expiry_for(rules: PointRules, at: datetime) -> date | None:
    return lot_expiry(rules, clock.to_local(at).date())


ADJUST_NOTE_MAX = 200


def adjust_points(session: Session, customer_id: str, points: int, note: str, actor: Actor) -> int:
    """An owner's correction: a new ``adjust`` entry (never an edit). Returns the balance.

    ``points`` is a non-zero whole number (negative takes points away, never below a
    zero balance); ``note`` says why and is required (kept up to 200 characters).
    """
    actor.require("points_admin")
    problems = []
    if isinstance(points, bool) or not isinstance(points, int) or points == 0:
        problems.append(DomainError("invalid_adjustment", field="points"))
    else:
        try:
            check_points(points, "points", signed=True)
        except DomainError as error:
            problems.append(error)
    note = (note or "").strip()
    if not note:
        problems.append(DomainError("adjust_note_required", field="note"))
    if problems:
        raise ValidationError(problems)
    now = clock.now_utc()
    current = balance(session, customer_id)
    if current + points < 0:
        raise ValidationError([DomainError("not_enough_points", field="points", balance=current)])
    expires = lot_expiry_for(load_rules(session), now) if points > 0 else None
    add_entry(
        session,
        customer_id=customer_id,
        kind="adjust",
        points=points,
        at=now,
        expires_on=expires,
        note=note[:ADJUST_NOTE_MAX],
        staff_id=actor.staff_id,
    )
    session.flush()
    audit.record(session, "points.adjust", entity="customer", entity_id=customer_id,
                 actor=actor.name, staff_id=actor.staff_id, points=points)  # fmt: skip
    return current + points


@dataclass(frozen=True)
class LedgerLine:
    id: str
    occurred_at: datetime
    kind: str
    points: int
    running_balance: int
    expires_on: date | None
    purchase_id: str | None
    note: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "occurred_at": self.occurred_at.isoformat(),
            "kind": self.kind,
            "points": self.points,
            "balance": self.running_balance,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "purchase_id": self.purchase_id,
            "note": self.note,
        }


def ledger_history(session: Session, customer_id: str, *, limit: int = 200) -> list[LedgerLine]:
    """The newest ``limit`` entries, newest first, each with the balance after it."""
    session.flush()
    running = func.sum(PointEntry.points).over(order_by=(PointEntry.occurred_at, PointEntry.id))
    inner = (
        select(
            PointEntry.id,
            PointEntry.occurred_at,
            PointEntry.kind,
            PointEntry.points,
            running.label("running"),
            PointEntry.expires_on,
            PointEntry.purchase_id,
            PointEntry.note,
        )
        .where(PointEntry.customer_id == customer_id)
        .subquery()
    )
    query = select(inner).order_by(inner.c.occurred_at.desc(), inner.c.id.desc()).limit(limit)
    return [LedgerLine(*row) for row in session.execute(query)]
