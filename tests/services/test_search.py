"""Counter search: every kind of query a customer might give at the counter."""

from __future__ import annotations

import pytest

from crmdesk.services import customers
from crmdesk.services.search import search_customers
from crmdesk.store.models import PointCard
from tests.helpers.factories import add_customer


@pytest.fixture
def shop(session) -> dict[str, str]:
    ids = {
        "sato": add_customer(
            session,
            family_name="佐藤",
            given_name="花子",
            family_kana="さとう",
            given_kana="はなこ",
            phone1="090-1234-5678",
            email="hanako.sato@example.jp",
            postal_code="1500001",
            prefecture="東京都",
            city="渋谷区",
            town="神宮前",
        ),
        "takahashi": add_customer(
            session,
            family_name="高橋",
            given_name="健太",
            family_kana="たかはし",
            given_kana="けんた",
            phone1="03-3333-5678",
            postal_code="5300001",
            prefecture="大阪府",
            city="大阪市北区",
            town="梅田",
        ),
        "tanaka": add_customer(
            session,
            family_name="田中",
            given_name="陽子",
            family_kana="たなか",
            given_kana="ようこ",
            phone1="080-9999-0000",
            customer_number="777",
        ),
        "banana": add_customer(
            session,
            family_name="馬場",
            given_name="奈々",
            family_kana="ばば",
            given_kana="なな",
            company="バナナ商会",
            phone1="070-1111-2222",
        ),
    }
    session.add(PointCard(card_number="2400000000017", customer_id=ids["tanaka"]))
    session.flush()
    customers.refresh_search_keys(customers.get_customer(session, ids["tanaka"]))
    return ids


def found(session, query: str) -> list[str]:
    return [h.id for h in search_customers(session, query)]


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("佐藤", "sato"),  # two kanji: below the trigram size
        ("高", "takahashi"),  # one kanji
        ("たな", "tanaka"),  # two kana
        ("タナカ", "tanaka"),  # katakana
        ("ﾀﾅｶ", "tanaka"),  # half-width katakana
        ("たなか　ようこ", "tanaka"),  # full-width space inside
        ("ようこ", "tanaka"),  # given name reading
        ("健太", "takahashi"),  # given name
        ("ﾊﾞﾅﾅ", "banana"),  # half-width voiced marks, company name
        ("大阪市北", "takahashi"),  # address fragment
        ("神宮前", "sato"),  # address fragment
        ("hanako.sato@example.jp", "sato"),  # email
        ("HANAKO.SATO", "sato"),  # email fragment, any case
        ("090-1234-5678", "sato"),  # phone as written
        ("０９０（１２３４）５６７８", "sato"),  # full-width, brackets
        ("09012345678", "sato"),  # digits only
        ("777", "tanaka"),  # customer number
        ("2400000000017", "tanaka"),  # card number
        ("150-0001", "sato"),  # postal code with hyphen
        ("〒1500001", "sato"),  # postal code with mark
    ],
)
def test_each_kind_of_query_finds_the_customer(session, shop, query: str, who: str) -> None:
    assert shop[who] in found(session, query)


def test_last_four_digits_of_a_phone(session, shop) -> None:
    hits = search_customers(session, "5678")
    assert {h.id for h in hits[:2]} == {shop["sato"], shop["takahashi"]}
    assert {h.match for h in hits[:2]} == {"phone_tail"}


def test_exact_number_and_card_rank_first(session, shop) -> None:
    # "777" also appears inside nobody's name, but the customer number wins the top spot
    hits = search_customers(session, "777")
    assert hits[0].id == shop["tanaka"] and hits[0].match == "number"
    hits = search_customers(session, "2400000000017")
    assert hits[0].match == "card" and hits[0].card_number == "2400000000017"


def test_name_prefix_ranks_before_substring(session, shop) -> None:
    other = add_customer(
        session,
        family_name="中田",
        family_kana="なかた",
        given_name="愛",
        given_kana="あい",
        phone1="070-0000-0001",
    )
    hits = search_customers(session, "なかた")
    assert hits[0].id == other and hits[0].match == "name"


def test_results_are_capped_and_deleted_customers_hidden(session, shop) -> None:
    for i in range(30):
        add_customer(session, given_name=f"太郎{i}", phone1=f"090-0000-{i:04d}")
    assert len(search_customers(session, "やまだ", limit=10)) == 10
    customers.delete_customer(session, shop["sato"])
    assert shop["sato"] not in found(session, "佐藤")


def test_hit_has_what_the_counter_shows(session, shop) -> None:
    hit = search_customers(session, "田中")[0]
    assert hit.to_json() == {
        "id": shop["tanaka"],
        "customer_number": "777",
        "name": "田中 陽子",
        "kana": "たなか ようこ",
        "phones": ["080-9999-0000"],
        "email": "",
        "postal_code": "1000001",
        "address": "東京都千代田区千代田1-1",
        "card_number": "2400000000017",
        "match": "name",
    }


def test_empty_and_nonsense_queries(session, shop) -> None:
    assert search_customers(session, "   ") == []
    assert search_customers(session, "zzzzqqq") == []
    assert search_customers(session, '"') == []


def test_an_exact_identifier_shows_only_its_customer(session, shop) -> None:
    """A scanned card or a full phone number must not drown in substring matches."""
    add_customer(session, given_name="別人", notes="", street="2400000000017")
    assert found(session, "2400000000017") == [shop["tanaka"]]
    assert found(session, "hanako.sato@example.jp") == [shop["sato"]]
