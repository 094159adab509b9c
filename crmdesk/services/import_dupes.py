"""The duplicate index an import checks each row against: the file so far and the database.

A row is the same person as a customer already known when it has the same customer
number; or the same name + kana + birthday; or a shared contact (phone or email) *and*
the person matches too (the same name, or kana, or birthday). A contact alone is not a
person: families share a landline and shops share one address, so a shared contact with
a different name is imported, and the duplicate finder (名寄せ) lists the pair for the
owner to review. What counts as the same phone, email or person is
:mod:`crmdesk.core.duplicates`. Held in memory, so a 100,000-row file costs one query,
not one per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core.duplicates import PersonKeys, likeness
from crmdesk.store.models import Customer, PointCard


@dataclass(frozen=True)
class Hit:
    customer_id: str
    number: str | None
    row: int | None  # the row of this file it came from, when it did
    reasons: list[str]


Ref = tuple[str, str, int | None]  # customer id, number, row of this file (or None)
#: The customers with one key: one (a tuple), or a list once a second one shares it.
Refs = tuple[Ref, ...] | list[Ref]
#: What makes a shared contact the same person (:func:`likeness`): name, kana, birthday.
Person = tuple[str, str, date | None]


@dataclass
class DupeIndex:
    """The keys of every customer so far, held as tuples of text (and dates) wherever a
    key has one customer: Python's garbage collector stops tracking those, so a large
    file (or a database of a million customers) does not slow every collection down."""

    phones: dict[str, Refs] = field(default_factory=dict)
    emails: dict[str, Refs] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)  # by customer id
    people: dict[tuple[str, str, date], Ref] = field(default_factory=dict)
    numbers: dict[str, Ref] = field(default_factory=dict)
    numbers_used: set[str] = field(default_factory=set)
    cards: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, session: Session) -> DupeIndex:
        index = cls()
        query = select(
            Customer.id,
            Customer.customer_number,
            Customer.phone1_digits,
            Customer.phone2_digits,
            Customer.email_key,
            Customer.name_key,
            Customer.kana_key,
            Customer.birthday,
            Customer.deleted,
        )
        for cid, number, p1, p2, email, name, kana, birthday, deleted in session.execute(query):
            index.numbers_used.add(number)
            if deleted:
                continue
            keys = {
                "phone1_digits": p1,
                "phone2_digits": p2,
                "email_key": email,
                "name_key": name,
                "kana_key": kana,
            }
            index.add(PersonKeys.of_keys(keys, birthday), number, cid, None)
        index.cards = set(session.scalars(select(PointCard.card_number)))
        return index

    def add(self, person: PersonKeys, number: str, cid: str, row: int | None) -> None:
        ref = (cid, number, row)
        self.persons[cid] = (person.name, person.kana, person.birthday)
        for phone in person.phones:
            _note(self.phones, phone, ref)
        if person.email:
            _note(self.emails, person.email, ref)
        if person.person is not None:
            self.people.setdefault(person.person, ref)
        if number:
            self.numbers.setdefault(number, ref)
            self.numbers_used.add(number)

    def find(self, row: PersonKeys, number: str) -> Hit | None:
        # Most rows share nothing: a few lookups, and nothing made for them.
        found: dict[str, tuple[Ref, list[str]]] = {}
        if number:
            _reason(found, self.numbers.get(number), "same_customer_number")
        phones = row.phones
        for phone in sorted(phones) if len(phones) > 1 else phones:
            refs = self.phones.get(phone)
            if refs:
                self._contact(found, row, refs, "same_phone")
        if row.email:
            refs = self.emails.get(row.email)
            if refs:
                self._contact(found, row, refs, "same_email")
        person = row.person
        if person is not None:
            _reason(found, self.people.get(person), "same_name_kana_birthday")
        if not found:
            return None
        ref, reasons = max(found.values(), key=lambda e: len(e[1]))
        if "same_name_kana_birthday" in reasons:  # says all three already
            reasons = [r for r in reasons if r not in ("same_name", "same_kana", "same_birthday")]
        return Hit(ref[0], ref[1], ref[2], reasons)

    def _contact(
        self, found: dict[str, tuple[Ref, list[str]]], row: PersonKeys, refs: Refs, reason: str
    ) -> None:
        for ref in refs:
            known = self.persons.get(ref[0])
            same = likeness(row, _keys(known)) if known is not None else []
            if same:  # a shared contact alone is not the same person
                _reason(found, ref, reason)
                for why in same:
                    _reason(found, ref, why)


def _reason(found: dict[str, tuple[Ref, list[str]]], ref: Ref | None, reason: str) -> None:
    if ref is not None:
        entry = found.setdefault(ref[0], (ref, []))
        if reason not in entry[1]:
            entry[1].append(reason)


def _note(table: dict[str, Refs], key: str, ref: Ref) -> None:
    refs = table.get(key)
    if refs is None:
        table[key] = (ref,)
    elif isinstance(refs, tuple):
        table[key] = [*refs, ref]
    else:
        refs.append(ref)


def _keys(person: Person) -> PersonKeys:
    name, kana, birthday = person
    return PersonKeys(phones=frozenset(), email="", name=name, kana=kana, birthday=birthday)
