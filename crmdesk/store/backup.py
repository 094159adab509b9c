"""The backup primitive: a consistent copy of a SQLite file with the online backup API.

Lives in the store so the migration runner can call it before every schema change; the
backup service (:mod:`crmdesk.services.backup`) adds names, rotation and restore.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from crmdesk.store import cipher
from crmdesk.store.private import private_dir, private_file


def backup_dir(db_path: Path) -> Path:
    """Backups of a database file live in ``backups/`` beside it."""
    return db_path.parent / "backups"


def copy_database(source: Path, target: Path, *, pages: int = 4096, key: str | None = None) -> Path:
    """Copy ``source`` to ``target`` while others may be writing (SQLite's backup API).

    The copy is written to a temporary name and renamed when complete, so a crash never
    leaves a half-written backup under the final name. An encrypted file is copied
    encrypted, with its own key (``key`` or the keyring's).
    """

    private_dir(target.parent)
    temp = target.with_name(f".{target.name}.part")
    temp.unlink(missing_ok=True)
    private_file(temp)  # the copy holds personal data: 0600 from the first byte
    if cipher.is_encrypted(source):
        secret = key or cipher.key_for(source)
        try:
            cipher.export_copy(source, temp, source_key=secret, target_key=secret)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        os.replace(temp, target)
        return target
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(temp)
        try:
            src.backup(dst, pages=pages)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except BaseException:
        temp.unlink(missing_ok=True)  # a failed copy leaves nothing behind, not a 0-byte .part
        raise
    finally:
        src.close()
    os.replace(temp, target)
    return target


def backup_name(kind: str, moment: datetime, stem: str = "crmdesk") -> str:
    return f"{stem}-{moment:%Y%m%d-%H%M%S}-{kind}.sqlite3"


def backup_before_migration(engine: Engine, path: Path | None, old: str, new: str) -> None:
    """The BEFORE_MIGRATION hook: copy the file as it is before it is migrated."""
    if path is None or not path.exists():
        return
    name = backup_name(f"premigrate-{old}", datetime.now(), path.stem)  # named as the others
    copy_database(path, backup_dir(path) / name, key=cipher.key_of(engine))
