"""異体字: 高橋 finds 髙橋, 斎藤 finds 齋藤 and 斉藤, at the counter and in 名寄せ.

The folding is for search only: what staff typed is what is stored and printed.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from crmdesk.services import customer_index, customers, dupes
from crmdesk.services.search import search_customers
from tests.helpers.factories import add_customer

PEOPLE = {
    "髙橋": "たかはし",
    "齋藤": "さいとう",
    "斉藤": "さいとう",
    "山﨑": "やまざき",
    "渡邊": "わたなべ",
    "渡邉": "わたなべ",
    "澤田": "さわだ",
    "濱口": "はまぐち",
    "齊藤": "さいとう",
}


@pytest.fixture
def variants(session) -> dict[str, str]:
    return {
        family: add_customer(
            session,
            family_name=family,
            given_name="一",
            family_kana=kana,
            given_kana="はじめ",
            phone1=f"090-0000-{i:04d}",
            street=f"{i}-1",
        )
        for i, (family, kana) in enumerate(PEOPLE.items(), 1)
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("高橋", {"髙橋"}),
        ("髙橋", {"髙橋"}),
        ("斎藤", {"齋藤", "斉藤", "齊藤"}),
        ("斉藤", {"齋藤", "斉藤", "齊藤"}),
        ("山崎", {"山﨑"}),
        ("渡辺", {"渡邊", "渡邉"}),
        ("沢田", {"澤田"}),
        ("浜口", {"濱口"}),
        ("高橋一", {"髙橋"}),  # trigram path, not only the two-character one
    ],
)
def test_a_common_spelling_finds_the_variant(session, variants, query, expected) -> None:
    found = {h.id for h in search_customers(session, query)}
    assert found == {variants[name] for name in expected}


def test_what_is_stored_is_what_was_typed(session, variants) -> None:
    shown = customer_index.get_customer(session, variants["髙橋"])
    assert shown.family_name == "髙橋"
    hit = search_customers(session, "高橋")[0]
    assert hit.name.startswith("髙橋")


def test_the_duplicate_finder_offers_a_variant_spelling_at_the_same_address(session) -> None:
    a = add_customer(session, family_name="斎藤", given_name="健", family_kana="さいとう",
                     given_kana="けん", phone1="", customer_number="000101")  # fmt: skip
    b = add_customer(session, family_name="齋藤", given_name="健", family_kana="さいとう",
                     given_kana="けん", phone1="", customer_number="000102")  # fmt: skip
    pairs = dupes.find_pairs(session)
    assert [{p.a_id, p.b_id} for p in pairs] == [{a, b}]
    assert "name" in pairs[0].reasons


def test_a_file_with_keys_from_before_the_folding_is_rebuilt_on_open(db_path) -> None:
    from crmdesk.store.db import open_database

    db = open_database(db_path)
    with db.transaction() as session:
        who = add_customer(session, family_name="髙橋", given_name="一", family_kana="たかはし",
                           given_kana="はじめ")  # fmt: skip
        # As an older crmdesk left it: the variant kept in the keys, an older rule version.
        session.execute(
            text(
                "UPDATE customer SET name_key = '髙橋一',"
                " search_text = replace(search_text, '高橋一', '髙橋一') WHERE id = :id"
            ),
            {"id": who},
        )
        session.execute(text("UPDATE settings SET value = '1' WHERE key = 'search_rules'"))
        assert search_customers(session, "高橋一") == []
    db.close()

    db = open_database(db_path)
    try:
        with db.transaction() as session:
            assert [h.id for h in search_customers(session, "高橋一")] == [who]
            assert [h.id for h in search_customers(session, "高橋")] == [who]
    finally:
        db.close()


def test_a_file_from_before_the_name_and_company_index_is_indexed_on_open(db_path) -> None:
    """Revision 0015 and search rules 3: a company typed before them is found after."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from crmdesk.store.db import open_database
    from crmdesk.store.migrate import alembic_config

    before = ScriptDirectory.from_config(alembic_config()).get_revision("0015_counter_search")

    db = open_database(db_path)
    with db.transaction() as session:
        who = add_customer(session, family_name="鈴木", given_name="一郎", family_kana="すずき",
                           given_kana="いちろう", company="株式会社ミナト商会")  # fmt: skip
        for i in range(3):
            add_customer(session, family_name="湊", family_kana="みなと", street=f"{i}-1")
    # as an older crmdesk left it
    command.downgrade(alembic_config(db.engine), str(before.down_revision))
    with db.transaction() as session:
        session.execute(text("UPDATE settings SET value = '2' WHERE key = 'search_rules'"))
    db.close()

    db = open_database(db_path)
    try:
        with db.transaction() as session:
            hits = search_customers(session, "ミナト")
            assert (hits[0].id, hits[0].match) == (who, "company")
            assert len(hits) == 4
            late = add_customer(session, family_name="湊", family_kana="みなと", street="9-1",
                                company="ミナト運輸")  # fmt: skip
            assert {h.id for h in search_customers(session, "ミナト")[:2]} == {who, late}
            customers.delete_customer(session, who)
            assert who not in {h.id for h in search_customers(session, "ミナト商会")}
    finally:
        db.close()
