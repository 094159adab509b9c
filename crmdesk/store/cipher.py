"""Optional encryption at rest: the database file through SQLCipher (``sqlcipher3``).

A file is encrypted when its first bytes are not SQLite's header. Its key (32 random
bytes, as hex) lives in the OS keyring under ``crmdesk`` / ``database-key:<path>``, never
in the file, the settings or a log. The engine is the ordinary SQLite one with the
``sqlcipher3`` driver, and ``PRAGMA key`` is the first statement on every connection,
before WAL and the other pragmas; everything else (FTS5 trigram search, migrations,
triggers) is unchanged. A wrong or missing key is a clear error and the file is left
as it was.
"""

from __future__ import annotations

import os
import secrets
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from crmdesk.core import files
from crmdesk.core.errors import DomainError

SQLITE_HEADER = b"SQLite format 3\x00"
KEYRING_SERVICE = "crmdesk"
_keys: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def is_encrypted(path: Path) -> bool:
    # Reading the header of a file this process has open would drop SQLite's locks on it
    # (crmdesk.core.files.held_database): an open one is known without reading.
    held = files.held_database(path)
    if held is not None:
        return held
    head = files.file_head(Path(path))
    return len(head) == 16 and head != SQLITE_HEADER


def module() -> Any:
    """The sqlcipher3 DB-API module, or a clear error when it is not installed."""
    try:
        import sqlcipher3.dbapi2 as dbapi  # deferred: an optional extra (no type hints)
    except ImportError:
        raise DomainError("sqlcipher_missing") from None
    return dbapi


def new_key() -> str:
    return secrets.token_hex(32)


def valid_key(key: str) -> bool:
    return len(key) == 64 and all(c in "0123456789abcdefABCDEF" for c in key)


def key_pragma(key: str) -> str:
    if not valid_key(key):  # only hex ever reaches the SQL text
        raise DomainError("wrong_database_key", field="key")
    return f"PRAGMA key = \"x'{key}'\""


def apply_key(dbapi_conn: Any, key: str) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(key_pragma(key))
    cur.execute("PRAGMA cipher_log_level = NONE")  # no page-level chatter on stderr
    cur.close()


def install_key(engine: Engine, key: str) -> None:
    """Key every connection of ``engine`` first, before any other pragma."""

    def keyed(dbapi_conn: Any, _record: Any) -> None:
        apply_key(dbapi_conn, key)

    event.listen(engine, "connect", keyed, insert=True)
    _keys[engine] = key


def key_of(engine: Engine) -> str | None:
    return _keys.get(engine)


def check_key(path: Path, key: str) -> None:
    """Raise ``wrong_database_key`` unless ``key`` opens ``path`` (read only, no change)."""
    conn = module().connect(f"file:{path}?mode=ro", uri=True)
    try:
        apply_key(conn, key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module().DatabaseError:
        raise DomainError("wrong_database_key", field="key") from None
    finally:
        conn.close()


# --- the keyring ------------------------------------------------------------------
def _account(path: Path) -> str:
    return f"database-key:{Path(path).expanduser().resolve()}"


def stored_key(path: Path) -> str | None:
    import keyring  # deferred: ~0.14 s to import; only encrypted files need it
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, _account(path))
    except KeyringError:
        raise DomainError("keyring_unavailable") from None


def store_key(path: Path, key: str) -> None:
    import keyring  # deferred: ~0.14 s to import; only encrypted files need it
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, _account(path), key)
    except KeyringError:
        raise DomainError("keyring_unavailable") from None


def forget_key(path: Path) -> None:
    import keyring  # deferred: ~0.14 s to import; only encrypted files need it
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, _account(path))
    except PasswordDeleteError:
        pass
    except KeyringError:
        raise DomainError("keyring_unavailable") from None


def key_for(path: Path) -> str:
    """The key of an encrypted file, from the keyring (or ``CRMDESK_DB_KEY``)."""
    key = os.environ.get("CRMDESK_DB_KEY") or stored_key(path)
    if not key:
        raise DomainError("database_key_missing", field="key")
    return key


def export_copy(
    source: Path, target: Path, *, source_key: str | None, target_key: str | None
) -> None:
    """Write a consistent copy of ``source`` to ``target`` (which must not exist), each
    side plain or encrypted (SQLCipher's ``sqlcipher_export``)."""
    conn = module().connect(str(source))
    try:
        if source_key:
            apply_key(conn, source_key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        target_sql = str(target).replace("'", "''")
        key_sql = f"x'{target_key}'" if target_key else ""
        if target_key and not valid_key(target_key):
            raise DomainError("wrong_database_key", field="key")
        conn.execute(f"ATTACH DATABASE '{target_sql}' AS copy KEY \"{key_sql}\"")
        conn.execute("SELECT sqlcipher_export('copy')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA copy.user_version = {int(version)}")
        conn.execute("DETACH DATABASE copy")
    except module().DatabaseError:
        raise DomainError("wrong_database_key", field="key") from None
    finally:
        conn.close()
