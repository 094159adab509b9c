"""sync: who made each change (staff) travels with it, for the conflict inbox

The outbox row of a local transaction carries the staff member signed in when it was
made (``Database.acting_staff_id``, copied by the capture triggers from ``sync_flag.staff``);
the column clocks remember it for this file's own edits; a conflict keeps both sides'.

Revision ID: 0015_sync_staff
Revises: 0015_counter_search
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_sync_staff"
down_revision = "0015_counter_search"  # landed after it; the id kept
branch_labels = None
depends_on = None

COLUMNS = (
    ("sync_flag", "staff"),
    ("sync_outbox", "staff_id"),
    ("sync_clock", "staff_id"),
    ("sync_conflict", "mine_staff"),
    ("sync_conflict", "theirs_staff"),
)


def upgrade() -> None:
    for table, column in COLUMNS:
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")


def downgrade() -> None:
    # The capture triggers read sync_flag.staff: SQLite refuses to drop a column a
    # trigger names, so they go first (every open recreates them from the models).
    bind = op.get_bind()
    triggers = bind.execute(
        sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE :p"),
        {"p": "sync_capture_%"},
    ).scalars()
    for name in list(triggers):
        op.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    for table, column in reversed(COLUMNS):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
