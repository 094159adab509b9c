"""``crmdesk query``: the owner's read-only reports, as an owner would run them."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
from pathlib import Path

import pytest

from crmdesk.cli import main
from crmdesk.services import audit
from crmdesk.store.db import open_database
from tests.helpers.factories import add_customer


def query(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(db), "query", *args])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite3"
    db = open_database(path)
    with db.transaction() as session:
        add_customer(session, family_name="山田", given_name="花子", phone1="090-1111-2222")
        add_customer(
            session,
            family_name="佐藤",
            given_name="一郎",
            family_kana="さとう",
            given_kana="いちろう",
            phone1="090-3333-4444",
            prefecture="大阪府",
        )
    db.close()
    return path


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


SQL = "SELECT customer_number, family_name, prefecture FROM customer ORDER BY customer_number"


def test_the_formats_follow_sqlite_utils(shop: Path) -> None:
    code, out, _ = query(shop, SQL, "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["family_name"] for r in rows] == ["山田", "佐藤"]
    assert rows[0]["customer_number"] == "000001"

    code, out, _ = query(shop, SQL, "--nl")
    assert [json.loads(line)["prefecture"] for line in out.splitlines()] == ["東京都", "大阪府"]

    code, out, _ = query(shop, SQL, "--csv")
    table = list(csv.reader(io.StringIO(out)))
    assert table[0] == ["customer_number", "family_name", "prefecture"]
    assert table[1] == ["000001", "山田", "東京都"]

    code, out, _ = query(shop, SQL, "--tsv")
    assert out.splitlines()[2].split("\t") == ["000002", "佐藤", "大阪府"]

    code, out, _ = query(shop, SQL)  # a text table, numbers kept as written
    assert "customer_number" in out and "000002" in out and "大阪府" in out


def test_named_parameters_are_bound(shop: Path) -> None:
    sql = "SELECT family_name FROM customer WHERE prefecture = :pref"
    code, out, _ = query(shop, sql, "-p", "pref", "大阪府", "--json")
    assert code == 0 and json.loads(out) == [{"family_name": "佐藤"}]
    code, out, _ = query(shop, "SELECT :n + 1 AS x", "-p", "n", "41", "--json")
    assert json.loads(out) == [{"x": 42}]  # SQLite's own affinity: text '41' + 1


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM customer",
        "UPDATE customer SET family_name = 'x'",
        "INSERT INTO tag (id, name) VALUES ('t', 'x')",
        "DROP TABLE customer",
        "CREATE TABLE t (x)",
        "CREATE TEMP TABLE t (x)",
        "ATTACH DATABASE 'other.sqlite3' AS other",
        "PRAGMA query_only = 0",
        "PRAGMA journal_mode = DELETE",
        "VACUUM INTO 'copy.sqlite3'",
        "BEGIN",
    ],
)
def test_nothing_can_write(shop: Path, sql: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = fingerprint(shop)
    code, out, _ = query(shop, sql, "--json")
    assert code == 2
    assert json.loads(out)["error"]["code"] == "query_read_only"
    assert fingerprint(shop) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop.sqlite3", *_wal(tmp_path)]


def _wal(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(("-wal", "-shm")))


def test_the_search_index_can_be_read(shop: Path) -> None:
    sql = "SELECT count(*) AS n FROM customer_fts WHERE customer_fts MATCH 'やまだ'"
    code, out, _ = query(shop, sql, "--json")
    assert code == 0 and json.loads(out) == [{"n": 1}]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["   "], "query_empty"),
        (["SELEC 1"], "query_invalid"),
        (["SELECT 1; SELECT 2"], "query_one_statement"),
        (["SELECT :a"], "query_missing_parameter"),
        (["SELECT 1", "-p", "a b", "1"], "query_bad_parameter"),
        (
            [
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                "SELECT count(*) FROM c",
                "--timeout",
                "0.2",
            ],
            "query_timeout",
        ),
    ],
)
def test_bad_queries_get_a_message_naming_the_sql(shop: Path, args: list[str], code: str) -> None:
    exit_code, out, _ = query(shop, *args, "--json")
    error = json.loads(out)["error"]
    assert exit_code == 2 and error["code"] == code and error["field"] == "sql"
    assert error["message_ja"] and error["message"] != error["message_ja"]


def test_errors_without_json_go_to_stderr(shop: Path) -> None:
    code, out, err = query(shop, "DELETE FROM customer")
    assert code == 2 and out == ""
    assert "[sql]" in err and "query_read_only" in err


def test_every_query_is_audited_without_its_text(shop: Path) -> None:
    sql = "SELECT * FROM customer WHERE family_name = '山田'"
    assert query(shop, sql, "--json")[0] == 0
    db = open_database(shop)
    with db.transaction() as session:
        [entry] = audit.entries(session, action="query")
        detail = json.loads(entry.detail)
    db.close()
    assert entry.actor == "cli" and entry.row_count == 1
    assert detail["sql_sha256"] == hashlib.sha256(sql.encode()).hexdigest()
    assert "山田" not in entry.detail


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    from crmdesk.core.errors import DomainError
    from crmdesk.services.query import run_query
    from crmdesk.services.staff import CLI_ACTOR

    with pytest.raises(DomainError) as caught:
        run_query(tmp_path / "nope.sqlite3", "SELECT 1", actor=CLI_ACTOR)
    assert caught.value.code == "database_not_found"
    assert not (tmp_path / "nope.sqlite3").exists()


def test_staff_may_not_run_queries(shop: Path) -> None:
    from crmdesk.core.errors import DomainError
    from crmdesk.services.query import run_query
    from crmdesk.services.staff import Actor

    clerk = Actor(staff_id=None, name="clerk", role="staff")
    with pytest.raises(DomainError) as caught:
        run_query(shop, "SELECT 1", actor=clerk)
    assert (caught.value.code, caught.value.field) == ("permission_denied", "export")
