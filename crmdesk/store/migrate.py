"""Alembic, run from code: the schema is created and changed only by migrations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from crmdesk.core.errors import DomainError
from crmdesk.store.backup import backup_before_migration
from crmdesk.store.capture import install_on

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The newest revision; ``a+b`` (sorted) while parallel work has left two heads."""
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert heads, "no migrations found"
    return "+".join(sorted(heads))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        heads = MigrationContext.configure(conn).get_current_heads()
    return "+".join(sorted(heads)) if heads else None


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


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
    command.upgrade(alembic_config(engine), "heads")
    # Change capture follows the newest schema: triggers are made afresh from the models.
    install_on(engine)
    return True


def _backup_hook(engine: Engine, path: Path | None, old: str, new: str) -> None:
    backup_before_migration(engine, path, old, new)


#: Called as hook(engine, path, from_revision, to_revision) before an existing file
#: migrates. The first one copies the file into its backups folder.
BEFORE_MIGRATION: list[Callable[[Engine, Path | None, str, str], None]] = [_backup_hook]
