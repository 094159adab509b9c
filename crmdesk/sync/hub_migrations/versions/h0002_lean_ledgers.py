"""hub: the ledgers without created_at/updated_at, as on the branches (branch revision 0019)

The hub's data tables follow the branch models (``hub_schema.data_tables``), which add
columns but never drop one: the two columns the ledgers lost go here, with their column
clocks.

Revision ID: h0002_lean_ledgers
Revises: h0001_hub
"""

from __future__ import annotations

from alembic import op

revision = "h0002_lean_ledgers"
down_revision = "h0001_hub"
branch_labels = None
depends_on = None

LEDGERS = ("purchase", "purchase_void", "point_entry", "inquiry_note")
DROPPED = ("created_at", "updated_at")


def upgrade() -> None:
    for table in LEDGERS:
        drops = ", ".join(f'DROP COLUMN IF EXISTS "{c}"' for c in DROPPED)
        op.execute(f'ALTER TABLE IF EXISTS "{table}" {drops}')
    op.execute(
        "DELETE FROM hub_clock WHERE tbl IN ('purchase', 'purchase_void', 'point_entry', "
        "'inquiry_note') AND col IN ('created_at', 'updated_at')"
    )


def downgrade() -> None:
    for table in LEDGERS:
        adds = ", ".join(f'ADD COLUMN IF NOT EXISTS "{c}" TIMESTAMP' for c in DROPPED)
        op.execute(f'ALTER TABLE IF EXISTS "{table}" {adds}')
