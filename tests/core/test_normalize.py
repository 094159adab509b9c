from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmdesk.core.normalize import (
    SEPARATOR,
    customer_search_text,
    fold_dashes,
    kana_key,
    normalize_text,
    phone_digits,
    postal_digits,
    to_hiragana,
    to_katakana,
)
from crmdesk.core.search_keys import CUSTOMER_SOURCES, customer_keys


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("ｶﾀｶﾅ", "かたかな"),
        ("ﾊﾞﾅﾅ", "ばなな"),
        ("ﾊﾟﾝ", "ぱん"),
        ("カタカナ", "かたかな"),
        ("ひらがな", "ひらがな"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "やまだたろう"),
        ("山田　太郎", "山田太郎"),
        (" 山田\t太郎\n", "山田太郎"),
        ("ヴァイオリン", "ゔぁいおりん"),
        ("ｳﾞｨ", "ゔぃ"),
        ("か゛", "が"),  # stand-alone voiced mark composes
        ("ラーメン", "らーめん"),
        ("ｺｰﾋｰ", "こーひー"),
        ("ＡＢＣ１２３", "abc123"),
        ("Yamada@Example.JP", "yamada@example.jp"),
        ("０３－１２３４－５６７８", "03-1234-5678"),
        ("03ー1234ー5678", "03-1234-5678"),
        ("03‐1234‑5678", "03-1234-5678"),
        ("03–1234—5678", "03-1234-5678"),
        ("03―1234−5678", "03-1234-5678"),
        ("03ｰ1234ｰ5678", "03-1234-5678"),
        ("〒100-0001", "100-0001"),
        ("〒１００ー０００１", "100-0001"),
        ("霞ヶ関", "霞け関"),
        ("霞ケ関", "霞け関"),
        ("ab|cd", "ab|cd"),
    ],
)
def test_normalize_text(raw: str | None, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "kwargs", "expected"),
    [
        ("らーめん", {}, "らーめん"),
        ("1ーー2", {}, "1--2"),
        ("aー", {}, "a-"),
        ("らーめん", {"all_long_vowels": True}, "ら-めん"),
        ("‐‑‒–—―−﹣－", {}, "---------"),
    ],
)
def test_fold_dashes(raw: str, kwargs: dict[str, bool], expected: str) -> None:
    assert fold_dashes(raw, **kwargs) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("０３－１２３４－５６７８", "0312345678"),
        ("(03) 1234-5678", "0312345678"),
        ("+81 3-1234-5678", "81312345678"),
        ("090ー1234ー5678", "09012345678"),
        (None, ""),
        ("なし", ""),
    ],
)
def test_phone_digits(raw: str | None, expected: str) -> None:
    assert phone_digits(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("〒100-0001", "1000001"), ("１００－０００１", "1000001"), ("1000001", "1000001"), ("", "")],
)
def test_postal_digits(raw: str, expected: str) -> None:
    assert postal_digits(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ヤマダ　タロウ", "やまだたろう"),
        ("ﾔﾏﾀﾞ", "やまだ"),
        ("さとう・はなこ", "さとうはなこ"),
        ("ラーメン", "らーめん"),
        ("Smith", "smith"),
        ("山田", ""),
    ],
)
def test_kana_key(raw: str, expected: str) -> None:
    assert kana_key(raw) == expected


def test_display_helpers() -> None:
    assert to_hiragana("ﾊﾞﾅﾅ ABC") == "ばなな ABC"
    assert to_hiragana("カタカナ１") == "かたかな１"
    assert to_katakana("ばなな") == "バナナ"
    assert to_katakana("ｻﾄｳ") == "サトウ"
    assert to_hiragana(None) == "" and to_katakana("") == ""


def _customer(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "family_name": "佐藤",
        "given_name": "花子",
        "family_kana": "サトウ",
        "given_kana": "ハナコ",
        "phones": ["０３－１２３４－５６７８", ""],
        "email": "Hanako@Example.JP",
        "postal_code": "〒100-0001",
        "customer_number": "Ｃ００１２",
        "prefecture": "東京都",
        "city": "千代田区",
        "town": "千代田",
        "street": "1-1",
        "building": "",
        "company": "",
        "card_numbers": ["1234 5678"],
    }
    fields.update(overrides)
    return fields


def test_customer_search_text() -> None:
    text = customer_search_text(**_customer())  # type: ignore[arg-type]
    assert text == (
        "佐藤花子|さとうはなこ|0312345678|hanako@example.jp|1000001|c0012"
        "|東京都千代田区千代田1-1|12345678"
    )


def test_customer_search_text_keeps_separator_out_of_fields() -> None:
    text = customer_search_text(**_customer(company="A|B商事", card_numbers=()))  # type: ignore[arg-type]
    assert text.split(SEPARATOR)[-1] == "ab商事"
    assert "  " not in text and " " not in text


@given(st.text())
def test_normalize_text_is_idempotent(s: str) -> None:
    once = normalize_text(s)
    assert normalize_text(once) == once


@given(st.text())
def test_normalize_text_has_no_whitespace_or_katakana(s: str) -> None:
    out = normalize_text(s)
    assert not any(c.isspace() for c in out)
    assert not any("\u30a1" <= c <= "\u30f6" for c in out)


@given(st.text(alphabet=st.characters(categories=["Nd", "Pd", "Zs", "Lo"])))
def test_phone_digits_are_ascii_digits(s: str) -> None:
    out = phone_digits(s)
    assert out == "" or (out.isascii() and out.isdigit())


@pytest.mark.parametrize(
    ("variant", "common"),
    [
        ("髙橋", "高橋"),
        ("齋藤", "斎藤"),
        ("齊藤", "斎藤"),
        ("斉藤", "斎藤"),
        ("山﨑", "山崎"),
        ("宮嵜", "宮崎"),
        ("渡邊", "渡辺"),
        ("渡邉", "渡辺"),
        ("澤田", "沢田"),
        ("濱田", "浜田"),
        ("櫻井", "桜井"),
        ("廣瀬", "広瀬"),
        ("小嶋", "小島"),
        ("冨田", "富田"),
        ("𠮷田", "吉田"),
        ("葛\U000e0100飾", "葛飾"),  # an ideographic variation selector is ignored
    ],
)
def test_variant_kanji_are_one_for_search(variant: str, common: str) -> None:
    assert normalize_text(variant) == normalize_text(common)


def test_variant_folding_leaves_distinct_names_apart() -> None:
    for a, b in (("高橋", "髙木"), ("斎藤", "佐藤"), ("崎", "埼"), ("辺", "部")):
        assert normalize_text(a) != normalize_text(b)


_PARTS = st.text(alphabet="山田髙﨑ｻﾄｳﾞﾟヴヶーｰ－09０AaＺ \u3000゛か|@.〒\u200bあアイ", max_size=6)


@given(st.fixed_dictionaries({}, optional=dict.fromkeys(CUSTOMER_SOURCES, _PARTS)))
def test_the_stored_search_text_is_the_documented_one(values: dict[str, str]) -> None:
    """customer_keys shares the normalised name and kana between its keys and the search
    text: the text it stores is still exactly :func:`customer_search_text` of the fields."""
    get = values.get
    keys = customer_keys(values, ["0012"])
    assert keys["search_text"] == customer_search_text(
        family_name=get("family_name"),
        given_name=get("given_name"),
        family_kana=get("family_kana"),
        given_kana=get("given_kana"),
        phones=[get("phone1"), get("phone2")],
        email=get("email"),
        postal_code=get("postal_code"),
        customer_number=get("customer_number"),
        prefecture=get("prefecture"),
        city=get("city"),
        town=get("town"),
        street=get("street"),
        building=get("building"),
        company=get("company"),
        card_numbers=["0012"],
    )
    assert keys["name_key"] == normalize_text(
        (get("family_name") or "") + (get("given_name") or "")
    )
    assert keys["given_kana_key"] == kana_key(get("given_kana"))
    assert keys["given_key"] == normalize_text(get("given_name"))
    assert keys["kana_key"] == kana_key((get("family_kana") or "") + (get("given_kana") or ""))
    assert keys["phone1_digits"] == phone_digits(get("phone1"))
    assert keys["phone2_digits"] == phone_digits(get("phone2"))
    assert keys["email_key"] == (get("email") or "").strip().lower()
    assert keys["company_key"] == normalize_text(get("company")).replace("|", "")
