"""When two customers may be one person: the one home for the duplicate-customer rules.

Three features ask. The card and ``customer add`` warn before saving someone who looks
entered already (:mod:`crmdesk.services.customer_dupes`); the import checks each row
against the file so far and the database (:mod:`crmdesk.services.import_dupes`); 名寄せ
scores every likely pair over the whole file (:mod:`crmdesk.services.dupes`). They all
compare the keys made here, which are the stored search columns
(:func:`crmdesk.core.search_keys.customer_keys`): phones as digits, the email in lower
case, the name and the reading normalised with variant kanji folded (髙橋 is 高橋, 齋藤 is
斎藤, :mod:`crmdesk.core.itaiji`), so a name typed on the card compares as the finder's.

What each one concludes differs, as README states for each command: on entry a shared
phone or email is enough to ask; an import takes a shared contact for the same person only
with the same name, reading or birthday as well (families share a landline); 名寄せ weighs
every sign (:data:`WEIGHTS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from crmdesk.core.search_keys import customer_keys

#: 名寄せ's weight of each sign two customers share (the score is their sum, at most 100).
WEIGHTS = {"phone": 35, "email": 35, "birthday": 20, "kana": 15, "name": 15, "address": 20}


@dataclass(frozen=True)
class PersonKeys:
    """What the duplicate rules compare of one customer (or one row being entered)."""

    phones: frozenset[str]
    email: str
    name: str
    kana: str
    birthday: date | None

    @classmethod
    def of_keys(cls, keys: Mapping[str, Any], birthday: date | None) -> PersonKeys:
        """From the stored search columns (``phone1_digits``, ``email_key``, ``name_key``...)."""
        return cls(
            phones=frozenset({keys.get("phone1_digits") or "", keys.get("phone2_digits") or ""})
            - {""},
            email=keys.get("email_key") or "",
            name=keys.get("name_key") or "",
            kana=keys.get("kana_key") or "",
            birthday=birthday,
        )

    @classmethod
    def of_customer(cls, customer: Any) -> PersonKeys:
        """From a stored customer row (anything with the search columns as attributes)."""
        keys = {k: getattr(customer, k) for k in _KEY_COLUMNS}
        return cls.of_keys(keys, customer.birthday)

    @classmethod
    def of_fields(cls, values: Mapping[str, Any], birthday: date | None) -> PersonKeys:
        """From the fields as typed: the keys the customer would be stored with."""
        return cls.of_keys(customer_keys(values), birthday)

    @property
    def person(self) -> tuple[str, str, date] | None:
        """Name, reading and birthday together, when all three are known."""
        if self.name and self.kana and self.birthday:
            return (self.name, self.kana, self.birthday)
        return None


_KEY_COLUMNS = ("phone1_digits", "phone2_digits", "email_key", "name_key", "kana_key")


def same_phone(a: PersonKeys, b: PersonKeys) -> bool:
    """Either number of one is either number of the other (digits compared)."""
    return bool(a.phones & b.phones)


def same_email(a: PersonKeys, b: PersonKeys) -> bool:
    return bool(a.email) and a.email == b.email


def same_name_kana_birthday(a: PersonKeys, b: PersonKeys) -> bool:
    """The same name, reading and birthday, all three known: the same person."""
    return a.person is not None and a.person == b.person


def likeness(a: PersonKeys, b: PersonKeys) -> list[str]:
    """The personal signs two customers share: ``same_name``, ``same_kana``,
    ``same_birthday`` (what makes a shared contact the same person on import)."""
    reasons = ["same_name"] if a.name and a.name == b.name else []
    if a.kana and a.kana == b.kana:
        reasons.append("same_kana")
    if a.birthday and a.birthday == b.birthday:
        reasons.append("same_birthday")
    return reasons


def entry_reasons(entered: PersonKeys, other: PersonKeys) -> list[str]:
    """Why a customer being entered looks like ``other`` (empty: it does not).

    Same phone, same email, or the same name + kana + birthday.
    """
    reasons = ["same_phone"] if same_phone(entered, other) else []
    if same_email(entered, other):
        reasons.append("same_email")
    if same_name_kana_birthday(entered, other):
        reasons.append("same_name_kana_birthday")
    return reasons


def pair_signs(a: PersonKeys, b: PersonKeys) -> list[str]:
    """名寄せ's signs for a pair, in :data:`WEIGHTS` order (the address is the finder's)."""
    signs = ["phone"] if same_phone(a, b) else []
    if same_email(a, b):
        signs.append("email")
    shared = likeness(a, b)
    for sign in ("birthday", "kana", "name"):
        if f"same_{sign}" in shared:
            signs.append(sign)
    return signs
