"""Turn encryption at rest on or off for a database file (the owner's ``settings``).

Encrypting writes an encrypted copy beside the file with a new key (stored in the
keyring first, so a crash never leaves a file whose key is lost), checks that the copy
opens and holds the same rows, then renames it over the file. Backups made before stay
as they were (plain): the result counts them so the owner can remove them.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crmdesk.core.errors import DomainError
from crmdesk.services.staff import Actor
from crmdesk.store import cipher
from crmdesk.store.backup import backup_dir
from crmdesk.store.private import private_file


@dataclass(frozen=True)
class EncryptionChange:
    path: str
    encrypted: bool
    customers: int
    plain_backups: int

    def to_json(self) -> dict[str, Any]:
        return {"ok": True, **self.__dict__}


def _checkpoint_plain(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _count(path: Path, key: str | None) -> int:
    conn = cipher.module().connect(f"file:{path}?mode=ro", uri=True)
    try:
        if key:
            cipher.apply_key(conn, key)
        return int(conn.execute("SELECT count(*) FROM customer").fetchone()[0])
    finally:
        conn.close()


def _swap(path: Path, temp: Path) -> None:
    os.replace(temp, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _plain_backups(path: Path) -> int:
    folder = backup_dir(path)
    return sum(1 for p in folder.glob("*.sqlite3") if not cipher.is_encrypted(p))


def encrypt_database(path: Path, *, actor: Actor) -> EncryptionChange:
    """Encrypt ``path`` in place (no other window may have it open)."""
    actor.require("settings")
    path = Path(path).resolve()
    if cipher.is_encrypted(path):
        raise DomainError("already_encrypted", field="key")
    cipher.module()
    _checkpoint_plain(path)
    key = cipher.new_key()
    cipher.store_key(path, key)
    temp = path.with_name(f".{path.name}.encrypting")
    temp.unlink(missing_ok=True)
    private_file(temp)
    try:
        cipher.export_copy(path, temp, source_key=None, target_key=key)
        cipher.check_key(temp, key)
        before, after = _count(path, None), _count(temp, key)
        if before != after:  # never replace the file with a copy that lost rows
            raise RuntimeError(f"encrypted copy has {after} customers, not {before}")
    except BaseException:
        temp.unlink(missing_ok=True)
        cipher.forget_key(path)
        raise
    _swap(path, temp)
    return EncryptionChange(str(path), True, after, _plain_backups(path))


def decrypt_database(path: Path, *, actor: Actor) -> EncryptionChange:
    """Write ``path`` back as a plain SQLite file and forget its key."""
    actor.require("settings")
    path = Path(path).resolve()
    if not cipher.is_encrypted(path):
        raise DomainError("not_encrypted", field="key")
    key = cipher.key_for(path)
    cipher.check_key(path, key)
    temp = path.with_name(f".{path.name}.decrypting")
    temp.unlink(missing_ok=True)
    private_file(temp)
    try:
        cipher.export_copy(path, temp, source_key=key, target_key=None)
        before, after = _count(path, key), _count(temp, None)
        if before != after:
            raise RuntimeError(f"plain copy has {after} customers, not {before}")
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _swap(path, temp)
    cipher.forget_key(path)
    return EncryptionChange(str(path), False, after, _plain_backups(path))
