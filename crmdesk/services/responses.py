"""Did a mailing bring people back? Responses of recipients against a baseline.

A recipient responded when they bought (a purchase that was not voided) from the day the
mailing was sent through the Nth day after. The baseline is the rest of the same segment
at the time: the members who were excluded from the mailing, frozen with it. The
difference of the two response rates is what the mailing may take credit for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, bindparam, distinct, func, select
from sqlalchemy.orm import Session

from crmdesk.core.clock import local_day_bounds, to_local
from crmdesk.core.errors import DomainError
from crmdesk.services.campaigns import get_campaign
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

    def to_json(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "responders": self.responders,
            "rate": round(self.rate, 4),
            "purchases": self.purchases,
            "sales": self.sales,
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
            "lift": round(self.lift, 4),
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


def response_report(session: Session, ref: str, *, days: int = DEFAULT_DAYS) -> ResponseReport:
    if not 1 <= days <= 365:
        raise DomainError("invalid_days", field="days")
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
    return ResponseReport(
        campaign_id=info.id,
        campaign_name=info.name,
        sent_on=info.sent_on,
        days=days,
        until=info.sent_on + timedelta(days=days),
        recipients=GroupResponse(info.recipients, got[0], got[1], got[2]),
        baseline=GroupResponse(len(baseline_ids), base[0], base[1], base[2]),
        responders=responders,
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
