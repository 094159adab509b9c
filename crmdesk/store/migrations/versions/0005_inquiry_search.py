"""inquiry search: FTS5 trigram index over inquiry.search_text

Revision ID: 0005_inquiry_search
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_inquiry_search"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN plus a unique index: no batch copy of the inquiry table, which
    # inquiry_note rows point at.
    op.add_column("inquiry", sa.Column("search_rowid", sa.Integer(), nullable=True))
    op.create_index("ix_inquiry_search_rowid", "inquiry", ["search_rowid"], unique=True)
    op.create_index("ix_inquiry_status_follow_up", "inquiry", ["status", "follow_up_on"])
    if op.get_bind().dialect.name == "sqlite":
        _search_index()


def _search_index() -> None:
    """Same pattern as customer_fts (0001): external content, explicit rowid column."""
    op.execute("UPDATE inquiry SET search_rowid = rowid WHERE search_rowid IS NULL")
    op.execute(
        "CREATE VIRTUAL TABLE inquiry_fts USING fts5(search_text, content='inquiry', "
        "content_rowid='search_rowid', tokenize='trigram')"
    )
    op.execute(
        "CREATE TRIGGER inquiry_fts_insert AFTER INSERT ON inquiry BEGIN "
        "UPDATE inquiry SET search_rowid = "
        "(SELECT coalesce(max(search_rowid), 0) + 1 FROM inquiry) "
        "WHERE id = NEW.id AND search_rowid IS NULL; "
        "INSERT INTO inquiry_fts(rowid, search_text) "
        "SELECT search_rowid, search_text FROM inquiry WHERE id = NEW.id; "
        "END"
    )
    op.execute(
        "CREATE TRIGGER inquiry_fts_delete AFTER DELETE ON inquiry BEGIN "
        "INSERT INTO inquiry_fts(inquiry_fts, rowid, search_text) "
        "VALUES ('delete', OLD.search_rowid, OLD.search_text); "
        "END"
    )
    op.execute(
        "CREATE TRIGGER inquiry_fts_update AFTER UPDATE OF search_text ON inquiry BEGIN "
        "INSERT INTO inquiry_fts(inquiry_fts, rowid, search_text) "
        "VALUES ('delete', OLD.search_rowid, OLD.search_text); "
        "INSERT INTO inquiry_fts(rowid, search_text) VALUES (NEW.search_rowid, NEW.search_text); "
        "END"
    )
    op.execute("INSERT INTO inquiry_fts(inquiry_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS inquiry_fts_{name}")
        op.execute("DROP TABLE IF EXISTS inquiry_fts")
    op.drop_index("ix_inquiry_status_follow_up", table_name="inquiry")
    op.drop_index("ix_inquiry_search_rowid", table_name="inquiry")
    with op.batch_alter_table("inquiry") as batch_op:
        batch_op.drop_column("search_rowid")
