"""Recorded mailings (campaigns): the frozen list of who got one, as printed then.

:func:`create_campaign` saves a mailing (a :class:`~crmdesk.services.mailings.MailingPreview`)
with its recipients frozen (position and the address as printed), so re-opening it later
shows who actually got it, whatever has changed since. Who gets a mailing is decided in
:mod:`crmdesk.services.mailings`; printing and its record in
:mod:`crmdesk.services.mailings_print`; the response report in
:mod:`crmdesk.services.responses`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crmdesk.core.address import Addressee
from crmdesk.core.clock import local_today
from crmdesk.core.errors import DomainError, NotFoundError, ValidationError
from crmdesk.services import audit
from crmdesk.services.mailings import ControlGroup, MailingPreview
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.models import Campaign, CampaignRecipient, Segment

KINDS = ("labels", "postcards", "email")
#: Postage and print per piece, yen (a sealed letter with a catalogue stays well inside).
MAX_COST_PER_PIECE = 10_000


@dataclass(frozen=True)
class CampaignInfo:
    id: str
    name: str
    kind: str
    sent_on: date
    segment_id: str | None
    segment_name: str
    layout_code: str
    recipients: int
    options: dict[str, Any]

    @property
    def control(self) -> ControlGroup | None:
        data = self.options.get("control")
        if not data:
            return None
        return ControlGroup(int(data["percent"]), int(data["seed"]), tuple(data["customer_ids"]))

    @property
    def cost_per_piece(self) -> int | None:
        value = self.options.get("cost_per_piece")
        return int(value) if value is not None else None

    def to_json(self) -> dict[str, Any]:
        options = {k: v for k, v in self.options.items() if k not in ("excluded", "control")}
        control = self.control
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "sent_on": self.sent_on.isoformat(),
            "segment": {"id": self.segment_id, "name": self.segment_name},
            "layout": self.layout_code,
            "recipients": self.recipients,
            "excluded": len(self.options.get("excluded", [])),
            "control": None
            if control is None
            else {
                "percent": control.percent,
                "seed": control.seed,
                "size": len(control.customer_ids),
            },
            "options": options,
        }


def create_campaign(
    session: Session,
    name: str,
    mailing: MailingPreview,
    *,
    kind: str = "labels",
    layout_code: str = "",
    options: dict[str, Any] | None = None,
    sent_on: date | None = None,
    staff_id: str | None = None,
    actor: Actor = CLI_ACTOR,
    control: ControlGroup | None = None,
    cost_per_piece: int | None = None,
) -> CampaignInfo:
    """Save a mailing with its recipients frozen in print order.

    Everyone named on a piece is a recipient: the joint names of a household's label
    (連名) are frozen at that label's position, with its text.

    ``control`` (from :func:`hold_out_control`) is frozen with it, as is the owner's
    ``cost_per_piece`` (postage and print, yen) that the response report sets against the
    extra sales. Needs the ``bulk_print`` permission.
    """
    actor.require("bulk_print")
    name = (name or "").strip()
    if not name:
        raise ValidationError([DomainError("required", field="campaign")])
    if kind not in KINDS:
        raise DomainError("segment_bad_value", field="campaign", value=kind)
    if not mailing.addressees:
        raise DomainError("no_recipients", field="segment")
    if cost_per_piece is not None and not 0 <= cost_per_piece <= MAX_COST_PER_PIECE:
        raise DomainError("invalid_cost_per_piece", field="cost_per_piece", max=MAX_COST_PER_PIECE)
    stored = dict(mailing.options) | dict(options or {})
    stored["excluded"] = [e.to_json() for e in mailing.excluded]
    if control is not None:
        stored["control"] = control.to_json()
    if cost_per_piece is not None:
        stored["cost_per_piece"] = cost_per_piece
    campaign = Campaign(
        name=name[:100],
        segment_id=mailing.segment_id,
        kind=kind,
        layout_code=layout_code,
        options=json.dumps(stored, ensure_ascii=False),
        sent_on=sent_on or local_today(),
        staff_id=staff_id or actor.staff_id,
    )
    session.add(campaign)
    session.flush()
    rows = [
        {
            "campaign_id": campaign.id,
            "customer_id": customer_id,
            "position": i,
            "label_text": json.dumps(asdict(a), ensure_ascii=False),
        }
        for i, a in enumerate(mailing.addressees, start=1)
        for customer_id in mailing.customer_ids(a)
    ]
    session.add_all(CampaignRecipient(**row) for row in rows)
    session.flush()
    audit.record(
        session,
        "campaign.create",
        entity="campaign",
        entity_id=campaign.id,
        row_count=len(rows),
        actor=actor.audit_name,
        staff_id=actor.staff_id,
        excluded=len(mailing.excluded),
        control=len(control.customer_ids) if control else 0,
    )
    return get_campaign(session, campaign.id)


def _campaign(session: Session, ref: str) -> Campaign:
    ref = (ref or "").strip()
    campaign = session.get(Campaign, ref)
    if campaign is None or campaign.deleted:
        campaign = session.scalar(
            select(Campaign)
            .where(Campaign.name == ref, ~Campaign.deleted)
            .order_by(Campaign.sent_on.desc(), Campaign.id.desc())
            .limit(1)
        )
    if campaign is None:
        raise NotFoundError("campaign_not_found", field="campaign", ref=ref)
    return campaign


def _info(session: Session, campaign: Campaign, count: int | None = None) -> CampaignInfo:
    if count is None:
        count = session.scalar(
            select(func.count()).where(CampaignRecipient.campaign_id == campaign.id)
        )
    segment = session.get(Segment, campaign.segment_id) if campaign.segment_id else None
    return CampaignInfo(
        id=campaign.id,
        name=campaign.name,
        kind=campaign.kind,
        sent_on=campaign.sent_on,
        segment_id=campaign.segment_id,
        segment_name=segment.name if segment is not None else "",
        layout_code=campaign.layout_code,
        recipients=count or 0,
        options=json.loads(campaign.options or "{}"),
    )


def get_campaign(session: Session, ref: str) -> CampaignInfo:
    """A mailing by id or by name (the latest of that name)."""
    return _info(session, _campaign(session, ref))


def list_campaigns(session: Session) -> list[CampaignInfo]:
    counts = dict(
        session.execute(
            select(CampaignRecipient.campaign_id, func.count()).group_by(
                CampaignRecipient.campaign_id
            )
        ).all()
    )
    rows = session.scalars(
        select(Campaign).where(~Campaign.deleted).order_by(Campaign.sent_on.desc(), Campaign.id)
    )
    return [_info(session, c, counts.get(c.id, 0)) for c in rows]


@dataclass(frozen=True)
class FrozenRecipient:
    position: int
    customer_id: str
    addressee: Addressee

    def to_json(self) -> dict[str, Any]:
        a = self.addressee
        return {
            "position": self.position,
            "customer_id": self.customer_id,
            "customer_number": a.customer_number,
            "name": a.name,
            "postal_code": a.postal_code,
            "address": a.address,
            "building": a.building,
        }


def frozen_recipients(session: Session, ref: str) -> list[FrozenRecipient]:
    """Who got the mailing, as printed then (not as the customers read today)."""
    campaign = _campaign(session, ref)
    rows = session.scalars(
        select(CampaignRecipient)
        .where(CampaignRecipient.campaign_id == campaign.id)
        .order_by(CampaignRecipient.position)
    )
    out = []
    for row in rows:
        data = json.loads(row.label_text or "{}")  # blank once the customer was erased
        addressee = Addressee(
            **{**dict.fromkeys(("postal_code", "prefecture", "city", "town", "street"), "")}
            | data
            | {"joint_names": tuple(data.get("joint_names", ()))}
        )
        out.append(FrozenRecipient(row.position, row.customer_id, addressee))
    return out


def forget_customer(session: Session, customer_id: str) -> int:
    """Blank the printed addresses of an erased customer in past mailings (APPI/GDPR).

    The recipient rows stay (the mailing's count and responses remain right).
    """
    rows = list(
        session.scalars(
            select(CampaignRecipient).where(CampaignRecipient.customer_id == customer_id)
        )
    )
    for row in rows:
        row.label_text = ""
    return len(rows)
