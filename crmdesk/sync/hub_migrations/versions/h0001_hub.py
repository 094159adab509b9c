"""hub: change log, branch registry, batches, column clocks, aliases, and the data tables

Revision ID: h0001_hub
Revises:
"""

from __future__ import annotations

from alembic import op

revision = "h0001_hub"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    from crmdesk.sync.hub_schema import ensure_data_tables

    op.execute("CREATE TABLE hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    op.execute(
        "CREATE TABLE hub_branch (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, "
        "name TEXT NOT NULL, node_id TEXT NOT NULL, number INTEGER NOT NULL UNIQUE, "
        "epoch INTEGER NOT NULL DEFAULT 1, cursor BIGINT NOT NULL DEFAULT 0, "
        "acked BIGINT NOT NULL DEFAULT 0, joined_at TIMESTAMPTZ NOT NULL DEFAULT now(), "
        "last_seen TIMESTAMPTZ, left_at TIMESTAMPTZ, skew_ms BIGINT, generation TEXT)"
    )
    # One row per applied push batch: (branch, epoch, local sequence of its last change).
    op.execute(
        "CREATE TABLE hub_batch (branch_id TEXT NOT NULL, epoch INTEGER NOT NULL, "
        "last_seq BIGINT NOT NULL, first_seq BIGINT NOT NULL, changes INTEGER NOT NULL, "
        "at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (branch_id, epoch, last_seq))"
    )
    op.execute(
        "CREATE TABLE hub_rejected (branch_id TEXT NOT NULL, epoch INTEGER NOT NULL, "
        "seq BIGINT NOT NULL, tbl TEXT NOT NULL, row_id TEXT NOT NULL, reason TEXT NOT NULL, "
        "at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (branch_id, epoch, seq))"
    )
    # The change log. seq is taken under pg_advisory_xact_lock by every writer, so the
    # order of seq is the order of commit: a puller can never skip a slow transaction.
    op.execute("CREATE SEQUENCE hub_change_seq")
    op.execute(
        "CREATE TABLE hub_change (seq BIGINT PRIMARY KEY, batch BIGINT NOT NULL, "
        "tbl TEXT NOT NULL, row_id TEXT NOT NULL, op TEXT NOT NULL, cols JSONB NOT NULL, "
        "hlc TEXT NOT NULL, base JSONB, branch_id TEXT, epoch INTEGER, "
        "at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    op.execute(
        "CREATE TABLE hub_clock (tbl TEXT NOT NULL, row_id TEXT NOT NULL, col TEXT NOT NULL, "
        "hlc TEXT NOT NULL, PRIMARY KEY (tbl, row_id, col))"
    )
    # Rows two branches created offline under one natural key (a tag name): the later
    # id is an alias of the first; references to it are rewritten on arrival.
    op.execute(
        "CREATE TABLE hub_alias (tbl TEXT NOT NULL, alias_id TEXT NOT NULL, "
        "canonical_id TEXT NOT NULL, PRIMARY KEY (tbl, alias_id))"
    )
    ensure_data_tables(op.get_bind())


def downgrade() -> None:
    for table in (
        "hub_alias",
        "hub_clock",
        "hub_change",
        "hub_rejected",
        "hub_batch",
        "hub_branch",
        "hub_meta",
    ):
        op.execute(f"DROP TABLE IF EXISTS {table}")
    op.execute("DROP SEQUENCE IF EXISTS hub_change_seq")
