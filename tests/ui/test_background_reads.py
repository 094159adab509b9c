"""Long reads in the window (the dashboard drawing its charts) never hold the write lock,
so the counter can record a sale meanwhile."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from crmdesk.services.analytics import Period
from crmdesk.ui.dashboard.dialog import compute_job
from tests.helpers.factories import add_customer


def test_the_dashboard_computes_without_blocking_a_sale(db) -> None:
    with db.transaction() as session:
        add_customer(session)
    job = compute_job(db, Period.month("2026-11"))
    next(job)  # the job is inside its transaction, part way through the figures
    with closing(sqlite3.connect(db.path, timeout=0, isolation_level=None)) as counter:
        counter.execute("BEGIN IMMEDIATE")  # would be "database is locked" under a writer
        counter.execute("ROLLBACK")
    for _ in job:
        pass
