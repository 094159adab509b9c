"""origin from hlc: the node that made a row's version is read from its stamp, not stored

Every synced row kept ``origin`` beside ``hlc`` = "<ms>-<counter>-<node>", and every write
set it to that same node (the ORM, imports, sync's apply and restamp): the node's 36
characters twice in every row (issue 20). ``origin`` is now a VIRTUAL generated column
computed from ``hlc`` when read (``models.ORIGIN_SQL``): it takes no room, cannot disagree
with the stamp, and reads as before (the upload sends it to the hub, which keeps its own).

A column cannot become generated in place: the stored one is dropped (SQLite rewrites the
table) and the generated one added (no rewrite). No trigger or index names ``origin``
(the guards list it among the columns a ledger row may change, the capture sends ``hlc``).

Revision ID: 0020_origin_from_hlc
Revises: 0019_lean_ledgers
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_origin_from_hlc"
down_revision = "0019_lean_ledgers"
branch_labels = None
depends_on = None
compacts = True  # rows got smaller: the file is rewritten after (migrate.compact)

ORIGIN_SQL = "substr(hlc, 18 + instr(substr(hlc, 18), '-'))"  # as models.ORIGIN_SQL


def _tables_with_origin() -> list[str]:
    inspector = sa.inspect(op.get_bind())
    return [
        table
        for table in inspector.get_table_names()
        if {"origin", "hlc"} <= {c["name"] for c in inspector.get_columns(table)}
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in _tables_with_origin():
        op.execute(f'ALTER TABLE "{table}" DROP COLUMN origin')
        op.execute(
            f'ALTER TABLE "{table}" ADD COLUMN origin VARCHAR(64) '
            f"GENERATED ALWAYS AS ({ORIGIN_SQL}) VIRTUAL"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in _tables_with_origin():
        op.execute(f'ALTER TABLE "{table}" DROP COLUMN origin')
        op.execute(f"ALTER TABLE \"{table}\" ADD COLUMN origin VARCHAR(64) DEFAULT '' NOT NULL")
        op.execute(f'UPDATE "{table}" SET origin = {ORIGIN_SQL}')
