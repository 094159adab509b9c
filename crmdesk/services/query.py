"""The owner's own reports: one read-only SQL query over the shop's file.

The query runs through sqlite-utils on a connection opened read-only (``mode=ro``) with
``PRAGMA query_only`` on top, so no statement can write, whatever it says. A query that
runs past its time limit is interrupted. Running one is recorded in the audit log by a
hash of its text and the names of its parameters: the text itself may hold a name or a
phone number typed as a literal, and the audit log never holds personal data.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlalchemy.orm import Session

from crmdesk.core.errors import DomainError
from crmdesk.services import audit
from crmdesk.services.staff import Actor

#: A query still running after this many seconds is interrupted (``query_timeout``).
DEFAULT_TIMEOUT_S = 30.0
#: How many SQLite virtual-machine steps pass between two looks at the clock.
_PROGRESS_STEPS = 10_000


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    seconds: float


def run_query(
    path: Path,
    sql: str,
    params: Mapping[str, Any] | None = None,
    *,
    actor: Actor,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> QueryResult:
    """Run ``sql`` read-only on the file at ``path`` and return every row.

    Raises DomainError: ``permission_denied`` (export), ``query_empty``, ``query_read_only`` (the
    statement tried to write), ``query_invalid`` (SQLite refused it; its words are in
    ``detail``), ``query_timeout``, ``query_missing_parameter``.
    """
    actor.require("export")
    if not sql.strip():
        raise DomainError("query_empty", field="sql")
    db = _read_only_database(path)
    conn = db.conn
    started = time.monotonic()
    deadline = started + timeout_s
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_STEPS)
    try:
        cursor = db.execute(sql, dict(params or {}))
        columns = [d[0] for d in cursor.description or ()]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    except (sqlite3.Error, sqlite3.Warning) as error:
        raise _domain_error(error, timeout_s) from None
    finally:
        conn.close()
    return QueryResult(columns, rows, time.monotonic() - started)


def record_query(
    session: Session, sql: str, params: Mapping[str, Any] | None, result: QueryResult, actor: Actor
) -> None:
    """Audit one query: who, a hash of the text, parameter names and the row count."""
    audit.record(
        session,
        "query",
        entity="database",
        row_count=len(result.rows),
        actor=actor.audit_name,
        staff_id=actor.staff_id,
        sql_sha256=hashlib.sha256(sql.encode("utf-8")).hexdigest(),
        sql_length=len(sql),
        parameters=sorted(params or {}),
    )


def _read_only_database(path: Path) -> sqlite_utils.Database:
    if not path.exists():
        raise DomainError("database_not_found", field="db", path=str(path))
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA query_only=ON")
    db = sqlite_utils.Database(conn)  # sets its own pragmas, so before the authorizer
    conn.set_authorizer(_authorize)
    return db


#: Pragmas that only read the schema; every other pragma could change the connection.
_READ_PRAGMAS = frozenset(
    {
        "table_info",
        "table_xinfo",
        "table_list",
        "index_list",
        "index_info",
        "index_xinfo",
        "foreign_key_list",
        "collation_list",
        "function_list",
        "user_version",
        "schema_version",
        "data_version",
        "page_count",
        "page_size",
        "freelist_count",
        "compile_options",
    }
)


#: Actions that would change the file: refused before SQLite gets to try them.
_WRITES = frozenset(
    getattr(sqlite3, name)
    for name in dir(sqlite3)
    if name.startswith(("SQLITE_CREATE_", "SQLITE_DROP_"))
    or name
    in (
        "SQLITE_INSERT",
        "SQLITE_UPDATE",
        "SQLITE_DELETE",
        "SQLITE_ALTER_TABLE",
        "SQLITE_REINDEX",
        "SQLITE_ANALYZE",
        "SQLITE_ATTACH",
        "SQLITE_DETACH",
        "SQLITE_TRANSACTION",
        "SQLITE_SAVEPOINT",
    )
)


def _authorize(action: int, arg1: str | None, arg2: str | None, *_: Any) -> int:
    """Nothing that writes (ATTACH could create a file), no pragma but the pure reads."""
    if action == sqlite3.SQLITE_UPDATE and arg1 in ("sqlite_master", "sqlite_schema"):
        # FTS5 asks for this while it connects its virtual table; the file is opened
        # read-only anyway, so nothing can be written through it.
        return sqlite3.SQLITE_OK
    if action in _WRITES:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and (
        (arg1 or "").lower() not in _READ_PRAGMAS
        or (arg1 or "").lower() in ("user_version", "schema_version")
        and arg2 is not None
    ):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _domain_error(error: sqlite3.Error | sqlite3.Warning, timeout_s: float) -> DomainError:
    text = str(error)
    lowered = text.lower()
    if "interrupted" in lowered:
        return DomainError("query_timeout", field="sql", seconds=int(timeout_s))
    if any(w in lowered for w in ("readonly", "read-only", "not authorized", "authorization")):
        return DomainError("query_read_only", field="sql")
    if "one statement at a time" in lowered:
        return DomainError("query_one_statement", field="sql")
    if "did not supply" in lowered or "incorrect number of bindings" in lowered:
        return DomainError("query_missing_parameter", field="sql", detail=text)
    return DomainError("query_invalid", field="sql", detail=text)
