"""Revision 0017_lean_indexes: a file made at 0016 with data loses the repeated indexes,
keeps every row, and its look-ups still go through an index."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy.orm import Session

from crmdesk.services import demo
from crmdesk.store.db import make_engine, open_database
from crmdesk.store.migrate import alembic_config, current_revision
from crmdesk.store.revisions import head_revision
from tests.helpers.schema import index_names, query_plan

DROPPED = {
    "ix_purchase_customer_id": ("purchase", "customer_id"),
    "ix_campaign_recipient_campaign_id": ("campaign_recipient", "campaign_id"),
    "ix_email_delivery_campaign_id": ("email_delivery", "campaign_id"),
    "ix_customer_field_value_customer_id": ("customer_field_value", "customer_id"),
    "ix_channel_spend_channel_id": ("channel_spend", "channel_id"),
}
LEDGERS = ("purchase", "purchase_void", "point_entry", "inquiry_note", "campaign_recipient")


def _counts(conn) -> dict[str, int]:
    return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in LEDGERS}


def _file_at_0016(path: Path) -> dict[str, int]:
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0016_live_places")
    with Session(engine) as session, session.begin():
        demo.generate(session, customers=60, seed=7)
    with engine.connect() as conn:
        assert set(DROPPED) <= index_names(conn)
        counts = _counts(conn)
    engine.dispose()
    assert all(counts.values()), counts  # every ledger has rows to carry over
    return counts


def test_a_file_at_0016_with_data_loses_the_repeated_indexes(tmp_path: Path) -> None:
    path = tmp_path / "at0016.sqlite3"
    before = _file_at_0016(path)
    db = open_database(path)
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as conn:
            assert not set(DROPPED) & index_names(conn)
            assert _counts(conn) == before
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            # the look-ups the dropped indexes served are served by the index they repeated
            for table, column in DROPPED.values():
                plan = query_plan(conn, f"SELECT * FROM {table} WHERE {column} = 'x'")
                assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (table, plan)
            plan = query_plan(conn, "SELECT sum(amount) FROM purchase WHERE customer_id = 'x'")
            assert "ix_purchase_customer_time" in plan
    finally:
        db.close()


def test_downgrade_makes_them_again(tmp_path: Path) -> None:
    path = tmp_path / "down.sqlite3"
    _file_at_0016(path)
    db = open_database(path)
    try:
        command.downgrade(alembic_config(db.engine), "0016_live_places")
        with db.engine.connect() as conn:
            assert set(DROPPED) <= index_names(conn)
    finally:
        db.close()
