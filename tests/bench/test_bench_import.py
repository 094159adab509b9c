"""Import and backup benchmarks, run on demand:
``python -m pytest tests/bench/test_bench_import.py -s``.

- A 100,000-row cp932 CSV through crmdesk's importer (detect, validate and normalise
  every field, duplicate checks, search columns and the FTS5 index, batched commits),
  against the sqlite-utils CLI loading the same file as plain text columns
  (``sqlite-utils insert --csv --encoding cp932``), in the same run: a ratio. The
  importer three ways: its staging table filled by executemany (what it does), the same
  filled by sqlite-utils' ``insert_all``, and the row-at-a-time Core insert it did before
  (``CRMDESK_BENCH_ROUNDS`` rounds, default 3).
- The same list without its フリガナ column: the importer suggests every reading, once per
  distinct family or given name; against the list with furigana, and against what
  reading every row afresh would cost (measured on 2,000 varied names).
- A backup (SQLite online backup API) of a 1,000,000-customer file, generated once with
  the demo data and cached under /tmp; against a plain file copy of the same file.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from sqlalchemy import func, insert, select

from crmdesk.services import backup, import_bulk, import_mapping, import_report, importer
from crmdesk.store.db import open_database
from crmdesk.store.models import Customer
from tests.helpers.customer_files import customer_csv

ROWS = 100_000
ROUNDS = int(os.environ.get("CRMDESK_BENCH_ROUNDS", "3"))
CACHE = Path("/tmp/crmdesk-bench")
BIG = CACHE / "million.sqlite3"


def _import(db_path: Path, source: Path) -> import_report.ImportResult:
    db = open_database(db_path)
    try:
        steps = importer.run_import(db, import_mapping.prepare(source), batch_size=5000)
        while True:
            try:
                next(steps)
            except StopIteration as stop:
                result: import_report.ImportResult = stop.value
                return result
    finally:
        db.close()


def _row_at_a_time(session: Any, plans: list[Any], stamp: Any) -> None:
    """Today's path before the staging table: one Core executemany into ``customer``."""
    rows = [{**import_bulk.DEFAULTS, **import_bulk._customer_row(plan), **stamp} for plan in plans]
    top = session.scalar(select(func.max(Customer.search_rowid))) or 0
    for offset, row in enumerate(rows, start=1):
        row["search_rowid"] = top + offset
    session.connection().execute(insert(import_bulk.CUSTOMER_TABLE), rows)


def _core_rows(conn: Any, table: Any, rows: list[dict[str, Any]], *, verb: str = "INSERT") -> None:
    if rows:
        statement = insert(table).prefix_with("OR IGNORE") if verb != "INSERT" else insert(table)
        conn.execute(statement, rows)


def _sqlite_utils_stage(cursor: Any, name: str, columns: list[str], params: list[Any]) -> None:
    """The staging table filled by sqlite-utils' insert_all instead of executemany."""
    database = sqlite_utils.Database(cursor.connection, recursive_triggers=False)
    database.table(name).insert_all([columns, *params], batch_size=5000)


VARIANTS: dict[str, dict[str, Any]] = {
    "staged (executemany)": {},
    "staged (sqlite-utils insert_all)": {"load_stage": _sqlite_utils_stage},
    "row at a time (before)": {"_write_customers": _row_at_a_time, "insert_rows": _core_rows},
}


def _cli(plain: Path, source: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [shutil.which("sqlite-utils") or "sqlite-utils", "insert", str(plain), "customers",
         str(source), "--csv", "--encoding", "cp932"],
        check=True,
    )  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def test_import_100k_cp932_against_sqlite_utils(
    template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Wall and CPU seconds (the CPU figure holds on a loaded machine), medians of ROUNDS."""
    source = customer_csv(tmp_path / "list.csv", ROWS, seed=11)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in [*VARIANTS, "cli"]}
    counts: dict[str, tuple[int, int, int, str]] = {}
    for i in range(ROUNDS):
        for name, swaps in VARIANTS.items():
            with monkeypatch.context() as patch:
                for attribute, replacement in swaps.items():
                    patch.setattr(import_bulk, attribute, replacement)
                target = tmp_path / f"ours{i}-{len(counts)}.sqlite3"
                shutil.copy(template_db, target)
                started, cpu = time.perf_counter(), time.process_time()
                result = _import(target, source)
                times[name].append((time.perf_counter() - started, time.process_time() - cpu))
                print(f"\n  round {i + 1}, {name}: {times[name][-1][0]:.2f} s wall", flush=True)
            assert result.created > ROWS * 0.9  # the rest: likely duplicates, rejects
            counts[name] = _contents(target)
            target.unlink()
        times["cli"].append(_cli(tmp_path / f"plain{i}.sqlite3", source))
        print(f"  round {i + 1}, cli: {times['cli'][-1][0]:.2f} s wall", flush=True)
        (tmp_path / f"plain{i}.sqlite3").unlink()
    assert len(set(counts.values())) == 1, counts  # every variant wrote the same rows
    base_wall = statistics.median(w for w, _ in times["cli"])
    base_cpu = statistics.median(c for _, c in times["cli"])
    print(f"\nimport {ROWS:,} cp932 rows, medians of {ROUNDS} (wall s / CPU s):")
    print(f"  sqlite-utils insert --csv: {base_wall:.2f} / {base_cpu:.2f}")
    for name in VARIANTS:
        wall = statistics.median(w for w, _ in times[name])
        cpu = statistics.median(c for _, c in times[name])
        print(
            f"  crmdesk, {name}: {wall:.2f} / {cpu:.2f} ({ROWS / wall:,.0f} rows/s); "
            f"ratio to the CLI {wall / base_wall:.1f}x wall, {cpu / base_cpu:.1f}x CPU"
        )


def _contents(path: Path) -> tuple[int, int, int, str]:
    """What a user would check: customers, search rows, point entries, and a search."""
    with sqlite3.connect(path) as conn:
        customers = conn.execute("SELECT count(*) FROM customer").fetchone()[0]
        indexed = conn.execute("SELECT count(*) FROM customer_fts").fetchone()[0]
        entries = conn.execute("SELECT count(*) FROM point_entry").fetchone()[0]
        found = conn.execute(
            "SELECT group_concat(customer_number) FROM (SELECT c.customer_number FROM "
            "customer_fts JOIN customer AS c ON c.search_rowid = customer_fts.rowid "
            "WHERE customer_fts MATCH '09000001234' ORDER BY 1)"
        ).fetchone()[0]
    conn.close()
    return customers, indexed, entries, found


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
