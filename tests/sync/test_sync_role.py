"""The least-privilege role README documents for branches, made from README's own SQL.

The statements are read out of README ("A least-privilege role for branches"), so the
docs cannot drift from what is tested: the owner initialises the hub, runs them, and two
branches join, sync, prune and leave as ``crmdesk_branch``, which cannot drop, create or
truncate a table, nor read another database's tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from tests.helpers.branches import BranchFile, assert_converged
from tests.helpers.pg import PgServer, database_url, dbname_of
from tests.helpers.sync_ops import api, sync

MakeBranch = Callable[..., BranchFile]
README = Path(__file__).resolve().parents[2] / "README.md"
ROLE = "crmdesk_branch"
HUB_DB = "crmdesk"  # the database README's statements name


def readme_role_sql() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("### A least-privilege role for branches", 1)[1].split("\n### ", 1)[0]
    block = re.search(r"```sql\n(.*?)```", section, re.S)
    assert block, "README's role section has no SQL block"
    return [s.strip() for s in block[1].split(";") if s.strip()]


def readme_password() -> str:
    found = re.search(r"PASSWORD '([^']+)'", " ".join(readme_role_sql()))
    assert found
    return found[1]


def as_role(url: str, role: str, password: str | None = None) -> str:
    """``url`` as ``role`` (the socket form of the test server kept)."""
    user = role if password is None else f"{role}:{password}"
    return re.sub(r"^postgresql://[^@/]*@", f"postgresql://{user}@", url)


def connect_as_role(url: str) -> psycopg.Connection[tuple[object, ...]]:
    """A direct connection as the role, with README's password (another test may have
    made this server ask the role for its password)."""
    return psycopg.connect(as_role(url, ROLE, readme_password()), autocommit=True)


@pytest.fixture
def branch_hub(pg_server: PgServer) -> Iterator[str]:
    """The hub ``crmdesk`` initialised by the owner, README's statements run; the URL the
    branches use (as ``crmdesk_branch``)."""
    admin = pg_server.admin_url
    pg_server.execute(admin, f"DROP DATABASE IF EXISTS {HUB_DB} WITH (FORCE)")
    pg_server.execute(admin, f"DROP ROLE IF EXISTS {ROLE}")
    pg_server.execute(admin, f"CREATE DATABASE {HUB_DB}")
    owner_url = database_url(admin, HUB_DB)
    try:
        api().init_hub(owner_url)
        with psycopg.connect(owner_url, autocommit=True) as conn:
            for statement in readme_role_sql():
                conn.execute(statement)  # type: ignore[call-overload]
        url = as_role(owner_url, ROLE)
        api().save_password(url, readme_password())  # `crmdesk sync password URL`
        yield url
    finally:
        from crmdesk.sync import hub

        hub.forget_engines()
        pg_server.execute(admin, f"DROP DATABASE IF EXISTS {HUB_DB} WITH (FORCE)")
        pg_server.execute(admin, f"DROP ROLE IF EXISTS {ROLE}")


def test_branches_sync_as_the_readme_role(
    make_branch: MakeBranch, pg_server: PgServer, branch_hub: str
) -> None:
    with connect_as_role(branch_hub) as conn:
        who = conn.execute(
            "SELECT current_user, rolsuper, rolcreatedb, rolcreaterole"
            " FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
    assert who == (ROLE, False, False, False)
    a, b = make_branch("A"), make_branch("B")
    cid = a.add_customer(family_name="最小", given_name="権限")
    a.buy(cid, 5000)
    api().join(a.db, branch_hub, branch_code="A", name="A店")  # uploads
    api().join(b.db, branch_hub, branch_code="B", name="B店")  # downloads
    b.edit(cid, city="仙台市")
    a.edit(cid, phone1="022-123-4567")
    sync(b, a, b)
    assert_converged(a, b)
    assert b.balance(cid) == a.balance(cid) == 50
    status = api().hub_status(branch_hub)
    assert [x["code"] for x in status["branches"]] == ["A", "B"]
    # The daily prune runs as the branch too (it deletes from the change log).
    with psycopg.connect(database_url(pg_server.admin_url, HUB_DB), autocommit=True) as owner:
        owner.execute("UPDATE hub_meta SET value = '0' WHERE key = 'pruned_at_ms'")
        owner.execute("UPDATE hub_change SET at = at - interval '40 days'")
        # A prune that cannot finish (here: a role without DELETE on the log) is left for
        # the next round; the round itself, and the branch's work, go through.
        owner.execute(f"REVOKE DELETE ON hub_change FROM {ROLE}")
        a.edit(cid, town="青葉")
        assert sync(a)[0]["pushed"] >= 1
        assert api().hub_status(branch_hub)["pruned_to"] == 0
        assert api().status(a.db)["last_error"] is None
        owner.execute(f"GRANT DELETE ON hub_change TO {ROLE}")
    sync(a)
    assert api().hub_status(branch_hub)["pruned_to"] > 0
    api().leave(b.db)
    assert [x["left"] for x in api().hub_status(branch_hub)["branches"]] == [False, True]


def test_the_readme_role_cannot_change_the_schema_or_read_elsewhere(
    pg_server: PgServer, branch_hub: str
) -> None:
    refused = (errors.InsufficientPrivilege,)
    for statement in (
        "DROP TABLE hub_change",
        "DROP TABLE customer",
        "TRUNCATE hub_branch",
        "ALTER TABLE customer ADD COLUMN x int",
        "CREATE TABLE mine (x int)",
        "CREATE DATABASE another",
        "CREATE ROLE helper",
    ):
        with connect_as_role(branch_hub) as conn, pytest.raises(refused):
            conn.execute(statement)  # type: ignore[call-overload]
    with connect_as_role(branch_hub) as conn:  # what it may do, it can
        assert conn.execute("SELECT count(*) FROM hub_change").fetchone() is not None
    other = pg_server.create_database("otherapp")
    try:
        pg_server.execute(other, "CREATE TABLE secrets (x text)")
        with connect_as_role(other) as conn:
            for statement in ("SELECT * FROM secrets", "CREATE TABLE mine (x int)"):
                with pytest.raises(refused):
                    conn.execute(statement)  # type: ignore[call-overload]
        pg_server.execute(other, f"REVOKE CONNECT ON DATABASE {dbname_of(other)} FROM PUBLIC")
        with pytest.raises(psycopg.OperationalError, match="permission denied"):
            connect_as_role(other)
    finally:
        pg_server.drop_database(other)
