"""The one place that opens a database.

``make_engine(url)`` gives an engine with SQLite's pragmas set on every connection;
``open_database(path)`` makes sure the file exists, migrates it to the newest schema,
rebuilds its search keys when the normalisation rules changed since, and returns a
:class:`Database` holding the engine and a session factory. SQLite and PostgreSQL differ
only by URL.

Transactions on SQLite are begun by us, not by pysqlite (SQLAlchemy's documented recipe:
the driver in autocommit mode, our own BEGIN on the engine's ``begin`` event).
:meth:`Database.transaction` is a *write* transaction: ``BEGIN IMMEDIATE`` takes the
write lock before the first read, so a balance read and the redemption written after it
can never interleave with another process's. :meth:`Database.reading` is a plain
(deferred) read transaction for work that writes nothing, such as searches. Waiting for
another writer is bounded by the busy timeout and then ends in ``database_busy``.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from crmdesk.core import files
from crmdesk.core.errors import DomainError
from crmdesk.core.hlc import HybridClock
from crmdesk.core.ids import new_id
from crmdesk.store import capture as _capture  # noqa: F401 - ends outbox groups at commit
from crmdesk.store import cipher
from crmdesk.store.migrate import upgrade
from crmdesk.store.models import Edited, Setting, Synced
from crmdesk.store.private import private_file
from crmdesk.store.search_rebuild import rebuild_if_stale

BUSY_TIMEOUT_MS = 10_000
#: Execution option naming how a SQLite transaction begins ("IMMEDIATE" for writes).
BEGIN_OPTION = "crmdesk_sqlite_begin"


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def make_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, foreign keys and a busy timeout.

    SQL parameters are never shown in errors or logs: they hold names and phone numbers.
    """
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": busy_timeout_ms / 1000})
    kwargs.setdefault("hide_parameters", True)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":

        def pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
            _sqlite_pragmas(dbapi_conn, busy_timeout_ms)

        event.listen(engine, "connect", pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "checkin", _default_checkpoints)
    return engine


#: SQLite's own: the WAL is copied back into the file when a commit leaves it this long
WAL_AUTOCHECKPOINT_PAGES = 1000
_SPACED = "wal_autocheckpoint"  # a pooled connection's info: its checkpoints are spaced


def space_checkpoints(session: Session, pages: int) -> None:
    """For one transaction of a bulk write (an import's batch): the WAL is copied back
    into the file once it holds ``pages`` pages instead of SQLite's 1,000 (4 MiB).

    Each batch of an import fills more than 1,000 pages, so every commit checkpointed,
    copying the same index pages into the file again each time (about an eighth of a
    100,000-row import). The WAL may grow to ``pages`` meanwhile; the connection is set
    back to SQLite's spacing when it returns to the pool (:func:`_default_checkpoints`).
    """
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={int(pages)}")
    conn.connection.info[_SPACED] = pages


def _default_checkpoints(dbapi_conn: Any, record: Any) -> None:
    if record.info.pop(_SPACED, None) is not None:
        dbapi_conn.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    # pysqlite's own BEGIN is deferred and skipped before some statements; we begin
    # every transaction ourselves in _sqlite_begin.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    _wal(cur, busy_timeout_ms)
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _wal(cur: sqlite3.Cursor, busy_timeout_ms: int) -> None:
    """Switch to WAL, waiting for a process that is switching the same new file.

    Changing the journal mode needs an exclusive lock, and SQLite answers "database is
    locked" at once instead of calling the busy handler: two processes opening a file that
    does not exist yet (the window and the CLI, two counters) would see one of them fail.
    """
    deadline = time.monotonic() + busy_timeout_ms / 1000
    pause = 0.005
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
    assert mode in ("DEFERRED", "IMMEDIATE"), mode
    conn.exec_driver_sql(f"BEGIN {mode}")


def is_busy(error: BaseException) -> bool:
    """True for SQLite's "database is locked": another connection holds the write lock."""
    orig = getattr(error, "orig", error)
    return isinstance(orig, sqlite3.OperationalError) and (
        getattr(orig, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY
        or "database is locked" in str(orig)
    )


@dataclass
class Database:
    """An open crmdesk database: engine, session factory and this node's clock."""

    engine: Engine
    node_id: str
    path: Path | None = None
    clock: HybridClock = field(init=False)
    sessions: sessionmaker[Session] = field(init=False)
    #: called (from whichever thread noticed) when the file was replaced under us
    on_replaced: list[Callable[[], None]] = field(default_factory=list)
    #: the staff member signed in on this computer (None: no accounts, or nobody): the
    #: changes it writes carry it to the other branches (see crmdesk.store.capture)
    acting_staff_id: str | None = None

    writer: sessionmaker[Session] = field(init=False)
    _held: threading.local = field(init=False, default_factory=threading.local)

    def __post_init__(self) -> None:
        self.clock = HybridClock(self.node_id)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, info={"db": self})
        # Same pool and events; connections from it begin with the write lock taken.
        immediate = self.engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
        self.writer = sessionmaker(
            immediate, expire_on_commit=False, info={"db": self, "writer": True}
        )

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action, a write transaction: its work commits together or not at all.

        On SQLite the write lock is taken up front (``BEGIN IMMEDIATE``), so everything
        read inside is still true when the writes commit. A lock not obtained within the
        busy timeout raises ``database_busy`` (another window is saving).
        """
        if getattr(self._held, "writing", False):
            # The same thread would wait for its own lock until the busy timeout.
            raise RuntimeError("a write transaction is already open in this thread")
        with self.writer() as session, self._holding():
            try:
                session.connection()  # BEGIN IMMEDIATE now, before the first read
            except OperationalError as error:
                if is_busy(error):
                    raise DomainError("database_busy") from None
                raise
            try:
                yield session
                session.commit()
            except OperationalError as error:
                session.rollback()
                if is_busy(error):
                    raise DomainError("database_busy") from None
                raise
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def _holding(self) -> Iterator[None]:
        self._held.writing = True
        try:
            yield
        finally:
            self._held.writing = False

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read transaction (one consistent snapshot) that never takes the write lock."""
        with self.sessions() as session, session.begin():
            session.info["reading"] = True
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    target: str | Path,
    *,
    migrate: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    key: str | None = None,
) -> Database:
    """Open (creating and migrating when needed) the database at a path or URL.

    An encrypted file (:mod:`crmdesk.store.cipher`) opens with ``key`` or the key in the
    keyring; a wrong or missing key raises before anything is written.
    """

    path: Path | None = None
    if isinstance(target, Path) or "://" not in str(target):
        path = Path(target).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        private_file(path)  # 0600 before SQLite writes a byte (its -wal/-shm follow)
        url = sqlite_url(path)
    else:
        url = str(target)
    secret = None
    if path is not None and cipher.is_encrypted(path):
        secret = key or cipher.key_for(path)
        cipher.check_key(path, secret)
    engine = make_engine(
        url, busy_timeout_ms=busy_timeout_ms, **({"module": cipher.module()} if secret else {})
    )
    if secret:
        cipher.install_key(engine, secret)
    on_replaced: list[Callable[[], None]] = []
    if path is not None:
        _follow_the_file(engine, path, on_replaced, encrypted=secret is not None)
    if migrate:
        upgrade(engine, path)
        if engine.dialect.name == "sqlite":
            rebuild_if_stale(engine)
    node_id = _node_id(engine)
    return Database(engine=engine, node_id=node_id, path=path, on_replaced=on_replaced)


_file_id = files.file_id


def _follow_the_file(
    engine: Engine, path: Path, on_replaced: list[Callable[[], None]], *, encrypted: bool
) -> None:
    """Every pooled connection must read the file now at ``path``.

    Another process may replace the file (``crmdesk restore`` renames a backup over it).
    A connection opened before that keeps reading and writing the old, unlinked file:
    its commits succeed and are lost, and the file on disk looks fine. So a connection
    remembers the file it opened, and one taken from the pool after the file changed is
    thrown away and opened afresh (SQLAlchemy retries the checkout with a new one).

    Each connection also tells :func:`crmdesk.core.files.hold_database` which file it
    holds, so nothing in this process reads that file's header with a plain open()
    (closing it would drop SQLite's locks). Call it before the first connection.
    """

    @event.listens_for(engine, "connect")
    def remember(_dbapi_conn: Any, record: Any) -> None:
        record.info["file_id"] = _file_id(path)
        files.hold_database(record.info["file_id"], path, encrypted=encrypted)
        record.info["held"] = True

    def forget(_dbapi_conn: Any, record: Any) -> None:
        if record.info.pop("held", False):
            files.release_database(record.info.get("file_id"))

    event.listen(engine, "close", forget)

    @event.listens_for(engine, "checkout")
    def check(_dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        now = _file_id(path)
        if now is None or record.info.get("file_id") == now:
            return
        for notify in list(on_replaced):
            notify()
        raise DisconnectionError("the database file was replaced")


def _node_id(engine: Engine) -> str:
    writer = engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})  # read, then maybe write
    with Session(writer) as session, session.begin():
        row = session.get(Setting, "node_id")
        if row is None:
            node = new_id()
            session.add(Setting(key="node_id", value=f'"{node}"'))
            return node
        return str(row.value).strip('"')


@event.listens_for(Session, "before_flush")
def _stamp_changes(session: Session, _ctx: Any, _instances: Any) -> None:
    """Every synced row written through the ORM gets a fresh HLC and its origin."""
    db = session.info.get("db")
    if db is None:
        return
    now = datetime.now(UTC)
    # session.new builds a fresh set at every access: take it once, or a flush of 100,000
    # new rows (a campaign's recipients) asks 100,000 times over 100,000 rows.
    new = session.new
    for obj in [*new, *session.dirty]:
        if isinstance(obj, Synced) and (obj in new or session.is_modified(obj)):
            obj.hlc = db.clock.now().encode()  # and so its origin (models.ORIGIN_SQL)
            if isinstance(obj, Edited):
                obj.updated_at = now
                if obj in new and obj.created_at is None:
                    obj.created_at = now


def setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.scalar(select(Setting).where(Setting.key == key))
    return default if row is None else json.loads(row.value)


def set_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))
    else:
        row.value = json.dumps(value, ensure_ascii=False)
