"""customer outlook: each customer's precomputed BG/NBD / Gamma-Gamma estimates

A local cache rebuilt from the purchases (never synced): the card, the outlook list and
the segment conditions read it instead of fitting anything while someone waits.

Revision ID: 0014_outlook
Revises: 0012_staff_roles
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import crmdesk.store.types

revision = "0014_outlook"
down_revision = "0012_staff_roles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_outlook",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("frequency", sa.Integer(), nullable=False),
        sa.Column("recency_days", sa.Float(), nullable=False),
        sa.Column("age_days", sa.Float(), nullable=False),
        sa.Column("last_visit", sa.Date(), nullable=False),
        sa.Column("spend_total", sa.Integer(), nullable=False),
        sa.Column("p_active", sa.Float(), nullable=True),
        sa.Column("expected_visits_90d", sa.Float(), nullable=True),
        sa.Column("expected_spend_90d", sa.Float(), nullable=True),
        sa.Column("model", sa.String(length=10), nullable=False),
        sa.Column("computed_at", crmdesk.store.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_outlook")),
    )
    with op.batch_alter_table("customer_outlook", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_outlook_p_active"), ["p_active"])
        batch_op.create_index(
            batch_op.f("ix_customer_outlook_expected_spend_90d"), ["expected_spend_90d"]
        )


def downgrade() -> None:
    op.drop_table("customer_outlook")
