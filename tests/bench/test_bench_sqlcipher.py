"""SQLCipher against the plain file, run on demand:
``python -m pytest tests/bench/test_bench_sqlcipher.py -s``.

The same cp932 customer list is imported through crmdesk's importer into a plain file
and into an encrypted one (the same template encrypted first, key from a memory
keyring), then the counter searches run on both: kana and kanji (FTS5 trigram), the
last four digits of a phone, a two-character name (prefix lookups), a card number.
Figures are medians; the ratio is encrypted / plain, measured in the same run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from pathlib import Path

import keyring
import pytest

from crmdesk.services import import_mapping, importer
from crmdesk.services.encryption import encrypt_database
from crmdesk.services.search import search_customers
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.store.db import open_database
from tests.helpers.customer_files import customer_csv
from tests.helpers.memory_keyring import MemoryKeyring

ROWS = int(os.environ.get("CRMDESK_BENCH_ROWS", "50000"))
QUERIES = ("たなか", "田中", "さとう ゆ", "5678", "佐藤", "中村 大")


def _import(db_path: Path, source: Path) -> float:
    db = open_database(db_path)
    started = time.perf_counter()
    try:
        steps = importer.run_import(db, import_mapping.prepare(source), batch_size=5000)
        while True:
            try:
                next(steps)
            except StopIteration:
                break
    finally:
        db.close()
    return time.perf_counter() - started


def _search_ms(db_path: Path, repeats: int = 30) -> dict[str, float]:
    db = open_database(db_path)
    figures = {}
    try:
        with db.sessions() as session:
            for query in QUERIES:
                search_customers(session, query)  # warm the cache once
                times = []
                for _ in range(repeats):
                    started = time.perf_counter()
                    search_customers(session, query)
                    times.append((time.perf_counter() - started) * 1000)
                figures[query] = statistics.median(times)
    finally:
        db.close()
    return figures


def _open_ms(db_path: Path) -> float:
    times = []
    for _ in range(5):
        started = time.perf_counter()
        open_database(db_path).close()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(before)


def test_sqlcipher_import_and_search_against_plain(template_db: Path, tmp_path: Path,
                                                   memory_keyring: None) -> None:  # fmt: skip
    source = customer_csv(tmp_path / "list.csv", ROWS, seed=5)
    plain, encrypted = tmp_path / "plain.sqlite3", tmp_path / "enc.sqlite3"
    shutil.copy(template_db, plain)
    shutil.copy(template_db, encrypted)
    encrypt_database(encrypted, actor=CLI_ACTOR)
    # Alternate the order (the machine is shared): plain, encrypted, encrypted, plain.
    t_plain, t_enc = _import(plain, source), _import(encrypted, source)
    again_plain, again_enc = tmp_path / "plain2.sqlite3", tmp_path / "enc2.sqlite3"
    shutil.copy(template_db, again_plain)
    shutil.copy(template_db, again_enc)
    encrypt_database(again_enc, actor=CLI_ACTOR)
    t_enc = (t_enc + _import(again_enc, source)) / 2
    t_plain = (t_plain + _import(again_plain, source)) / 2
    print(f"\nimport {ROWS:,} rows: plain {t_plain:.2f} s, SQLCipher {t_enc:.2f} s, "
          f"ratio {t_enc / t_plain:.2f}x")  # fmt: skip
    print(f"open (migrated, no work): plain {_open_ms(plain):.1f} ms, "
          f"SQLCipher {_open_ms(encrypted):.1f} ms")  # fmt: skip
    a, b = _search_ms(plain), _search_ms(encrypted)
    for query in QUERIES:
        print(f"search {query!r}: plain {a[query]:.2f} ms, SQLCipher {b[query]:.2f} ms, "
              f"ratio {b[query] / a[query]:.2f}x")  # fmt: skip
    print(f"file size: plain {plain.stat().st_size / 1e6:.1f} MB, "
          f"SQLCipher {encrypted.stat().st_size / 1e6:.1f} MB")  # fmt: skip
    db = open_database(encrypted)
    with db.sessions() as session:
        assert search_customers(session, QUERIES[0])  # the trigram index answers
    db.close()
