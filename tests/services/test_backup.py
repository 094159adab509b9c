"""Backups with SQLite's online backup API, rotation, checked restore, pre-migration copies."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command

from crmdesk.core.errors import DomainError
from crmdesk.services import backup
from crmdesk.services.customer_list import count_customers
from crmdesk.store.backup import backup_dir, backup_name
from crmdesk.store.db import open_database
from crmdesk.store.migrate import alembic_config, current_revision
from crmdesk.store.revisions import head_revision
from tests.helpers.factories import add_customer


def customers_in(path: Path) -> int:
    db = open_database(path)
    try:
        with db.transaction() as session:
            return count_customers(session)
    finally:
        db.close()


def test_a_backup_is_a_whole_copy_made_while_the_file_is_open(db, db_path) -> None:
    with db.transaction() as session:
        add_customer(session)
    info = backup.make_backup(db_path)  # the app still holds the file open (WAL)
    assert Path(info.path).parent == db_path.parent / "backups" and info.kind == "manual"
    with sqlite3.connect(info.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert customers_in(Path(info.path)) == 1


def test_rotation_keeps_7_daily_4_weekly_12_monthly(db_path) -> None:
    start = datetime(2025, 1, 1, 20, 0)
    first = backup.make_backup(db_path, kind="manual", now=start)
    folder = Path(first.path).parent
    for day in range(399):  # a year of daily copies, laid down quickly
        moment = start + timedelta(days=day)
        shutil.copy(first.path, folder / backup_name("daily", moment, db_path.stem))
    backup.make_backup(db_path, kind="daily", now=start + timedelta(days=399))
    kept = backup.list_backups(backup_dir(db_path))
    daily = [i for i in kept if i.kind == "daily"]
    last = start + timedelta(days=399)
    days = {datetime.fromisoformat(i.made_at).date() for i in daily}
    assert {last.date() - timedelta(days=d) for d in range(7)} <= days
    months = {i.made_at[:7] for i in daily}
    assert len(months) == 12
    assert 12 <= len(daily) <= 7 + 4 + 12
    assert [i.kind for i in kept].count("manual") == 1  # never rotated away


def test_daily_backup_once_a_day(db_path) -> None:
    now = datetime(2026, 11, 22, 9)
    assert backup.daily_backup(db_path, now=now) is not None
    assert backup.daily_backup(db_path, now=now + timedelta(hours=5)) is None
    assert backup.daily_backup(db_path, now=now + timedelta(days=1)) is not None


def test_two_files_in_one_folder_each_keep_their_own_backups(db_path) -> None:
    """shop.sqlite3 and test.sqlite3 side by side share backups/: the test file's daily
    copy stood for the shop's (no daily for it that day), and its rotation counted the
    shop's copies as its own and deleted them."""
    other = db_path.with_name("test.sqlite3")
    shutil.copy(db_path, other)
    now = datetime(2026, 11, 22, 9)
    assert backup.daily_backup(other, now=now) is not None
    assert backup.daily_backup(db_path, now=now + timedelta(hours=1)) is not None  # its own
    folder = backup_dir(db_path)
    mine = backup.list_backups(folder, db_path.stem)
    assert [Path(i.path).name for i in mine] == [backup_name("daily", now + timedelta(hours=1),
                                                             db_path.stem)]  # fmt: skip
    for day in range(1, 40):  # the test file backed up daily for weeks
        backup.make_backup(other, kind="daily", now=now + timedelta(days=day))
    assert backup.list_backups(folder, db_path.stem) == mine  # the shop's copy is kept
    theirs = backup.list_backups(folder, other.stem)
    assert len(theirs) < 40 and {i.kind for i in theirs} == {"daily"}  # rotated: its own


def test_restore_checks_then_replaces_and_keeps_the_old_file(db, db_path) -> None:
    with db.transaction() as session:
        add_customer(session)
    saved = backup.make_backup(db_path)
    with db.transaction() as session:
        add_customer(session, phone1="090-0000-0000", given_name="次郎")
    db.close()
    info = backup.restore(db_path, Path(saved.path))
    assert customers_in(db_path) == 1
    assert customers_in(Path(info.replaced_kept_as)) == 2


def bad_file(tmp_path: Path, kind: str, template: Path) -> Path:
    path = tmp_path / f"{kind}.sqlite3"
    if kind == "text":
        path.write_text("氏名,電話\n", encoding="utf-8")
    elif kind == "other_sqlite":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes (body TEXT)")
        conn.close()
    elif kind == "newer":
        path.write_bytes(template.read_bytes())
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM alembic_version")
            conn.execute("INSERT INTO alembic_version VALUES ('9999_future')")
        conn.close()
    elif kind == "damaged":
        data = bytearray(template.read_bytes())
        page = 4096
        for offset in range(page * 3, min(len(data), page * 8)):
            data[offset] = 0x5A
        path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("text", "not_a_backup"),
        ("other_sqlite", "not_a_backup"),
        ("newer", "backup_too_new"),
        ("damaged", "backup_damaged"),
    ],
)
def test_restore_refuses_what_is_not_a_usable_backup(
    db, db_path, tmp_path, template_db, kind, code
) -> None:
    with db.transaction() as session:
        add_customer(session)
    db.close()
    before = db_path.read_bytes()
    bad = bad_file(tmp_path, kind, template_db)
    with pytest.raises(DomainError) as caught:
        backup.restore(db_path, bad)
    assert caught.value.code in (code, "not_a_backup" if kind == "damaged" else code)
    assert caught.value.message("ja")
    assert db_path.read_bytes() == before
    assert not backup_dir(db_path).exists()


def test_a_file_is_backed_up_before_it_is_migrated(db, db_path) -> None:
    with db.transaction() as session:
        add_customer(session)
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn.engine), "0001")
    db.close()
    db = open_database(db_path)  # an older file: migrated, after a backup
    assert current_revision(db.engine) == head_revision()
    db.close()
    copies = backup.list_backups(backup_dir(db_path))
    assert [c.kind for c in copies] == ["premigrate-0001"]
    assert Path(copies[0].path).name.startswith(f"{db_path.stem}-")  # named as the others
    assert backup.list_backups(backup_dir(db_path), db_path.stem) == copies
    with sqlite3.connect(copies[0].path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT count(*) FROM customer").fetchone() == (1,)
    conn.close()


def test_a_backup_that_fails_leaves_no_empty_part_file(tmp_path: Path) -> None:
    """Issue 12's 8: the backup on quit failed and left a 0-byte .part behind."""
    broken = tmp_path / "shop.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)  # a header, then garbage
    with pytest.raises(sqlite3.DatabaseError):
        backup.make_backup(broken, kind="auto")
    folder = backup_dir(broken)
    assert sorted(p.name for p in folder.iterdir()) == []


def test_what_a_cut_off_copy_left_is_cleared_and_a_running_copy_is_not(db_path) -> None:
    folder = backup_dir(db_path)
    folder.mkdir(exist_ok=True)
    stale, running = folder / ".old-auto.sqlite3.part", folder / ".new-daily.sqlite3.part"
    journal = folder / ".old-auto.sqlite3.part-journal"  # SQLite's, beside the cut-off copy
    for part in (stale, running, journal):
        part.write_bytes(b"\0" * 4096)
    hours_ago = time.time() - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    os.utime(journal, (hours_ago, hours_ago))
    backup.make_backup(db_path, kind="manual")
    assert not stale.exists() and not journal.exists() and running.exists()


def test_a_backup_that_would_fill_the_disk_is_refused_and_says_why(
    db_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    free = shutil.disk_usage(db_path.parent).free
    monkeypatch.setattr(backup, "RESERVE", free)  # this disk has room for the file, not both
    with pytest.raises(DomainError) as refused:
        backup.make_backup(db_path, kind="daily")
    assert refused.value.code == "backup_no_room"
    text = refused.value.message("ja")
    assert "バックアップを作る空きがありません" in text and "空き" in text
    assert backup.list_backups(backup_dir(db_path)) == []
    assert list(backup_dir(db_path).glob(".*.part")) == []


def test_an_automatic_backup_makes_room_by_deleting_the_oldest_automatic_ones(
    db_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = backup_dir(db_path)
    folder.mkdir(exist_ok=True)
    chunk = 40 * 2**20
    made = {}
    for days, kind in ((3, "daily"), (2, "daily"), (1, "auto"), (4, "manual")):
        path = folder / backup_name(kind, datetime(2026, 11, 20 - days, 21), db_path.stem)
        path.write_bytes(os.urandom(1024) * (chunk // 1024))
        made[days] = path
    other = folder / backup_name("daily", datetime(2026, 11, 1, 21), "another-shop")
    shutil.copy(made[3], other)  # another file's backup in the same folder: not ours
    wal = db_path.with_name(db_path.name + "-wal")
    need = db_path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    # the disk has room for the copy once one and a half of the old copies are gone
    free = shutil.disk_usage(folder).free
    monkeypatch.setattr(backup, "RESERVE", free - need + chunk * 3 // 2)
    info = backup.make_backup(db_path, kind="daily", now=datetime(2026, 11, 20, 21))
    assert Path(info.path).exists()
    assert not made[3].exists() and not made[2].exists()  # the two oldest automatic ones
    assert made[1].exists() and made[4].exists() and other.exists()  # newest, manual, other
