"""The one place that opens a database.

``make_engine(url)`` gives an engine with SQLite's pragmas set on every connection;
``open_database(path)`` makes sure the file exists, migrates it to the newest schema,
rebuilds its search keys when the normalisation rules changed since, and returns a
:class:`Database` holding the engine and a session factory. SQLite and PostgreSQL differ
only by URL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from crmdesk.core.hlc import HybridClock
from crmdesk.core.ids import new_id
from crmdesk.store import capture as _capture  # noqa: F401 - ends outbox groups at commit
from crmdesk.store.models import Setting, Synced

BUSY_TIMEOUT_MS = 10_000


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": BUSY_TIMEOUT_MS / 1000})
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


@dataclass
class Database:
    """An open crmdesk database: engine, session factory and this node's clock."""

    engine: Engine
    node_id: str
    path: Path | None = None
    clock: HybridClock = field(init=False)
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.clock = HybridClock(self.node_id)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, info={"db": self})

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: a session whose work commits together or not at all."""
        with self.sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(target: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating and migrating when needed) the database at a path or URL."""
    from crmdesk.store.migrate import upgrade

    path: Path | None = None
    if isinstance(target, Path) or "://" not in str(target):
        path = Path(target).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        url = sqlite_url(path)
    else:
        url = str(target)
    engine = make_engine(url)
    if migrate:
        upgrade(engine, path)
        if engine.dialect.name == "sqlite":
            from crmdesk.store.search_rebuild import rebuild_if_stale

            rebuild_if_stale(engine)
    node_id = _node_id(engine)
    return Database(engine=engine, node_id=node_id, path=path)


def _node_id(engine: Engine) -> str:
    with Session(engine) as session, session.begin():
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
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Synced) and (obj in session.new or session.is_modified(obj)):
            obj.hlc = db.clock.now().encode()
            obj.origin = db.node_id
            obj.updated_at = now
            if obj in session.new and obj.created_at is None:
                obj.created_at = now


def setting(session: Session, key: str, default: Any = None) -> Any:
    import json

    row = session.scalar(select(Setting).where(Setting.key == key))
    return default if row is None else json.loads(row.value)


def set_setting(session: Session, key: str, value: Any) -> None:
    import json

    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))
    else:
        row.value = json.dumps(value, ensure_ascii=False)
