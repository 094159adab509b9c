"""Bad input a person can fix: one clear message (Japanese and English, a stable code in
--json), exit 2 from the CLI, and the local file exactly as it was."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from crmdesk.cli import main
from crmdesk.core.errors import DomainError
from tests.helpers.branches import BranchFile, fingerprint
from tests.helpers.pg import PgServer, database_url, dbname_of, require_password
from tests.helpers.sync_ops import api, join, sync

MakeBranch = Callable[..., BranchFile]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def cli_error(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> dict[str, object]:
    """Run the CLI with --json; it must exit 2 with one error object."""
    capsys.readouterr()
    rc = main(["--db", str(path), *args, "--json"])
    out = capsys.readouterr().out
    assert rc == 2, out
    data = json.loads(out)
    assert data["ok"] is False
    error: dict[str, object] = data["error"]
    assert error["code"] not in (error["message"], error["message_ja"])
    assert JAPANESE.search(str(error["message_ja"])), error
    assert not JAPANESE.search(str(error["message"])), error
    return error


def join_args(url: str, code: str = "A") -> list[str]:
    return ["sync", "join", url, "--branch", code, "--name", f"{code}店"]


@pytest.fixture
def shop(make_branch: MakeBranch) -> BranchFile:
    branch = make_branch("A")
    branch.add_customer(family_name="山本", phone1="090-1234-5678")
    branch.db.close()  # the CLI opens the file itself, as a person running it would
    return branch


def test_a_hub_that_cannot_be_reached(shop: BranchFile, capsys, tmp_path: Path) -> None:  # noqa: ANN001
    before = fingerprint(shop.path)
    url = f"postgresql://postgres@/postgres?host={tmp_path / 'no-server-here'}"
    error = cli_error(capsys, shop.path, *join_args(url))
    assert error["code"] == "hub_unreachable"
    assert fingerprint(shop.path) == before


def test_a_database_that_does_not_exist(shop: BranchFile, capsys, pg_server: PgServer) -> None:  # noqa: ANN001
    before = fingerprint(shop.path)
    error = cli_error(capsys, shop.path, *join_args(pg_server.url_for("no_such_shop_db")))
    assert error["code"] in ("hub_unreachable", "hub_not_initialised")
    assert fingerprint(shop.path) == before


def test_an_empty_database_is_not_initialised(shop: BranchFile, capsys, hub_url: str) -> None:  # noqa: ANN001
    before = fingerprint(shop.path)
    error = cli_error(capsys, shop.path, *join_args(hub_url))
    assert error["code"] == "hub_not_initialised"
    assert fingerprint(shop.path) == before


def test_a_database_of_another_application(shop: BranchFile, capsys, hub_url: str) -> None:  # noqa: ANN001
    with psycopg.connect(hub_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE orders (id serial primary key, total int)")
        conn.execute("INSERT INTO orders (total) VALUES (100)")
    before = fingerprint(shop.path)
    error = cli_error(capsys, shop.path, *join_args(hub_url))
    assert error["code"] == "hub_not_crmdesk"
    assert fingerprint(shop.path) == before
    with pytest.raises(DomainError) as caught:
        api().init_hub(hub_url)  # and init refuses to take it over
    assert caught.value.code == "hub_not_crmdesk"
    with psycopg.connect(hub_url) as conn:
        assert conn.execute("SELECT total FROM orders").fetchall() == [(100,)]


def _set_hub_revision(url: str, revision: str) -> None:
    """Make the hub look made by a newer crmdesk: its Alembic version table(s) name a
    revision this release does not know."""
    with psycopg.connect(url, autocommit=True) as conn:
        found = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.columns"
            " WHERE column_name = 'version_num'"
        ).fetchall()
        assert found, "the hub keeps its schema revision in an Alembic version table"
        for schema, table in found:
            conn.execute(f'UPDATE "{schema}"."{table}" SET version_num = %s', (revision,))


def test_a_hub_of_a_newer_schema(shop: BranchFile, capsys, hub: str) -> None:  # noqa: ANN001
    _set_hub_revision(hub, "9999_from_a_newer_crmdesk")
    before = fingerprint(shop.path)
    error = cli_error(capsys, shop.path, *join_args(hub))
    assert error["code"] == "hub_schema_newer"
    assert fingerprint(shop.path) == before


def test_a_hub_updated_after_joining_stops_sync_without_harm(
    make_branch: MakeBranch,
    hub: str,
    capsys,  # noqa: ANN001
) -> None:
    a = make_branch("A")
    join(a, hub)
    a.add_customer(family_name="森")
    waiting = api().status(a.db)["waiting"]
    snapshot = a.snapshot()
    _set_hub_revision(hub, "9999_from_a_newer_crmdesk")
    a.db.close()
    error = cli_error(capsys, a.path, "sync", "now")
    assert error["code"] == "hub_schema_newer"
    from crmdesk.store.db import open_database

    a.db = open_database(a.path)
    assert a.snapshot() == snapshot
    assert api().status(a.db)["waiting"] == waiting  # kept for when the branch is updated


def test_a_branch_code_already_in_use(make_branch: MakeBranch, hub: str, capsys) -> None:  # noqa: ANN001
    join(make_branch("A"), hub, code="HONTEN")
    other = make_branch("B")
    other.add_customer(family_name="池田")
    other.db.close()
    before = fingerprint(other.path)
    error = cli_error(capsys, other.path, *join_args(hub, "HONTEN"))
    assert error["code"] == "branch_code_taken"
    assert fingerprint(other.path) == before


def test_joining_twice_is_refused(make_branch: MakeBranch, hub: str, capsys) -> None:  # noqa: ANN001
    a = make_branch("A")
    join(a, hub)
    a.db.close()
    before = fingerprint(a.path)
    error = cli_error(capsys, a.path, *join_args(hub, "A2"))
    assert error["code"] == "already_joined"
    assert fingerprint(a.path) == before


def test_sync_before_joining_says_so(shop: BranchFile, capsys) -> None:  # noqa: ANN001
    before = fingerprint(shop.path)
    assert cli_error(capsys, shop.path, "sync", "now")["code"] == "not_joined"
    assert fingerprint(shop.path) == before


@pytest.fixture
def password_hub(pg_server: PgServer) -> tuple[str, str]:
    """A hub reached as a role that must give its password: (url without it, password)."""
    if pg_server.data_dir is None:
        pytest.skip("CRMDESK_TEST_PG_URL given: its pg_hba.conf is not ours to change")
    role_url = require_password(pg_server, "crmdesk_branch", "right-password")
    url = pg_server.create_database("pwhub")
    name = dbname_of(url)
    pg_server.execute(pg_server.admin_url, f'ALTER DATABASE "{name}" OWNER TO crmdesk_branch')
    hub = database_url(role_url, name)
    yield hub, "right-password"
    pg_server.drop_database(url)


def with_password(url: str, password: str) -> str:
    return url.replace("crmdesk_branch@", f"crmdesk_branch:{password}@", 1)


def test_a_wrong_password(shop: BranchFile, capsys, password_hub) -> None:  # noqa: ANN001
    hub, password = password_hub
    api().init_hub(with_password(hub, password))
    before = fingerprint(shop.path)
    error = cli_error(capsys, shop.path, *join_args(with_password(hub, "wrong")))
    assert error["code"] == "hub_auth_failed"
    assert "wrong" not in json.dumps(error)  # the password is never echoed
    assert fingerprint(shop.path) == before


def test_a_password_changed_on_the_hub(
    make_branch: MakeBranch, password_hub, capsys, pg_server
) -> None:  # noqa: ANN001
    hub, password = password_hub
    api().init_hub(with_password(hub, password))
    api().save_password(hub, password)  # kept in the keyring, not in the file
    a = make_branch("A")
    join(a, hub)
    assert password.encode() not in a.path.read_bytes()
    a.add_customer(family_name="石川")
    snapshot, waiting = a.snapshot(), api().status(a.db)["waiting"]
    pg_server.execute(pg_server.admin_url, "ALTER ROLE crmdesk_branch PASSWORD 'changed'")
    a.db.close()
    assert cli_error(capsys, a.path, "sync", "now")["code"] == "hub_auth_failed"
    from crmdesk.store.db import open_database

    a.db = open_database(a.path)
    assert a.snapshot() == snapshot and api().status(a.db)["waiting"] == waiting
    api().save_password(hub, "changed")  # the owner types the new one
    sync(a)
    assert api().status(a.db)["waiting"] == 0


def test_no_usable_keyring_is_a_clear_message_not_a_crash(hub: str) -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    keyring.set_keyring(NoKeyring())  # a desktop without any OS keyring
    with pytest.raises(DomainError) as caught:
        api().save_password(hub, "secret")
    assert caught.value.code == "keyring_unavailable"
    assert JAPANESE.search(caught.value.message("ja"))
    assert "secret" not in caught.value.message("en")
