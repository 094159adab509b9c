"""staff roles: owner-defined roles, staff cards (hashed), the PIN back-off

Revision ID: 0012_staff_roles
Revises: 0013_email_delivery
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_staff_roles"
down_revision = "0013_email_delivery"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("card_hash", sa.String(length=64), server_default="", nullable=False)
        )
    op.create_table(
        "staff_role",
        sa.Column("name", sa.String(length=16), nullable=False),
        sa.Column("permissions", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), server_default="", nullable=False),
        sa.Column("origin", sa.String(length=64), server_default="", nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_role")),
        sa.UniqueConstraint("name", name=op.f("uq_staff_role_name")),
    )
    op.create_table(
        "pin_attempt",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_pin_attempt")),
    )


def downgrade() -> None:
    op.drop_table("pin_attempt")
    op.drop_table("staff_role")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("card_hash")
