"""Many rows into the hub with PostgreSQL's COPY, inside the transaction that is open.

A push batch or a join's upload writes thousands of rows to a data table and to the
change log; one INSERT per row costs a statement on the server for each (even pipelined),
COPY streams them in one. It runs on the SQLAlchemy connection's own psycopg connection,
so it is part of the same transaction (and savepoint); a failure comes back as the
:class:`sqlalchemy.exc.DBAPIError` every caller already handles.

Thousands of ids in one ``= ANY(...)`` go as one JSON text (:func:`any_text`): psycopg
quotes a Python list into an array literal element by element, with a regular expression
each, which cost more than the query itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError


def copy_rows(
    conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """COPY ``rows`` (values in ``columns`` order) into ``table``."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, psycopg.Connection)
    try:
        with raw.cursor() as cur, cur.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as error:
        raise DBAPIError(statement.as_string(raw), None, error) from None


def any_text(name: str) -> str:
    """``ANY(...)`` over the texts of the JSON array bound as ``:name`` (see
    :func:`texts`); an index on the column serves it as it serves ``= ANY(array)``."""
    return f"ANY(ARRAY(SELECT json_array_elements_text(CAST(:{name} AS json))))"


def texts(values: Iterable[str]) -> str:
    """Strings as the parameter :func:`any_text` reads."""
    return json.dumps(list(values), ensure_ascii=False)
