"""Email to a segment: who may receive it, the frozen list, sending that resumes, status.

Only customers who agreed to email (``email_consent``) with a valid address receive it;
every other member of the segment is listed as excluded with the reason, as for a DM.
Two customers sharing one address (a family) get one message. The mailing is a
:class:`~crmdesk.store.models.Campaign` of kind ``email``: its recipients are frozen like a
DM's, so the response report and the segment condition "received mailing" work the same,
and each recipient has an :class:`~crmdesk.store.models.EmailDelivery` row saying what
became of the message.

Sending commits ``sending`` before each message goes to the server and ``sent`` (or
``refused`` with the server's code) after, so a send that is cancelled, crashes or loses
the line resumes with the pending ones only: a message whose fate is unknown becomes
``interrupted`` and is never sent again automatically. Nobody gets a message twice.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crmdesk.core import clock, validate
from crmdesk.core.email_template import Template
from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.names import display_name
from crmdesk.core.uplift import hold_out
from crmdesk.services import audit, segments
from crmdesk.services.campaigns import CampaignInfo, get_campaign
from crmdesk.services.email_message import build_message, merge_values
from crmdesk.services.email_setup import connect, require_settings
from crmdesk.services.mailings import CONTROL_PERCENT, ControlGroup, Excluded, count_reasons
from crmdesk.services.shop import shop_info
from crmdesk.services.staff import Actor
from crmdesk.store.models import Campaign, CampaignRecipient, Customer, EmailDelivery

REASONS = ("erased", "no_email", "invalid_email", "no_email_consent", "same_email")
STATUSES = ("pending", "sending", "sent", "refused", "interrupted", "withdrawn")


@dataclass(frozen=True)
class EmailRecipient:
    customer_id: str
    customer_number: str
    name: str
    address: str


@dataclass(frozen=True)
class EmailPreview:
    segment_id: str
    segment_name: str
    recipients: list[EmailRecipient]
    excluded: list[Excluded]

    def reason_counts(self) -> dict[str, int]:
        return count_reasons(self.excluded, REASONS)


def email_preview(session: Session, segment_ref: str, *, today: date | None = None) -> EmailPreview:
    """Who of a segment receives an email, in customer number order, and who does not."""
    info = segments.get_segment(session, segment_ref)
    query = segments.member_query(
        session, info.definition, today=today or clock.local_today(), include_erased=True
    )
    recipients: list[EmailRecipient] = []
    excluded: list[Excluded] = []
    seen: dict[str, str] = {}
    for c in session.scalars(query):
        name = display_name(c.family_name, c.given_name, c.company)
        reasons = _reasons(c)
        address = (c.email or "").strip()
        if not reasons and address.lower() in seen:
            excluded.append(
                Excluded(
                    c.id,
                    c.customer_number,
                    name,
                    ("same_email",),
                    same_household_as=seen[address.lower()],
                )
            )
            continue
        if reasons:
            excluded.append(Excluded(c.id, c.customer_number, name, tuple(reasons)))
            continue
        seen[address.lower()] = c.customer_number
        recipients.append(EmailRecipient(c.id, c.customer_number, name, address))
    return EmailPreview(info.id, info.name, recipients, excluded)


def _reasons(c: Customer) -> list[str]:
    if c.erased_at is not None:
        return ["erased"]
    if not (c.email or "").strip():
        return ["no_email"]
    try:
        validate.clean_email(c.email)
    except DomainError:
        return ["invalid_email"]
    return [] if c.email_consent else ["no_email_consent"]


def hold_out_email_control(
    preview: EmailPreview, percent: int, *, seed: int | None = None
) -> tuple[EmailPreview, ControlGroup]:
    """Hold back ``percent`` of the recipients at random (reproducible from ``seed``): they
    get no message and are the mailing's control group, as for a DM."""

    low, high = CONTROL_PERCENT
    if not low <= percent <= high:
        raise DomainError("invalid_control_share", field="control", low=low, high=high)
    seed = secrets.randbelow(2**31) if seed is None else seed
    held = hold_out([r.customer_id for r in preview.recipients], percent, seed)
    if not held:
        raise DomainError("control_too_few", field="control", count=len(preview.recipients))
    kept = [r for r in preview.recipients if r.customer_id not in held]
    return replace(preview, recipients=kept), ControlGroup(percent, seed, tuple(sorted(held)))


def create_email_campaign(
    session: Session,
    name: str,
    preview: EmailPreview,
    template: Template,
    *,
    actor: Actor,
    control: ControlGroup | None = None,
) -> CampaignInfo:
    """Record the mailing: recipients frozen, one pending delivery each, the template kept
    (a resumed send uses the same words), the control group frozen with it when there is
    one. A bulk mailing: needs ``bulk_print``."""

    actor.require("bulk_print")
    name = (name or "").strip()
    if not name:
        raise ValidationError([DomainError("required", field="campaign")])
    if shop_info(session) is None:  # the law wants the sender's name and address
        raise DomainError("email_needs_shop", field="shop_name")
    if not preview.recipients:
        raise DomainError("no_recipients", field="segment")
    options: dict[str, Any] = {
        "template": template.to_json(),
        "excluded": [e.to_json() for e in preview.excluded],
    }
    if control is not None:
        options["control"] = control.to_json()
    campaign = Campaign(
        name=name[:100],
        segment_id=preview.segment_id,
        kind="email",
        options=json.dumps(options, ensure_ascii=False),
        sent_on=clock.local_today(),
        staff_id=actor.staff_id,
    )
    session.add(campaign)
    session.flush()
    for i, r in enumerate(preview.recipients, start=1):
        frozen = {
            "name": r.name,
            "customer_number": r.customer_number,
            "customer_id": r.customer_id,
        }
        session.add(
            CampaignRecipient(
                campaign_id=campaign.id,
                customer_id=r.customer_id,
                position=i,
                label_text=json.dumps(frozen, ensure_ascii=False),
            )
        )
        session.add(
            EmailDelivery(
                campaign_id=campaign.id, customer_id=r.customer_id, position=i, address=r.address
            )
        )
    session.flush()
    audit.record(
        session,
        "campaign.create",
        entity="campaign",
        entity_id=campaign.id,
        row_count=len(preview.recipients),
        actor=actor.audit_name,
        staff_id=actor.staff_id,
        kind="email",
        excluded=len(preview.excluded),
    )
    return get_campaign(session, campaign.id)


@dataclass
class SendReport:
    campaign_id: str
    sent: int = 0
    refused: int = 0
    interrupted: int = 0
    withdrawn: int = 0
    pending: int = 0
    stopped: str = ""  # "" done | cancelled | daily_limit | connection_lost
    refusals: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "campaign_id": self.campaign_id,
            "sent": self.sent,
            "refused": self.refused,
            "interrupted": self.interrupted,
            "withdrawn": self.withdrawn,
            "pending": self.pending,
            "stopped": self.stopped or None,
            "refusals": self.refusals,
        }


def _template_of(info: CampaignInfo) -> Template:
    if info.kind != "email":
        raise DomainError("not_an_email_campaign", field="campaign", name=info.name)
    data = info.options.get("template") or {}
    return Template(data.get("subject", ""), data.get("body", ""), data.get("html", ""))


def sent_today(session: Session) -> int:
    start, end = clock.local_day_bounds(clock.local_today())
    return int(
        session.scalar(
            select(func.count()).where(
                EmailDelivery.status == "sent",
                EmailDelivery.attempted_at >= start,
                EmailDelivery.attempted_at < end,
            )
        )
        or 0
    )


def send_campaign(
    db: Any,
    ref: str,
    *,
    actor: Actor,
    should_stop: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> SendReport:
    """Send (or resume) an email campaign's pending messages, one write per step."""
    actor.require("bulk_print")
    with db.transaction() as session:
        info = get_campaign(session, ref)
        template = _template_of(info)
        settings = require_settings(session)
        shop = shop_info(session)
        if shop is None:
            raise DomainError("email_needs_shop", field="shop_name")
        for stale in session.scalars(_deliveries(info.id, "sending")):
            stale.status, stale.detail = "interrupted", "stopped while sending"
        pending = [d.id for d in session.scalars(_deliveries(info.id, "pending"))]
        room = settings.daily_limit - sent_today(session)
    report = SendReport(info.id)
    smtp = connect(settings) if pending and room > 0 else None
    gap = 60.0 / settings.pace_per_minute
    try:
        for done, delivery_id in enumerate(pending):
            if should_stop():
                report.stopped = "cancelled"
                break
            if report.sent >= room:
                report.stopped = "daily_limit"
                break
            with db.transaction() as session:
                delivery = session.get(EmailDelivery, delivery_id)
                customer = session.get(Customer, delivery.customer_id)
                if customer is None or not customer.email_consent or customer.erased_at:
                    delivery.status, delivery.detail = "withdrawn", "no consent at sending"
                    report.withdrawn += 1
                    continue
                values = merge_values(session, customer, shop)
                message = build_message(
                    template, values, settings, shop, delivery.address, info.id, customer.id
                )
                delivery.status, delivery.attempted_at = "sending", datetime.now(UTC)
                delivery.message_id = message["Message-ID"]
                address = delivery.address
            status, detail = _send_one(smtp, message, settings.from_address, address)
            with db.transaction() as session:
                delivery = session.get(EmailDelivery, delivery_id)
                delivery.status, delivery.detail = status, detail
            if status == "sent":
                report.sent += 1
            elif status == "refused":
                report.refused += 1
                report.refusals.append({"customer_id": customer.id, "detail": detail})
            else:
                report.interrupted += 1
                report.stopped = "connection_lost"
                break
            if progress is not None:
                progress(done + 1, len(pending))
            if done + 1 < len(pending):
                sleep(gap)
    finally:
        if smtp is not None:
            with contextlib.suppress(Exception):  # the line may be gone; nothing to save
                smtp.quit()
    with db.transaction() as session:
        report.pending = len(list(session.scalars(_deliveries(info.id, "pending"))))
        audit.record(
            session,
            "email.send",
            entity="campaign",
            entity_id=info.id,
            row_count=report.sent,
            actor=actor.audit_name,
            staff_id=actor.staff_id,
            refused=report.refused,
            interrupted=report.interrupted,
            pending=report.pending,
            stopped=report.stopped,
        )
    return report


def _deliveries(campaign_id: str, status: str) -> Any:
    return (
        select(EmailDelivery)
        .where(EmailDelivery.campaign_id == campaign_id, EmailDelivery.status == status)
        .order_by(EmailDelivery.position)
    )


def _send_one(smtp: Any, message: Any, sender: str, address: str) -> tuple[str, str]:
    """(status, detail): ``sent``; ``refused`` with the server's code (the address itself
    is taken out of the server's words); ``interrupted`` when the line went."""

    def words(code: int, text: bytes | str) -> str:
        said = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        return f"{code} {said.replace(address, '<recipient>')}"[:200]

    try:
        refused = smtp.send_message(message, from_addr=sender, to_addrs=[address])
    except smtplib.SMTPRecipientsRefused as error:
        code, text = next(iter(error.recipients.values()))
        return "refused", words(code, text)
    except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
        return "refused", words(error.smtp_code, error.smtp_error)
    except (smtplib.SMTPServerDisconnected, OSError):
        return "interrupted", "connection lost"
    if refused:
        code, text = next(iter(refused.values()))
        return "refused", words(code, text)
    return "sent", ""


def email_status(session: Session, ref: str) -> dict[str, Any]:
    """Counts by status and each recipient's status (numbers and codes, no addresses)."""
    info = get_campaign(session, ref)
    _template_of(info)
    rows = session.execute(
        select(
            EmailDelivery.position,
            Customer.customer_number,
            EmailDelivery.status,
            EmailDelivery.detail,
            EmailDelivery.attempted_at,
        )
        .join(Customer, Customer.id == EmailDelivery.customer_id)
        .where(EmailDelivery.campaign_id == info.id)
        .order_by(EmailDelivery.position)
    ).all()
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[row.status] += 1
    return {
        "campaign": {"id": info.id, "name": info.name, "sent_on": info.sent_on.isoformat()},
        "counts": counts,
        "recipients": [
            {
                "position": r.position,
                "customer_number": r.customer_number,
                "status": r.status,
                "detail": r.detail,
                "attempted_at": r.attempted_at.isoformat() if r.attempted_at else None,
            }
            for r in rows
        ],
    }
