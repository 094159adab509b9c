"""counter search: a name-and-company index, mixed names and place names

- ``customer.company_key`` (the company, normalised) and ``customer_name_fts``, a
  trigram index over the name as written and the company only, so a fragment of either
  (ミナト of 株式会社ミナト商会) ranks above readings that merely start with it, however
  many those are. Filled here from the name keys; the company keys come from the search
  rebuild on open (search rules version 3), whose updates the triggers index.
- ``(name_key, given_kana_key)`` and ``(kana_key, given_key)`` for 山田 おさむ / やまだ 修.
- prefecture, city, ward (港北 of 横浜市港北区) and town for two-character place names.

Revision ID: 0015_counter_search
Revises: 0011_sync
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_counter_search"
down_revision = "0015_channel"  # landed after 0015_channel; ids kept as the branches made them
branch_labels = None
depends_on = None

_INDEXES = {
    "ix_customer_name_given_kana": "(name_key, given_kana_key)",
    "ix_customer_kana_given": "(kana_key, given_key)",
    "ix_customer_prefecture": "(prefecture)",
    "ix_customer_city": "(city)",
    "ix_customer_ward": "(substr(city, instr(city, '市') + 1))",
    "ix_customer_town": "(town)",
}
#: What customer_name_fts holds for a row (the same expression in every trigger).
_NAME_TEXT = "{r}.name_key || '|' || {r}.company_key"


def upgrade() -> None:
    # A plain ALTER TABLE: a batch copy of the table would lose its triggers.
    op.add_column(
        "customer",
        sa.Column("company_key", sa.String(length=100), server_default="", nullable=False),
    )
    for name, columns in _INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON customer {columns}")
    op.execute(
        "CREATE VIRTUAL TABLE customer_name_fts USING fts5(name_text, content='', "
        "tokenize='trigram')"
    )
    op.execute(
        "INSERT INTO customer_name_fts(rowid, name_text) SELECT search_rowid, "
        f"{_NAME_TEXT.format(r='customer')} FROM customer WHERE search_rowid IS NOT NULL"
    )
    _triggers(name_index=True)


def _triggers(*, name_index: bool) -> None:
    """The insert trigger numbers the row and indexes it (one trigger: their order of
    firing is not defined); update and delete keep the name index current."""
    op.execute("DROP TRIGGER IF EXISTS customer_fts_insert")
    also = (
        "INSERT INTO customer_name_fts(rowid, name_text) "
        f"SELECT search_rowid, {_NAME_TEXT.format(r='customer')} FROM customer "
        "WHERE id = NEW.id; "
    )
    op.execute(
        "CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN "
        "UPDATE customer SET search_rowid = "
        "(SELECT coalesce(max(search_rowid), 0) + 1 FROM customer) "
        "WHERE id = NEW.id AND search_rowid IS NULL; "
        "INSERT INTO customer_fts(rowid, search_text) "
        "SELECT search_rowid, search_text FROM customer WHERE id = NEW.id; "
        f"{also if name_index else ''}"
        "END"
    )
    if not name_index:
        return
    op.execute(
        "CREATE TRIGGER customer_name_fts_delete AFTER DELETE ON customer BEGIN "
        "INSERT INTO customer_name_fts(customer_name_fts, rowid, name_text) "
        f"VALUES ('delete', OLD.search_rowid, {_NAME_TEXT.format(r='OLD')}); "
        "END"
    )
    op.execute(
        "CREATE TRIGGER customer_name_fts_update AFTER UPDATE OF name_key, company_key "
        "ON customer BEGIN "
        "INSERT INTO customer_name_fts(customer_name_fts, rowid, name_text) "
        f"VALUES ('delete', OLD.search_rowid, {_NAME_TEXT.format(r='OLD')}); "
        "INSERT INTO customer_name_fts(rowid, name_text) "
        f"VALUES (NEW.search_rowid, {_NAME_TEXT.format(r='NEW')}); "
        "END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS customer_name_fts_delete")
    op.execute("DROP TRIGGER IF EXISTS customer_name_fts_update")
    _triggers(name_index=False)
    op.execute("DROP TABLE IF EXISTS customer_name_fts")
    for name in _INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    op.execute("ALTER TABLE customer DROP COLUMN company_key")
