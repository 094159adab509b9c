"""Notice every committed write made through a database's sessions, from any thread.

The controller syncs a few seconds after a write; the only reliable "a write happened"
in this process is a commit of a session that flushed or executed a write. Commits made
by the sync itself are marked with :func:`quiet` so they do not start another sync.
Writes that bypass the Session (rare: raw connections) are caught by the periodic sync.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

KEY = "crmdesk_branch_sync_wrote"
_local = threading.local()


@contextmanager
def quiet() -> Iterator[None]:
    """Commits in this thread, inside the block, are the sync's own: not reported."""
    _local.quiet = True
    try:
        yield
    finally:
        _local.quiet = False


def _is_read(statement: Any) -> bool:
    if isinstance(statement, TextClause):
        return str(statement).lstrip().upper().startswith(("SELECT", "WITH", "PRAGMA"))
    return bool(getattr(statement, "is_select", False))


class WriteWatcher:
    """Calls ``on_write()`` (in the committing thread) after each commit that wrote."""

    def __init__(self, db: Any, on_write: Callable[[], None]) -> None:
        # Every Session made for this database (its reader and its writer factories both
        # put the Database in ``info``); sessions of other files are left alone.
        self.db = db
        self.target = Session
        self.on_write = on_write
        self._hooks = [
            ("after_flush", self._flushed),
            ("do_orm_execute", self._executed),
            ("after_commit", self._committed),
            ("after_rollback", self._rolled_back),
        ]
        for name, hook in self._hooks:
            event.listen(self.target, name, hook)

    def close(self) -> None:
        for name, hook in self._hooks:
            if event.contains(self.target, name, hook):
                event.remove(self.target, name, hook)

    def _mine(self, session: Any) -> bool:
        return session.info.get("db") is self.db

    def _flushed(self, session: Any, _context: Any) -> None:
        if self._mine(session):
            session.info[KEY] = True

    def _executed(self, state: Any) -> None:
        if self._mine(state.session) and not _is_read(state.statement):
            state.session.info[KEY] = True

    def _committed(self, session: Any) -> None:
        if not self._mine(session):
            return
        if session.info.pop(KEY, False) and not getattr(_local, "quiet", False):
            self.on_write()

    def _rolled_back(self, session: Any) -> None:
        if self._mine(session):
            session.info.pop(KEY, None)
