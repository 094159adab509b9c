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
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from crmdesk.core.address import full_address
from crmdesk.core.names import person_name
from crmdesk.core.normalize import normalize_text
from crmdesk.services.search_plan import (
    EXACT_STAGES,
    NAME_OR_COMPANY,
    TEXT_OR_ADDRESS,
    Query,
    Tier,
    plan,
)

DEFAULT_LIMIT = 50
#: Customers counted per query: past this the count is "more than" (each tier reads at
#: most this many rows, so a one-character query costs what a precise one does).
COUNT_CAP = 500
#: Rows a trigram look-up reads beyond the page asked for (its rows cost more than an
#: index range's: a common trigram's hits are many, and its count is then a floor).
FTS_ROWS = 100


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
    ranked, capped = _ranked(session, plan(q), q.numeric, offset + limit)
    page = dict(ranked[offset : offset + limit])
    return SearchPage(_hits(session, page, q.norm), offset, min(len(ranked), COUNT_CAP), capped)


def _ranked(
    session: Session, tiers: list[Tier], numeric: bool, want: int
) -> tuple[list[tuple[int, str]], bool]:
    """(customer rowid, match kind) best first, and whether more than COUNT_CAP matched."""
    cursor = _cursor(session)
    best: dict[int, tuple[int, int, str, str]] = {}  # rowid -> (rank, tier, key, match)
    capped = False
    stage = -1
    for position, tier in enumerate(tiers):
        if tier.stage != stage:
            if best and (stage in EXACT_STAGES or numeric):
                break  # identified; or digits, found by an earlier stage
            stage = tier.stage
        n = min(max(want, FTS_ROWS), COUNT_CAP) if tier.fts else COUNT_CAP
        rows = cursor.execute(tier.sql, {**tier.params, "n": n + 1}).fetchall()
        capped = capped or len(rows) > n
        for rowid, key in rows:
            entry = (tier.rank, position, key or "", tier.match)
            old = best.get(rowid)
            if old is None or entry < old:
                best[rowid] = entry
    ordered = sorted(best.items(), key=lambda item: item[1][:3])
    return [(cid, entry[3]) for cid, entry in ordered], capped or len(ordered) > COUNT_CAP


class _HitRow(NamedTuple):
    """The columns a hit is made of, in the order they are read."""

    rowid: int
    id: str
    customer_number: str
    family_name: str
    given_name: str
    family_kana: str
    given_kana: str
    phone1: str
    phone2: str
    email: str
    postal_code: str
    prefecture: str
    city: str
    town: str
    street: str
    building: str
    company: str


_HIT_FIELDS = _HitRow._fields


def _hits(session: Session, found: dict[int, str], norm: str) -> list[SearchHit]:
    """Plain rows for the rowids found (columns, not ORM objects: this runs per keystroke)."""
    if not found:
        return []
    cursor = _cursor(session)
    marks = ", ".join("?" * len(found))
    rows = {
        row[0]: _HitRow(*row)
        for row in cursor.execute(
            f"SELECT {', '.join(_HIT_FIELDS)} FROM customer WHERE rowid IN ({marks})", list(found)
        )
    }
    ids = [rows[rowid].id for rowid in found]
    cards = dict(
        cursor.execute(
            f"SELECT customer_id, card_number FROM point_card WHERE customer_id IN ({marks}) "
            "AND status = 'active' ORDER BY issued_at",
            ids,
        ).fetchall()
    )
    return [
        to_hit(rows[rowid], cards.get(rows[rowid].id), _which(rows[rowid], match, norm))
        for rowid, match in found.items()
    ]


def _cursor(session: Session) -> Any:
    """A cursor on the session's own connection (its transaction, its uncommitted rows):
    the SQL here is fixed text run per keystroke, where SQLAlchemy's statement layer
    costs more than SQLite's work."""
    session.flush()
    return session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]


def _which(row: Any, match: str, norm: str) -> str:
    """The field an index hit of two kinds matched, told from the customer's own fields."""
    if match == NAME_OR_COMPANY:
        return "name" if norm in normalize_text(row.family_name + row.given_name) else "company"
    if match == TEXT_OR_ADDRESS:
        return "address" if norm in normalize_text(full_address(row)) else "text"
    return match


def to_hit(customer: Any, card_number: str | None, match: str) -> SearchHit:
    """A hit from a Customer or a row with the same column names."""
    return SearchHit(
        id=customer.id,
        customer_number=customer.customer_number,
        name=person_name(customer.family_name, customer.given_name),
        kana=person_name(customer.family_kana, customer.given_kana),
        phones=[p for p in (customer.phone1, customer.phone2) if p],
        email=customer.email,
        postal_code=customer.postal_code,
        address=full_address(customer),
        card_number=card_number,
        match=match,
    )
