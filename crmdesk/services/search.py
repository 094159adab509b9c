"""Counter search: the one function behind the search box and ``crmdesk search``.

A query may be a name fragment in kanji or kana (any script, any width), a phone number
in any format or its last four digits, a customer number, a card number, an email or a
postal code. Results are ranked in tiers and capped:

0. exact customer number or card number
1. exact phone number or email (an exact hit in tiers 0-1 ends the search: the
   customer is identified)
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
from sqlalchemy.orm import Session

from crmdesk.core.normalize import normalize_text, phone_digits
from crmdesk.store.models import Customer, PointCard

DEFAULT_LIMIT = 50
_PREFIX_END = "\U0010ffff"
_PHONE_PUNCTUATION = "-+()."
_EXACT = frozenset({"number", "card", "phone", "email"})


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


_LIVE = "deleted = 0"
_SQL = {
    "number": text(f"SELECT id FROM customer WHERE customer_number = :q AND {_LIVE}"),
    "card": text(
        "SELECT p.customer_id FROM point_card p JOIN customer c ON c.id = p.customer_id "
        "WHERE p.card_number = :q AND c.deleted = 0"
    ),
    "phone": text(
        f"SELECT id FROM customer WHERE phone1_digits = :q AND {_LIVE} UNION ALL "
        f"SELECT id FROM customer WHERE phone2_digits = :q AND {_LIVE}"
    ),
    "email": text(f"SELECT id FROM customer WHERE email_key = :q AND {_LIVE}"),
    "phone_tail": text(
        f"SELECT id FROM (SELECT id, kana_key FROM customer "
        f"WHERE substr(phone1_digits, -4) = :q AND {_LIVE} UNION "
        f"SELECT id, kana_key FROM customer WHERE substr(phone2_digits, -4) = :q AND {_LIVE}) "
        "ORDER BY kana_key LIMIT :n"
    ),
    "postal": text(
        f"SELECT id FROM customer WHERE postal_code = :q AND {_LIVE} ORDER BY kana_key LIMIT :n"
    ),
    "text": text(
        "SELECT c.id FROM customer_fts f JOIN customer c ON c.search_rowid = f.rowid "
        "WHERE customer_fts MATCH :q AND c.deleted = 0 LIMIT :n"
    ),
}
for _kind, _column in (
    ("name", "kana_key"),
    ("name_kanji", "name_key"),
    ("given", "given_kana_key"),
    ("given_kanji", "given_key"),
):
    _SQL[_kind] = text(
        f"SELECT id FROM customer WHERE {_column} >= :q AND {_column} < :end AND {_LIVE} "
        f"ORDER BY {_column} LIMIT :n"
    )


def _tiers(raw: str, norm: str, digits: str, numeric: bool) -> list[tuple[str, str, str]]:
    """(match kind, statement key, parameter) in rank order, for one query."""
    tiers = [("number", "number", raw), ("card", "card", norm.replace("-", ""))]
    if numeric and len(digits) >= 6:
        tiers.append(("phone", "phone", digits))
    if "@" in norm:
        tiers.append(("email", "email", norm))
    if numeric and len(digits) == 4:
        tiers.append(("phone_tail", "phone_tail", digits))
    if numeric and len(digits) == 7:
        tiers.append(("postal", "postal", digits))
    if not numeric:
        tiers += [
            ("name", "name", norm),
            ("name", "name_kanji", norm),
            ("given", "given", norm),
            ("given", "given_kanji", norm),
        ]
    if len(norm) >= 3:
        tiers.append(("text", "text", '"' + norm.replace('"', '""') + '"'))
    return tiers


def search_customers(session: Session, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """Customers matching ``query``, best first, at most ``limit``."""
    raw = query.strip()
    norm = normalize_text(raw)
    if not norm or limit <= 0:
        return []
    digits = phone_digits(raw)
    numeric = bool(digits) and all(c.isdigit() or c in _PHONE_PUNCTUATION for c in norm)
    found: dict[str, str] = {}  # customer id -> match kind, in rank order
    for kind, key, value in _tiers(raw, norm, digits, numeric):
        if len(found) >= limit or (found and kind not in _EXACT):
            # An exact number, card, phone or email identifies the customer: fuzzier
            # tiers would only bury them (and a long digit string is slow in FTS).
            break
        params = {"q": value, "n": limit, "end": value + _PREFIX_END}
        for (cid,) in session.execute(_SQL[key], params):
            found.setdefault(cid, kind)
            if len(found) >= limit:
                break
    return _hits(session, found)


_HIT_COLUMNS = (
    Customer.id,
    Customer.customer_number,
    Customer.family_name,
    Customer.given_name,
    Customer.family_kana,
    Customer.given_kana,
    Customer.phone1,
    Customer.phone2,
    Customer.email,
    Customer.postal_code,
    Customer.prefecture,
    Customer.city,
    Customer.town,
    Customer.street,
    Customer.building,
)


def _hits(session: Session, found: dict[str, str]) -> list[SearchHit]:
    """Plain rows for the ids found (columns, not ORM objects: this runs per keystroke)."""
    if not found:
        return []
    ids = list(found)
    rows = {r.id: r for r in session.execute(select(*_HIT_COLUMNS).where(Customer.id.in_(ids)))}
    cards = dict(
        session.execute(
            select(PointCard.customer_id, PointCard.card_number)
            .where(PointCard.customer_id.in_(ids), PointCard.status == "active")
            .order_by(PointCard.issued_at)
        ).all()
    )
    return [to_hit(rows[cid], cards.get(cid), found[cid]) for cid in ids]


def to_hit(customer: Any, card_number: str | None, match: str) -> SearchHit:
    """A hit from a Customer or a row with the same column names."""
    return SearchHit(
        id=customer.id,
        customer_number=customer.customer_number,
        name=f"{customer.family_name} {customer.given_name}".strip(),
        kana=f"{customer.family_kana} {customer.given_kana}".strip(),
        phones=[p for p in (customer.phone1, customer.phone2) if p],
        email=customer.email,
        postal_code=customer.postal_code,
        address=full_address(customer),
        card_number=card_number,
        match=match,
    )


def full_address(customer: Any) -> str:
    parts = [customer.prefecture, customer.city, customer.town, customer.street]
    line = "".join(p for p in parts if p)
    return f"{line} {customer.building}".strip() if customer.building else line
