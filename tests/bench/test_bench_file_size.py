"""File size of the demo shop (issue 20): bytes per row of every table and every index.

Run on demand: ``python -m pytest tests/bench/test_bench_file_size.py -s``;
``CRMDESK_BENCH_CUSTOMERS=100000`` for the issue's size (default 20,000, quicker). The demo
file (two years of history, seed 42) is generated once per schema revision and cached in
the temp folder (``CRMDESK_BENCH_DIR`` to move it).

The baseline is the same data in the layout of revision 0016 (the file taken back there by
Alembic's downgrade), measured in the same run; both copies are VACUUMed first so free
pages do not count. Sizes come from SQLite's ``dbstat`` table (pages of each b-tree);
without it only the whole file is measured. The target: 450 MiB per 100,000 customers.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
import time
import uuid
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from alembic import command

from crmdesk.services import demo
from crmdesk.store.db import open_database
from crmdesk.store.migrate import alembic_config
from crmdesk.store.revisions import head_revision

CUSTOMERS = int(os.environ.get("CRMDESK_BENCH_CUSTOMERS", "20000"))
TARGET_MIB_PER_100K = 450
BASELINE = "0016_live_places"
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # the same data on every run
MIB = 2**20


def bench_file(customers: int) -> tuple[Path, float | None]:
    folder = Path(os.environ.get("CRMDESK_BENCH_DIR", tempfile.gettempdir()))
    path = folder / f"crmdesk-bench-size-{customers}-{head_revision()}.sqlite3"
    if path.exists():
        return path, None
    partial = path.with_suffix(".partial")
    for stale in folder.glob(partial.name + "*"):
        stale.unlink()
    db = open_database(partial)
    started = time.perf_counter()
    with db.transaction() as session:
        demo.generate(session, customers=customers, seed=42, now=NOW)
    elapsed = time.perf_counter() - started
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    partial.rename(path)
    return path, elapsed


def _vacuumed(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")


def _has_dbstat(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT 1 FROM dbstat LIMIT 1").fetchall()
    except sqlite3.OperationalError:
        return False
    return True


def sizes(path: Path) -> tuple[int, dict[str, tuple[int, int, dict[str, int]]]]:
    """File bytes, and per table: rows, bytes of its b-trees, bytes of each of them."""
    with closing(sqlite3.connect(path)) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        whole = pages * conn.execute("PRAGMA page_size").fetchone()[0]
        if not _has_dbstat(conn):
            return whole, {}
        owner = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master"))
        out: dict[str, tuple[int, int, dict[str, int]]] = {}
        for name, size in conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
            table = owner.get(name, name)
            for fts in ("customer_name_fts", "customer_fts", "inquiry_fts"):
                if table.startswith(fts + "_"):
                    table = fts
                    break
            rows, total, parts = out.get(table, (0, 0, {}))
            parts[name] = size
            out[table] = (rows, total + size, parts)
        for table, (_, total, parts) in list(out.items()):
            try:
                rows = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            except sqlite3.OperationalError:
                rows = 0
            out[table] = (rows, total, parts)
    return whole, out


def _report(label: str, whole: int, tables: dict[str, tuple[int, int, dict[str, int]]]) -> None:
    per_100k = whole / MIB * 100_000 / CUSTOMERS
    print(f"\n{label}: {whole / MIB:.1f} MiB, {per_100k:.0f} MiB per 100,000 customers")
    for table, (rows, total, parts) in sorted(tables.items(), key=lambda kv: -kv[1][1]):
        if total < 64 * 1024:
            continue
        per_row = f"{total / rows:7.1f} B/row" if rows else "        -"
        print(f"  {table:28s} {total / MIB:8.2f} MiB {rows:9d} rows {per_row}")
        for name, size in sorted(parts.items(), key=lambda kv: -kv[1]):
            if rows and len(parts) > 1:
                print(f"      {name:40s} {size / rows:7.1f} B/row")


def test_file_size(tmp_path: Path) -> None:
    path, generated = bench_file(CUSTOMERS)
    made = f"generated in {generated:.1f} s" if generated else "cached file"
    print(f"\ndemo file, {CUSTOMERS:,} customers, seed 42 ({made})")

    after = tmp_path / "after.sqlite3"
    shutil.copy(path, after)
    _vacuumed(after)
    before = tmp_path / "before.sqlite3"
    shutil.copy(path, before)
    db = open_database(before)
    command.downgrade(alembic_config(db.engine), BASELINE)
    db.close()
    _vacuumed(before)

    whole_before, tables_before = sizes(before)
    whole_after, tables_after = sizes(after)
    _report(f"before (revision {BASELINE}, same data)", whole_before, tables_before)
    _report(f"after (revision {head_revision()})", whole_after, tables_after)
    per_100k = whole_after / MIB * 100_000 / CUSTOMERS
    was = whole_before / MIB * 100_000 / CUSTOMERS
    print(
        f"\nMiB per 100,000 customers: {was:.0f} -> {per_100k:.0f} "
        f"({per_100k / was:.2f}x); target <= {TARGET_MIB_PER_100K}: "
        f"{'met' if per_100k <= TARGET_MIB_PER_100K else 'NOT met'}"
    )
    assert tables_after == {} or tables_after["point_entry"][0] == tables_before["point_entry"][0]
    assert whole_after <= whole_before


# --- What a binary layout would win (not a layout crmdesk reads: a measured projection) --

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
Value = str | bytes | int | float | None
_LEDGERS = ("purchase", "purchase_void", "point_entry", "inquiry_note")
#: Each step adds to the ones before it.
STEPS = (
    ("ids as 16-byte blobs", "ids"),
    ("+ hlc as 8 bytes + the node's 16", "hlc"),
    ("+ timestamps as integer milliseconds", "times"),
    ("+ ledgers without created_at/updated_at, no point_entry(purchase_id) index", "ledgers"),
)


def _uuid_bytes(value: Value) -> Value:
    if isinstance(value, str) and _UUID.fullmatch(value):
        return uuid.UUID(value).bytes
    return value


def _hlc_bytes(value: Value) -> Value:
    # "<16 digits of ms>-<4 hex counter>-<node uuid>", as crmdesk.sync stamps it
    if not isinstance(value, str) or len(value) != 58:
        return value
    return (
        int(value[:16]).to_bytes(6)
        + int(value[17:21], 16).to_bytes(2)
        + uuid.UUID(value[22:]).bytes
    )


def _ms(value: Value) -> Value:
    if not isinstance(value, str) or len(value) < 19:
        return value
    moment = datetime.fromisoformat(value).replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def _convert(path: Path, steps: set[str]) -> None:
    """Rewrite a copy in place the way the steps say (triggers dropped: a measuring copy)."""
    with closing(sqlite3.connect(path)) as conn:
        conn.create_function("uuid_bytes", 1, _uuid_bytes, deterministic=True)
        conn.create_function("hlc_bytes", 1, _hlc_bytes, deterministic=True)
        conn.create_function("ms", 1, _ms, deterministic=True)
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%fts_%'"
            )
        ]
        for table in tables:
            sets = []
            for _, column, kind, *_ in conn.execute(f'PRAGMA table_info("{table}")').fetchall():
                idlike = column in ("id", "origin", "row_id") or column.endswith("_id")
                if "ids" in steps and idlike and kind.startswith("VARCHAR"):
                    sets.append(f'"{column}" = uuid_bytes("{column}")')
                elif "hlc" in steps and column == "hlc":
                    sets.append(f'"{column}" = hlc_bytes("{column}")')
                elif "times" in steps and kind == "DATETIME":
                    sets.append(f'"{column}" = ms("{column}")')
            if sets:
                conn.execute(f'UPDATE "{table}" SET {", ".join(sets)}')
        if "ledgers" in steps:
            conn.execute("DROP INDEX IF EXISTS ix_point_entry_purchase_id")
            for table in _LEDGERS:  # (revision 0019 dropped them already)
                have = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
                for column in ("created_at", "updated_at"):
                    if column in have:
                        conn.execute(f'ALTER TABLE "{table}" DROP COLUMN {column}')
        conn.commit()
    _vacuumed(path)


def test_file_size_projection(tmp_path: Path) -> None:
    """The restructuring issue 20 still needs, measured before it is built: the same demo
    file with the ids, clocks and times stored as binary, step by step, against the file
    as it is (both VACUUMed)."""
    path, _ = bench_file(CUSTOMERS)
    now = tmp_path / "now.sqlite3"
    shutil.copy(path, now)
    _vacuumed(now)
    whole_now, tables_now = sizes(now)
    per_100k = whole_now / MIB * 100_000 / CUSTOMERS
    print(f"\nnow (revision {head_revision()}): {per_100k:.0f} MiB per 100,000 customers")
    done: set[str] = set()
    for label, step in STEPS:
        done.add(step)
        copy = tmp_path / f"{step}.sqlite3"
        shutil.copy(now, copy)
        _convert(copy, done)
        whole, tables = sizes(copy)
        projected = whole / MIB * 100_000 / CUSTOMERS
        rows = []
        for table in ("point_entry", "purchase", "customer"):
            if table in tables and tables[table][0]:
                before = tables_now[table][1] / tables_now[table][0]
                rows.append(
                    f"{table} {before:.0f} -> {tables[table][1] / tables[table][0]:.0f} B/row"
                )
        print(
            f"{label:78s} {projected:5.0f} MiB ({projected / per_100k:.2f}x)"
            f"{'  target met' if projected <= TARGET_MIB_PER_100K else ''}"
        )
        if rows:
            print("    " + "; ".join(rows))
        assert whole < whole_now
