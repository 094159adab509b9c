"""email delivery: one row per recipient of an email campaign, with what became of it

Revision ID: 0013_email_delivery
Revises: 0010_custom_fields
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import crmdesk.store.types

revision = "0013_email_delivery"
down_revision = "0010_custom_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = crmdesk.store.types.UTCDateTime
    op.create_table(
        "email_delivery",
        sa.Column("campaign_id", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("message_id", sa.String(length=200), nullable=False),
        sa.Column("attempted_at", utc(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), server_default="", nullable=False),
        sa.Column("origin", sa.String(length=64), server_default="", nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("created_at", utc(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", utc(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_email_delivery_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_email_delivery_customer_id_customer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_delivery")),
        sa.UniqueConstraint(
            "campaign_id", "customer_id", name=op.f("uq_email_delivery_campaign_id_customer_id")
        ),
    )
    with op.batch_alter_table("email_delivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_email_delivery_campaign_id"), ["campaign_id"])
        batch_op.create_index(batch_op.f("ix_email_delivery_customer_id"), ["customer_id"])
        batch_op.create_index("ix_email_delivery_status", ["campaign_id", "status"])


def downgrade() -> None:
    op.drop_table("email_delivery")
