"""Where an address breaks, and how it is written down a vertical line."""

from __future__ import annotations

import pytest

from crmdesk.core.label_text import (
    Cell,
    format_postal,
    kanji_digits,
    name_cells,
    split_address,
    split_cells,
    vertical_cells,
)


@pytest.mark.parametrize(
    ("parts", "first", "second"),
    [
        # Between the city and the town when that balances the lines best.
        (("東京都千代田区", "千代田", "1-1"), "東京都千代田区", "千代田1-1"),
        # Before the 番地 when the town is long.
        (
            ("東京都港区", "六本木六本木ヒルズ森タワー前", "6-10-1"),
            "東京都港区六本木六本木ヒルズ森タワー前",
            "6-10-1",
        ),
        (
            ("神奈川県横浜市青葉区", "美しが丘西三丁目", "12-34"),
            "神奈川県横浜市青葉区",
            "美しが丘西三丁目12-34",
        ),
        # One long part: after a ward / 丁目, or before the house number.
        (("北海道札幌市中央区北一条西二丁目1番地",), "北海道札幌市中央区", "北一条西二丁目1番地"),
        (("大阪府大阪市北区梅田3-1-3",), "大阪府大阪市北区", "梅田3-1-3"),
        # Never inside a name that merely contains 市 (市川市, 四日市市).
        (("千葉県市川市八幡",), "千葉県市川市", "八幡"),
        # Nowhere to break.
        (("ハイツ",), "ハイツ", ""),
    ],
)
def test_split_address(parts: tuple[str, ...], first: str, second: str) -> None:
    assert split_address(parts) == (first, second)


def test_split_address_uses_the_width_it_is_given() -> None:
    # Wide digits pull the break towards them.
    narrow = split_address(("東京都千代田区", "千代田", "1-1"), lambda s: len(s))
    assert narrow[0] + narrow[1] == "東京都千代田区千代田1-1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3丁目", "三丁目"),
        ("１０５号室", "一〇五号室"),
        ("2-15", "二-一五"),
    ],
)
def test_kanji_digits(text: str, expected: str) -> None:
    assert kanji_digits(text) == expected


def cells(text: str, **kw: bool) -> list[tuple[str, str]]:
    return [(c.text, c.kind) for c in vertical_cells(text, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1-2", [("一", "upright"), ("ー", "rotated"), ("二", "upright")]),
        ("12番", [("十", "upright"), ("二", "upright"), ("番", "upright")]),
        ("１２番", [("十", "upright"), ("二", "upright"), ("番", "upright")]),  # full width
        ("123", [("一", "upright"), ("二", "upright"), ("三", "upright")]),
        ("(東)", [("(", "rotated"), ("東", "upright"), (")", "rotated")]),
        (
            "ドッグ 2F",
            [
                ("ド", "upright"),
                ("ッ", "small"),
                ("グ", "upright"),
                ("二", "upright"),
                ("F", "upright"),
            ],
        ),
        ("ラーメン", [("ラ", "upright"), ("ー", "rotated"), ("メ", "upright"), ("ン", "upright")]),
        ("東京、", [("東", "upright"), ("京", "upright"), ("、", "punct")]),
    ],
)
def test_vertical_cells(text: str, expected: list[tuple[str, str]]) -> None:
    assert cells(text) == expected


def test_phone_numbers_stay_in_kanji_digits() -> None:
    assert "".join(t for t, _ in cells("03-1234", counted=False)) == "〇三ー一二三四"


@pytest.mark.parametrize(
    ("street", "expected"),
    [
        ("5-14-14", "五ー十四ー十四"),  # the address: no Arabic part left
        ("1-1", "一ー一"),
        ("2-10-20", "二ー十ー二十"),
        ("3-99", "三ー九十九"),
        ("7-105", "七ー一〇五"),  # 100 and more: digit by digit, as room numbers are read
        ("12-3-1203", "十二ー三ー一二〇三"),
        ("4丁目8番30号", "四丁目八番三十号"),
        ("コーポ12 203", "コーポ十二二〇三"),  # with a blank between the two numbers
    ],
)
def test_every_number_of_a_vertical_address_is_in_kanji(street: str, expected: str) -> None:
    got = vertical_cells(street)
    assert "".join(c.text for c in got) == expected
    assert not any(ch.isascii() and ch.isdigit() for c in got for ch in c.text)
    if " " in street:
        assert [c.kind for c in got][5] == "space"


def test_name_cells_keep_a_gap_and_know_where_the_given_name_starts() -> None:
    got, given_at = name_cells("山田　花子", "様")
    assert [c.text for c in got] == ["山", "田", "", "花", "子", "", "様"]
    assert given_at == 3
    firm, _ = name_cells("営業部", "御中")
    assert [c.text for c in firm][-2:] == ["御", "中"]


def test_split_cells_never_opens_a_column_with_a_comma() -> None:
    line = [Cell(ch, "punct" if ch == "、" else "upright") for ch in "東京都、港区"]
    columns = split_cells(line, 3)
    assert ["".join(c.text for c in col) for col in columns] == ["東京", "都、港", "区"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [("1000001", "100-0001"), ("１００－０００１", "100-0001"), ("100", "100")],
)
def test_format_postal(code: str, expected: str) -> None:
    assert format_postal(code) == expected
