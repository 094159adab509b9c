from __future__ import annotations

from types import SimpleNamespace

from crmdesk.core.address import Addressee, full_address, household_key, is_complete


def make(**kw: str) -> Addressee:
    base = dict(
        postal_code="1000001",
        prefecture="東京都",
        city="千代田区",
        town="千代田",
        street="1-1",
        name="山田 花子",
    )
    base.update(kw)
    return Addressee(**base)  # type: ignore[arg-type]


def test_same_address_in_other_widths_is_one_household() -> None:
    a = make(street="1-1", building="ハイツ101")
    b = make(street="１－１", building="ﾊｲﾂ１０１", name="山田 太郎")
    assert household_key(a) == household_key(b)
    assert household_key(a) != household_key(make(street="1-2"))


def test_honorific_and_completeness() -> None:
    assert make().honorific == "様"
    firm = make(name="", company="山田商事")
    assert firm.honorific == "御中" and is_complete(firm)
    assert not is_complete(make(postal_code="100"))
    assert not is_complete(make(town="", street=""))


def test_full_address_is_one_line_with_the_building_set_apart() -> None:
    home = SimpleNamespace(prefecture="東京都", city="中央区", town="晴海", street="2-22-3",
                           building="晴海ビル 301")  # fmt: skip
    assert full_address(home) == "東京都中央区晴海2-22-3 晴海ビル 301"
    assert full_address(SimpleNamespace(**{**vars(home), "building": ""})) == (
        "東京都中央区晴海2-22-3"
    )
