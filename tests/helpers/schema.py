"""What a migration test reads of a file's schema: its indexes and a query's plan."""

from __future__ import annotations

from typing import Any


def index_names(conn: Any) -> set[str]:
    """Every index of the file (a SQLAlchemy connection)."""
    rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='index'")
    return {r[0] for r in rows}


def query_plan(conn: Any, sql: str, params: tuple[Any, ...] = ()) -> str:
    """SQLite's EXPLAIN QUERY PLAN of ``sql``, its steps joined by " | "."""
    rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)
    return " | ".join(str(r[-1]) for r in rows)
