"""Import and backup benchmarks, run on demand:
``python -m pytest tests/bench/test_bench_import.py -s``.

- A 100,000-row cp932 CSV through crmdesk's importer (detect, validate and normalise
  every field, duplicate checks, search columns and the FTS5 index, batched commits),
  against the sqlite-utils CLI loading the same file as plain text columns
  (``sqlite-utils insert --csv --encoding cp932``), in the same run: a ratio.
- The same list without its フリガナ column: the importer suggests every reading, once per
  distinct family or given name; against the list with furigana, and against what
  reading every row afresh would cost (measured on 2,000 varied names).
- A backup (SQLite online backup API) of a 1,000,000-customer file, generated once with
  the demo data and cached under /tmp; against a plain file copy of the same file.
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crmdesk.services import backup, importer
from crmdesk.store.db import open_database
from tests.helpers.customer_files import customer_csv

ROWS = 100_000
CACHE = Path("/tmp/crmdesk-bench")
BIG = CACHE / "million.sqlite3"


def _import(db_path: Path, source: Path) -> importer.ImportResult:
    db = open_database(db_path)
    try:
        steps = importer.run_import(db, importer.prepare(source), batch_size=5000)
        while True:
            try:
                next(steps)
            except StopIteration as stop:
                return stop.value
    finally:
        db.close()


def test_import_100k_cp932_against_sqlite_utils(template_db: Path, tmp_path: Path) -> None:
    source = customer_csv(tmp_path / "list.csv", ROWS, seed=11)
    ours, theirs = [], []
    for i in range(2):
        target = tmp_path / f"ours{i}.sqlite3"
        shutil.copy(template_db, target)
        started = time.perf_counter()
        result = _import(target, source)
        ours.append(time.perf_counter() - started)
        assert result.created > ROWS * 0.9  # the rest: likely duplicates, rejects

        plain = tmp_path / f"plain{i}.sqlite3"
        started = time.perf_counter()
        subprocess.run(
            [shutil.which("sqlite-utils") or "sqlite-utils", "insert", str(plain), "customers",
             str(source), "--csv", "--encoding", "cp932"],
            check=True,
        )  # fmt: skip
        theirs.append(time.perf_counter() - started)
    mine, base = statistics.median(ours), statistics.median(theirs)
    print(
        f"\nimport {ROWS:,} cp932 rows: crmdesk {mine:.2f} s ({ROWS / mine:,.0f} rows/s), "
        f"sqlite-utils insert --csv {base:.2f} s; ratio {mine / base:.1f}x"
    )


def test_import_100k_without_furigana(template_db: Path, tmp_path: Path) -> None:
    from crmdesk.core.kana import suggest_furigana

    with_kana = customer_csv(tmp_path / "kana.csv", ROWS, seed=11)
    without = customer_csv(tmp_path / "nokana.csv", ROWS, seed=11, furigana=False)
    times = {}
    for label, source in (("with", with_kana), ("without", without)):
        target = tmp_path / f"{label}.sqlite3"
        shutil.copy(template_db, target)
        started = time.perf_counter()
        result = _import(target, source)
        times[label] = time.perf_counter() - started
        assert result.created > ROWS * 0.9
        assert result.kana_suggested == (result.created if label == "without" else 0)
    # Reading afresh, on 2,000 varied names (the file's 100 names repeat, and pykakasi
    # reads a name it has just read much faster than a new one).
    rng = random.Random(3)
    kanji = "山田川本中村井上木林森松竹梅花子太郎一二三美咲翔陽菜蓮結衣健藤原野口橋高"
    names = [
        "".join(rng.choices(kanji, k=2)) + " " + "".join(rng.choices(kanji, k=2))
        for _ in range(2000)
    ]
    suggest_furigana("佐藤")  # load the dictionaries outside the timing
    started = time.perf_counter()
    for name in names:
        suggest_furigana(name)
    uncached = (time.perf_counter() - started) / len(names) * ROWS
    print(
        f"\nimport {ROWS:,} rows without furigana (all suggested): {times['without']:.2f} s, "
        f"with furigana {times['with']:.2f} s; ratio {times['without'] / times['with']:.2f}x; "
        f"reading every row afresh would add about {uncached:.0f} s"
    )


def _million() -> Path:
    if BIG.exists():
        return BIG
    CACHE.mkdir(parents=True, exist_ok=True)
    building = CACHE / "million.part.sqlite3"
    building.unlink(missing_ok=True)
    db = open_database(building)
    from crmdesk.services import demo

    with db.transaction() as session:
        demo.generate(session, customers=1_000_000, seed=1)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    building.rename(BIG)
    return BIG


@pytest.mark.timeout(3600)  # the first run generates the million-customer file
def test_backup_of_a_million_customers(tmp_path: Path) -> None:
    source = _million()
    size = source.stat().st_size
    ours, copies = [], []
    for i in range(3):
        started = time.perf_counter()
        info = backup.make_backup(source, kind="manual", to=tmp_path / f"b{i}")
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        shutil.copyfile(source, tmp_path / f"copy{i}.sqlite3")
        copies.append(time.perf_counter() - started)
        assert Path(info.path).stat().st_size >= size * 0.9
    mine, base = statistics.median(ours), statistics.median(copies)
    print(
        f"\nbackup of {size / 1e6:,.0f} MB (1,000,000 customers): online backup {mine:.2f} s, "
        f"plain file copy {base:.2f} s; ratio {mine / base:.1f}x ({sys.platform})"
    )
