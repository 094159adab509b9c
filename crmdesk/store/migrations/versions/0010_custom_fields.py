"""custom fields: the owner's extra card fields and each customer's values

Both are ordinary synced tables (id, hlc, origin, deleted, created_at, updated_at).

Revision ID: 0010_custom_fields
Revises: 0009_ledger_guard
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_custom_fields"
down_revision = "0009_ledger_guard"
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), server_default="", nullable=False),
        sa.Column("origin", sa.String(length=64), server_default="", nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "custom_field",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("choices", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custom_field")),
        sa.UniqueConstraint("name", name=op.f("uq_custom_field_name")),
    )
    op.create_table(
        "customer_field_value",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("field_id", sa.String(length=36), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_customer_field_value_customer_id_customer")
        ),
        sa.ForeignKeyConstraint(
            ["field_id"], ["custom_field.id"], name=op.f("fk_customer_field_value_field_id_custom_field")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_field_value")),
        sa.UniqueConstraint(
            "customer_id", "field_id", name=op.f("uq_customer_field_value_customer_id_field_id")
        ),
    )
    op.create_index(
        op.f("ix_customer_field_value_customer_id"), "customer_field_value", ["customer_id"]
    )
    op.create_index(op.f("ix_customer_field_value_field_id"), "customer_field_value", ["field_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_customer_field_value_field_id"), table_name="customer_field_value")
    op.drop_index(op.f("ix_customer_field_value_customer_id"), table_name="customer_field_value")
    op.drop_table("customer_field_value")
    op.drop_table("custom_field")
