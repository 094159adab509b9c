"""The duplicate-customer rules the card, the import and 名寄せ share."""

from __future__ import annotations

from datetime import date

from crmdesk.core.duplicates import PersonKeys, entry_reasons, likeness, pair_signs

BIRTHDAY = date(1985, 4, 1)


def person(**values: str) -> PersonKeys:
    birthday = BIRTHDAY if values.pop("born", "") else None
    return PersonKeys.of_fields(values, birthday)


def test_a_name_typed_with_a_variant_kanji_is_the_same_person() -> None:
    stored = person(family_name="高橋", given_name="一郎", family_kana="たかはし",
                    given_kana="いちろう", born="y")  # fmt: skip
    typed = person(family_name="髙橋", given_name="一郎", family_kana="タカハシ",
                   given_kana="イチロウ", born="y")  # fmt: skip
    assert entry_reasons(typed, stored) == ["same_name_kana_birthday"]
    assert pair_signs(typed, stored) == ["birthday", "kana", "name"]


def test_phones_compare_as_digits_in_either_slot_and_email_ignores_case() -> None:
    stored = person(family_name="山田", phone1="03-3991-2345", email="hanako@example.jp")
    typed = person(family_name="佐藤", phone2="０３３９９１２３４５", email="HANAKO@example.jp")
    assert entry_reasons(typed, stored) == ["same_phone", "same_email"]
    assert likeness(typed, stored) == []  # a shared contact alone: no personal sign


def test_name_kana_birthday_needs_all_three_known() -> None:
    a = person(family_name="山田", given_name="花子", phone1="0312345678")
    b = person(family_name="山田", given_name="花子", phone1="0312345678")
    assert entry_reasons(a, b) == ["same_phone"]
    assert likeness(a, b) == ["same_name"]
    assert a.person is None
