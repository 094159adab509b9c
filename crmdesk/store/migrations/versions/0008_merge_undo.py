"""merge undo: what a duplicate merge changed, kept apart from the audit log

The audit log holds ids and counts only; undoing a merge needs the survivor's previous
field values (personal data), so they live here and are deleted when the merge is undone.

Revision ID: 0008_merge_undo
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_merge_undo"
down_revision = "0005_inquiry_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "merge_undo",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("survivor_id", sa.String(length=36), nullable=False),
        sa.Column("other_id", sa.String(length=36), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_undo")),
    )


def downgrade() -> None:
    op.drop_table("merge_undo")
