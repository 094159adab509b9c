"""The hub's schema: its own tables through Alembic, and the data tables from the models.

The hub holds "the same tables as a branch": every synced table of
:mod:`crmdesk.store.synced`, with the same columns and types, minus what is per file
(search keys, FTS rowids), minus foreign keys (a change may name a parent that arrives
in a later batch, and rows are checked by the branches that own them) and without server
defaults (the hub always writes whole rows). They are made by the first hub migration
and reconciled on every ``hub init`` (a release that adds a synced table or column adds
it to the hub), so nothing is written per table. The hub's own tables (change log,
registry, batches, clocks, aliases) are in ``hub_migrations`` with their own version
table, apart from any other Alembic history in the database.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Connection, MetaData, Table, UniqueConstraint, inspect, text
from sqlalchemy.types import TypeDecorator, TypeEngine

from crmdesk.core.errors import DomainError
from crmdesk.store.revisions import head_revision, known_revisions
from crmdesk.store.synced import synced_tables

VERSION_TABLE = "crmdesk_hub_version"
PROTOCOL = 1
SCRIPTS = Path(__file__).with_name("hub_migrations")
OWN_TABLES = (
    "hub_meta",
    "hub_branch",
    "hub_batch",
    "hub_rejected",
    "hub_change",
    "hub_clock",
    "hub_alias",
)


def _plain(kind: TypeEngine[object]) -> TypeEngine[object]:
    return kind.impl_instance if isinstance(kind, TypeDecorator) else kind


@cache
def data_tables() -> dict[str, Table]:
    meta = MetaData()
    out: dict[str, Table] = {}
    for synced in synced_tables():
        source = synced.table
        cols = [
            Column(
                name,
                _plain(source.c[name].type),
                primary_key=source.c[name].primary_key,
                nullable=source.c[name].nullable or not source.c[name].primary_key,
            )
            for name in (*synced.columns, *[m for m in ("hlc", "origin") if m in source.c])
        ]
        uniques = [
            UniqueConstraint(*u, name=f"uq_hub_{synced.name}_{'_'.join(u)}") for u in synced.unique
        ]
        out[synced.name] = Table(synced.name, meta, *cols, *uniques)
    return out


def ensure_data_tables(conn: Connection) -> list[str]:
    """Create missing data tables and add missing columns; returns what was added."""
    added: list[str] = []
    existing = set(inspect(conn).get_table_names())
    for name, table in data_tables().items():
        if name not in existing:
            table.create(conn)
            added.append(name)
            continue
        have = {c["name"] for c in inspect(conn).get_columns(name)}
        for col in table.c:
            if col.name not in have:
                kind = col.type.compile(dialect=conn.dialect)
                conn.execute(text(f'ALTER TABLE "{name}" ADD COLUMN "{col.name}" {kind}'))
                added.append(f"{name}.{col.name}")
    return added


def _config(conn: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    config.attributes["connection"] = conn
    return config


@cache
def _scripts() -> tuple[str, frozenset[str]]:
    script = ScriptDirectory.from_config(_config(None))  # type: ignore[arg-type]
    head = script.get_current_head()
    assert head is not None
    return head, frozenset(r.revision for r in script.walk_revisions())


def hub_head() -> str:
    return _scripts()[0]


@cache
def _branch_revisions() -> tuple[str, frozenset[str]]:
    return head_revision(), frozenset(known_revisions())


def hub_revision(conn: Connection) -> str | None:
    if not conn.execute(text(f"SELECT to_regclass('{VERSION_TABLE}') IS NOT NULL")).scalar():
        return None
    return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def check_not_foreign(conn: Connection) -> None:
    """Refuse a database that holds another application's tables."""
    tables = set(inspect(conn).get_table_names())
    if tables and "hub_meta" not in tables:
        raise DomainError("hub_not_crmdesk", tables=len(tables))


def upgrade(conn: Connection) -> dict[str, object]:
    """Create or migrate the hub; records which branch schema its data tables follow."""
    check_not_foreign(conn)
    current = hub_revision(conn)
    known = _scripts()[1]
    if current is not None and current not in known:
        raise DomainError("hub_schema_newer", revision=current)
    recorded = meta(conn).get("data_revision")
    if recorded and not _known(recorded):
        raise DomainError("hub_schema_newer", revision=recorded)
    command.upgrade(_config(conn), "head")
    ensure_data_tables(conn)
    for key, value in (
        ("app", "crmdesk"),
        ("protocol", str(PROTOCOL)),
        ("data_revision", head_revision()),
    ):
        conn.execute(
            text(
                "INSERT INTO hub_meta (key, value) VALUES (:k, :v) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            {"k": key, "v": value},
        )
    return {"schema": hub_head(), "protocol": PROTOCOL, "data_revision": head_revision()}


def _known(revision: str) -> bool:
    """Whether this crmdesk knows a branch revision (``a+b`` while two heads are open)."""
    return bool(revision) and set(revision.split("+")) <= _branch_revisions()[1]


def meta(conn: Connection) -> dict[str, str]:
    found = conn.execute(text("SELECT to_regclass('hub_meta') IS NOT NULL")).scalar()
    if not found:
        return {}
    return {k: v for k, v in conn.execute(text("SELECT key, value FROM hub_meta"))}


def check_compatible(conn: Connection) -> dict[str, str]:
    """The handshake's version half: same protocol, same schema on both sides."""
    found = meta(conn)
    if not found:
        check_not_foreign(conn)
        raise DomainError("hub_not_initialised")
    return judge(found, hub_revision(conn))


def judge(found: dict[str, str], hub_rev: str | None) -> dict[str, str]:
    """:func:`check_compatible` on what was already read: ``hub_meta`` and the revision."""
    if found.get("app") != "crmdesk":
        raise DomainError("hub_not_crmdesk", tables=0)
    protocol = int(found.get("protocol", "0"))
    if protocol != PROTOCOL:
        code = "hub_schema_newer" if protocol > PROTOCOL else "branch_schema_newer"
        raise DomainError("protocol_mismatch", hub=protocol, branch=PROTOCOL, side=code)
    if hub_rev not in _scripts()[1]:
        raise DomainError("hub_schema_newer", revision=hub_rev)
    data_rev = found.get("data_revision", "")
    if hub_rev != hub_head() or data_rev != _branch_revisions()[0]:
        if not _known(data_rev):
            raise DomainError("hub_schema_newer", revision=data_rev)
        raise DomainError("branch_schema_newer", revision=_branch_revisions()[0], hub=data_rev)
    return found
