"""The bulk writer: what a batch leaves behind in the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crmdesk.services import import_mapping, import_report, importer
from crmdesk.store.db import Database
from tests.helpers.customer_files import customer_csv
from tests.helpers.factories import TODAY


def _run(db: Database, path: Path, **options: int) -> import_report.ImportResult:
    steps = importer.run_import(db, import_mapping.prepare(path), today=TODAY, **options)
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            result: import_report.ImportResult = stop.value
            return result


def test_an_unjoined_file_imports_in_batches_without_capturing(db: Database, db_path: Path) -> None:
    source = customer_csv(db_path.with_name("list.csv"), 1200, seed=4)
    result = _run(db, source, batch_size=500)
    with sqlite3.connect(db_path) as conn:
        customers, indexed, outbox = conn.execute(
            "SELECT (SELECT count(*) FROM customer), (SELECT count(*) FROM customer_fts), "
            "(SELECT count(*) FROM sync_outbox)"
        ).fetchone()
        found = conn.execute(
            "SELECT c.customer_number FROM customer_fts JOIN customer AS c "
            "ON c.search_rowid = customer_fts.rowid WHERE customer_fts MATCH '09000000777'"
        ).fetchall()
    conn.close()
    assert customers == indexed == result.created > 1150  # every row in the search index
    assert found == [("000778",)]  # row 779 of the file: customer 000778, phone ...0777
    assert outbox == 0  # not joined to a hub: nothing captured for sync
