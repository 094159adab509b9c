"""The sync fixtures themselves: a real PostgreSQL, fresh databases, branch files."""

from __future__ import annotations

import keyring
import psycopg

from tests.helpers.branches import assert_converged, differences, fingerprint
from tests.helpers.pg import PgServer


def test_each_test_gets_its_own_empty_database(pg_server: PgServer, hub_url: str) -> None:
    with psycopg.connect(hub_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE probe (x int)")
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert tables == (1,)
    other = pg_server.create_database("other")
    try:
        with psycopg.connect(other) as conn:
            found = conn.execute("SELECT to_regclass('probe')").fetchone()
        assert found == (None,)
    finally:
        pg_server.drop_database(other)
    assert pg_server.execute(
        pg_server.admin_url, "SELECT count(*) FROM pg_database WHERE datname LIKE 'other_%'"
    ) == [(0,)]


def test_branch_files_are_separate_computers(make_branch) -> None:  # noqa: ANN001
    a, b = make_branch("A"), make_branch("B")
    assert a.db.node_id != b.db.node_id
    cid = a.add_customer(family_name="佐藤")
    assert cid in a.customer_ids() and cid not in b.customer_ids()


def test_convergence_check_names_the_differing_row(make_branch) -> None:  # noqa: ANN001
    a, b = make_branch("A"), make_branch("B")
    assert_converged(a, b)  # two empty files agree
    cid = a.add_customer(family_name="佐藤")
    diff = differences(a.snapshot(), b.snapshot())
    assert any(cid in line and "only in first" in line for line in diff)
    before = fingerprint(a.path)
    a.edit(cid, city="港区")
    assert fingerprint(a.path) != before


def test_keyring_is_a_test_file_not_the_os(tmp_path) -> None:  # noqa: ANN001
    keyring.set_password("crmdesk-test", "u", "secret")
    assert keyring.get_password("crmdesk-test", "u") == "secret"
    assert (tmp_path / "keyring.json").stat().st_mode & 0o777 == 0o600
