"""channel: acquisition channels (流入経路), each customer's channel and referrer, spend

The owner's list of channels, a customer's ``channel_id`` and ``referred_by_id`` (紹介者,
another customer), and the monthly spend per channel. All three sync; the capture
triggers are made from the models after the migration (crmdesk.store.capture).

Revision ID: 0015_channel
Revises: 0011_sync
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import crmdesk.store.types

revision = "0015_channel"
down_revision = "0011_sync"
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column[object]]:
    utc = crmdesk.store.types.UTCDateTime
    now = sa.text("(CURRENT_TIMESTAMP)")
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), server_default="", nullable=False),
        sa.Column("origin", sa.String(length=64), server_default="", nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("created_at", utc(), server_default=now, nullable=False),
        sa.Column("updated_at", utc(), server_default=now, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "channel",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel")),
        sa.UniqueConstraint("name", name=op.f("uq_channel_name")),
    )
    op.create_table(
        "channel_spend",
        sa.Column("channel_id", sa.String(length=36), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("yen", sa.Integer(), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["channel.id"], name=op.f("fk_channel_spend_channel_id_channel")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_spend")),
        sa.UniqueConstraint("channel_id", "month", name=op.f("uq_channel_spend_channel_id_month")),
    )
    with op.batch_alter_table("channel_spend", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_channel_spend_channel_id"), ["channel_id"])
    # Plain ADD COLUMN (no table rebuild): a million-customer file migrates in a moment.
    # SQLite accepts a REFERENCES clause on an added column whose default is NULL.
    op.execute("ALTER TABLE customer ADD COLUMN channel_id VARCHAR(36) REFERENCES channel (id)")
    op.execute(
        "ALTER TABLE customer ADD COLUMN referred_by_id VARCHAR(36) REFERENCES customer (id)"
    )
    op.create_index("ix_customer_channel_id", "customer", ["channel_id"])
    op.create_index("ix_customer_referred_by_id", "customer", ["referred_by_id"])


def downgrade() -> None:
    op.drop_index("ix_customer_referred_by_id", table_name="customer")
    op.drop_index("ix_customer_channel_id", table_name="customer")
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_column("referred_by_id")
        batch_op.drop_column("channel_id")
    op.drop_table("channel_spend")
    op.drop_table("channel")
