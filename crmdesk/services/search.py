"""Counter search: the one function behind the search box and ``crmdesk search``.

A query may be a name fragment in kanji or kana (any script, any width) or in romaji, a
family name and a given name each as written or read (山田 おさむ), a place name, a phone
number in any format, its last four digits or its number without the area code, a
customer number, a card number, an email or a postal code. The tiers and their ranks are
in :mod:`crmdesk.services.search_plan`; every tier is an indexed look-up.

Results are ranked across the tiers, and counted: :func:`find_customers` returns a page
of hits with the number of customers found (up to :data:`COUNT_CAP`), so the window can
say how many more there are and fetch them (``offset``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.services.search_plan import CLASSES, EXACT_STAGES, Query, Tier, plan
from crmdesk.store.models import Customer, PointCard

DEFAULT_LIMIT = 50
#: Customers counted per query: past this the count is "more than" (each tier reads at
#: most this many rows, so a one-character query costs what a precise one does).
COUNT_CAP = 500


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
    # number | card | phone | email | phone_tail | phone_suffix | postal | name | company
    # | given | address | text
    match: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SearchPage:
    """Hits ``offset`` .. ``offset + len(hits)`` of a query, and how many were found."""

    hits: list[SearchHit]
    offset: int
    total: int  # customers found, at most COUNT_CAP
    capped: bool  # more than COUNT_CAP were found: ``total`` is a floor

    @property
    def more(self) -> int:
        """How many found customers come after this page."""
        return max(0, self.total - self.offset - len(self.hits))


def search_customers(session: Session, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """Customers matching ``query``, best first, at most ``limit``."""
    return find_customers(session, query, limit).hits


def find_customers(
    session: Session, query: str, limit: int = DEFAULT_LIMIT, offset: int = 0
) -> SearchPage:
    """A page of the customers matching ``query``, best first, with the count found."""
    q = Query.parse(query)
    if not q.norm or limit <= 0:
        return SearchPage([], offset, 0, False)
    ranked, capped = _ranked(session, plan(q), q.numeric)
    page = ranked[offset : offset + limit]
    return SearchPage(_hits(session, dict(page)), offset, min(len(ranked), COUNT_CAP), capped)


def _ranked(
    session: Session, tiers: list[Tier], numeric: bool
) -> tuple[list[tuple[str, str]], bool]:
    """(customer id, match kind) best first, and whether more than COUNT_CAP matched."""
    session.flush()  # the look-ups below read through the session's own connection
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    best: dict[str, tuple[int, int, str, str]] = {}  # id -> (rank, tier, key, match)
    capped = False
    stage = -1
    for position, tier in enumerate(tiers):
        if tier.stage != stage:
            if best and (stage in EXACT_STAGES or numeric):
                break  # identified; or digits, found by an earlier stage
            stage = tier.stage
        rows = cursor.execute(tier.sql, {**tier.params, "n": COUNT_CAP + 1}).fetchall()
        capped = capped or len(rows) > COUNT_CAP
        for row in rows:
            rank, match = CLASSES[row[2]] if tier.classified else (tier.rank, tier.match)
            entry = (rank, position, row[1] or "", match)
            old = best.get(row[0])
            if old is None or entry < old:
                best[row[0]] = entry
    ordered = sorted(best.items(), key=lambda item: item[1][:3])
    return [(cid, entry[3]) for cid, entry in ordered], capped or len(ordered) > COUNT_CAP


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
