"""Encryption at rest with SQLCipher: the search keeps working; bad keys change nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import keyring
import pytest

from crmdesk.core.errors import DomainError
from crmdesk.services.encryption import decrypt_database, encrypt_database
from crmdesk.services.search import search_customers
from crmdesk.services.staff import Actor
from crmdesk.store import cipher
from crmdesk.store.db import open_database
from crmdesk.store.first_look import first_look
from tests.helpers.factories import add_customer
from tests.helpers.memory_keyring import MemoryKeyring

OWNER = Actor(None, "cli", "owner")


@pytest.fixture
def memory_keyring() -> Any:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def encrypted(db_path: Path, memory_keyring: Any) -> Path:
    db = open_database(db_path)
    with db.transaction() as session:
        add_customer(session, family_name="佐々木", given_name="良子", family_kana="ささき",
                     given_kana="りょうこ", phone1="090-1234-5678")  # fmt: skip
        add_customer(session, family_name="田中", given_name="拓也", family_kana="たなか",
                     given_kana="たくや")  # fmt: skip
    db.close()
    change = encrypt_database(db_path, actor=OWNER)
    assert change.encrypted and change.customers == 2
    return db_path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_file_is_unreadable_without_the_key_and_search_still_works(encrypted: Path) -> None:
    raw = encrypted.read_bytes()
    assert not raw.startswith(b"SQLite format 3") and "佐々木".encode() not in raw
    assert cipher.is_encrypted(encrypted)
    db = open_database(encrypted)  # the key comes from the keyring
    with db.reading() if hasattr(db, "reading") else db.sessions() as session:
        assert [h.name for h in search_customers(session, "ささき")] == ["佐々木 良子"]
        assert [h.name for h in search_customers(session, "佐々木良")] == ["佐々木 良子"]  # FTS5
        assert [h.name for h in search_customers(session, "5678")] == ["佐々木 良子"]
    with db.transaction() as session:
        add_customer(session, family_name="鈴木", family_kana="すずき")
    db.close()
    assert "鈴木".encode() not in encrypted.read_bytes()


def test_a_wrong_or_missing_key_is_clear_and_changes_nothing(
    encrypted: Path, memory_keyring: Any
) -> None:
    before = digest(encrypted)
    with pytest.raises(DomainError) as caught:
        open_database(encrypted, key="00" * 32)
    assert (caught.value.code, caught.value.field) == ("wrong_database_key", "key")
    assert "鍵が違う" in caught.value.message("ja")
    with pytest.raises(DomainError) as caught:
        open_database(encrypted, key="not hex; DROP TABLE customer")
    assert caught.value.code == "wrong_database_key"
    memory_keyring.secrets.clear()
    with pytest.raises(DomainError) as caught:
        open_database(encrypted)
    assert caught.value.code == "database_key_missing"
    assert digest(encrypted) == before


def test_a_damaged_file_is_refused_whole(encrypted: Path) -> None:
    data = bytearray(encrypted.read_bytes())
    data[100:140] = b"\x00" * 40  # inside the first page
    encrypted.write_bytes(bytes(data))
    with pytest.raises(DomainError) as caught:
        open_database(encrypted)
    assert caught.value.code == "wrong_database_key"
    assert encrypted.read_bytes() == bytes(data)


def test_backups_of_an_encrypted_file_are_encrypted_and_decrypt_brings_it_back(
    encrypted: Path,
) -> None:
    from crmdesk.services.backup import make_backup

    backup = Path(make_backup(encrypted).path)
    assert cipher.is_encrypted(backup)
    cipher.check_key(backup, cipher.key_for(encrypted))
    change = decrypt_database(encrypted, actor=OWNER)
    assert not change.encrypted and change.customers == 2
    assert encrypted.read_bytes().startswith(b"SQLite format 3")
    db = open_database(encrypted)
    with db.sessions() as session:
        assert len(search_customers(session, "たなか")) == 1
    db.close()
    with pytest.raises(DomainError) as caught:
        decrypt_database(encrypted, actor=OWNER)
    assert caught.value.code == "not_encrypted"


def test_only_settings_may_encrypt(db_path: Path, memory_keyring: Any) -> None:
    open_database(db_path).close()
    with pytest.raises(DomainError) as caught:
        encrypt_database(db_path, actor=Actor(None, "x", "staff"))
    assert caught.value.field == "settings" and not cipher.is_encrypted(db_path)
    assert memory_keyring.secrets == {}


def test_encrypt_and_decrypt_from_the_cli(db_path: Path, memory_keyring: Any) -> None:
    import contextlib
    import io
    import json

    from crmdesk.cli import main

    def run(*args: str) -> tuple[int, dict[str, Any]]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["--db", str(db_path), *args])
        return code, json.loads(out.getvalue())

    run("customer", "add", "--name", "佐々木 良子", "--json")
    code, data = run("encrypt", "--json")
    assert code == 0 and data["encrypted"] and data["customers"] == 1
    code, data = run("encrypt", "--json")
    assert (code, data["error"]["code"]) == (2, "already_encrypted")
    code, data = run("search", "佐々木", "--json")
    assert code == 0 and data["count"] == 1
    memory_keyring.secrets.clear()
    code, data = run("search", "佐々木", "--json")
    assert (code, data["error"]["code"]) == (2, "database_key_missing")


def test_the_window_takes_no_first_look_at_an_encrypted_file(encrypted: Path) -> None:
    """Plain sqlite3 cannot read it: the window opens it (with the key) before showing."""
    assert first_look(encrypted, 10) is None
