"""The file on disk: 0600 for everything holding personal data; no personal data in logs."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from crmdesk.store.db import open_database
from crmdesk.store.models import AuditLog

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

NAME, PHONE, STREET = "秘密野 花子", "090-7777-1234", "隠れ町9-8-7"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_wal_backup_and_export_are_0600(tmp_path: Path) -> None:
    from crmdesk.services.backup import make_backup
    from crmdesk.services.export import export
    from crmdesk.services.staff import CLI_ACTOR
    from tests.helpers.factories import add_customer

    os.umask(0o022)  # a usual umask: files would be 0644 without care
    path = tmp_path / "shop.sqlite3"
    db = open_database(path)
    with db.transaction() as session:
        add_customer(session)
    wal = Path(f"{path}-wal")
    assert wal.exists()  # open, so the WAL is there
    assert (mode(path), mode(wal), mode(Path(f"{path}-shm"))) == (0o600, 0o600, 0o600)
    backup = Path(make_backup(path).path)
    assert mode(backup) == 0o600 and mode(backup.parent) == 0o700
    for name in ("out.csv", "out.xlsx"):
        with db.transaction() as session:
            export(session, CLI_ACTOR, "customers", tmp_path / name)
        assert mode(tmp_path / name) == 0o600
    db.close()


def test_an_existing_readable_file_is_tightened_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    open_database(path).close()
    path.chmod(0o644)
    open_database(path).close()
    assert mode(path) == 0o600


def _cli(env: dict[str, str], db: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "--db", str(db), *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    return done.stderr  # what a script's log keeps; stdout is the answer asked for


def test_no_name_phone_or_address_in_any_log_or_temp_file(tmp_path: Path, caplog) -> None:
    """Seed a known customer, use the CLI as a user would (errors included), and scan
    every message, log record, temp file and audit entry the app wrote."""
    temp, data = tmp_path / "tmp", tmp_path / "data"
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), CRMDESK_DATA_DIR=str(data), PYTHONPATH=os.getcwd())
    env.pop("CRMDESK_PIN", None)
    db = tmp_path / "shop" / "shop.sqlite3"
    db.parent.mkdir()
    exports = tmp_path / "exports"
    exports.mkdir()
    said = [
        _cli(
            env,
            db,
            "customer",
            "add",
            "--name",
            NAME,
            "--phone",
            PHONE,
            "--postal-code",
            "1000001",
            "--street",
            STREET,
        ),  # fmt: skip
        _cli(env, db, "customer", "add", "--name", NAME, "--phone", PHONE),  # a duplicate
        _cli(env, db, "customer", "edit", "000001", "--phone", "090-7777"),  # invalid
        _cli(env, db, "staff", "add", "店主", "--role", "owner", "--pin", "2468"),
        _cli(env, db, "--staff", "店主", "--pin", "0000", "search", "秘密野"),  # wrong PIN
        _cli(env, db, "export", "customers", "-o", str(exports / "x.csv")),  # refused
        _cli(env, db, "--pin", "2468", "export", "customers", "-o", str(exports / "x.csv")),
        _cli(
            env, db, "--pin", "2468", "customer", "disclose", "000001", "-o", str(exports / "d.pdf")
        ),  # fmt: skip
        _cli(env, db, "--pin", "2468", "backup"),
        _cli(env, db, "--pin", "2468", "customer", "erase", "000001", "--yes"),
    ]
    caplog.set_level(logging.DEBUG)
    from crmdesk.services import customers, disclosure
    from crmdesk.services.staff import CLI_ACTOR

    opened = open_database(db)
    with opened.transaction() as session:
        cid = customers.create_customer(
            session, {"family_name": "秘密野", "given_name": "花子", "phone1": PHONE}
        ).customer_id
        disclosure.disclosure(session, cid, actor=CLI_ACTOR)
    with opened.transaction() as session:
        audit_text = "\n".join(
            f"{e.actor} {e.detail} {e.entity}" for e in session.scalars(select(AuditLog))
        )
    opened.close()
    written = [
        p for p in [*temp.rglob("*"), *data.rglob("*"), *db.parent.rglob("*")]
        if p.is_file() and not p.name.startswith("shop.sqlite3")
        and p.parent.name != "backups"  # backups are copies of the database (0600)
    ]  # fmt: skip
    texts = [*said, caplog.text, audit_text, *(p.read_bytes().decode("utf-8", "replace")
                                               for p in written)]  # fmt: skip
    for secret in ("秘密野", "花子", PHONE, "07777", STREET):
        for text in texts:
            assert secret not in text, (secret, text[:300])
    assert any("permission_denied" in s for s in said) and any("wrong_pin" in s for s in said)
