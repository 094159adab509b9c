"""ledger guard: REPLACE and UPSERT cannot rewrite a ledger row either

0001's triggers forbid UPDATE and DELETE on the ledgers, but ``INSERT OR REPLACE`` /
``REPLACE INTO`` with an existing id deletes the row without firing delete triggers
(SQLite fires them only with recursive_triggers on) and inserts a new one: 49 points
became 99,999. A BEFORE INSERT trigger now refuses an insert whose id is already taken
by a row that differs in a fixed column: the same rule as the update trigger, so merges
may still re-parent (customer_id) and an identical row sent twice (sync's union merge,
``INSERT OR IGNORE``) is still harmless. ``ON CONFLICT DO UPDATE`` runs the update
trigger, which was already guarded.

Revision ID: 0009_ledger_guard
Revises: 0008_merge_undo
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_ledger_guard"
down_revision = "0008_merge_undo"
branch_labels = None
depends_on = None

# As in 0001: the columns a ledger row may still change.
LEDGERS = {
    "purchase": ("customer_id", "hlc", "origin", "updated_at"),
    "purchase_void": ("hlc", "origin", "updated_at"),
    "point_entry": ("customer_id", "hlc", "origin", "updated_at"),
    "inquiry_note": ("hlc", "origin", "updated_at", "body", "erased"),
}
MESSAGE = "is an append-only ledger: add a correcting entry"


def _changed(table: str, columns: list[str]) -> str:
    fixed = [c for c in columns if c not in LEDGERS[table]]
    changed = " OR ".join(f"NEW.{c} IS NOT prior.{c}" for c in fixed)
    if table == "inquiry_note":
        changed = (
            f"({changed}) OR (NEW.body IS NOT prior.body AND NOT "
            "(NEW.erased = 1 AND NEW.body = ''))"
        )
    return changed


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return  # the hub gets its own guards with the sync work
    for table in LEDGERS:
        columns = [c["name"] for c in sa.inspect(bind).get_columns(table)]
        rewrites = (
            f"EXISTS (SELECT 1 FROM {table} AS prior WHERE prior.id = NEW.id "
            f"AND ({_changed(table, columns)}))"
        )
        if table == "purchase_void":  # its other unique key: one void per purchase
            rewrites += (
                " OR EXISTS (SELECT 1 FROM purchase_void AS prior "
                "WHERE prior.purchase_id = NEW.purchase_id AND prior.id IS NOT NEW.id)"
            )
        op.execute(
            f"CREATE TRIGGER {table}_append_only_insert BEFORE INSERT ON {table} "
            f"WHEN {rewrites} BEGIN "
            f"SELECT RAISE(ABORT, '{table} {MESSAGE}'); "
            "END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in LEDGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only_insert")
