"""What a customer's fields may hold: the form's rules, for every way a customer is saved.

:func:`clean_fields` checks and normalises each field (one ValidationError naming every
bad field); :func:`fill_from_postal` fills the address from the postal code as the card
does while it is typed. The card, the CLI and the importer all go through these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from crmdesk.core import validate
from crmdesk.core.clock import local_today
from crmdesk.core.errors import DomainError
from crmdesk.core.postal import lookup_postal

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


def today_local() -> date:
    return local_today()


def clean_fields(
    values: Mapping[str, Any], *, today: date | None = None, partial: bool = False
) -> dict[str, Any]:
    """Validate and normalise user input; raises ValidationError naming every bad field."""
    unknown = values.keys() - _EDITABLE
    if unknown:
        raise DomainError("unknown_field", field=sorted(unknown)[0])
    today = today or today_local()
    errors = validate.FieldErrors()
    out: dict[str, Any] = {}
    for name, value in values.items():
        limit = TEXT_FIELDS.get(name)
        if limit is not None:
            text = "" if value is None else str(value).strip()
            if len(text) > limit:
                errors.add(DomainError("too_long", field=name, max=limit))
            out[name] = text
            continue
        clean = _CLEAN.get(name)
        if clean is None:  # the links: checked against the database by the caller
            out[name] = value or None
            continue
        try:
            out[name] = clean(value, name, today)
        except DomainError as error:
            errors.add(error)
            out[name] = None
    if "joint_names" in out:
        out["joint_names"] = clean_joint_names(out["joint_names"])
    if not partial and not has_name_or_company(out):
        errors.add(DomainError("name_or_company_required", field="family_name"))
    errors.raise_if_any()
    return out


def _clean_gender(value: Any, name: str, _today: date) -> str:
    gender = (value or "").strip().lower()
    if gender not in GENDERS:
        raise DomainError("invalid_gender", field=name)
    return str(gender)


#: The check of each field that is not plain text: (value, field name, today) -> clean.
_CLEAN: dict[str, Callable[[Any, str, date], Any]] = {
    "gender": _clean_gender,
    "birthday": lambda v, name, today: validate.clean_birthday(v, today=today, field=name),
    "first_visit": lambda v, name, _today: _clean_date(v, name),
    "mourning_until": lambda v, name, _today: _clean_date(v, name),
    "postal_code": lambda v, name, _today: validate.clean_postal_code(v or "", field=name),
    "phone1": lambda v, name, _today: validate.clean_phone(v or "", field=name),
    "phone2": lambda v, name, _today: validate.clean_phone(v or "", field=name),
    "email": lambda v, name, _today: validate.clean_email(v or "", field=name),
    "dm_consent": lambda v, _name, _today: _clean_bool(v),
    "email_consent": lambda v, _name, _today: _clean_bool(v),
}
_EDITABLE = frozenset(EDITABLE)


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
