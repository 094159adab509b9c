"""Backups: automatic (on close and daily), manual, rotated; restore that checks first.

Backups are consistent copies made with SQLite's online backup API
(:func:`crmdesk.store.backup.copy_database`) into ``backups/`` beside the database file
(for the default database that is the user data folder's ``backups/``). Names carry the
moment and the kind: ``crmdesk-20261122-183000-daily.sqlite3``.

Rotation keeps, of the automatic backups (``auto``, ``daily``), the newest of each of the
last 7 days, of the last 4 weeks and of the last 12 months; manual backups, the copies
made before a migration and the files a restore replaced are never rotated away.

At a big shop's scale (a million customers make a 9 GB file) a copy is no small thing:
one that would leave the disk with less than :data:`RESERVE` free first makes room by
deleting the oldest automatic backups of the file (never the newest one, nor any other
kind), and is refused with a message saying so when that is not enough (never a disk
filled up under the open database); the pieces of copies cut off by a power cut or a
kill (``.part`` files, each as big as the file) are cleared away by the next backup.

A restore checks the chosen file (a SQLite file, ``integrity_check`` ok, crmdesk's tables,
a schema revision this version knows) before anything is replaced, keeps the file it
replaces as a ``replaced`` backup and swaps the new one in with an atomic rename. The
caller closes its connections first and opens the database again afterwards (which
migrates a backup from an older version).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError

from crmdesk.core import files
from crmdesk.core.errors import DomainError
from crmdesk.services import audit
from crmdesk.store.backup import backup_dir, backup_name, copy_database
from crmdesk.store.db import open_database
from crmdesk.store.revisions import known_revisions

AUTOMATIC = ("auto", "daily")
KEEP = {"day": 7, "week": 4, "month": 12}
#: The disk space a backup must leave free: the open database and the computer need it.
RESERVE = 1 << 30
#: A ``.part`` file untouched this long is what a copy cut off (a power cut, a kill)
#: left; one being written is touched as the pages go in.
STALE_PART_SECONDS = 3600
_NAME = re.compile(r"-(\d{8}-\d{6})-([a-z0-9_-]+)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: str
    kind: str
    made_at: str
    size: int
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"ok": True, **self.__dict__}


def _info(path: Path, seconds: float = 0.0) -> BackupInfo | None:
    m = _NAME.search(path.name)
    if m is None:
        return None
    moment = datetime.strptime(m[1], "%Y%m%d-%H%M%S")
    return BackupInfo(str(path), m[2], moment.isoformat(), path.stat().st_size, seconds)


def make_backup(
    db_path: Path,
    *,
    kind: str = "manual",
    to: Path | None = None,
    now: datetime | None = None,
    actor: str = "",
) -> BackupInfo:
    """Copy the database now (audited); automatic kinds are rotated afterwards."""
    db_path = Path(db_path)
    folder = Path(to) if to else backup_dir(db_path)
    moment = now or datetime.now()
    target = folder / backup_name(kind, moment, db_path.stem)
    clear_stale_parts(folder)
    _make_room(db_path, folder, automatic=kind in AUTOMATIC)
    started = time.perf_counter()
    copy_database(db_path, target, pages=-1)
    info = _info(target, round(time.perf_counter() - started, 3))
    assert info is not None
    _audit(db_path, "backup", actor, migrate=False, kind=kind, file=target.name, bytes=info.size)
    if kind in AUTOMATIC:
        rotate(folder, now=moment, stem=db_path.stem)
    return info


def clear_stale_parts(folder: Path, *, now: float | None = None) -> list[str]:
    """Delete the ``.part`` files copies cut off left behind (each as big as the file), and
    the rollback journal SQLite kept beside each (``.part-journal``)."""
    if not folder.is_dir():
        return []
    limit = (time.time() if now is None else now) - STALE_PART_SECONDS
    removed = []
    for part in [*folder.glob(".*.part"), *folder.glob(".*.part-journal")]:
        try:
            if part.stat().st_mtime < limit:
                part.unlink()
                removed.append(str(part))
        except FileNotFoundError:  # its copy finished or failed meanwhile
            continue
    return removed


def _file_bytes(db_path: Path) -> int:
    wal = db_path.with_name(db_path.name + "-wal")
    return sum(p.stat().st_size for p in (db_path, wal) if p.exists())


def _make_room(db_path: Path, folder: Path, *, automatic: bool) -> None:
    """Room on the disk for one more copy and :data:`RESERVE`; an automatic backup may
    delete the oldest automatic ones for it, keeping the newest."""
    need = _file_bytes(db_path)
    probe = folder if folder.is_dir() else db_path.parent
    mine = list_backups(folder, db_path.stem)
    # newest first: the newest is kept whatever happens
    older = [i for i in mine if automatic and i.kind in AUTOMATIC][1:]
    while (free := shutil.disk_usage(probe).free) - need < RESERVE:
        if not older:
            raise DomainError("backup_no_room", field="backup", need=_size(need), free=_size(free))
        Path(older.pop().path).unlink(missing_ok=True)  # the oldest first


def _size(count: int) -> str:
    return f"{count / 2**30:.1f} GB" if count >= 2**30 else f"{count / 2**20:.0f} MB"


def list_backups(folder: Path, stem: str | None = None) -> list[BackupInfo]:
    """The backups in ``folder``, newest first; with ``stem``, only that file's (two files
    side by side share the folder: ``shop.sqlite3`` and ``test.sqlite3`` both back up to
    ``backups/``)."""
    if not folder.is_dir():
        return []
    mine = re.compile(re.escape(stem) + _NAME.pattern) if stem is not None else None
    found = [
        _info(p) for p in sorted(folder.glob("*.sqlite3")) if mine is None or mine.fullmatch(p.name)
    ]
    return sorted((i for i in found if i), key=lambda i: i.made_at, reverse=True)


def rotate(folder: Path, *, now: datetime | None = None, stem: str | None = None) -> list[str]:
    """Delete automatic backups the 7 daily / 4 weekly / 12 monthly policy does not keep
    (with ``stem``, of that file only: another file's copies are not counted against it)."""
    automatic = [i for i in list_backups(folder, stem) if i.kind in AUTOMATIC]  # newest first
    keep: set[str] = set()
    for period, count in KEEP.items():
        seen: list[str] = []
        for info in automatic:
            moment = datetime.fromisoformat(info.made_at)
            key = _period(moment, period)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            keep.add(info.path)
    removed = []
    for info in automatic:
        if info.path not in keep:
            Path(info.path).unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def _period(moment: datetime, period: str) -> str:
    if period == "day":
        return moment.strftime("%Y-%m-%d")
    if period == "week":
        year, week, _ = moment.isocalendar()
        return f"{year}-W{week:02d}"
    return moment.strftime("%Y-%m")


def backup_on_close(db_path: Path, *, now: datetime | None = None) -> BackupInfo:
    return make_backup(db_path, kind="auto", now=now)


def daily_backup(db_path: Path, *, now: datetime | None = None) -> BackupInfo | None:
    """A ``daily`` backup unless one was already made today."""
    moment = now or datetime.now()
    today = moment.strftime("%Y-%m-%d")
    for info in list_backups(backup_dir(Path(db_path)), Path(db_path).stem):
        if info.kind == "daily" and info.made_at.startswith(today):
            return None
    return make_backup(db_path, kind="daily", now=moment)


def check_backup(path: Path) -> str:
    """The schema revision of a usable crmdesk backup; DomainError otherwise."""
    path = Path(path)
    if not path.is_file():
        raise DomainError("file_not_found", field="file", path=str(path))
    if not files.is_sqlite_file(path):  # never a plain open() of a file SQLite holds
        raise DomainError("not_a_backup", field="file", path=path.name)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in tables:
                revision = (
                    tuple(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
                    or None
                )
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise DomainError("not_a_backup", field="file", path=path.name) from None
    if result != ["ok"]:
        raise DomainError("backup_damaged", field="file", path=path.name, detail=result[0])
    if not {"customer", "alembic_version", "settings"} <= tables or revision is None:
        raise DomainError("not_a_backup", field="file", path=path.name)
    unknown = [r for r in revision if r not in known_revisions()]
    if unknown:
        raise DomainError("backup_too_new", field="file", path=path.name, revision=unknown[0])
    return "+".join(sorted(revision))


@dataclass(frozen=True)
class RestoreInfo:
    restored_from: str
    revision: str
    replaced_kept_as: str | None

    def to_json(self) -> dict[str, Any]:
        return {"ok": True, **self.__dict__}


def restore(
    db_path: Path, backup: Path, *, now: datetime | None = None, actor: str = ""
) -> RestoreInfo:
    """Replace the database with ``backup`` after checking it; keep the replaced file.

    The restored file's audit log records the restore (the replaced file keeps its own).
    """
    db_path, backup = Path(db_path), Path(backup)
    revision = check_backup(backup)
    moment = now or datetime.now()
    incoming = db_path.with_name(f".{db_path.name}.restore")
    copy_database(backup, incoming, pages=-1)
    kept = None
    if db_path.exists():
        conn = sqlite3.connect(db_path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        kept_path = backup_dir(db_path) / backup_name("replaced", moment, db_path.stem)
        kept = str(copy_database(db_path, kept_path, pages=-1))
    os.replace(incoming, db_path)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    kept_name = Path(kept).name if kept else None
    _audit(db_path, "restore", actor, file=backup.name, revision=revision, kept=kept_name)
    return RestoreInfo(str(backup), revision, kept)


def _audit(db_path: Path, action: str, actor: str, *, migrate: bool = True, **detail: Any) -> None:
    """An audit entry in the file at ``db_path`` (file names and sizes, never data).

    A restored older file is migrated here, as on any open. A backup's file is open in
    the app already, at the current schema: ``migrate=False`` skips reading every
    migration script (Python work that held the interpreter lock the window's typing
    needs); a file too old for the entry is migrated and the entry written then.
    """
    db = open_database(db_path, migrate=migrate)
    try:
        with db.transaction() as session:
            audit.record(session, action, entity="database", actor=actor, **detail)
    except OperationalError:
        if migrate:
            raise
        _audit(db_path, action, actor, migrate=True, **detail)
    finally:
        db.close()
