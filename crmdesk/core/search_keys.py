"""The derived search columns of a customer and an inquiry: the one place they are made.

Pure functions of the stored fields over :mod:`crmdesk.core.normalize`, so the services
(single edits, imports, demo data) and the store (rebuilding every key after the
normalisation rules changed, see :data:`~crmdesk.core.normalize.RULES_VERSION`) make
exactly the same keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from crmdesk.core.normalize import (
    SEPARATOR,
    kana_key,
    kana_key_of,
    normalize_text,
    phone_digits,
    search_text_of,
)

#: The customer columns :func:`customer_keys` fills.
CUSTOMER_KEYS = (
    "search_text",
    "name_key",
    "given_key",
    "kana_key",
    "given_kana_key",
    "phone1_digits",
    "phone2_digits",
    "email_key",
    "company_key",
)
#: The stored customer fields the keys are made from.
CUSTOMER_SOURCES = (
    "family_name",
    "given_name",
    "family_kana",
    "given_kana",
    "phone1",
    "phone2",
    "email",
    "postal_code",
    "customer_number",
    "prefecture",
    "city",
    "town",
    "street",
    "building",
    "company",
)


def customer_keys(values: Mapping[str, Any], card_numbers: Iterable[str] = ()) -> dict[str, str]:
    """The search columns for a customer's fields (and active card numbers)."""

    def get(name: str) -> str:
        return values.get(name) or ""

    name = _name_key(get("family_name") + get("given_name"))
    kana = _name_key(get("family_kana") + get("given_kana"))
    address = "".join(get(p) for p in ("prefecture", "city", "town", "street", "building"))
    return {
        "name_key": name,
        "given_key": _given_key(get("given_name")),
        "kana_key": kana_key_of(kana),
        "given_kana_key": _given_kana_key(get("given_kana")),
        "phone1_digits": phone_digits(get("phone1")),
        "phone2_digits": phone_digits(get("phone2")),
        "email_key": get("email").strip().lower(),
        "company_key": normalize_text(get("company")).replace(SEPARATOR, ""),
        "search_text": search_text_of(
            name=name,
            kana=kana,
            phones=[get("phone1"), get("phone2")],
            email=get("email"),
            postal_code=get("postal_code"),
            customer_number=get("customer_number"),
            address=address,
            company=get("company"),
            card_numbers=list(card_numbers),
        ),
    }


# Given names repeat (a shop's list has a few thousand distinct ones): normalised once each.
_given_key = lru_cache(maxsize=8192)(normalize_text)
_given_kana_key = lru_cache(maxsize=8192)(kana_key)
# Whole names and readings repeat too (imports, rebuilds): the same normalize_text, once each.
_name_key = lru_cache(maxsize=8192)(normalize_text)


def inquiry_search_text(
    subject: str, body: str, notes: Iterable[str], caller_name: str, caller_phone: str
) -> str:
    """The normalised text the inquiry search matches (subject, body, notes, caller)."""
    parts = [subject, body, *notes, caller_name]
    fields = [normalize_text(p).replace(SEPARATOR, "") for p in parts]
    fields.append(phone_digits(caller_phone))
    return SEPARATOR.join(f for f in fields if f)
