"""Soak: the window in use while CLI processes write the same file (issue 12's 8).

Run with ``CRMDESK_SOAK_SECONDS=600 python -m pytest tests/bench/test_soak_window.py -s``
(default 60 s). The window is driven offscreen as staff use it: searches typed into the
box, cards opened, sales rung up with the keyboard, an edit saved, backups made; beside
it, CLI processes add customers, purchases, inquiries, edits and backups on the same
file. Nothing may fail silently: every error the window logs, every CLI exit other than
0, every sale the window rang up that is not in the file, and any damage found by
``integrity_check`` or the FTS5 indexes' own ``integrity-check`` fails the run.
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

SECONDS = float(os.environ.get("CRMDESK_SOAK_SECONDS", "60"))
CLI_WRITERS = 2
ROOT = Path(__file__).parents[2]


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(f"{record.name}: {record.getMessage()} {record.exc_text or ''}")


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", "--db", str(db), *args, "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def cli_writer(db: Path, cards: list[str], stop: threading.Event, out: list[str], n: int) -> None:
    rng = random.Random(n)
    i = 0
    while not stop.is_set():
        i += 1
        choice = rng.random()
        if choice < 0.35:
            args = [
                "purchase",
                "add",
                "--card",
                rng.choice(cards),
                "--amount",
                str(rng.randint(3, 90) * 100),
            ]
        elif choice < 0.55:
            args = ["customer", "add", "--name", f"ソーク {n}{i}", "--family-kana", "そーく",
                    "--phone", f"080{n}{i:07d}"[:11], "--allow-duplicate"]  # fmt: skip
        elif choice < 0.75:
            args = ["customer", "edit", rng.choice(cards), "--building", f"ソーク荘 {i}"]
        elif choice < 0.9:
            args = ["inquiry", "add", "--customer", rng.choice(cards), "--subject", f"ソーク {i}"]
        else:
            args = ["backup"]
        done = cli(db, *args)
        if done.returncode != 0:
            out.append(
                f"cli {args[:2]} exit {done.returncode}: {done.stdout[-300:]} {done.stderr[-600:]}"
            )


def damage(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        found = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        problems = [] if found == ["ok"] else found
        for fts in ("customer_fts", "inquiry_fts"):
            try:
                conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as error:
                problems.append(f"{fts}: {error}")
        return problems
    finally:
        conn.close()


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, list[str]]:
    from crmdesk.services.demo import generate
    from crmdesk.store.db import open_database

    path = tmp_path / "soak.sqlite3"
    db = open_database(path)
    with db.transaction() as session:
        generate(session, customers=300, seed=12)
    with sqlite3.connect(path) as conn:
        cards = [
            r[0] for r in conn.execute("SELECT card_number FROM point_card WHERE status='active'")
        ]
    db.close()
    return path, cards


def test_window_and_cli_writers_on_one_file(
    qtbot: Any, shop: tuple[Path, list[str]], tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from crmdesk.services import backup
    from crmdesk.store.db import open_database
    from crmdesk.ui.app import install_japanese_font
    from crmdesk.ui.data import feature as feature_data
    from crmdesk.ui.main_window import MainWindow
    from crmdesk.ui.points.panel import PointsPanel
    from tests.helpers.qt_typing import type_text

    path, cards = shop
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    install_japanese_font(QApplication.instance())
    errors = Errors()
    logging.getLogger().addHandler(errors)
    db = open_database(path)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    stop, cli_failures = threading.Event(), []
    writers = [
        threading.Thread(target=cli_writer, args=(path, cards, stop, cli_failures, n), daemon=True)
        for n in range(CLI_WRITERS)
    ]
    for writer in writers:
        writer.start()
    rng = random.Random(7)
    sales: list[tuple[str, int]] = []
    rounds = 0
    notices: list[str] = []
    ends = time.monotonic() + SECONDS
    try:
        while time.monotonic() < ends:
            rounds += 1
            box = window.ui.search_edit
            window.focus_search()
            card_number = rng.choice(cards)
            qtbot.keyClicks(box, card_number)
            qtbot.keyClick(box, Qt.Key.Key_Return)
            qtbot.waitUntil(
                lambda: QApplication.activeWindow() in window.cards.values(), timeout=10_000
            )
            card = QApplication.activeWindow()
            panel = card.findChild(PointsPanel)
            qtbot.waitUntil(panel.amount_edit.hasFocus, timeout=10_000)
            amount = rng.randint(1, 50) * 100
            qtbot.keyClicks(panel.amount_edit, str(amount))
            qtbot.keyClick(panel.amount_edit, Qt.Key.Key_Return)
            if "残高" in panel.message.text():
                sales.append((card_number, amount))
            if rounds % 5 == 0:  # an edit, saved
                card.ui.notes.setPlainText(f"ソーク {rounds}")
                qtbot.keyClick(card.ui.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
            qtbot.waitUntil(lambda: not window.cards, timeout=10_000)
            for query in ("やま", "090", "東京都"):
                type_text(box, query)
                qtbot.waitUntil(lambda q=query: window.shown_query == q, timeout=10_000)
                box.clear()
            if rounds % 10 == 0:  # the window's own backups: the daily one on its worker
                feature_data.daily(window)
                backup.make_backup(path, kind="auto")
            notices += [n.text() for n in window.notices if n.is_error]
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=180)
        logging.getLogger().removeHandler(errors)
    window.close()
    db.close()
    with sqlite3.connect(path) as conn:
        recorded = conn.execute("SELECT count(*) FROM purchase").fetchone()[0]
        on_disk = {
            (card, amount)
            for card, amount in conn.execute(
                "SELECT c.card_number, p.amount FROM purchase p JOIN point_card c"
                " ON c.id = p.card_id"
            )
        }
    lost = [sale for sale in sales if sale not in on_disk]
    print(f"\nsoak {SECONDS:.0f}s: {rounds} window rounds, {len(sales)} window sales, "
          f"{recorded} purchases in the file, {len(cli_failures)} CLI failures, "
          f"{len(errors.records)} logged errors")  # fmt: skip
    assert damage(path) == []
    assert cli_failures == []
    assert errors.records == []
    assert notices == []
    assert len(sales) == rounds, "a sale the window rang up was refused"
    assert lost == [], "sales the window showed as done are not in the file"
    parts = list(path.parent.rglob("*.part"))
    assert parts == []
