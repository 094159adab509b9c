"""Did a mailing bring people back? Responses of recipients against a baseline.

A recipient responded when they bought (a purchase that was not voided, at any branch)
from the day the mailing was sent through the Nth day after. The baseline is the rest of
the same segment at the time: the members who were excluded from the mailing, frozen with
it. Those were left out for a reason (no DM consent, no address) and behave differently by
definition, so their difference is shown but never credited to the mailing.

A mailing recorded with a control group (a random hold-out, see
:func:`crmdesk.services.mailings.hold_out_control`) is measured honestly: the share who
came and the spend per head of recipients against the control, each difference with its
95% interval (:mod:`crmdesk.core.uplift`), and the extra sales against the mailing's cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, bindparam, distinct, func, select
from sqlalchemy.orm import Session

from crmdesk.core.clock import local_day_bounds, to_local
from crmdesk.core.errors import DomainError
from crmdesk.core.uplift import Estimate, spend_lift, visit_lift
from crmdesk.services.campaigns import MAX_COST_PER_PIECE, get_campaign
from crmdesk.services.segment_sql import valid_purchase
from crmdesk.store.models import Campaign, CampaignRecipient, Customer, Purchase

DEFAULT_DAYS = 30


@dataclass(frozen=True)
class GroupResponse:
    size: int
    responders: int
    purchases: int
    sales: int

    @property
    def rate(self) -> float:
        return self.responders / self.size if self.size else 0.0

    @property
    def spend_per_head(self) -> float:
        return self.sales / self.size if self.size else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "responders": self.responders,
            "rate": round(self.rate, 4),
            "purchases": self.purchases,
            "sales": self.sales,
            "spend_per_head": round(self.spend_per_head, 1),
        }


@dataclass(frozen=True)
class Uplift:
    """What the mailing did, against its random control group.

    ``visits`` is a difference of shares (0.05 = five points more came), ``spend`` of yen
    per head; ``extra_sales`` scales the spend difference to everyone mailed, and ``net``
    takes the mailing's cost off it (None when no cost per piece was entered).
    """

    against: str  # "control" | "baseline"
    visits: Estimate
    spend: Estimate
    cost: int | None
    extra_sales: Estimate
    net: Estimate | None

    def to_json(self) -> dict[str, Any]:
        return {
            "against": self.against,
            "visits": self.visits.to_json(),
            "spend": self.spend.to_json(digits=1),
            "revenue": {
                "extra_sales": self.extra_sales.to_json(digits=0),
                "cost": self.cost,
                "net": None if self.net is None else self.net.to_json(digits=0),
            },
        }


@dataclass(frozen=True)
class Responder:
    customer_id: str
    customer_number: str
    first_purchase_on: date
    purchases: int
    sales: int


@dataclass(frozen=True)
class ResponseReport:
    campaign_id: str
    campaign_name: str
    sent_on: date
    days: int
    until: date
    recipients: GroupResponse
    baseline: GroupResponse
    responders: list[Responder]
    control: GroupResponse | None = None
    uplift: Uplift | None = None

    @property
    def lift(self) -> float:
        """Recipients' response rate minus the baseline's, in points of a fraction."""
        return self.recipients.rate - self.baseline.rate

    def to_json(self) -> dict[str, Any]:
        return {
            "campaign": {"id": self.campaign_id, "name": self.campaign_name},
            "sent_on": self.sent_on.isoformat(),
            "days": self.days,
            "until": self.until.isoformat(),
            "recipients": self.recipients.to_json(),
            "baseline": self.baseline.to_json(),
            "control": None if self.control is None else self.control.to_json(),
            "lift": self._lift_json(),
            "responders": [
                {
                    "customer_id": r.customer_id,
                    "customer_number": r.customer_number,
                    "first_purchase_on": r.first_purchase_on.isoformat(),
                    "purchases": r.purchases,
                    "sales": r.sales,
                }
                for r in self.responders
            ],
        }

    def _lift_json(self) -> dict[str, Any]:
        if self.uplift is not None:
            return self.uplift.to_json()
        # No random control: the difference to the baseline is shown, without an interval,
        # because the people left out differ by more than the mailing.
        missing = Estimate(None, None, None, "no_control_group")
        return {
            "against": "baseline",
            "visits": Estimate(self.lift, None, None, "no_control_group").to_json(),
            "spend": missing.to_json(),
            "revenue": None,
        }


def window(sent_on: date, days: int) -> tuple[datetime, datetime]:
    """UTC bounds: the sending day's start to the end of the ``days``-th day after."""
    return local_day_bounds(sent_on)[0], local_day_bounds(sent_on + timedelta(days=days))[1]


def _in_window(sent_on: date, days: int) -> list[Any]:
    start, end = window(sent_on, days)
    return [valid_purchase(), Purchase.purchased_at >= start, Purchase.purchased_at < end]


def _group(session: Session, ids: Select[Any] | list[str], sent_on: date, days: int) -> Any:
    members = ids
    if isinstance(ids, list):
        members = bindparam("ids", ids, expanding=True, literal_execute=True)  # type: ignore[assignment]
    row = session.execute(
        select(
            func.count(distinct(Purchase.customer_id)),
            func.count(Purchase.id),
            func.coalesce(func.sum(Purchase.amount), 0),
        ).where(Purchase.customer_id.in_(members), *_in_window(sent_on, days))
    ).one()
    return row


def _spend_by_customer(
    session: Session, ids: Select[Any] | list[str], sent_on: date, days: int
) -> dict[str, int]:
    members = ids
    if isinstance(ids, list):
        members = bindparam("ids", ids, expanding=True, literal_execute=True)  # type: ignore[assignment]
    rows = session.execute(
        select(Purchase.customer_id, func.sum(Purchase.amount))
        .where(Purchase.customer_id.in_(members), *_in_window(sent_on, days))
        .group_by(Purchase.customer_id)
    ).all()
    return {str(cid): int(total) for cid, total in rows}


def _uplift(
    session: Session,
    recipients: Select[Any],
    recipient_count: int,
    control_ids: list[str],
    sent_on: date,
    days: int,
    cost_per_piece: int | None,
    got: GroupResponse,
    control: GroupResponse,
) -> Uplift:
    spent = _spend_by_customer(session, recipients, sent_on, days)
    spent_control = _spend_by_customer(session, control_ids, sent_on, days)
    treated = list(spent.values()) + [0] * (recipient_count - len(spent))
    held = list(spent_control.values()) + [0] * (len(control_ids) - len(spent_control))
    visits = visit_lift(got.responders, got.size, control.responders, control.size)
    spend = spend_lift(treated, held, seed=len(treated) * 7919 + len(held))
    extra = _scaled(spend, recipient_count)
    cost = None if cost_per_piece is None else cost_per_piece * recipient_count
    net = None if cost is None else _shifted(extra, -cost)
    return Uplift("control", visits, spend, cost, extra, net)


def _scaled(estimate: Estimate, factor: int) -> Estimate:
    if estimate.value is None:
        return estimate
    assert estimate.low is not None and estimate.high is not None
    return Estimate(estimate.value * factor, estimate.low * factor, estimate.high * factor)


def _shifted(estimate: Estimate, by: int) -> Estimate:
    if estimate.value is None:
        return estimate
    assert estimate.low is not None and estimate.high is not None
    return Estimate(estimate.value + by, estimate.low + by, estimate.high + by)


def response_report(
    session: Session, ref: str, *, days: int = DEFAULT_DAYS, cost_per_piece: int | None = None
) -> ResponseReport:
    """Responses of a mailing's recipients, its baseline, and its control group if any.

    ``cost_per_piece`` (yen) overrides the cost recorded with the mailing.
    """
    if not 1 <= days <= 365:
        raise DomainError("invalid_days", field="days")
    if cost_per_piece is not None and not 0 <= cost_per_piece <= MAX_COST_PER_PIECE:
        raise DomainError("invalid_cost_per_piece", field="cost_per_piece", max=MAX_COST_PER_PIECE)
    info = get_campaign(session, ref)
    recipients = select(CampaignRecipient.customer_id).where(
        CampaignRecipient.campaign_id == info.id
    )
    got = _group(session, recipients, info.sent_on, days)
    baseline_ids = [e["customer_id"] for e in info.options.get("excluded", [])]
    base = _group(session, baseline_ids, info.sent_on, days) if baseline_ids else (0, 0, 0)
    who = session.execute(
        select(
            Purchase.customer_id,
            Customer.customer_number,
            func.min(Purchase.purchased_at).label("first"),
            func.count(Purchase.id),
            func.sum(Purchase.amount),
        )
        .join(Customer, Customer.id == Purchase.customer_id)
        .where(Purchase.customer_id.in_(recipients), *_in_window(info.sent_on, days))
        .group_by(Purchase.customer_id, Customer.customer_number)
        .order_by(Customer.customer_number)
    ).all()
    responders = [
        Responder(str(cid), number, _local_day(first), n, total)
        for cid, number, first, n, total in who
    ]
    mailed = GroupResponse(info.recipients, got[0], got[1], got[2])
    control = uplift = None
    held = info.control
    if held is not None:
        ids = list(held.customer_ids)
        c = _group(session, ids, info.sent_on, days)
        control = GroupResponse(len(ids), c[0], c[1], c[2])
        cost = cost_per_piece if cost_per_piece is not None else info.cost_per_piece
        uplift = _uplift(
            session, recipients, info.recipients, ids, info.sent_on, days, cost, mailed, control
        )
    return ResponseReport(
        campaign_id=info.id,
        campaign_name=info.name,
        sent_on=info.sent_on,
        days=days,
        until=info.sent_on + timedelta(days=days),
        recipients=mailed,
        baseline=GroupResponse(len(baseline_ids), base[0], base[1], base[2]),
        responders=responders,
        control=control,
        uplift=uplift,
    )


def _local_day(moment: Any) -> date:
    if isinstance(moment, str):  # min() over a text column comes back untyped on SQLite
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return to_local(moment).date()


@dataclass(frozen=True)
class CustomerMailing:
    """A mailing in a customer's timeline, and whether they came back after it."""

    campaign_id: str
    name: str
    sent_on: date
    responded: bool
    sales: int


def customer_mailings(
    session: Session, customer_id: str, *, days: int = DEFAULT_DAYS
) -> list[CustomerMailing]:
    rows = session.execute(
        select(Campaign.id, Campaign.name, Campaign.sent_on)
        .join(CampaignRecipient, CampaignRecipient.campaign_id == Campaign.id)
        .where(CampaignRecipient.customer_id == customer_id, ~Campaign.deleted)
        .order_by(Campaign.sent_on.desc())
    ).all()
    out = []
    for campaign_id, name, sent_on in rows:
        count, total = session.execute(
            select(func.count(Purchase.id), func.coalesce(func.sum(Purchase.amount), 0)).where(
                Purchase.customer_id == customer_id, *_in_window(sent_on, days)
            )
        ).one()
        out.append(CustomerMailing(campaign_id, name, sent_on, count > 0, total))
    return out
