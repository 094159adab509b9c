"""Who gets a mailing, who is left out and why, and who shares a label (連名).

:func:`preview` turns a segment into the pieces to print, in print order: exclusions
(erased, no DM consent, mourning, an address that cannot be delivered), households, and
the sort are decided here and nowhere else. With ``one_per_household`` two people at one
address get ONE label or postcard with both names, each with its own 様 line (連名); a
household larger than a label holds names for leaves the others out as
``same_household``. :func:`hold_out_control` draws the random control group.

The print job and its record (start position, offsets, audit, the frozen mailing) are in
:mod:`crmdesk.services.mailings_print`; the renderers of :mod:`crmdesk.reports` draw
``preview.addressees`` as they come.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from crmdesk.core.address import Addressee, household_key, is_complete
from crmdesk.core.clock import local_today
from crmdesk.core.errors import DomainError
from crmdesk.core.names import person_name
from crmdesk.core.normalize import postal_digits
from crmdesk.core.postal import AddressCheck
from crmdesk.core.uplift import hold_out
from crmdesk.services import segments
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.models import Customer

REASONS = (
    "erased",
    "no_dm_consent",
    "mourning",
    "incomplete_address",
    "postal_mismatch",
    "same_household",
)
#: Names a label holds besides the first (連名): more would not fit a 12-up label.
MAX_JOINT_NAMES = 3
#: The owner may hold back 1-50% of a mailing's recipients as its control group.
CONTROL_PERCENT = (1, 50)
_SPACE = re.compile(r"[ \u3000]+")


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
        name=person_name(customer.family_name, customer.given_name),
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


def count_reasons(excluded: Sequence[Excluded], reasons: Sequence[str]) -> dict[str, int]:
    """How many were left out for each reason, in the reasons' order; reasons no one had are
    left out (a person may have several)."""
    counts = dict.fromkeys(reasons, 0)
    for item in excluded:
        for reason in item.reasons:
            counts[reason] += 1
    return {k: v for k, v in counts.items() if v}


@dataclass(frozen=True)
class MailingPreview:
    """``addressees``: one per label or postcard, in print order. ``joined``: for a label
    that carries further names (連名), its first customer's id -> the others' ids."""

    segment_id: str
    segment_name: str
    addressees: list[Addressee]
    excluded: list[Excluded]
    options: dict[str, Any] = field(default_factory=dict)
    joined: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def people(self) -> int:
        """Customers who get the mailing: one per piece, and each joint name on it."""
        return len(self.addressees) + sum(len(v) for v in self.joined.values())

    def customer_ids(self, addressee: Addressee) -> tuple[str, ...]:
        """Everyone a piece goes to: its first customer, then those joined to it."""
        return (addressee.customer_id, *self.joined.get(addressee.customer_id, ()))

    def reason_counts(self) -> dict[str, int]:
        return count_reasons(self.excluded, REASONS)

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


def joint_name(first: Addressee, other: Addressee) -> str:
    """How ``other`` is named on ``first``'s label: the given name alone when the family
    name is the same (山田 花子 様 / 太郎 様), else the full name; "" when nothing new."""
    if not other.name or not first.name or other.name == first.name:
        return ""
    mine = _SPACE.split(first.name.strip(), maxsplit=1)
    theirs = _SPACE.split(other.name.strip(), maxsplit=1)
    if len(mine) == 2 and len(theirs) == 2 and mine[0] == theirs[0]:
        return theirs[1]
    return other.name


def merge_household(first: Addressee, other: Addressee) -> Addressee | None:
    """One label for two people at one address: ``other`` becomes a joint name (連名).

    None when ``other`` adds no name, or the label holds :data:`MAX_JOINT_NAMES` already.
    """
    joint = joint_name(first, other)
    names = (*first.joint_names, joint, *other.joint_names)
    unique = tuple(dict.fromkeys(n for n in names if n and n != first.name))
    if not joint or joint in first.joint_names or len(unique) > MAX_JOINT_NAMES:
        return None
    return replace(first, joint_names=unique)


def preview(
    session: Session,
    segment_ref: str,
    *,
    one_per_household: bool = False,
    sort_postal: bool = False,
    today: date | None = None,
    actor: Actor = CLI_ACTOR,
) -> MailingPreview:
    """The pieces of a segment's mailing in print order, and who is excluded and why.

    The addresses of a whole mailing: needs the ``bulk_print`` permission.

    Erased customers the segment still matches (their purchases remain) are listed as
    excluded, so the owner sees why they are gone. With ``one_per_household`` the first
    member of a household (by customer number) heads its label and the others are joined
    to it as 連名; one whose name adds nothing, or beyond the names a label holds, is
    excluded as ``same_household``. Sorting by postal code keeps customer number order
    within a code.
    """
    actor.require("bulk_print")
    today = today or local_today()
    info = segments.get_segment(session, segment_ref)
    query = segments.member_query(session, info.definition, today=today, include_erased=True)
    found = session.execute(query.with_only_columns(*RECIPIENT_COLUMNS))
    check = AddressCheck()  # each postal code looked up once per preview
    addressees: list[Addressee] = []
    excluded: list[Excluded] = []
    heads: dict[str, int] = {}  # household key -> index in addressees
    joined: dict[str, tuple[str, ...]] = {}
    for customer in found:
        addressee = addressee_of(customer)
        reasons = _reasons(customer, addressee, today, check)
        if reasons:
            excluded.append(
                Excluded(customer.id, customer.customer_number, addressee.name, tuple(reasons))
            )
            continue
        key = household_key(addressee) if one_per_household else ""
        if key and key in heads:
            head = addressees[heads[key]]
            merged = merge_household(head, addressee)
            if merged is None:
                excluded.append(
                    Excluded(
                        customer.id,
                        customer.customer_number,
                        addressee.name,
                        ("same_household",),
                        same_household_as=head.customer_number,
                    )
                )
            else:
                addressees[heads[key]] = merged
                joined[head.customer_id] = (*joined.get(head.customer_id, ()), customer.id)
            continue
        if key:
            heads[key] = len(addressees)
        addressees.append(addressee)
    if sort_postal:
        addressees.sort(key=lambda a: (postal_digits(a.postal_code), a.customer_number))
    options = {"one_per_household": one_per_household, "sort_postal": sort_postal}
    return MailingPreview(info.id, info.name, addressees, excluded, options, joined)


@dataclass(frozen=True)
class ControlGroup:
    """The people held back from a mailing at random: they get nothing, and are compared."""

    percent: int
    seed: int
    customer_ids: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"percent": self.percent, "seed": self.seed, "customer_ids": list(self.customer_ids)}


def check_control_percent(percent: int) -> None:
    low, high = CONTROL_PERCENT
    if not low <= percent <= high:
        raise DomainError("invalid_control_share", field="control", low=low, high=high)


def hold_out_control(
    mailing: MailingPreview, percent: int, *, seed: int | None = None
) -> tuple[MailingPreview, ControlGroup]:
    """Hold back ``percent`` of the pieces at random (reproducible from ``seed``).

    A household is held back whole: everyone named on a held-back label is in the control
    group. Returns the mailing without them (what gets printed and frozen) and the group.
    """
    check_control_percent(percent)
    if seed is None:
        seed = secrets.randbelow(2**31)
    held = hold_out([a.customer_id for a in mailing.addressees], percent, seed)
    if not held:
        raise DomainError("control_too_few", field="control", count=len(mailing.addressees))
    kept = [a for a in mailing.addressees if a.customer_id not in held]
    members = {m for head in held for m in mailing.joined.get(head, ())}
    joined = {k: v for k, v in mailing.joined.items() if k not in held}
    options = {**mailing.options, "control_percent": percent}
    control = ControlGroup(percent, seed, tuple(sorted(set(held) | members)))
    return replace(mailing, addressees=kept, options=options, joined=joined), control
