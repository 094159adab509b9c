"""Acquisition channels (流入経路): the owner's list, a customer's channel and referrer, spend.

The list works as the inquiry categories do: add, rename, retire (or bring back) and
reorder, owner only (permission ``settings``). A retired channel stays on the customers
who have it and is no longer offered for new ones: choosing it anew is refused with
``channel_retired``. The starting list is added once, on first use, with ids derived
from the names (:mod:`crmdesk.core.channels`), so branches seeding it apart make one list.

A customer's referrer (紹介者) is another live customer; herself, or anyone she referred
(directly or down a chain), is refused. Analysis of the channels lives in
:mod:`crmdesk.services.channel_report`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crmdesk.core import channels as rules
from crmdesk.core import ordering, validate
from crmdesk.core.errors import DomainError, NotFoundError, ValidationError
from crmdesk.services import customer_index
from crmdesk.services.search import search_customers
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.models import Channel, ChannelSpend, Customer


@dataclass(frozen=True)
class ChannelRow:
    """A channel as plain data (lists, combos, JSON)."""

    id: str
    name: str
    active: bool
    sort_order: int
    customers: int = 0

    def label(self, lang: str) -> str:
        return rules.display_name(self.name, lang)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "name_en": rules.display_name(self.name, "en"),
                "active": self.active, "sort_order": self.sort_order,
                "customers": self.customers}  # fmt: skip


# --- the list ---------------------------------------------------------------------


def ensure_default_channels(session: Session) -> None:
    """The starting list, added once when the shop has none."""
    if session.scalar(select(Channel.id).limit(1)) is not None:
        return
    for i, default in enumerate(rules.DEFAULT_CHANNELS):
        session.add(Channel(id=rules.channel_id(default.ja), name=default.ja,
                            sort_order=(i + 1) * 10, active=True))  # fmt: skip
    session.flush()


def list_channels(session: Session, *, include_retired: bool = False) -> list[Channel]:
    query = select(Channel).where(~Channel.deleted)
    if not include_retired:
        query = query.where(Channel.active)
    return list(session.scalars(query.order_by(Channel.sort_order, Channel.name)))


def channel_rows(session: Session, *, include_retired: bool = True) -> list[ChannelRow]:
    """The list with how many current customers have each channel."""
    counts: dict[str, int] = dict(
        session.execute(  # type: ignore[arg-type]  # rows of (id, count)
            select(Customer.channel_id, func.count())
            .where(~Customer.deleted, Customer.merged_into_id.is_(None),
                   Customer.channel_id.is_not(None))
            .group_by(Customer.channel_id)
        ).all()
    )  # fmt: skip
    return [
        ChannelRow(c.id, c.name, c.active, c.sort_order, int(counts.get(c.id, 0)))
        for c in list_channels(session, include_retired=include_retired)
    ]


def find_channel(session: Session, ref: str, *, field: str = "channel_id") -> Channel:
    """A channel by id, name (any width / kana form) or its English name."""
    ref = (ref or "").strip()
    found = session.get(Channel, ref) if ref else None
    if found is None and ref:
        wanted = rules.name_key(ref)
        everyone = list_channels(session, include_retired=True)
        found = next((c for c in everyone if rules.name_key(c.name) == wanted), None)
        if found is None:
            found = next(
                (c for c in everyone if rules.name_key(rules.display_name(c.name, "en")) == wanted),
                None,
            )
    if found is None or found.deleted:
        raise NotFoundError("channel_not_found", field=field, ref=ref)
    return found


def _check_free(session: Session, name: str, own_id: str | None) -> None:
    wanted = rules.name_key(name)
    for other in list_channels(session, include_retired=True):
        if other.id != own_id and rules.name_key(other.name) == wanted:
            raise ValidationError([DomainError("duplicate_channel", field="channel_id", ref=name)])


def add_channel(session: Session, name: str, *, actor: Actor = CLI_ACTOR) -> Channel:
    """Add a channel at the end of the list (owner only)."""
    actor.require("settings")
    name = validate.clean_required(name, "channel_id", max_length=rules.MAX_NAME)
    _check_free(session, name, None)
    last = max((c.sort_order for c in list_channels(session, include_retired=True)), default=0)
    new_id = rules.channel_id(name)
    old = session.get(Channel, new_id)  # deleted once under this name: bring the row back
    if old is not None:
        old.deleted, old.name, old.active, old.sort_order = False, name, True, last + 10
        session.flush()
        return old
    channel = Channel(id=new_id, name=name, sort_order=last + 10, active=True)
    session.add(channel)
    session.flush()
    return channel


def rename_channel(session: Session, ref: str, name: str, *, actor: Actor = CLI_ACTOR) -> Channel:
    actor.require("settings")
    channel = find_channel(session, ref)
    name = validate.clean_required(name, "channel_id", max_length=rules.MAX_NAME)
    _check_free(session, name, channel.id)
    channel.name = name
    session.flush()
    return channel


def set_channel_active(
    session: Session, ref: str, active: bool, *, actor: Actor = CLI_ACTOR
) -> tuple[Channel, int]:
    """Retire (or bring back) a channel; returns it and how many customers keep it."""
    actor.require("settings")
    channel = find_channel(session, ref)
    channel.active = active
    session.flush()
    in_use = session.scalar(
        select(func.count()).where(Customer.channel_id == channel.id, ~Customer.deleted)
    )
    return channel, int(in_use or 0)


def move_channel(session: Session, ref: str, offset: int, *, actor: Actor = CLI_ACTOR) -> Channel:
    """Move a channel ``offset`` places up (negative) or down; renumbers 10, 20, 30..."""
    actor.require("settings")
    channel = find_channel(session, ref)
    ordered = list_channels(session, include_retired=True)
    ordering.move(ordered, channel, offset)
    session.flush()
    return channel


# --- a customer's channel and referrer -------------------------------------------------


def clean_links(
    session: Session, values: Mapping[str, Any], customer: Customer | None
) -> dict[str, Any]:
    """Check ``channel_id`` / ``referred_by_id`` of a customer being saved.

    A channel is given by id or name; a retired one only when the customer already has
    it. A referrer must be a live customer other than herself and not one she referred.
    A referred customer without a channel gets 紹介. Raises ValidationError naming each.
    """
    out: dict[str, Any] = {}
    errors = validate.FieldErrors()
    if "channel_id" in values:
        ref = values["channel_id"]
        if ref in (None, ""):
            out["channel_id"] = None
        else:
            ensure_default_channels(session)  # a first customer may name a starting one
            try:
                channel = find_channel(session, str(ref), field="channel_id")
                keeps = customer is not None and customer.channel_id == channel.id
                if not channel.active and not keeps:
                    raise DomainError("channel_retired", field="channel_id", ref=channel.name)
                out["channel_id"] = channel.id
            except DomainError as error:
                errors.add(error)
    if "referred_by_id" in values:
        ref = values["referred_by_id"]
        if ref in (None, ""):
            out["referred_by_id"] = None
        else:
            try:
                out["referred_by_id"] = _check_referrer(session, str(ref), customer)
            except DomainError as error:
                errors.add(error)
    errors.raise_if_any()
    referred = out.get("referred_by_id") or (customer.referred_by_id if customer else None)
    has_channel = out.get("channel_id") or (customer.channel_id if customer else None)
    if out.get("referred_by_id") and referred and not has_channel and "channel_id" not in out:
        ensure_default_channels(session)
        referral = session.get(Channel, rules.channel_id(rules.REFERRAL))
        if referral is not None and referral.active and not referral.deleted:
            out["channel_id"] = referral.id
    return out


def _check_referrer(session: Session, customer_id: str, customer: Customer | None) -> str:
    referrer = session.get(Customer, customer_id)
    if referrer is None or referrer.deleted:
        raise NotFoundError("referrer_not_found", field="referred_by_id", ref=customer_id)

    def referrer_of(cid: str) -> str | None:
        return session.scalar(select(Customer.referred_by_id).where(Customer.id == cid))

    try:
        rules.check_referral(customer.id if customer else None, referrer.id, referrer_of)
    except DomainError as error:
        raise DomainError(error.code, field="referred_by_id") from None
    return referrer.id


def find_referrer(session: Session, ref: str) -> Customer:
    """The customer a person means by ``ref``: id, customer or card number, or a search
    that finds exactly one customer (a name, a phone number)."""

    ref = (ref or "").strip()
    if not ref:
        raise NotFoundError("referrer_not_found", field="referred_by", ref=ref)
    try:
        return customer_index.resolve_customer(session, ref)
    except NotFoundError:
        pass
    hits = search_customers(session, ref, limit=5)
    if len(hits) == 1:
        return customer_index.get_customer(session, hits[0].id)
    if hits:
        raise DomainError("referrer_ambiguous", field="referred_by", ref=ref, count=len(hits))
    raise NotFoundError("referrer_not_found", field="referred_by", ref=ref)


def referral_count(session: Session, customer_id: str) -> int:
    """How many current customers name ``customer_id`` as their referrer."""
    found = session.scalar(
        select(func.count()).where(Customer.referred_by_id == customer_id, ~Customer.deleted,
                                   Customer.merged_into_id.is_(None))
    )  # fmt: skip
    return int(found or 0)


def link_record(session: Session, customer: Customer) -> dict[str, Any]:
    """The card's and ``customer show``'s view of the links: channel, referrer, referrals."""
    channel = session.get(Channel, customer.channel_id) if customer.channel_id else None
    referrer = session.get(Customer, customer.referred_by_id) if customer.referred_by_id else None
    referred_by = None
    if referrer is not None:
        referred_by = {
            "id": referrer.id,
            "customer_number": referrer.customer_number,
            "name": referrer.name if not referrer.erased_at else "",
            "deleted": referrer.deleted,
            "referrals": referral_count(session, referrer.id),
        }
    return {
        "channel": None if channel is None else {
            "id": channel.id, "name": channel.name, "active": channel.active,
            "name_en": rules.display_name(channel.name, "en")},
        "referred_by": referred_by,
        "referrals": referral_count(session, customer.id),
    }  # fmt: skip


# --- spend ------------------------------------------------------------------------


def set_spend(
    session: Session, ref: str, month: str, yen: int, *, actor: Actor = CLI_ACTOR
) -> ChannelSpend:
    """What the shop spent on a channel in a month (replaces an earlier figure)."""
    actor.require("settings")
    errors = validate.FieldErrors()
    found = errors.check(find_channel, session, ref)
    clean_month = errors.check(rules.parse_month, month)
    amount = errors.check(rules.check_spend, yen)
    errors.raise_if_any()
    assert found is not None and clean_month is not None and amount is not None
    channel, month, yen = found, clean_month, amount
    row_id = rules.spend_id(channel.id, month)
    row = session.get(ChannelSpend, row_id)
    if row is None:
        row = ChannelSpend(id=row_id, channel_id=channel.id, month=month, yen=yen)
        session.add(row)
    else:
        row.yen, row.deleted = yen, False
    session.flush()
    return row


def spend_rows(
    session: Session, start: str | None = None, end: str | None = None
) -> list[dict[str, Any]]:
    """Entered spend (month order), optionally months ``start`` to ``end`` (YYYY-MM)."""
    query = (
        select(ChannelSpend.month, Channel.name, ChannelSpend.yen)
        .join(Channel, Channel.id == ChannelSpend.channel_id)
        .where(~ChannelSpend.deleted)
        .order_by(ChannelSpend.month, Channel.sort_order)
    )
    if start:
        query = query.where(ChannelSpend.month >= start)
    if end:
        query = query.where(ChannelSpend.month <= end)
    return [{"month": m, "channel": n, "yen": int(y)} for m, n, y in session.execute(query)]
