"""Alembic, run from code: the schema is created and changed only by migrations.

Alembic itself (with Mako and every dialect it knows) is imported only when a file has
to be migrated: opening a file that is already at the newest revision, as at nearly every
launch, reads the revisions from the scripts' headers (:mod:`crmdesk.store.revisions`) and
the file's ``alembic_version`` table, which is all Alembic would do there (a test checks
both give the same answer).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from crmdesk.core.errors import DomainError
from crmdesk.store.backup import backup_before_migration
from crmdesk.store.capture import install_on
from crmdesk.store.revisions import (
    MIGRATIONS,
    VERSION_TABLE,
    head_revision,
    known_revisions,
)

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        heads = [row[0] for row in conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))]
    return "+".join(sorted(heads)) if heads else None


def check_version(engine: Engine) -> str | None:
    """The file's schema revision; refuses a file written by a newer crmdesk."""
    current = current_revision(engine)
    if current is not None and not set(current.split("+")) <= known_revisions():
        raise DomainError("schema_too_new", revision=current)
    return current


def upgrade(engine: Engine, path: Path | None = None) -> bool:
    """Migrate to the newest schema. Returns True when anything was applied.

    Before an existing file is migrated, the ``before_migration`` hooks run (the backup
    service registers one), so a failed migration never costs the shop its data.
    """
    current = check_version(engine)
    head = head_revision()
    if current == head:
        return False
    if current is not None:
        for hook in BEFORE_MIGRATION:
            hook(engine, path, current, head)
    from alembic import command

    command.upgrade(alembic_config(engine), "heads")
    # Change capture follows the newest schema: triggers are made afresh from the models.
    install_on(engine)
    if current is not None and _compacts(engine, current, head):
        compact(engine, path)
    return True


#: Room a compaction leaves on the disk beyond the copy of the file SQLite makes.
COMPACT_RESERVE = 1 << 30


def _compacts(engine: Engine, old: str, new: str) -> bool:
    """Whether a revision from ``old`` to ``new`` made rows smaller (``compacts = True`` in
    its script): its space is left inside the pages until the file is rewritten."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(engine))
    passed = script.iterate_revisions(new, old)
    return any(getattr(rev.module, "compacts", False) for rev in passed if rev is not None)


def compact(engine: Engine, path: Path | None) -> bool:
    """Rewrite the file without the room rows gave up (SQLite's VACUUM), when the disk has
    room for SQLite's copy of it; True when it did. A million customers' file takes
    minutes; a shop's, seconds."""
    if path is not None:
        wal = path.with_name(path.name + "-wal")
        size = sum(p.stat().st_size for p in (path, wal) if p.exists())
        if shutil.disk_usage(path.parent).free < 2 * size + COMPACT_RESERVE:
            log.warning("file not compacted after the migration: too little room on the disk")
            return False
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("VACUUM")  # outside a transaction: the driver's own connection
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the copy went through the WAL
    return True


def _backup_hook(engine: Engine, path: Path | None, old: str, new: str) -> None:
    backup_before_migration(engine, path, old, new)


#: Called as hook(engine, path, from_revision, to_revision) before an existing file
#: migrates. The first one copies the file into its backups folder.
BEFORE_MIGRATION: list[Callable[[Engine, Path | None, str, str], None]] = [_backup_hook]
