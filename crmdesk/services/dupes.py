"""名寄せ: find customers entered twice, merge them, undo a merge.

Candidate pairs come from indexed blocking keys (same phone digits, same email, same
kana + birthday, same name + postal code), each one GROUP BY pass, so
the finder never compares every customer with every other. Each candidate pair is then
scored on normalised kana, name, phone, email, birthday (the rules and weights of
:mod:`crmdesk.core.duplicates`) and address.

A merge keeps one customer (the survivor, "a"), takes each field from "a" or "b" as the
owner chose (by default "a", or "b" where "a" is blank), moves purchases, point
entries, cards, inquiries, mailings and tags to the survivor and leaves the other as a
tombstone with ``merged_into_id``. The audit log gets ids and field names only; the
survivor's previous values, needed for undo, go to the ``merge_undo`` table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import combinations
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from crmdesk.core.duplicates import WEIGHTS, PersonKeys, pair_signs
from crmdesk.core.errors import DomainError
from crmdesk.core.normalize import normalize_text
from crmdesk.services import audit, customer_fields, customer_index
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.models import (
    CampaignRecipient,
    Customer,
    CustomerTag,
    Inquiry,
    MergeUndo,
    PointCard,
    PointEntry,
    Purchase,
)

CHOOSABLE = tuple(f for f in customer_fields.EDITABLE if f != "customer_number")
#: Each consent and the address it was given for; unless chosen apart, it follows it.
CONSENT_OF: dict[str, tuple[str, ...]] = {
    "email_consent": ("email",),
    "dm_consent": ("postal_code", "prefecture", "city", "town", "street", "building"),
}
# Tables whose rows follow the customer in a merge (each has id and customer_id).
MOVED: dict[str, Any] = {
    "purchase": Purchase,
    "point_entry": PointEntry,
    "point_card": PointCard,
    "inquiry": Inquiry,
    "campaign_recipient": CampaignRecipient,
}


@dataclass(frozen=True)
class DupePair:
    a_id: str
    b_id: str
    a_number: str
    b_number: str
    score: int
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "reasons": list(self.reasons)}


@dataclass
class MergeResult:
    merge_id: str
    survivor_id: str
    other_id: str
    fields_from_b: list[str]
    moved: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"ok": True, **self.__dict__}


#: Blocking keys: customers sharing one are compared. Each is a GROUP BY over indexed
#: columns (one pass and a sort), never a comparison of every customer with every other.
BLOCKS = (
    "SELECT group_concat(id, ' ') FROM (SELECT id, phone1_digits AS k FROM customer "
    "WHERE NOT deleted AND phone1_digits != '' UNION SELECT id, phone2_digits FROM customer "
    "WHERE NOT deleted AND phone2_digits != '') GROUP BY k HAVING count(*) > 1",
    "SELECT group_concat(id, ' ') FROM customer WHERE NOT deleted AND email_key != '' "
    "GROUP BY email_key HAVING count(*) > 1",
    "SELECT group_concat(id, ' ') FROM customer WHERE NOT deleted AND kana_key != '' "
    "AND birthday IS NOT NULL GROUP BY kana_key, birthday HAVING count(*) > 1",
    "SELECT group_concat(id, ' ') FROM customer WHERE NOT deleted AND name_key != '' "
    "AND postal_code != '' GROUP BY name_key, postal_code HAVING count(*) > 1",
)
MAX_BLOCK = 30  # a key shared by more customers (a shop's own phone) says little


def _candidate_pairs(session: Session) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for sql in BLOCKS:
        for (ids,) in session.execute(text(sql)):
            members = sorted(set(ids.split(" ")))
            if len(members) <= MAX_BLOCK:
                pairs.update(combinations(members, 2))
    return pairs


def find_pairs(session: Session, *, min_score: int = 30, limit: int = 500) -> list[DupePair]:
    """Likely duplicate pairs over the whole file, best first."""
    pairs = _candidate_pairs(session)
    if not pairs:
        return []
    ids = sorted({i for p in pairs for i in p})
    people: dict[str, Customer] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for c in session.scalars(select(Customer).where(Customer.id.in_(chunk))):
            people[c.id] = c
    found = []
    for x, y in pairs:
        score, reasons = score_pair(people[x], people[y])
        if score >= min_score:
            found.append(DupePair(x, y, people[x].customer_number, people[y].customer_number,
                                  score, reasons))  # fmt: skip
    found.sort(key=lambda p: (-p.score, p.a_number, p.b_number))
    return found[:limit]


def score_pair(a: Customer, b: Customer) -> tuple[int, tuple[str, ...]]:
    """0-100: how alike two customers are, with the reasons."""
    reasons = pair_signs(PersonKeys.of_customer(a), PersonKeys.of_customer(b))
    if a.postal_code and a.postal_code == b.postal_code and _street(a) == _street(b):
        reasons.append("address")
    return min(100, sum(WEIGHTS[r] for r in reasons)), tuple(reasons)


def _street(c: Customer) -> str:
    return normalize_text(f"{c.town}{c.street}").replace("-", "")


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _from_json(name: str, value: Any) -> Any:
    column = Customer.__table__.c[name]
    if value is not None and column.type.python_type is date:
        return date.fromisoformat(value)
    return value


def merge(
    session: Session,
    survivor_id: str,
    other_id: str,
    choices: dict[str, str] | None = None,
    *,
    actor: Actor = CLI_ACTOR,
) -> MergeResult:
    """Merge ``other`` into ``survivor``; see the module doc. One transaction: the caller's.

    Needs the ``merge`` permission.
    """
    actor.require("merge")
    if survivor_id == other_id:
        raise DomainError("same_customer", field="merge")
    a = customer_index.get_customer(session, survivor_id)
    b = customer_index.get_customer(session, other_id)
    choices = dict(choices or {})
    for name, side in choices.items():
        if name not in CHOOSABLE:
            raise DomainError("unknown_field", field=name)
        if side not in ("a", "b"):
            raise DomainError("invalid_choice", field=name, choices="a/b")
    sides = {
        name: choices.get(name, "b" if getattr(a, name) in (None, "") else "a")
        for name in CHOOSABLE
    }
    for consent, address in CONSENT_OF.items():
        # a consent belongs to its address: it comes from the side the address came from
        moves = any(sides[f] == "b" and getattr(a, f) != getattr(b, f) for f in address)
        if consent not in choices and moves:
            sides[consent] = "b"
    taken = [
        name for name in CHOOSABLE if sides[name] == "b" and getattr(a, name) != getattr(b, name)
    ]
    previous = {name: _json_value(getattr(a, name)) for name in taken}
    for name in taken:
        setattr(a, name, getattr(b, name))
    if a.referred_by_id in (a.id, b.id):  # one referred the other: a person is not her own 紹介者
        previous.setdefault("referred_by_id", _json_value(a.referred_by_id))
        a.referred_by_id = None
    stamp = _stamp(session)
    moved: dict[str, list[str]] = {}
    for table, model in MOVED.items():
        query = select(model.id).where(model.customer_id == b.id)
        if model is CampaignRecipient:
            mine = select(CampaignRecipient.campaign_id).where(
                CampaignRecipient.customer_id == a.id
            )
            query = query.where(CampaignRecipient.campaign_id.not_in(mine))
        ids = list(session.scalars(query))
        if ids:
            values = {"customer_id": a.id, **_for(model, stamp)}
            session.execute(update(model).where(model.id.in_(ids)).values(**values))
        moved[table] = ids
    # Customers she referred (紹介) follow her too: the survivor is the one who referred them.
    referred = list(session.scalars(
        select(Customer.id).where(Customer.referred_by_id == b.id, Customer.id != a.id)
    ))  # fmt: skip
    if referred:
        session.execute(
            update(Customer).where(Customer.id.in_(referred)).values(referred_by_id=a.id, **stamp)
        )
    own_tags = set(
        session.scalars(select(CustomerTag.tag_id).where(CustomerTag.customer_id == a.id))
    )
    their_tags = session.scalars(select(CustomerTag.tag_id).where(CustomerTag.customer_id == b.id))
    added_tags = sorted(set(their_tags) - own_tags)
    for tag_id in added_tags:
        session.add(CustomerTag(customer_id=a.id, tag_id=tag_id, hlc=stamp.get("hlc", "")))
    b.deleted = True
    b.merged_into_id = a.id
    session.flush()
    session.expire(a, ["cards", "tags"])
    session.expire(b, ["cards", "tags"])
    customer_index.refresh_search_keys(a)
    customer_index.refresh_search_keys(b)
    entry = audit.record(
        session,
        "customer.merge",
        entity="customer",
        entity_id=a.id,
        row_count=sum(len(v) for v in moved.values()),
        actor=actor.audit_name,
        staff_id=actor.staff_id,
        other=b.id,
        fields=taken,
        moved=moved,
        tags_added=added_tags,
    )
    session.flush()
    data = {"fields": previous, "moved": moved, "tags_added": added_tags, "referred": referred}
    undo_data = json.dumps(data, ensure_ascii=False)
    now = datetime.now(UTC)
    session.add(MergeUndo(id=entry.id, survivor_id=a.id, other_id=b.id, merged_at=now,
                          data=undo_data))  # fmt: skip
    session.flush()
    counts = {k: len(v) for k, v in moved.items()}
    return MergeResult(entry.id, a.id, b.id, taken, counts)


def _stamp(session: Session) -> dict[str, Any]:
    db = session.info.get("db")
    if db is None:
        return {}
    return {"hlc": db.clock.now().encode(), "updated_at": datetime.now(UTC)}


def _for(model: Any, stamp: dict[str, Any]) -> dict[str, Any]:
    """The stamp without the columns a table lacks (a ledger has no updated_at)."""
    return {k: v for k, v in stamp.items() if k in model.__table__.c}


def undo(session: Session, merge_id: str, *, actor: Actor = CLI_ACTOR) -> MergeResult:
    """Undo a merge: rows back to the other customer, the survivor's fields as they were."""
    actor.require("merge")
    record = session.get(MergeUndo, merge_id)
    if record is None:
        raise DomainError("merge_not_found", field="merge", ref=merge_id)
    a = customer_index.get_customer(session, record.survivor_id, include_deleted=True)
    b = customer_index.get_customer(session, record.other_id, include_deleted=True)
    if a.deleted or b.merged_into_id != a.id:
        raise DomainError("merge_undo_blocked", field="merge", reason="customer changed")
    data = json.loads(record.data)
    for name, value in data["fields"].items():
        setattr(a, name, _from_json(name, value))
    stamp = _stamp(session)
    for table, ids in data["moved"].items():
        model = MOVED[table]
        if ids:
            session.execute(
                update(model)
                .where(model.id.in_(ids), model.customer_id == a.id)
                .values(customer_id=b.id, **_for(model, stamp))
            )
    if data.get("referred"):
        session.execute(
            update(Customer)
            .where(Customer.id.in_(data["referred"]), Customer.referred_by_id == a.id)
            .values(referred_by_id=b.id, **stamp)
        )
    for tag_id in data["tags_added"]:
        link = session.get(CustomerTag, (a.id, tag_id))
        if link is not None:
            session.delete(link)
    b.deleted = False
    b.merged_into_id = None
    session.delete(record)
    session.flush()
    session.expire(a, ["cards", "tags"])
    session.expire(b, ["cards", "tags"])
    customer_index.refresh_search_keys(a)
    customer_index.refresh_search_keys(b)
    audit.record(session, "customer.merge_undo", entity="customer", entity_id=a.id,
                 actor=actor.audit_name, staff_id=actor.staff_id, merge=merge_id,
                 other=b.id)  # fmt: skip
    session.flush()
    counts = {k: len(v) for k, v in data["moved"].items()}
    return MergeResult(merge_id, a.id, b.id, list(data["fields"]), counts)


def merges(session: Session) -> list[MergeUndo]:
    """Merges that can still be undone, newest first."""
    return list(session.scalars(select(MergeUndo).order_by(MergeUndo.merged_at.desc())))
