"""A file replaced under an open window (a CLI restore) must not swallow its writes.

Issue 12's 8, the cause found: ``crmdesk restore`` renames a backup over the file while
the window holds pooled connections to it. Those connections kept the old, unlinked
file: the window's sales and rule changes "committed" into a file nobody can see, and
the file on disk passed integrity_check. Every connection now checks, when it is taken
from the pool, that it still reads the file at the path; one that does not is replaced.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from crmdesk.services import backup, cards, purchases
from crmdesk.services.staff import CLI_ACTOR
from tests.helpers.factories import add_customer

ROOT = Path(__file__).parents[2]


def test_writes_after_a_cli_restore_land_in_the_restored_file(db, db_path) -> None:
    with db.transaction() as s:
        card = cards.issue_card(s, add_customer(s), actor=CLI_ACTOR).card_number
    saved = backup.make_backup(db_path, kind="manual")
    with db.transaction() as s:
        purchases.record_purchase(s, card_number=card, amount=1_000, actor=CLI_ACTOR)
    replaced: list[object] = []
    db.on_replaced.append(lambda: replaced.append(True))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "--db", str(db_path), "restore", saved.path, "--json"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with db.transaction() as s:  # the window's next sale, on its pooled connection
        purchases.record_purchase(s, card_number=card, amount=2_000, actor=CLI_ACTOR)
    with db.sessions() as s:
        assert [
            line.amount
            for line in purchases.purchase_history(s, cards.find_card(s, card).customer_id).lines
        ] == [2_000]
    with sqlite3.connect(db_path) as conn:  # what is really on disk
        assert conn.execute("SELECT amount FROM purchase").fetchall() == [(2_000,)]
    assert replaced  # the window is told, so it can say so and reload
