"""Customers: create, update, delete, look up, tag, list.

Every function takes the caller's Session; the caller owns the transaction, so one user
action is one commit. Input is validated field by field before anything is written, and
a :class:`~crmdesk.core.errors.ValidationError` names every bad field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from crmdesk.core import validate
from crmdesk.core.errors import DomainError, NotFoundError, ValidationError
from crmdesk.core.normalize import kana_key, normalize_text, phone_digits
from crmdesk.core.postal import lookup_postal
from crmdesk.core.search_keys import CUSTOMER_KEYS, customer_keys
from crmdesk.services import audit
from crmdesk.services.email_refusals import audit_refusal
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.models import Customer, CustomerTag, PointCard, Tag

GENDERS = ("", "female", "male", "other")

#: Fields a user edits, with their maximum length (text) or kind.
TEXT_FIELDS: dict[str, int] = {
    "customer_number": 20,
    "family_name": 60,
    "given_name": 60,
    "family_kana": 60,
    "given_kana": 60,
    "prefecture": 10,
    "city": 60,
    "town": 100,
    "street": 100,
    "building": 100,
    "company": 100,
    "department": 100,
    "joint_names": 200,
    "notes": 10_000,
}
SPECIAL_FIELDS = (
    "gender",
    "birthday",
    "postal_code",
    "phone1",
    "phone2",
    "email",
    "dm_consent",
    "email_consent",
    "first_visit",
    "mourning_until",
    "home_branch_id",
    "channel_id",  # 流入経路: an id or a name, checked by services.channels
    "referred_by_id",  # 紹介者: another customer's id, checked by services.channels
)
EDITABLE = tuple(TEXT_FIELDS) + SPECIAL_FIELDS
#: Links to other rows, checked against the database (services.channels.clean_links).
LINK_FIELDS = ("channel_id", "referred_by_id")


@dataclass(frozen=True)
class CustomerChange:
    """What a mutating call changed, so a screen can refresh only that."""

    customer_id: str
    created: bool = False
    deleted: bool = False
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class DuplicateCandidate:
    customer_id: str
    customer_number: str
    name: str
    reasons: tuple[str, ...]  # same_phone | same_email | same_name_kana_birthday


def today_local() -> date:
    from crmdesk.core.clock import local_today

    return local_today()


def clean_fields(
    values: Mapping[str, Any], *, today: date | None = None, partial: bool = False
) -> dict[str, Any]:
    """Validate and normalise user input; raises ValidationError naming every bad field."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise DomainError("unknown_field", field=sorted(unknown)[0])
    today = today or today_local()
    errors = validate.FieldErrors()
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name in TEXT_FIELDS:
            text = "" if value is None else str(value).strip()
            if len(text) > TEXT_FIELDS[name]:
                errors.add(DomainError("too_long", field=name, max=TEXT_FIELDS[name]))
            out[name] = text
        elif name == "gender":
            gender = (value or "").strip().lower()
            if gender not in GENDERS:
                errors.add(DomainError("invalid_gender", field=name))
            out[name] = gender
        elif name == "birthday":
            out[name] = errors.check(validate.clean_birthday, value, today=today, field=name)
        elif name in ("first_visit", "mourning_until"):
            out[name] = errors.check(_clean_date, value, name)
        elif name == "postal_code":
            out[name] = errors.check(validate.clean_postal_code, value or "", field=name)
        elif name in ("phone1", "phone2"):
            out[name] = errors.check(validate.clean_phone, value or "", field=name)
        elif name == "email":
            out[name] = errors.check(validate.clean_email, value or "", field=name)
        elif name in ("dm_consent", "email_consent"):
            out[name] = _clean_bool(value)
        else:
            out[name] = value or None
    if "joint_names" in out:
        out["joint_names"] = clean_joint_names(out["joint_names"])
    if not partial and not has_name_or_company(out):
        errors.add(DomainError("name_or_company_required", field="family_name"))
    errors.raise_if_any()
    return out


ADDRESS_FROM_POSTAL = ("prefecture", "city", "town")


def fill_from_postal(values: dict[str, Any], current: Mapping[str, Any] | None = None) -> None:
    """Prefecture, city and town from the postal code when all three are blank.

    The card does this as the code is typed; here it is done for everything else that
    saves a customer (the CLI, the importer). ``current`` is the stored record an edit
    applies to. An unknown code fills nothing.
    """
    record = {**(current or {}), **values}
    code = record.get("postal_code") or ""
    if not code or any(record.get(name) for name in ADDRESS_FROM_POSTAL):
        return
    found = lookup_postal(code)
    if found is not None:
        values.update(prefecture=found.prefecture, city=found.city, town=found.town)


def clean_joint_names(text: str) -> str:
    """連名: one name per line (commas and 、 also separate), blanks dropped."""
    parts = [p.strip() for p in text.replace("、", "\n").replace(",", "\n").splitlines()]
    return "\n".join(p for p in parts if p)


def has_name_or_company(values: Mapping[str, Any]) -> bool:
    """A card needs a person's name, or only a company (addressed 御中 on mailings)."""
    return any((values.get(k) or "").strip() for k in ("family_name", "given_name", "company"))


def _clean_date(value: Any, name: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return validate.parse_date(str(value))
    except ValueError:
        raise DomainError("invalid_date", field=name) from None


def _clean_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "y", "on", "はい", "可", "○")
    return bool(value)


SEARCH_KEYS = CUSTOMER_KEYS


def search_keys(values: Mapping[str, Any], card_numbers: Iterable[str] = ()) -> dict[str, str]:
    """The derived search columns for a customer's fields (see :mod:`core.search_keys`).

    Used for single edits (:func:`refresh_search_keys`) and for bulk loads (demo data,
    import), which write rows without ORM objects.
    """
    return customer_keys(values, card_numbers)


def refresh_search_keys(customer: Customer) -> None:
    """Recompute a customer's search columns (blank for a deleted customer)."""
    if customer.deleted:
        keys = dict.fromkeys(SEARCH_KEYS, "")
    else:
        values = {name: getattr(customer, name) for name in EDITABLE}
        cards = [c.card_number for c in customer.cards if c.status == "active"]
        keys = search_keys(values, cards)
    for name, value in keys.items():
        if getattr(customer, name) != value:
            setattr(customer, name, value)


def next_customer_number(session: Session) -> str:
    """The next free number: one more than the largest numeric one, six digits at least.

    A branch that syncs creates numbers only in the range its hub handed it (the setting
    ``numbers.customer_range``, written by crmdesk.sync when the branch joins), so two
    branches adding customers offline never give out the same number.
    """
    lo, hi = _number_range(session, "numbers.customer_range")
    query = select(Customer.customer_number)
    if lo is not None:
        width = len(str(hi))
        query = query.where(
            func.length(Customer.customer_number) == width,
            Customer.customer_number >= str(lo),
            Customer.customer_number <= str(hi),
        )
    numbers = session.scalars(
        query.order_by(
            func.length(Customer.customer_number).desc(), Customer.customer_number.desc()
        ).limit(20)
    )
    top = max((int(n) for n in numbers if n.isdigit()), default=0)
    if lo is not None and hi is not None:
        top = max(top, lo - 1)
        if top + 1 > hi:
            raise DomainError("number_range_exhausted", kind="customer")
    return f"{top + 1:06d}"


def _number_range(session: Session, key: str) -> tuple[int | None, int | None]:
    from crmdesk.store.db import setting

    found = setting(session, key)
    if not found:
        return None, None
    return int(found[0]), int(found[1])


def create_customer(
    session: Session, values: Mapping[str, Any], *, today: date | None = None, actor: str = ""
) -> CustomerChange:
    """Add a customer. Duplicates are not refused here: see :func:`find_duplicates`."""
    clean = clean_fields(values, today=today)
    clean.update(_links(session, clean, None))
    fill_from_postal(clean)
    number = clean.get("customer_number") or next_customer_number(session)
    _check_number_free(session, number, None)
    clean["customer_number"] = number
    if clean.get("first_visit") is None:
        clean["first_visit"] = today or today_local()
    customer = Customer(**clean)
    customer.cards = []
    customer.tags = []
    refresh_search_keys(customer)
    session.add(customer)
    session.flush()
    audit.record(session, "customer.create", entity="customer", entity_id=customer.id, actor=actor)
    return CustomerChange(customer.id, created=True, fields=tuple(sorted(clean)))


def update_customer(
    session: Session,
    customer_id: str,
    values: Mapping[str, Any],
    *,
    today: date | None = None,
    actor: str = "",
) -> CustomerChange:
    customer = get_customer(session, customer_id)
    clean = clean_fields(values, today=today, partial=True)
    clean.update(_links(session, clean, customer))
    if "customer_number" in clean:
        if not clean["customer_number"]:
            raise ValidationError([DomainError("required", field="customer_number")])
        _check_number_free(session, clean["customer_number"], customer.id)
    if "postal_code" in clean:
        fill_from_postal(clean, {n: getattr(customer, n) for n in ADDRESS_FROM_POSTAL})
    merged = {**_name_of(customer), "company": customer.company, **clean}
    if not has_name_or_company(merged):
        raise ValidationError([DomainError("name_or_company_required", field="family_name")])
    changed = tuple(sorted(k for k, v in clean.items() if getattr(customer, k) != v))
    for name in changed:
        setattr(customer, name, clean[name])
    if changed:
        refresh_search_keys(customer)
        session.flush()
        audit.record(
            session,
            "customer.update",
            entity="customer",
            entity_id=customer.id,
            actor=actor,
            fields=list(changed),
        )
        if "email_consent" in changed and not customer.email_consent:
            audit_refusal(session, customer.id, source="card", actor_name=actor, staff_id=None)
    return CustomerChange(customer.id, fields=changed)


def _links(session: Session, clean: Mapping[str, Any], customer: Customer | None) -> dict[str, Any]:
    from crmdesk.services.channels import clean_links

    wanted = {k: clean[k] for k in LINK_FIELDS if k in clean}
    return clean_links(session, wanted, customer) if wanted else {}


def _name_of(customer: Customer) -> dict[str, str]:
    return {"family_name": customer.family_name, "given_name": customer.given_name}


def _check_number_free(session: Session, number: str, own_id: str | None) -> None:
    other = session.scalar(select(Customer.id).where(Customer.customer_number == number))
    if other is not None and other != own_id:
        raise ValidationError([DomainError("duplicate_customer_number", field="customer_number")])


def delete_customer(
    session: Session, customer_id: str, *, actor: Actor = CLI_ACTOR
) -> CustomerChange:
    """Soft delete: a tombstone that hides the customer and syncs (permission ``erase``)."""
    actor.require("erase")
    customer = get_customer(session, customer_id)
    customer.deleted = True
    refresh_search_keys(customer)
    audit.record(session, "customer.delete", entity="customer", entity_id=customer.id,
                 actor=actor.audit_name, staff_id=actor.staff_id)  # fmt: skip
    return CustomerChange(customer.id, deleted=True)


def get_customer(session: Session, customer_id: str, *, include_deleted: bool = False) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None or (customer.deleted and not include_deleted):
        raise NotFoundError("customer_not_found", ref=customer_id)
    return customer


def get_by_number(session: Session, number: str) -> Customer:
    customer = session.scalar(
        select(Customer).where(Customer.customer_number == number.strip(), ~Customer.deleted)
    )
    if customer is None:
        raise NotFoundError("customer_not_found", ref=number)
    return customer


def get_by_card(session: Session, card_number: str) -> Customer:
    card = session.scalar(
        select(PointCard).where(PointCard.card_number == normalize_card_number(card_number))
    )
    if card is None or card.customer.deleted:
        raise NotFoundError("card_not_found", field="card_number", ref=card_number)
    return card.customer


def normalize_card_number(text: str) -> str:
    return normalize_text(text).replace("-", "")


def resolve_customer(session: Session, ref: str) -> Customer:
    """A customer by id, customer number or card number (what the CLI accepts)."""
    ref = ref.strip()
    for finder in (get_customer, get_by_number, get_by_card):
        try:
            return finder(session, ref)
        except NotFoundError:
            continue
    raise NotFoundError("customer_not_found", ref=ref)


def set_tags(
    session: Session, customer_id: str, names: Iterable[str], *, actor: str = ""
) -> CustomerChange:
    customer = get_customer(session, customer_id)
    wanted = sorted({n.strip() for n in names if n and n.strip()})
    for name in wanted:
        if len(name) > 40:
            raise ValidationError([DomainError("too_long", field="tags", max=40)])
    existing = {t.name: t for t in session.scalars(select(Tag).where(Tag.name.in_(wanted)))}
    tags = [existing.get(n) or Tag(name=n) for n in wanted]
    if sorted(t.name for t in customer.tags) == wanted:
        return CustomerChange(customer.id)
    customer.tags = tags
    session.flush()
    audit.record(session, "customer.tags", entity="customer", entity_id=customer.id, actor=actor)
    return CustomerChange(customer.id, fields=("tags",))


def all_tags(session: Session) -> list[str]:
    used = select(CustomerTag.tag_id).distinct()
    return list(session.scalars(select(Tag.name).where(Tag.id.in_(used)).order_by(Tag.name)))


def find_duplicates(
    session: Session, values: Mapping[str, Any], *, exclude_id: str | None = None
) -> list[DuplicateCandidate]:
    """Existing customers that look like the one being entered.

    Same phone (either number, digits compared), same email, or the same name, kana and
    birthday together.
    """
    phones = {phone_digits(values.get(k) or "") for k in ("phone1", "phone2")} - {""}
    email = (values.get("email") or "").strip().lower()
    conditions: list[ColumnElement[bool]] = []
    if phones:
        conditions += [Customer.phone1_digits.in_(phones), Customer.phone2_digits.in_(phones)]
    if email:
        conditions.append(Customer.email_key == email)
    name = normalize_text((values.get("family_name") or "") + (values.get("given_name") or ""))
    kana = kana_key((values.get("family_kana") or "") + (values.get("given_kana") or ""))
    birthday = values.get("birthday")
    if isinstance(birthday, str) and birthday:
        try:
            birthday = validate.parse_date(birthday)
        except ValueError:
            birthday = None
    if name and kana and birthday:
        conditions.append(
            (Customer.name_key == name)
            & (Customer.kana_key == kana)
            & (Customer.birthday == birthday)
        )
    if not conditions:
        return []
    query = select(Customer).where(or_(*conditions), ~Customer.deleted).limit(20)
    found = []
    for other in session.scalars(query):
        if other.id == exclude_id:
            continue
        reasons = []
        if phones & {other.phone1_digits, other.phone2_digits} - {""}:
            reasons.append("same_phone")
        if email and other.email_key == email:
            reasons.append("same_email")
        if (
            name
            and other.name_key == name
            and other.kana_key == kana
            and other.birthday == birthday
        ):
            reasons.append("same_name_kana_birthday")
        found.append(
            DuplicateCandidate(other.id, other.customer_number, other.name, tuple(reasons))
        )
    return found


def customer_record(customer: Customer, *, today: date | None = None) -> dict[str, Any]:
    """A customer as plain data: the JSON of ``customer show`` and what screens display."""
    from crmdesk.core.wareki import age_on, to_wareki
    from crmdesk.services.search import full_address

    today = today or today_local()
    active = [c.card_number for c in customer.cards if c.status == "active"]
    record: dict[str, Any] = {"id": customer.id}
    for name in EDITABLE:
        value = getattr(customer, name)
        record[name] = value.isoformat() if isinstance(value, date) else value
    record.update(
        name=customer.name,
        kana=customer.kana,
        address=full_address(customer),
        age=age_on(customer.birthday, today) if customer.birthday else None,
        birthday_wareki=to_wareki(customer.birthday) if customer.birthday else None,
        tags=sorted(t.name for t in customer.tags),
        card_number=active[-1] if active else None,
        cards=[{"card_number": c.card_number, "status": c.status} for c in customer.cards],
        deleted=customer.deleted,
        erased=customer.erased_at is not None,
        fields=_custom_fields(customer),
        **_link_fields(customer),
    )
    return record


def _link_fields(customer: Customer) -> dict[str, Any]:
    from sqlalchemy.orm import object_session

    from crmdesk.services.channels import link_record

    session = object_session(customer)
    if session is None:
        return {"channel": None, "referred_by": None, "referrals": 0}
    return link_record(session, customer)


def _custom_fields(customer: Customer) -> dict[str, Any]:
    from sqlalchemy.orm import object_session

    from crmdesk.services.custom_fields import record_fields

    session = object_session(customer)
    return record_fields(session, customer.id) if session is not None else {}
