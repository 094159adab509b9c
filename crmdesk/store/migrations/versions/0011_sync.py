"""sync: the branch side of the hub sync (outbox, column clocks, state, conflicts)

Capture triggers are not created here: crmdesk.store.capture.install makes them from the
models after every migration, so they always match the newest schema.

Revision ID: 0011_sync
Revises: 0014_outlook (chained after main's head; it was 0008_merge_undo)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_sync"
down_revision = "0014_outlook"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # the hub has its own schema (crmdesk/sync/hub_migrations)
    # capture: 1 while joined (the triggers write the outbox); 0 otherwise and while the
    # sync engine applies what it pulled. txn: the current local transaction group.
    # applying: 1 only inside the sync engine's own apply transaction (uncommitted, so no
    # other connection ever sees it): the one case a ledger row may be rewritten, to the
    # version the hub recorded first (one fact, one row everywhere).
    op.execute("CREATE TABLE sync_flag (id INTEGER PRIMARY KEY CHECK (id = 1), "
               "capture INTEGER NOT NULL DEFAULT 0, txn INTEGER NOT NULL DEFAULT 1, "
               "applying INTEGER NOT NULL DEFAULT 0)")
    op.execute("INSERT INTO sync_flag (id, capture, txn, applying) VALUES (1, 0, 1, 0)")
    _ledger_guards()
    # AUTOINCREMENT: ids are never reused after the outbox is trimmed.
    op.execute(
        "CREATE TABLE sync_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, tx INTEGER, "
        "tbl TEXT NOT NULL, row_id TEXT NOT NULL, op TEXT NOT NULL, cols TEXT NOT NULL, "
        "hlc TEXT, base TEXT)"
    )
    # The clock of each column changed after its row was inserted (a column without an
    # entry still holds its insert's value). mark: the outbox id high-water when pulled.
    op.execute(
        "CREATE TABLE sync_clock (tbl TEXT NOT NULL, row_id TEXT NOT NULL, col TEXT NOT NULL, "
        "hlc TEXT NOT NULL, mark INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (tbl, row_id, col)) "
        "WITHOUT ROWID"
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("tbl", sa.String(60), nullable=False),
        sa.Column("row_id", sa.String(80), nullable=False),
        sa.Column("col", sa.String(60), nullable=False),
        sa.Column("mine", sa.Text(), nullable=False),
        sa.Column("theirs", sa.Text(), nullable=False),
        sa.Column("mine_hlc", sa.String(64), nullable=False),
        sa.Column("theirs_hlc", sa.String(64), nullable=False),
        sa.Column("mine_branch", sa.String(16), nullable=False),
        sa.Column("theirs_branch", sa.String(16), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("resolved_at", sa.String(40)),
        sa.Column("resolution", sa.String(10)),
    )
    op.create_index("ix_sync_conflict_row", "sync_conflict", ["tbl", "row_id", "col"])
    op.create_table(
        "sync_rejected",
        sa.Column("id", sa.Integer(), primary_key=True),  # the outbox id it had
        sa.Column("tbl", sa.String(60), nullable=False),
        sa.Column("row_id", sa.String(80), nullable=False),
        sa.Column("op", sa.String(2), nullable=False),
        sa.Column("cols", sa.Text(), nullable=False),
        sa.Column("hlc", sa.String(64)),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
    )


APPLYING = "(SELECT applying FROM sync_flag) = 0"


def _ledger_guards() -> None:
    """The append-only ledger triggers (0001) stand aside while sync applies."""
    bind = op.get_bind()
    rows = bind.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND name LIKE '%_append_only_update'"
    ).fetchall()
    for name, sql in rows:
        if APPLYING in sql:
            continue
        head, sep, body = sql.partition(" BEGIN ")
        where, _, guard = head.partition(" WHEN ")
        op.execute(f'DROP TRIGGER "{name}"')
        op.execute(f"{where} WHEN ({guard}) AND {APPLYING}{sep}{body}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    bind = op.get_bind()
    triggers = bind.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_capture_%'"
    ).scalars()
    for trigger in list(triggers):
        op.execute(f'DROP TRIGGER IF EXISTS "{trigger}"')
    rows = bind.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND name LIKE '%_append_only_update'"
    ).fetchall()
    for name, sql in rows:  # the ledger guards as 0001 made them (they name sync_flag)
        if APPLYING in sql:
            op.execute(f'DROP TRIGGER "{name}"')
            op.execute(sql.replace(f") AND {APPLYING}", ")"))
    for table in ("sync_rejected", "sync_conflict", "sync_state", "sync_clock", "sync_outbox",
                  "sync_flag"):
        op.execute(f"DROP TABLE IF EXISTS {table}")
