"""What a customer is found by: the derived search columns, the customer and card numbers.

The search columns are made by :mod:`crmdesk.core.search_keys` from the stored fields;
customer numbers are handed out here (within the range a syncing branch was given), and
a customer is looked up by id, customer number or card number (:func:`resolve_customer`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crmdesk.core.errors import DomainError, NotFoundError
from crmdesk.core.normalize import normalize_text
from crmdesk.core.search_keys import CUSTOMER_KEYS, customer_keys
from crmdesk.services.customer_fields import EDITABLE
from crmdesk.store.db import setting
from crmdesk.store.models import Customer, PointCard

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
    lo, hi = number_range(session, "numbers.customer_range")
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


def number_range(session: Session, key: str) -> tuple[int | None, int | None]:
    found = setting(session, key)
    if not found:
        return None, None
    return int(found[0]), int(found[1])


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


def resolve_customer(session: Session, ref: str) -> Customer:
    """A customer by id, customer number or card number (what the CLI accepts)."""
    ref = ref.strip()
    for finder in (get_customer, get_by_number, get_by_card):
        try:
            return finder(session, ref)
        except NotFoundError:
            continue
    raise NotFoundError("customer_not_found", ref=ref)


def normalize_card_number(text: str) -> str:
    return normalize_text(text).replace("-", "")
