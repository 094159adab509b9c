"""Japan Post customer barcode: the manual's worked examples, character by character."""

from __future__ import annotations

import pytest

from crmdesk.core.customer_barcode import (
    BARS,
    PATTERNS,
    address_number,
    address_number_of,
    barcode_scale,
    encode,
    length_mm,
)

# 郵便番号・バーコードマニュアル, the examples of its address-number rules:
# (postal code, address, the characters from start to stop).
MANUAL = [
    (
        "263-0023",
        "千葉市稲毛区緑町3丁目30-8\u3000郵便ビル403号",
        "STC 2 6 3 0 0 2 3 3 - 3 0 - 8 - 4 0 3 CC4 CC4 CC4 5 SPC",
    ),
    (
        "014-0113",
        "秋田県大仙市堀見内\u3000南田茂木\u3000添60-1",
        "STC 0 1 4 0 1 1 3 6 0 - 1 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC8 SPC",
    ),
    (
        "110-0016",
        "東京都台東区台東5-6-3\u3000ABCビル10F",
        "STC 1 1 0 0 0 1 6 5 - 6 - 3 - 1 0 CC4 CC4 CC4 CC4 CC4 9 SPC",
    ),
    (
        "060-0906",
        "北海道札幌市東区北六条東4丁目\u3000郵便センター6号館",
        "STC 0 6 0 0 9 0 6 4 - 6 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC4 9 SPC",
    ),
    (
        "065-0006",
        "北海道札幌市東区北六条東8丁目\u3000郵便センター10号館",
        "STC 0 6 5 0 0 0 6 8 - 1 0 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC4 9 SPC",
    ),
    (
        "407-0033",
        "山梨県韮崎市龍岡町下條南割\u3000韮崎400",
        "STC 4 0 7 0 0 3 3 4 0 0 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC4 - SPC",
    ),
    (
        "273-0102",
        "千葉県鎌ケ谷市右京塚\u3000東3丁目-20-5\u3000郵便・A&bコーポB604号",
        "STC 2 7 3 0 1 0 2 3 - 2 0 - 5 CC1 1 6 0 4 CC4 CC4 0 SPC",
    ),
    (
        "198-0036",
        "東京都青梅市河辺町十一丁目六番地一号\u3000郵便タワー601",
        "STC 1 9 8 0 0 3 6 1 1 - 6 - 1 - 6 0 1 CC4 CC4 CC4 CC8 SPC",
    ),
    (
        "027-0203",
        "岩手県宮古市大字津軽石第二十一地割大淵川480",
        "STC 0 2 7 0 2 0 3 2 1 - 4 8 0 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC5 SPC",
    ),
    (
        "590-0016",
        "大阪府堺市堺区中田出井町四丁六番十九号",
        "STC 5 9 0 0 0 1 6 4 - 6 - 1 9 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC2 SPC",
    ),
    (
        "080-0831",
        "北海道帯広市稲田町南七線\u3000西28",
        "STC 0 8 0 0 8 3 1 7 - 2 8 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC4 CC7 SPC",
    ),
    (
        "317-0055",
        "茨城県日立市宮田町6丁目7-14\u3000ABCビル2F",
        "STC 3 1 7 0 0 5 5 6 - 7 - 1 4 - 2 CC4 CC4 CC4 CC4 CC4 CC1 SPC",
    ),
    (
        "650-0046",
        "神戸市中央区港島中町9丁目7-6\u3000郵便シティA棟1F1号",
        "STC 6 5 0 0 0 4 6 9 - 7 - 6 CC1 0 1 - 1 CC4 CC4 CC4 5 SPC",
    ),
    (
        "623-0011",
        "京都府綾部市青野町綾部6-7\u3000LプラザB106",
        "STC 6 2 3 0 0 1 1 6 - 7 CC2 1 CC1 1 1 0 6 CC4 CC4 CC4 4 SPC",
    ),
    (
        "064-0804",
        "札幌市中央区南四条西29丁目1524-23\u3000第2郵便ハウス501",
        "STC 0 6 4 0 8 0 4 2 9 - 1 5 2 4 - 2 3 - 2 - 3 SPC",
    ),
    (
        "910-0067",
        "福井県福井市新田塚3丁目80-25\u3000J1ビル2-B",
        "STC 9 1 0 0 0 6 7 3 - 8 0 - 2 5 CC1 9 1 - 2 CC1 9 SPC",
    ),
]


@pytest.mark.parametrize(("postal_code", "address", "expected"), MANUAL)
def test_the_manuals_examples(postal_code: str, address: str, expected: str) -> None:
    code = encode(postal_code, address)
    assert code.characters == expected.split()
    assert len(code.bars) == BARS == 67
    assert set(code.bars) <= set("1234")


def test_the_check_character_makes_a_multiple_of_19() -> None:
    values = {c: i for i, c in enumerate("0123456789-")} | {f"CC{i}": 10 + i for i in range(1, 9)}
    for postal_code, address, _ in MANUAL:
        code = encode(postal_code, address)
        assert sum(values[c] for c in (*code.data, code.check)) % 19 == 0


@pytest.mark.parametrize(
    ("town", "street", "building", "number"),
    [
        ("八丁堀", "2-1-1", "", "2-1-1"),  # 八丁 is a name, not a number
        ("緑町3丁目", "30-8", "郵便ビル403号", "3-30-8-403"),
        ("河辺町十一丁目", "六番地一号", "", "11-6-1"),
        ("北六条東", "4丁目", "", "4"),
        ("晴海", "２－２２－３", "ｻﾝﾊｲﾂ ３０１", "2-22-3-301"),
        ("四日市", "1-2", "", "1-2"),
        ("千代田", "", "", ""),  # nothing to take: no address number
    ],
)
def test_address_number_of_the_customers_fields(town, street, building, number) -> None:
    assert address_number_of(town, street, building) == number


def test_rules_one_by_one() -> None:
    assert address_number("1丁目2番地3号") == "1-2-3"
    assert address_number("二十一地割") == "21"
    assert address_number("五丁目ABCビル") == "5"  # two letters in a row: a name
    assert address_number("3-A-1") == "3A1"  # no hyphen next to a letter
    assert address_number("10F") == "10"  # a floor
    assert address_number("1の2") == "1-2"


def test_sizes_follow_the_manual() -> None:
    assert length_mm() == pytest.approx(79.8)
    assert barcode_scale(83.8) == 1.0
    assert barcode_scale(83.0) == 0.95
    assert barcode_scale(60.0) is None  # 80% needs 63.84 mm plus the quiet zones
    assert set(PATTERNS) == set("0123456789-") | {f"CC{i}" for i in range(1, 9)}
