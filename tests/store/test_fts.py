"""The FTS5 indexes remade in one pass (crmdesk.store.fts) find what the triggers indexed."""

from __future__ import annotations

from typing import Any

from crmdesk.services import inquiries
from crmdesk.services.search import search_customers
from crmdesk.store import fts
from tests.helpers.factories import add_customer


def test_every_full_text_index_of_the_schema_is_known(db: Any) -> None:
    with db.engine.connect() as conn:
        found = {
            name
            for (name,) in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'"
            )
        }
    assert found == {index.name for index in fts.INDEXES}


def test_a_rebuild_without_the_triggers_finds_what_they_would_have(db: Any) -> None:
    with db.transaction() as s:
        raw = s.connection().connection.dbapi_connection
        triggers = {name: raw.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
            for name in fts.feeding_triggers(raw)}  # fmt: skip
        assert {"customer_fts_insert", "inquiry_fts_insert"} <= set(triggers)
        for name in triggers:
            raw.execute(f'DROP TRIGGER "{name}"')
        people = [add_customer(s, family_name=f"再構築{i}", company="丸一商店") for i in range(5)]
        inquiries.create_inquiry(s, {"customer_id": people[0], "subject": "再構築の問い合わせ"})
    with db.transaction() as s:
        raw = s.connection().connection.dbapi_connection
        matched = "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH '再構築'"
        assert raw.execute(matched).fetchone()[0] == 0  # nothing indexed them yet
        fts.rebuild(raw)
        for sql in triggers.values():
            raw.execute(sql)
    with db.transaction() as s:
        assert [hit.id for hit in search_customers(s, "再構築3")] == [people[3]]
        raw = s.connection().connection.dbapi_connection
        assert raw.execute(matched).fetchone()[0] == 5
        assert len(search_customers(s, "丸一商")) == 5  # the name index (contentless)
        numbers = s.connection().exec_driver_sql("SELECT search_rowid FROM customer").scalars()
        assert sorted(numbers) == [1, 2, 3, 4, 5]
        for index in ("customer_fts", "inquiry_fts"):
            raw.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
        found = raw.execute("SELECT rowid FROM inquiry_fts WHERE inquiry_fts MATCH '問い合'")
        assert len(found.fetchall()) == 1
        names = "SELECT rowid FROM customer_name_fts WHERE customer_name_fts MATCH '丸一商'"
        assert sorted(r[0] for r in raw.execute(names)) == [1, 2, 3, 4, 5]
