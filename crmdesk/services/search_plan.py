"""What one counter-search query looks up: its tiers, in rank order.

A tier is one indexed SQL look-up returning ``(customer rowid, sort key)`` rows, with the
rank its hits get and the match kind shown to staff. Ranks (lower is better):

====  ==============  ==========================================================
rank  match           what matched
====  ==============  ==========================================================
0     number, card    the customer or card number, exactly
1     phone, email    a whole phone number (any hyphens) or email address
2     phone_tail      the last four digits of a phone
2     phone_suffix    7+ digits ending a phone (3991-2345 for 03-3991-2345)
2     postal          a whole postal code
3     name            the name as written starts with the query; or 山田 おさむ /
                      やまだ 修: family half as written or read, given half the other
4     name, company   the query inside the name as written, or inside the company
5     name            the reading starts with the query (also romaji: yamada)
6     given           the given name or its reading starts with the query
7     address         a two-character place name (練馬, 渋谷: the start of a
                      prefecture, city, ward or town)
8     address, text   the query anywhere else (address, reading, email ...)
====  ==============  ==========================================================

Stages: an exact number/card, then phone/email, identifies the customer and ends the
search; for a query of digits the first stage that finds anyone ends it too (a long digit
string is slow in the trigram index and would only add noise). Rank 4 and 8 come from two
FTS5 trigram look-ups (three characters or more): the name-and-company index and the
whole-text one; the hits shown say which field matched (:data:`NAME_OR_COMPANY`).

Every look-up is served from an index alone where it can be: a deleted customer's search
keys are blank (``services.customer_index.refresh_search_keys``, the sync's derived keys), so
the key look-ups need no ``deleted`` test, and the place indexes hold live customers only
(partial, revision 0016). Reading the table row of each of the hundreds of rows counted
would cost a page read each.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from crmdesk.core.normalize import kana_key, normalize_text, phone_digits
from crmdesk.core.romaji import romaji_readings

PREFIX_END = "\U0010ffff"
_PHONE_PUNCTUATION = "-+()."
_LIVE = "deleted = 0"
#: The ward of a designated city (港北区 of 横浜市港北区), as its index has it.
WARD = "substr(city, instr(city, '市') + 1)"
#: Matches told apart on the page shown only, from the customer's own fields (not for
#: every row counted): see ``crmdesk.services.search``.
NAME_OR_COMPANY = "name|company"
TEXT_OR_ADDRESS = "text|address"
#: Stages whose hit identifies the customer: nothing fuzzier is looked up after them.
EXACT_STAGES = frozenset({0, 1})


@dataclass(frozen=True)
class Tier:
    stage: int
    rank: int
    match: str
    sql: str
    params: dict[str, Any]
    fts: bool = False  # a trigram look-up: read only as far as the page needs


@dataclass(frozen=True)
class Query:
    raw: str
    norm: str
    digits: str
    numeric: bool
    halves: tuple[str, str] | None  # 山田 おさむ: (family part, given part), normalised

    @classmethod
    def parse(cls, text: str) -> Query:
        raw = text.strip()
        norm = normalize_text(raw)
        digits = phone_digits(raw)
        numeric = bool(digits) and all(c.isdigit() or c in _PHONE_PUNCTUATION for c in norm)
        parts = raw.split()
        halves = None
        if len(parts) >= 2 and not numeric:
            halves = (normalize_text(parts[0]), normalize_text("".join(parts[1:])))
        return cls(raw, norm, digits, numeric, halves)


def _prefix(column: str, name: str = "q") -> str:
    return f"{column} >= :{name} AND {column} < :{name}_end"


def _range(value: str, name: str = "q") -> dict[str, str]:
    return {name: value, f"{name}_end": value + PREFIX_END}


_SQL = {
    # as typed, or with full-width digits made half-width (a number given by crmdesk is)
    "number": (
        f"SELECT rowid, kana_key FROM customer WHERE customer_number IN (:q, :w) AND {_LIVE}"
    ),
    "card": (
        "SELECT c.rowid, c.kana_key FROM point_card p JOIN customer c ON c.id = p.customer_id "
        "WHERE p.card_number = :q AND c.deleted = 0"
    ),
    "phone": (
        "SELECT rowid, phone1_digits FROM customer WHERE phone1_digits = :q UNION ALL "
        "SELECT rowid, phone2_digits FROM customer WHERE phone2_digits = :q"
    ),
    "email": "SELECT rowid, email_key FROM customer WHERE email_key = :q",
    # The tail index narrows to a few hundred rows at a million customers; the suffix
    # itself is checked on those.
    "phone_tail": (
        "SELECT rowid, phone1_digits FROM customer WHERE substr(phone1_digits, -4) = :tail "
        "AND substr(phone1_digits, :from) = :q UNION "
        "SELECT rowid, phone2_digits FROM customer WHERE substr(phone2_digits, -4) = :tail "
        "AND substr(phone2_digits, :from) = :q LIMIT :n"
    ),
    "postal": f"SELECT rowid, kana_key FROM customer WHERE postal_code = :q AND {_LIVE} LIMIT :n",
    "mixed_name": (
        f"SELECT rowid, name_key FROM customer WHERE {_prefix('name_key', 'a')} "
        f"AND {_prefix('given_kana_key', 'b')} ORDER BY name_key LIMIT :n"
    ),
    "mixed_kana": (
        f"SELECT rowid, kana_key FROM customer WHERE {_prefix('kana_key', 'a')} "
        f"AND {_prefix('given_key', 'b')} ORDER BY kana_key LIMIT :n"
    ),
    # The FTS rowid is search_rowid, whose unique index gives the customer's rowid.
    "name_fts": (
        "SELECT c.rowid, '' FROM customer_name_fts f JOIN customer c "
        "ON c.search_rowid = f.rowid WHERE customer_name_fts MATCH :phrase LIMIT :n"
    ),
    "fts": (
        "SELECT c.rowid, '' FROM customer_fts f JOIN customer c ON c.search_rowid = f.rowid "
        "WHERE customer_fts MATCH :phrase LIMIT :n"
    ),
}
for _key, _column, _where in (
    ("name_key", "name_key", ""),
    ("kana_key", "kana_key", ""),
    ("given_key", "given_key", ""),
    ("given_kana_key", "given_kana_key", ""),
    ("prefecture", "prefecture", f" AND {_LIVE}"),
    ("city", "city", f" AND {_LIVE}"),
    ("ward", WARD, f" AND {_LIVE}"),
    ("town", "town", f" AND {_LIVE}"),
):
    _SQL[_key] = (
        f"SELECT rowid, {_column} FROM customer WHERE {_prefix(_column)}{_where} "
        f"ORDER BY {_column} LIMIT :n"
    )


def plan(q: Query) -> list[Tier]:
    """The tiers of one query, in rank order (stable: the order of the list decides ties)."""
    number = {"q": q.raw, "w": unicodedata.normalize("NFKC", q.raw)}
    tiers = [
        Tier(0, 0, "number", _SQL["number"], number),
        Tier(0, 0, "card", _SQL["card"], {"q": q.norm.replace("-", "")}),
    ]
    digits = q.digits
    if q.numeric and len(digits) >= 6:
        tiers.append(Tier(1, 1, "phone", _SQL["phone"], {"q": digits}))
    if "@" in q.norm:
        tiers.append(Tier(1, 1, "email", _SQL["email"], {"q": q.norm}))
    if q.numeric and (len(digits) == 4 or 7 <= len(digits) <= 11):
        match = "phone_tail" if len(digits) == 4 else "phone_suffix"
        params = {"q": digits, "tail": digits[-4:], "from": -len(digits)}
        tiers.append(Tier(2, 2, match, _SQL["phone_tail"], params))
    if q.numeric and len(digits) == 7:
        tiers.insert(-1, Tier(2, 2, "postal", _SQL["postal"], {"q": digits}))
    if not q.numeric:
        tiers += _name_tiers(q)
    if len(q.norm) >= 3:
        params = {"phrase": '"' + q.norm.replace('"', '""') + '"'}
        if not q.numeric:
            tiers.append(Tier(3, 4, NAME_OR_COMPANY, _SQL["name_fts"], params, fts=True))
        tiers.append(Tier(3, 8, TEXT_OR_ADDRESS, _SQL["fts"], params, fts=True))
    tiers.sort(key=lambda t: t.rank)  # stable: ties keep the order above
    return tiers


def _name_tiers(q: Query) -> list[Tier]:
    norm = q.norm
    tiers = [Tier(3, 3, "name", _SQL["name_key"], _range(norm))]
    if q.halves is not None:
        family, given = q.halves
        if given and kana_key(given) == given:  # 山田 おさむ
            params = {**_range(family, "a"), **_range(given, "b")}
            tiers.append(Tier(3, 3, "name", _SQL["mixed_name"], params))
        if family and kana_key(family) == family and kana_key(given) != given:  # やまだ 修
            params = {**_range(family, "a"), **_range(given, "b")}
            tiers.append(Tier(3, 3, "name", _SQL["mixed_kana"], params))
    tiers.append(Tier(3, 5, "name", _SQL["kana_key"], _range(norm)))
    readings = romaji_readings(q.raw)
    tiers += [Tier(3, 5, "name", _SQL["kana_key"], _range(r)) for r in readings]
    tiers.append(Tier(3, 6, "given", _SQL["given_key"], _range(norm)))
    tiers.append(Tier(3, 6, "given", _SQL["given_kana_key"], _range(norm)))
    tiers += [Tier(3, 6, "given", _SQL["given_kana_key"], _range(r)) for r in readings]
    if len(norm) == 2:  # a trigram index cannot serve it: the place columns' own indexes
        place = "".join(unicodedata.normalize("NFKC", q.raw).split())
        tiers += [
            Tier(3, 7, "address", _SQL[column], _range(place))
            for column in ("prefecture", "city", "ward", "town")
        ]
    return tiers
