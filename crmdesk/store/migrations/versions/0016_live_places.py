"""counter search: the place-name indexes hold live customers only

A deleted customer keeps the address but not the search keys; with the ``deleted = 0``
test in the index, the place look-ups of the counter search are read from the index
alone (no table row per customer counted).

Revision ID: 0016_live_places
Revises: 0015_counter_search
"""

from __future__ import annotations

from alembic import op

revision = "0016_live_places"
down_revision = "0015_sync_staff"  # landed after 0015_sync_staff; the id kept
branch_labels = None
depends_on = None

_INDEXES = {
    "ix_customer_prefecture": "(prefecture)",
    "ix_customer_city": "(city)",
    "ix_customer_ward": "(substr(city, instr(city, '市') + 1))",
    "ix_customer_town": "(town)",
}


def upgrade() -> None:
    for name, columns in _INDEXES.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON customer {columns} WHERE deleted = 0")


def downgrade() -> None:
    for name, columns in _INDEXES.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON customer {columns}")
