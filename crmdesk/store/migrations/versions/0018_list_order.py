"""launch: the customer list's first page through an index; two repeated indexes go

The list opens in furigana order (``kana_key, customer_number`` of the live customers).
No index had that order, so SQLite read every customer and sorted them for the first page
of a hundred: about two seconds of the launch on a million customers, before the window
was usable. ``ix_customer_kana_list`` holds that order for the live customers only (the
list never shows the deleted ones), and the first page, like every later one, is a seek.

``ix_customer_kana_key (kana_key)`` and ``ix_customer_name_key (name_key)`` repeat the
first column of ``ix_customer_kana_given`` and ``ix_customer_name_given_kana``, which
answer the same prefix searches (the rule of revision 0017): two fewer indexes for every
customer written, imported or synced.

Revision ID: 0018_list_order
Revises: 0017_lean_indexes
"""

from __future__ import annotations

from alembic import op

revision = "0018_list_order"
down_revision = "0017_lean_indexes"
branch_labels = None
depends_on = None

#: name -> column of each index dropped, to make it again on a downgrade
DROPPED = {"ix_customer_kana_key": "kana_key", "ix_customer_name_key": "name_key"}


def upgrade() -> None:
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_customer_kana_list "
        "ON customer (kana_key, customer_number) WHERE deleted = 0"
    )
    for name in DROPPED:
        op.execute(f"DROP INDEX IF EXISTS {name}")


def downgrade() -> None:
    for name, column in DROPPED.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON customer ({column})")
    op.execute("DROP INDEX IF EXISTS ix_customer_kana_list")
