"""Counter search: the one function behind the search box and ``crmdesk search``.

A query may be a name fragment in kanji or kana (any script, any width), a phone number
in any format or its last four digits, a customer number, a card number, an email or a
postal code. Results are ranked in tiers and capped:

0. exact customer number or card number
1. exact phone number or email
2. last four digits of a phone; a whole postal code
3. family name or its reading starting with the query
4. given name or its reading starting with the query
5. the query anywhere in the customer's normalised text (FTS5 trigram)

Tiers 0-4 are indexed lookups, so one- and two-character queries (佐藤, たな), which a
trigram index cannot serve, still find people. Tier 5 needs three characters.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session, lazyload

from crmdesk.core.normalize import normalize_text, phone_digits
from crmdesk.store.models import Customer, PointCard

DEFAULT_LIMIT = 50
_PREFIX_END = "\U0010ffff"
_PHONE_PUNCTUATION = "-+()."


@dataclass(frozen=True)
class SearchHit:
    """One result row: plain data, safe to hand to a Qt model or print as JSON."""

    id: str
    customer_number: str
    name: str
    kana: str
    phones: list[str]
    email: str
    postal_code: str
    address: str
    card_number: str | None
    match: str  # number | card | phone | email | phone_tail | postal | name | given | text

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def search_customers(session: Session, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """Customers matching ``query``, best first, at most ``limit``."""
    found: dict[str, str] = {}  # customer id -> match kind, in rank order

    def take(ids: Any, kind: str) -> None:
        for cid in ids:
            if len(found) >= limit:
                return
            found.setdefault(cid, kind)

    raw = query.strip()
    norm = normalize_text(raw)
    if not norm:
        return []
    digits = phone_digits(raw)
    numeric = bool(digits) and all(c.isdigit() or c in _PHONE_PUNCTUATION for c in norm)
    live = ~Customer.deleted

    take(
        session.scalars(select(Customer.id).where(Customer.customer_number == raw, live)), "number"
    )
    card = norm.replace("-", "")
    take(
        session.scalars(
            select(PointCard.customer_id)
            .join(Customer, Customer.id == PointCard.customer_id)
            .where(PointCard.card_number == card, live)
        ),
        "card",
    )
    if numeric and len(digits) >= 6:
        for column in (Customer.phone1_digits, Customer.phone2_digits):
            take(session.scalars(select(Customer.id).where(column == digits, live)), "phone")
    if "@" in norm:
        take(session.scalars(select(Customer.id).where(Customer.email_key == norm, live)), "email")
    if numeric and len(digits) == 4:
        for tail in ("phone1_digits", "phone2_digits"):
            take(
                session.scalars(
                    select(Customer.id)
                    .where(text(f"substr(customer.{tail}, -4) = :tail"), live)
                    .order_by(Customer.kana_key)
                    .limit(limit),
                    {"tail": digits},
                ),
                "phone_tail",
            )
    if numeric and len(digits) == 7:
        take(
            session.scalars(
                select(Customer.id)
                .where(Customer.postal_code == digits, live)
                .order_by(Customer.kana_key)
                .limit(limit)
            ),
            "postal",
        )
    if not numeric:
        for kind, columns in (
            ("name", (Customer.kana_key, Customer.name_key)),
            ("given", (Customer.given_kana_key, Customer.given_key)),
        ):
            for column in columns:
                take(
                    session.scalars(
                        select(Customer.id)
                        .where(column >= norm, column < norm + _PREFIX_END, live)
                        .order_by(column)
                        .limit(limit)
                    ),
                    kind,
                )
    if len(norm) >= 3 and len(found) < limit:
        take(_fts_ids(session, norm, limit), "text")
    return _hits(session, found)


def _fts_ids(session: Session, norm: str, limit: int) -> list[str]:
    phrase = '"' + norm.replace('"', '""') + '"'
    rows = session.execute(
        text(
            "SELECT c.id FROM customer_fts f JOIN customer c ON c.search_rowid = f.rowid "
            "WHERE customer_fts MATCH :q AND c.deleted = 0 LIMIT :n"
        ),
        {"q": phrase, "n": limit},
    )
    return [r[0] for r in rows]


def _hits(session: Session, found: dict[str, str]) -> list[SearchHit]:
    if not found:
        return []
    ids = list(found)
    query = (
        select(Customer)
        .where(Customer.id.in_(ids))
        .options(lazyload(Customer.tags), lazyload(Customer.cards))
    )
    customers = {c.id: c for c in session.scalars(query)}
    cards = dict(
        session.execute(
            select(PointCard.customer_id, PointCard.card_number)
            .where(PointCard.customer_id.in_(ids), PointCard.status == "active")
            .order_by(PointCard.issued_at)
        ).all()
    )
    return [to_hit(customers[cid], cards.get(cid), found[cid]) for cid in ids]


def to_hit(customer: Customer, card_number: str | None, match: str) -> SearchHit:
    return SearchHit(
        id=customer.id,
        customer_number=customer.customer_number,
        name=customer.name,
        kana=customer.kana,
        phones=[p for p in (customer.phone1, customer.phone2) if p],
        email=customer.email,
        postal_code=customer.postal_code,
        address=full_address(customer),
        card_number=card_number,
        match=match,
    )


def full_address(customer: Customer) -> str:
    parts = [customer.prefecture, customer.city, customer.town, customer.street]
    line = "".join(p for p in parts if p)
    return f"{line} {customer.building}".strip() if customer.building else line
