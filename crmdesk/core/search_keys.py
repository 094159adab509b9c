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
    joined_search_text,
    kana_key,
    kana_key_of,
    normalize_text,
    phone_digits,
    search_field,
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
    """The search columns for a customer's fields (and active card numbers).

    Each field is normalised once: the name, the reading and the phone digits serve as
    keys and as parts of the search text (:func:`~crmdesk.core.normalize.search_text_of`).
    """
    get = values.get
    given, given_kana = get("given_name") or "", get("given_kana") or ""
    name = _name_key((get("family_name") or "") + given)
    kana = _name_key((get("family_kana") or "") + given_kana)
    phone1, phone2 = phone_digits(get("phone1")), phone_digits(get("phone2"))
    email = get("email") or ""
    company = search_field(get("company"))
    address = "".join([get(part) or "" for part in _ADDRESS])
    return {
        "name_key": name,
        "given_key": _given_key(given),
        "kana_key": _kana_key_of(kana),
        "given_kana_key": _given_kana_key(given_kana),
        "phone1_digits": phone1,
        "phone2_digits": phone2,
        "email_key": email.strip().lower(),
        "company_key": company,
        "search_text": joined_search_text(
            name,
            kana,
            (phone1, phone2),
            email,
            get("postal_code"),
            get("customer_number"),
            _address_field(address),
            company,
            card_numbers,
        ),
    }


_ADDRESS = ("prefecture", "city", "town", "street", "building")


# Given names repeat (a shop's list has a few thousand distinct ones): normalised once each.
_given_key = lru_cache(maxsize=8192)(normalize_text)
_given_kana_key = lru_cache(maxsize=8192)(kana_key)
# Whole names and readings repeat too (imports, rebuilds): the same normalize_text, once each.
_name_key = lru_cache(maxsize=8192)(normalize_text)
_kana_key_of = lru_cache(maxsize=8192)(kana_key_of)
# Addresses repeat less, but a street of the same town often does (and a 64-character
# address is what normalize_text caches anyway): the address as its search field, once each.
_address_field = lru_cache(maxsize=1 << 14)(search_field)


def inquiry_search_text(
    subject: str, body: str, notes: Iterable[str], caller_name: str, caller_phone: str
) -> str:
    """The normalised text the inquiry search matches (subject, body, notes, caller)."""
    parts = [subject, body, *notes, caller_name]
    fields = [normalize_text(p).replace(SEPARATOR, "") for p in parts]
    fields.append(phone_digits(caller_phone))
    return SEPARATOR.join(f for f in fields if f)
