"""Counter search: every kind of query a customer might give at the counter."""

from __future__ import annotations

import pytest

from crmdesk.services import customer_index, customers
from crmdesk.services.search import find_customers, search_customers
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
            email="yamadaya@example.jp",
        ),
        "osamu": add_customer(
            session,
            family_name="山田",
            given_name="修",
            family_kana="やまだ",
            given_kana="おさむ",
            phone1="090-5555-0101",
            phone2="03-3991-2345",
            email="o.yamada@example.jp",
            postal_code="1760001",
            city="練馬区",
            town="練馬",
        ),
        "matsukaze": add_customer(
            session,
            family_name="松風",
            given_name="蘭",
            family_kana="まつかぜ",
            given_kana="らん",
            phone1="080-4444-3333",
            postal_code="1600022",
            city="新宿区",
            town="新宿",
        ),
        "minato": add_customer(
            session,
            family_name="鈴木",
            given_name="一郎",
            family_kana="すずき",
            given_kana="いちろう",
            company="株式会社ミナト商会",
            phone1="070-2222-3333",
        ),
        "hiyoshi": add_customer(
            session,
            family_name="小川",
            given_name="翔太",
            family_kana="おがわ",
            given_kana="しょうた",
            phone1="080-7777-6666",
            postal_code="2230061",
            prefecture="神奈川県",
            city="横浜市港北区",
            town="日吉",
        ),
    }
    session.add(PointCard(card_number="2400000000017", customer_id=ids["tanaka"]))
    session.flush()
    customer_index.refresh_search_keys(customer_index.get_customer(session, ids["tanaka"]))
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
        # issue 21.2: a phone without its area or carrier prefix (03-3991-2345)
        ("3991-2345", "osamu"),
        ("39912345", "osamu"),
        ("３９９１－２３４５", "osamu"),  # full width
        ("991-2345", "osamu"),  # seven digits
        ("1234-5678", "sato"),  # a mobile without 090
        # issue 21.3: family name as written, given name as read, or the other way
        ("山田 おさむ", "osamu"),
        ("山田　オサム", "osamu"),
        ("やまだ 修", "osamu"),
        ("松風 ら", "matsukaze"),  # the given half still being typed
        # issue 21.4: two-character place names (prefecture, city, ward, town)
        ("練馬", "osamu"),
        ("新宿", "matsukaze"),
        ("渋谷", "sato"),
        ("港北", "hiyoshi"),  # 横浜市港北区
        ("横浜", "hiyoshi"),
        ("大阪", "takahashi"),
        ("日吉", "hiyoshi"),
        # issue 21.5: a fragment of a company name
        ("ミナト", "minato"),
        ("ﾐﾅﾄ", "minato"),
        ("みなと商", "minato"),
        # issue 21.6: romaji, Hepburn and kunrei, with the input method off
        ("yamada", "osamu"),
        ("YAMADA", "osamu"),
        ("matukaze", "matsukaze"),
        ("matsukaze", "matsukaze"),
        ("osamu", "osamu"),  # a given name
        ("yamada osamu", "osamu"),
        ("sato", "sato"),  # さとう: the long vowel is not written
        ("yoko", "tanaka"),  # ようこ
        ("hanako", "sato"),
        ("takahasi", "takahashi"),  # kunrei si
        ("yamadaya", "banana"),  # still an email fragment
    ],
)
def test_each_kind_of_query_finds_the_customer(session, shop, query: str, who: str) -> None:
    assert shop[who] in found(session, query)


@pytest.mark.parametrize(
    ("query", "who", "match"),
    [
        ("3991-2345", "osamu", "phone_suffix"),
        ("5678", "sato", "phone_tail"),
        ("山田 おさむ", "osamu", "name"),
        ("練馬", "osamu", "address"),
        ("港北", "hiyoshi", "address"),
        ("ミナト", "minato", "company"),
        ("matukaze", "matsukaze", "name"),
        ("osamu", "osamu", "given"),
        ("yamadaya", "banana", "text"),
    ],
)
def test_each_new_kind_says_what_matched(session, shop, query: str, who: str, match: str) -> None:
    hits = {h.id: h.match for h in search_customers(session, query)}
    assert hits[shop[who]] == match


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
    # typed with full-width digits (a Japanese input method left on): still the number
    hits = search_customers(session, "７７７")
    assert hits[0].id == shop["tanaka"] and hits[0].match == "number"
    hits = search_customers(session, "２４０００００００００１７")
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


def test_a_company_fragment_is_not_buried_under_readings_and_the_rest_can_be_fetched(
    session, shop
) -> None:
    """Issue 21.5: ミナト listed 40 people read みなと and not 株式会社ミナト商会."""
    readers = {
        add_customer(
            session,
            family_name="湊",
            given_name=f"太郎{i:02d}",
            family_kana="みなと",
            given_kana=f"たろう{i:02d}",
            phone1=f"090-3000-{i:04d}",
        )  # fmt: skip
        for i in range(40)
    }
    first = find_customers(session, "ミナト", limit=10)
    assert first.hits[0].id == shop["minato"] and first.hits[0].match == "company"
    assert (first.total, first.capped, first.more) == (41, False, 31)
    pages = [first]
    while pages[-1].more:
        pages.append(
            find_customers(session, "ミナト", limit=10, offset=sum(len(p.hits) for p in pages))
        )
    ids = [h.id for p in pages for h in p.hits]
    assert len(ids) == len(set(ids)) == 41  # every page new, none left out
    assert set(ids[1:]) == readers
    assert [h.kana for h in pages[1].hits] == sorted(h.kana for h in pages[1].hits)


def test_a_place_name_ranks_below_a_family_name_that_is_spelt_the_same(session, shop) -> None:
    shibuya = add_customer(session, family_name="渋谷", given_name="健", family_kana="しぶや",
                           given_kana="けん", phone1="090-6666-0001", city="大阪市北区",
                           prefecture="大阪府")  # fmt: skip
    hits = search_customers(session, "渋谷")
    assert [(h.id, h.match) for h in hits[:2]] == [(shibuya, "name"), (shop["sato"], "address")]


def test_romaji_finds_the_reading_before_an_email_that_contains_it(session, shop) -> None:
    hits = search_customers(session, "yamada")
    kinds = {h.id: h.match for h in hits}
    assert kinds[shop["osamu"]] == "name" and kinds[shop["banana"]] == "text"
    assert [h.id for h in hits].index(shop["osamu"]) < [h.id for h in hits].index(shop["banana"])


def test_a_count_past_the_cap_is_a_floor(session, shop, monkeypatch) -> None:
    from crmdesk.services import search

    for i in range(12):
        add_customer(session, family_name="森", family_kana="もり", phone1=f"090-4000-{i:04d}")
    monkeypatch.setattr(search, "COUNT_CAP", 10)  # a smaller cap, not 500 customers
    page = find_customers(session, "もり", limit=5)
    assert (len(page.hits), page.total, page.capped, page.more) == (5, 10, True, 5)
