"""Mailings (campaigns): who gets one and who is left out, the frozen list, the last label.

:func:`preview` turns a segment into recipients and the excluded with their reasons;
:func:`create_campaign` saves a mailing with its recipients frozen (position and the
address as printed), so re-opening it later shows who actually got it, whatever has
changed since. The response report is in :mod:`crmdesk.services.responses`.

Renderers (crmdesk.reports) are called by the CLI and the UI with
``preview.addressees``; this module never draws.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crmdesk.core.address import Addressee, household_key, is_complete
from crmdesk.core.clock import local_today
from crmdesk.core.errors import DomainError, NotFoundError, ValidationError
from crmdesk.core.postal import AddressCheck
from crmdesk.core.uplift import hold_out
from crmdesk.services import audit, segments
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.db import set_setting, setting
from crmdesk.store.models import Campaign, CampaignRecipient, Customer, Segment

REASONS = (
    "erased",
    "no_dm_consent",
    "mourning",
    "incomplete_address",
    "postal_mismatch",
    "same_household",
)
KINDS = ("labels", "postcards", "email")
#: The owner may hold back 1-50% of a mailing's recipients as its control group.
CONTROL_PERCENT = (1, 50)
#: Postage and print per piece, yen (a sealed letter with a catalogue stays well inside).
MAX_COST_PER_PIECE = 10_000


def addressee_of(customer: Any) -> Addressee:
    """The label of a customer (a Customer, or a row of :data:`RECIPIENT_COLUMNS`)."""
    joint = tuple(n.strip() for n in (customer.joint_names or "").splitlines() if n.strip())
    return Addressee(
        postal_code=customer.postal_code or "",
        prefecture=customer.prefecture or "",
        city=customer.city or "",
        town=customer.town or "",
        street=customer.street or "",
        building=customer.building or "",
        company=customer.company or "",
        department=customer.department or "",
        name=f"{customer.family_name} {customer.given_name}".strip(),
        joint_names=joint,
        customer_number=customer.customer_number,
        customer_id=customer.id,
    )


#: What a preview reads of each member: plain rows, no ORM objects (tags, cards unloaded).
RECIPIENT_COLUMNS = (
    Customer.id,
    Customer.customer_number,
    Customer.family_name,
    Customer.given_name,
    Customer.postal_code,
    Customer.prefecture,
    Customer.city,
    Customer.town,
    Customer.street,
    Customer.building,
    Customer.company,
    Customer.department,
    Customer.joint_names,
    Customer.dm_consent,
    Customer.mourning_until,
    Customer.erased_at,
)


@dataclass(frozen=True)
class Excluded:
    customer_id: str
    customer_number: str
    name: str
    reasons: tuple[str, ...]
    same_household_as: str = ""  # the customer number who gets the household's mail

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "customer_id": self.customer_id,
            "customer_number": self.customer_number,
            "reasons": list(self.reasons),
        }
        if self.same_household_as:
            data["same_household_as"] = self.same_household_as
        return data


@dataclass(frozen=True)
class MailingPreview:
    segment_id: str
    segment_name: str
    addressees: list[Addressee]
    excluded: list[Excluded]
    options: dict[str, Any] = field(default_factory=dict)

    def reason_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(REASONS, 0)
        for item in self.excluded:
            for reason in item.reasons:
                counts[reason] += 1
        return {k: v for k, v in counts.items() if v}

    def to_json(self) -> dict[str, Any]:
        return {
            "segment": {"id": self.segment_id, "name": self.segment_name},
            "recipients": len(self.addressees),
            "excluded": len(self.excluded),
            "reasons": self.reason_counts(),
        }


def _reasons(customer: Any, addressee: Addressee, today: date, check: AddressCheck) -> list[str]:
    if customer.erased_at is not None:
        return ["erased"]
    reasons = []
    if not customer.dm_consent:
        reasons.append("no_dm_consent")
    if customer.mourning_until is not None and customer.mourning_until >= today:
        reasons.append("mourning")
    if not is_complete(addressee):
        reasons.append("incomplete_address")
    elif not check(addressee.postal_code, addressee.prefecture, addressee.city):
        reasons.append("postal_mismatch")
    return reasons


def preview(
    session: Session,
    segment_ref: str,
    *,
    one_per_household: bool = False,
    sort_postal: bool = False,
    today: date | None = None,
    actor: Actor = CLI_ACTOR,
) -> MailingPreview:
    """Recipients of a segment in print order, and who is excluded and why.

    The addresses of a whole mailing: needs the ``bulk_print`` permission.

    Erased customers the segment still matches (their purchases remain) are listed as
    excluded, so the owner sees why they are gone. With ``one_per_household`` the first
    member of a household (by customer number) gets the mail; the others are excluded as
    ``same_household``. Sorting by postal code keeps customer number order within a code.
    """
    actor.require("bulk_print")
    today = today or local_today()
    info = segments.get_segment(session, segment_ref)
    query = segments.member_query(session, info.definition, today=today, include_erased=True)
    found = session.execute(query.with_only_columns(*RECIPIENT_COLUMNS))
    check = AddressCheck()  # each postal code looked up once per preview
    addressees: list[Addressee] = []
    excluded: list[Excluded] = []
    households: dict[str, str] = {}
    for customer in found:
        addressee = addressee_of(customer)
        reasons = _reasons(customer, addressee, today, check)
        if reasons:
            excluded.append(
                Excluded(customer.id, customer.customer_number, addressee.name, tuple(reasons))
            )
            continue
        if one_per_household:
            key = household_key(addressee)
            if key in households:
                excluded.append(
                    Excluded(
                        customer.id,
                        customer.customer_number,
                        addressee.name,
                        ("same_household",),
                        same_household_as=households[key],
                    )
                )
                continue
            households[key] = customer.customer_number
        addressees.append(addressee)
    if sort_postal:
        addressees.sort(key=lambda a: (a.postal_code, a.customer_number))
    options = {"one_per_household": one_per_household, "sort_postal": sort_postal}
    return MailingPreview(info.id, info.name, addressees, excluded, options)


@dataclass(frozen=True)
class ControlGroup:
    """The people held back from a mailing at random: they get nothing, and are compared."""

    percent: int
    seed: int
    customer_ids: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"percent": self.percent, "seed": self.seed, "customer_ids": list(self.customer_ids)}


def hold_out_control(
    mailing: MailingPreview, percent: int, *, seed: int | None = None
) -> tuple[MailingPreview, ControlGroup]:
    """Hold back ``percent`` of the recipients at random (reproducible from ``seed``).

    Returns the mailing without them (what gets printed and frozen) and the control group.
    """
    low, high = CONTROL_PERCENT
    if not low <= percent <= high:
        raise DomainError("invalid_control_share", field="control", low=low, high=high)
    if seed is None:
        seed = secrets.randbelow(2**31)
    held = hold_out([a.customer_id for a in mailing.addressees], percent, seed)
    if not held:
        raise DomainError("control_too_few", field="control", count=len(mailing.addressees))
    kept = [a for a in mailing.addressees if a.customer_id not in held]
    options = {**mailing.options, "control_percent": percent}
    control = ControlGroup(percent, seed, tuple(sorted(held)))
    return replace(mailing, addressees=kept, options=options), control


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
            "customer_id": a.customer_id,
            "position": i,
            "label_text": json.dumps(asdict(a), ensure_ascii=False),
        }
        for i, a in enumerate(mailing.addressees, start=1)
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


# -- where the last sheet ended ------------------------------------------------------------


def _start_key(layout_code: str) -> str:
    return f"labels.next_start.{layout_code}"


def next_start(session: Session, layout_code: str) -> int:
    """The first free label on the partly used sheet of this layout (1 for a new sheet)."""
    value = setting(session, _start_key(layout_code), 1)
    return value if isinstance(value, int) and value >= 1 else 1


def remember_next_start(
    session: Session, layout_code: str, last_position: int, per_sheet: int
) -> int:
    """Save where the next print starts after a sheet ended at ``last_position``."""
    following = last_position % per_sheet + 1 if per_sheet > 0 else 1
    set_setting(session, _start_key(layout_code), following)
    return following


def postcard_sender(session: Session) -> dict[str, str] | None:
    """The shop's return address for postcards (settings ``postcards.sender``), if set."""
    value = setting(session, "postcards.sender")
    return value if isinstance(value, dict) and value.get("name") else None
