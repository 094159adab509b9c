from __future__ import annotations

from datetime import date, datetime

import pytest

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.validate import (
    FieldErrors,
    clean_birthday,
    clean_email,
    clean_optional,
    clean_phone,
    clean_postal_code,
    clean_required,
    parse_date,
)

TODAY = date(2024, 6, 15)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1000001", "1000001"),
        ("100-0001", "1000001"),
        ("〒１００－０００１", "1000001"),
        ("0000000", "0000000"),  # unknown but well formed: accepted
        ("", ""),
        ("  ", ""),
        (None, ""),
    ],
)
def test_clean_postal_code(value: str | None, expected: str) -> None:
    assert clean_postal_code(value) == expected


@pytest.mark.parametrize("value", ["100-001", "10000011", "abc", "100-0001x"])
def test_clean_postal_code_rejects(value: str) -> None:
    with pytest.raises(DomainError) as info:
        clean_postal_code(value, field="postal_code")
    assert (info.value.code, info.value.field) == ("invalid_postal_code", "postal_code")
    assert info.value.message("ja") == "郵便番号は7桁の数字で入力してください（例: 100-0001）"
    assert info.value.message("en") == "Postal code must be 7 digits (e.g. 100-0001)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("０３ー１２３４ー５６７８", "03-1234-5678"),
        ("03-1234-5678", "03-1234-5678"),
        ("０９０－１２３４－５６７８", "090-1234-5678"),
        ("03(1234)5678", "03(1234)5678"),
        (" 03　1234　5678 ", "03 1234 5678"),
        ("0120-123-456", "0120-123-456"),
        ("+81 3-1234-5678", "+81 3-1234-5678"),
        ("＋１ ２１２ ５５５ １２３４", "+1 212 555 1234"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_phone(value: str | None, expected: str) -> None:
    assert clean_phone(value) == expected


@pytest.mark.parametrize(
    "value",
    ["03-1234-567", "03-1234-567890", "3-1234-5678", "03-1234-5678 内線12", "+12 34", "0+3"],
)
def test_clean_phone_rejects(value: str) -> None:
    with pytest.raises(DomainError) as info:
        clean_phone(value, field="phone2")
    assert (info.value.code, info.value.field) == ("invalid_phone", "phone2")
    assert info.value.message("ja").startswith("電話番号2は")
    assert info.value.message("en").startswith("Phone 2 must")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Hanako@Example.JP", "Hanako@example.jp"),
        ("  ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ ", "hanako@example.jp"),
        ("a.b+tag@mail.example.co.jp", "a.b+tag@mail.example.co.jp"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_email(value: str | None, expected: str) -> None:
    assert clean_email(value) == expected


@pytest.mark.parametrize(
    "value",
    ["hanako", "hanako@example", "a@b@example.jp", "han ako@example.jp", "a@.jp", "a@b..jp"],
)
def test_clean_email_rejects(value: str) -> None:
    with pytest.raises(DomainError) as info:
        clean_email(value)
    assert (info.value.code, info.value.field) == ("invalid_email", "email")
    assert "メールアドレス" in info.value.message("ja")
    assert "Email address" in info.value.message("en")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1985-04-01", date(1985, 4, 1)),
        ("1985/4/1", date(1985, 4, 1)),
        ("1985.04.01", date(1985, 4, 1)),
        ("19850401", date(1985, 4, 1)),
        ("1985年4月1日", date(1985, 4, 1)),
        ("１９８５年４月１日", date(1985, 4, 1)),
        ("1985/04/01 0:00:00", date(1985, 4, 1)),
        ("1985-04-01T09:30:00+09:00", date(1985, 4, 1)),
        ("昭和60年4月1日", date(1985, 4, 1)),
        ("S60.4.1", date(1985, 4, 1)),
        ("H1.1.8", date(1989, 1, 8)),
    ],
)
def test_parse_date(value: str, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["", "85/4/1", "1985-02-30", "19851301", "tomorrow", "1985-4"])
def test_parse_date_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(1985, 4, 1), date(1985, 4, 1)),
        (datetime(1985, 4, 1, 12, 0), date(1985, 4, 1)),
        ("S60.4.1", date(1985, 4, 1)),
        ("2024-06-15", TODAY),
        ("1894-06-15", date(1894, 6, 15)),  # exactly 130
        ("", None),
        (None, None),
    ],
)
def test_clean_birthday(value: date | str | None, expected: date | None) -> None:
    assert clean_birthday(value, today=TODAY) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("2024-06-16", "birthday_in_future"),
        ("令和7年1月1日", "birthday_in_future"),
        ("1894-06-14", "birthday_too_old"),
        ("1985-02-30", "invalid_date"),
        ("いつか", "invalid_date"),
    ],
)
def test_clean_birthday_rejects(value: str, code: str) -> None:
    with pytest.raises(DomainError) as info:
        clean_birthday(value, today=TODAY)
    assert (info.value.code, info.value.field) == (code, "birthday")
    assert "生年月日" in info.value.message("ja")
    assert "Birthday" in info.value.message("en")


def test_clean_birthday_too_old_message_names_limit() -> None:
    with pytest.raises(DomainError) as info:
        clean_birthday("1800-01-01", today=TODAY)
    assert info.value.message("ja") == "生年月日が130年より前の日付になっています"
    assert info.value.message("en") == "Birthday is more than 130 years ago"


@pytest.mark.parametrize(
    ("value", "expected"), [(" 佐藤 ", "佐藤"), ("\u3000花子\u3000", "花子"), ("a", "a")]
)
def test_clean_required(value: str, expected: str) -> None:
    assert clean_required(value, "family_name") == expected


@pytest.mark.parametrize("value", ["", "   ", "\u3000", None])
def test_clean_required_rejects(value: str | None) -> None:
    with pytest.raises(DomainError) as info:
        clean_required(value, "family_name")
    assert (info.value.code, info.value.field) == ("required", "family_name")
    assert info.value.message("ja") == "姓を入力してください"
    assert info.value.message("en") == "Family name is required"


def test_max_length() -> None:
    assert clean_optional(" abc ", "notes", max_length=3) == "abc"
    assert clean_optional(None, "notes") == ""
    with pytest.raises(DomainError) as info:
        clean_required("abcd", "company", max_length=3)
    assert (info.value.code, info.value.params) == ("too_long", {"max": 3})
    assert info.value.message("ja") == "会社名は3文字以内で入力してください"


def test_field_errors_collects_every_bad_field() -> None:
    errors = FieldErrors()
    name = errors.check(clean_required, " 佐藤 ", "family_name")
    given = errors.check(clean_required, "", "given_name")
    postal = errors.check(clean_postal_code, "12-34")
    birthday = errors.check(clean_birthday, "2099-01-01", today=TODAY)
    assert (name, given, postal, birthday) == ("佐藤", None, None, None)
    assert errors
    with pytest.raises(ValidationError) as info:
        errors.raise_if_any()
    fields = [(e.field, e.code) for e in info.value.errors]
    assert fields == [
        ("given_name", "required"),
        ("postal_code", "invalid_postal_code"),
        ("birthday", "birthday_in_future"),
    ]
    data = info.value.to_json()
    assert data["code"] == "required"
    assert [e["field"] for e in data["errors"]] == ["given_name", "postal_code", "birthday"]


def test_field_errors_passes_when_clean() -> None:
    with FieldErrors() as errors:
        assert errors.check(clean_email, "a@example.jp") == "a@example.jp"
    assert not errors
    errors.raise_if_any()


def test_field_errors_context_raises_on_exit() -> None:
    with pytest.raises(ValidationError) as info, FieldErrors() as errors:
        errors.check(clean_phone, "123", field="phone1")
        errors.add(DomainError("duplicate_customer_number", field="customer_number"))
    assert [e.code for e in info.value.errors] == ["invalid_phone", "duplicate_customer_number"]


def test_field_errors_does_not_hide_other_exceptions() -> None:
    with pytest.raises(RuntimeError), FieldErrors() as errors:
        errors.check(clean_required, "", "name")
        raise RuntimeError("bug")


def test_clean_birthday_limit_on_29_february() -> None:
    today = date(2024, 2, 29)
    assert clean_birthday("1894-02-28", today=today) == date(1894, 2, 28)
    with pytest.raises(DomainError) as info:
        clean_birthday("1894-02-27", today=today)
    assert info.value.code == "birthday_too_old"
