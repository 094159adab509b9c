"""What the commands of :mod:`crmdesk.cli.cmd_points` do (imported when one runs)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from crmdesk.cli import CliContext
from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.normalize import normalize_text
from crmdesk.core.validate import parse_date
from crmdesk.services import cards, customer_index, points
from crmdesk.services.points_liability import liability
from crmdesk.services.purchases import record_purchase, void_purchase


def _integer(text: str, field: str, code: str) -> int:
    """Digits as typed at a till: 1,200 / １２００ / 1200円 all read 1200."""

    cleaned = normalize_text(text).replace(",", "").removesuffix("円").removesuffix("pt")
    try:
        return int(cleaned)
    except ValueError:
        raise ValidationError([DomainError(code, field=field)]) from None


def cmd_purchase_add(ctx: CliContext) -> int:
    a = ctx.args
    amount = _integer(a.amount, "amount", "invalid_amount")
    redeem = _integer(a.redeem, "redeem", "invalid_points")
    with ctx.db.transaction() as session:
        result = record_purchase(
            session, card_number=a.card, amount=amount, redeem=redeem, actor=ctx.actor
        )
    text = (
        f"purchase {result.purchase_id}: {result.amount:,} yen (paid {result.paid:,}), "
        f"earned {result.earned + result.bonus} pt, used {result.redeemed} pt, "
        f"balance {result.balance:,} pt"
    )
    ctx.emit({"ok": True, **result.to_json()}, text)
    return 0


def cmd_purchase_void(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        result = void_purchase(session, ctx.args.id, actor=ctx.actor, reason=ctx.args.reason)
    text = (
        f"voided {result.purchase_id}: {result.taken_back} pt taken back, "
        f"{result.given_back} pt given back, balance {result.balance:,} pt"
    )
    ctx.emit({"ok": True, **result.to_json()}, text)
    return 0


def cmd_points_show(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        customer = customer_index.resolve_customer(session, ctx.args.customer)
        summary = points.summary(session, customer.id)
        card = cards.active_card(session, customer.id)
    data = {
        "ok": True,
        "customer_number": customer.customer_number,
        "card_number": card.card_number if card else None,
        **summary.to_json(),
    }
    upper = ""
    if summary.next_rank:
        upper = f", {summary.to_next_rank:,} yen to {summary.next_rank.name}"
    text = (
        f"{customer.customer_number}: {summary.balance:,} pt, rank {summary.rank.name}{upper}, "
        f"{summary.expiring_points:,} pt expiring within {points.EXPIRING_SOON_DAYS} days"
    )
    ctx.emit(data, text)
    return 0


def cmd_points_adjust(ctx: CliContext) -> int:
    adjustment = _integer(ctx.args.points, "points", "invalid_adjustment")
    with ctx.db.transaction() as session:
        customer = customer_index.resolve_customer(session, ctx.args.customer)
        balance = points.adjust_points(
            session, customer.id, adjustment, ctx.args.note, actor=ctx.actor
        )
    data = {
        "ok": True,
        "customer_id": customer.id,
        "customer_number": customer.customer_number,
        "points": adjustment,
        "note": ctx.args.note.strip()[: points.ADJUST_NOTE_MAX],
        "balance": balance,
    }
    text = f"{customer.customer_number}: adjusted {adjustment:+,} pt, balance {balance:,} pt"
    ctx.emit(data, text)
    return 0


def _as_of(ctx: CliContext) -> date | None:
    """``--as-of`` as a date (None when not given); a bad date names the option."""
    if not ctx.args.as_of:
        return None
    try:
        return parse_date(ctx.args.as_of)
    except ValueError:
        raise DomainError("invalid_date", field="as_of") from None


def cmd_points_expire(ctx: CliContext) -> int:
    as_of = _as_of(ctx)
    with ctx.db.transaction() as session:
        result = points.expire_all(session, as_of=as_of)
    # "of 2026 customers" read like a year: a count is a count
    who = f"{result.customers:,} customer" + ("" if result.customers == 1 else "s")
    text = f"expired {result.points:,} pt held by {who}, as of {result.as_of}"
    ctx.emit({"ok": True, **result.to_json()}, text)
    return 0


def cmd_points_liability(ctx: CliContext) -> int:
    as_of = _as_of(ctx)
    with ctx.db.transaction() as session:
        found = liability(session, as_of=as_of)
    data = found.to_json()
    lines = [
        f"outstanding {data['outstanding_points']:,} pt = {data['outstanding_yen']:,} yen "
        f"as of {data['as_of']}; expected cost {data['expected_yen']:,} yen "
        f"(redemption rate {data['redemption_rate']:.1%}, basis {data['basis']})"
    ]
    for month in data["by_expiry_month"]:
        lines.append(
            f"  {month['month'] or 'never':>7}  {month['points']:>10,} pt  "
            f"{month['yen']:>12,} yen  expected {month['expected_yen']:>12,} yen"
        )
    ctx.emit({"ok": True, **data}, "\n".join(lines))
    return 0


def _card_json(change: cards.CardChange) -> dict[str, object]:
    return {"ok": True, **asdict(change)}


def cmd_card_issue(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        customer = customer_index.resolve_customer(session, ctx.args.customer)
        change = cards.issue_card(session, customer.id, ctx.args.number, actor=ctx.actor)
    ctx.emit(_card_json(change), f"issued card {change.card_number}")
    return 0


def cmd_card_lost(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        change = cards.report_lost(session, ctx.args.card, ctx.args.new_number, actor=ctx.actor)
    text = (
        f"card {change.old_card_number} lost; new card {change.card_number} "
        f"with {change.moved_points:,} pt"
    )
    ctx.emit(_card_json(change), text)
    return 0


def cmd_card_retire(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        change = cards.retire_card(session, ctx.args.card, actor=ctx.actor)
    ctx.emit(_card_json(change), f"card {change.card_number} retired")
    return 0
