"""A likely duplicate of the customer being entered, asked before the card or the CLI saves.

The rules are :mod:`crmdesk.core.duplicates` (also the import's and 名寄せ's); here they
become one indexed query over the stored search columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from crmdesk.core import validate
from crmdesk.core.duplicates import PersonKeys, entry_reasons
from crmdesk.store.models import Customer


@dataclass(frozen=True)
class DuplicateCandidate:
    customer_id: str
    customer_number: str
    name: str
    reasons: tuple[str, ...]  # same_phone | same_email | same_name_kana_birthday


def find_duplicates(
    session: Session, values: Mapping[str, Any], *, exclude_id: str | None = None
) -> list[DuplicateCandidate]:
    """Existing customers that look like the one being entered.

    Same phone (either number, digits compared), same email, or the same name, kana and
    birthday together.
    """
    entered = PersonKeys.of_fields(values, _birthday(values.get("birthday")))
    conditions: list[ColumnElement[bool]] = []
    if entered.phones:
        phones = sorted(entered.phones)
        conditions += [Customer.phone1_digits.in_(phones), Customer.phone2_digits.in_(phones)]
    if entered.email:
        conditions.append(Customer.email_key == entered.email)
    if entered.person is not None:
        conditions.append(
            (Customer.name_key == entered.name)
            & (Customer.kana_key == entered.kana)
            & (Customer.birthday == entered.birthday)
        )
    if not conditions:
        return []
    query = select(Customer).where(or_(*conditions), ~Customer.deleted).limit(20)
    found = []
    for other in session.scalars(query):
        if other.id == exclude_id:
            continue
        reasons = entry_reasons(entered, PersonKeys.of_customer(other))
        found.append(
            DuplicateCandidate(other.id, other.customer_number, other.name, tuple(reasons))
        )
    return found


def _birthday(value: Any) -> date | None:
    """The birthday as typed: a date, or text the form accepts (anything else: unknown)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return validate.parse_date(value)
        except ValueError:
            return None
    return None
