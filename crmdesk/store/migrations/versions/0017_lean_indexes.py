"""file size: drop the indexes that repeat the first column of another index

Each of these indexes holds one column that an index of the same table already starts
with, so every look-up it served is served by that one (SQLite uses the leading column of
a composite index on its own): ``purchase (customer_id)`` by
``ix_purchase_customer_time (customer_id, purchased_at)``, and each ``campaign_id`` /
``customer_id`` / ``channel_id`` index by its table's unique pair. On the demo file the
purchase one alone was 51 bytes of every purchase (issue 20).

Dropping an index is one statement per index, all in the migration's transaction; the
pages they held go to the free list (a VACUUM gives them back to the disk).

Revision ID: 0017_lean_indexes
Revises: 0016_live_places
"""

from __future__ import annotations

from alembic import op

revision = "0017_lean_indexes"
down_revision = "0016_live_places"
branch_labels = None
depends_on = None

#: name -> (table, column) of each index dropped, to make it again on a downgrade
DROPPED = {
    "ix_purchase_customer_id": ("purchase", "customer_id"),
    "ix_campaign_recipient_campaign_id": ("campaign_recipient", "campaign_id"),
    "ix_email_delivery_campaign_id": ("email_delivery", "campaign_id"),
    "ix_customer_field_value_customer_id": ("customer_field_value", "customer_id"),
    "ix_channel_spend_channel_id": ("channel_spend", "channel_id"),
}


def upgrade() -> None:
    for name in DROPPED:
        op.execute(f"DROP INDEX IF EXISTS {name}")


def downgrade() -> None:
    for name, (table, column) in DROPPED.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")
