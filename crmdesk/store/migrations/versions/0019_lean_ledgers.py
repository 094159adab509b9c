"""lean ledgers: purchases, voids, point entries and notes without created_at/updated_at

A ledger row is never changed, and each has its own time (``purchased_at``,
``voided_at``, ``occurred_at``, ``noted_at``), so the two timestamps every synced row had
said nothing on them: 38 bytes of every purchase and every point entry, sent with each
one by sync (issue 20). The rows people change keep theirs (``models.Edited``).

SQLite refuses to drop a column a trigger names, and the append-only guards (0001, 0009,
with sync's stand-aside of 0011) name every fixed column: they are dropped, the columns
dropped, and the guards made again by the same rules from the columns left. The change
capture triggers are made afresh after every migration (``migrate.upgrade``).

Revision ID: 0019_lean_ledgers
Revises: 0018_list_order
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_lean_ledgers"
down_revision = "0018_list_order"
branch_labels = None
depends_on = None
compacts = True  # rows got smaller: the file is rewritten after (migrate.compact)

#: ledger -> its own time (what a downgrade gives back as created_at/updated_at)
LEDGERS = {
    "purchase": "purchased_at",
    "purchase_void": "voided_at",
    "point_entry": "occurred_at",
    "inquiry_note": "noted_at",
}
DROPPED = ("created_at", "updated_at")
#: As in 0001 and 0009: the columns a ledger row may still change.
MUTABLE = {
    "purchase": ("customer_id", "hlc", "origin", "updated_at"),
    "purchase_void": ("hlc", "origin", "updated_at"),
    "point_entry": ("customer_id", "hlc", "origin", "updated_at"),
    "inquiry_note": ("hlc", "origin", "updated_at", "body", "erased"),
}
MESSAGE = "is an append-only ledger: add a correcting entry"
APPLYING = "(SELECT applying FROM sync_flag) = 0"  # as 0011 made it


def _drop_triggers(table: str) -> None:
    """The triggers on ``table`` that name its columns: the update and insert guards, and
    change capture (the delete guard names none)."""
    names = op.get_bind().exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
        "AND (name IN (? || '_append_only_update', ? || '_append_only_insert') "
        "OR name LIKE 'sync_capture_%')",
        (table, table, table),
    )
    for (name,) in names.fetchall():
        op.execute(f'DROP TRIGGER "{name}"')


def _changed(table: str, new: str, prior: str) -> str:
    columns = [c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)]
    fixed = [c for c in columns if c not in MUTABLE[table]]
    changed = " OR ".join(f"{new}.{c} IS NOT {prior}.{c}" for c in fixed)
    if table == "inquiry_note":  # erasure may blank a note's body once
        changed = (
            f"({changed}) OR ({new}.body IS NOT {prior}.body AND NOT "
            f"({new}.erased = 1 AND {new}.body = ''))"
        )
    return changed


def _guards(table: str) -> None:
    """The update guard (0001, standing aside while sync applies: 0011) and the insert guard
    (0009), from the table's columns as they are now."""
    op.execute(
        f"CREATE TRIGGER {table}_append_only_update BEFORE UPDATE ON {table} "
        f"WHEN ({_changed(table, 'NEW', 'OLD')}) AND {APPLYING} BEGIN "
        f"SELECT RAISE(ABORT, '{table} {MESSAGE}'); END"
    )
    rewrites = (
        f"EXISTS (SELECT 1 FROM {table} AS prior WHERE prior.id = NEW.id "
        f"AND ({_changed(table, 'NEW', 'prior')}))"
    )
    if table == "purchase_void":  # its other unique key: one void per purchase
        rewrites += (
            " OR EXISTS (SELECT 1 FROM purchase_void AS prior "
            "WHERE prior.purchase_id = NEW.purchase_id AND prior.id IS NOT NEW.id)"
        )
    op.execute(
        f"CREATE TRIGGER {table}_append_only_insert BEFORE INSERT ON {table} "
        f"WHEN {rewrites} BEGIN SELECT RAISE(ABORT, '{table} {MESSAGE}'); END"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in LEDGERS:
        _drop_triggers(table)
        for column in DROPPED:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        _guards(table)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, own_time in LEDGERS.items():
        _drop_triggers(table)
        for column in DROPPED:  # SQLite adds a NOT NULL column only with a constant default
            op.execute(f"ALTER TABLE {table} ADD COLUMN {column} DATETIME NOT NULL DEFAULT ''")
        op.execute(f"UPDATE {table} SET created_at = {own_time}, updated_at = {own_time}")
        _guards(table)
