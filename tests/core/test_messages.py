from __future__ import annotations

import pytest

from crmdesk.core.errors import DomainError, NotFoundError
from crmdesk.core.messages import FIELD_LABELS, MESSAGES, field_label, render

REQUIRED_FIELDS = [
    "customer_number", "family_name", "given_name", "family_kana", "given_kana", "name",
    "kana", "gender", "birthday", "postal_code", "prefecture", "city", "town", "street",
    "building", "phone1", "phone2", "phone", "email", "company", "department", "notes",
    "first_visit", "tags", "card_number", "amount", "points",
]  # fmt: skip
REQUIRED_CODES = [
    "required", "invalid_postal_code", "invalid_phone", "invalid_email", "invalid_date",
    "birthday_in_future", "birthday_too_old", "duplicate_customer_number",
    "customer_not_found", "card_not_found", "too_long",
]  # fmt: skip


@pytest.mark.parametrize("code", REQUIRED_CODES)
def test_every_code_has_both_languages(code: str) -> None:
    assert set(MESSAGES[code]) == {"ja", "en"}
    ja = render(code, "ja", field="email", max=10)
    en = render(code, "en", field="email", max=10)
    assert ja and en and ja != en
    assert "{" not in ja + en


@pytest.mark.parametrize("field", REQUIRED_FIELDS)
def test_every_field_has_both_labels(field: str) -> None:
    labels = FIELD_LABELS[field]
    assert labels["ja"] and labels["en"] and labels["ja"] != labels["en"]
    assert render("required", "ja", field=field) == f"{labels['ja']}を入力してください"
    assert render("required", "en", field=field) == f"{labels['en']} is required"


@pytest.mark.parametrize(
    ("code", "lang", "field", "params", "expected"),
    [
        (
            "invalid_postal_code",
            "ja",
            "postal_code",
            {},
            "郵便番号は7桁の数字で入力してください（例: 100-0001）",
        ),
        (
            "invalid_postal_code",
            "en",
            "postal_code",
            {},
            "Postal code must be 7 digits (e.g. 100-0001)",
        ),
        ("too_long", "ja", "notes", {"max": 200}, "備考は200文字以内で入力してください"),
        ("too_long", "en", "notes", {"max": 200}, "Notes must be at most 200 characters"),
        ("required", "ja", None, {}, "この項目を入力してください"),
        ("required", "en", None, {}, "This field is required"),
        ("required", "en", "nickname", {}, "nickname is required"),
        ("customer_not_found", "ja", None, {}, "顧客が見つかりません"),
        ("card_not_found", "en", "card_number", {}, "Point card not found"),
        (
            "duplicate_customer_number",
            "ja",
            "customer_number",
            {},
            "顧客番号はすでに他の顧客で使われています",
        ),
        ("required", "fr", "email", {}, "Email address is required"),
        ("required", "ja_JP", "email", {}, "メールアドレスを入力してください"),
        ("too_long", "en", "notes", {}, "Notes must be at most {max} characters"),
        (
            "card_lost",
            "ja",
            "card_number",
            {"card": "123"},
            "card_lost (field=card_number, card=123)",
        ),
        ("card_lost", "en", None, {}, "card_lost"),
    ],
)
def test_render(
    code: str, lang: str, field: str | None, params: dict[str, object], expected: str
) -> None:
    assert render(code, lang, field=field, **params) == expected


def test_field_label_falls_back_to_name() -> None:
    assert field_label("postal_code", "ja") == "郵便番号"
    assert field_label("unknown_field", "ja") == "unknown_field"


def test_domain_error_uses_catalogue() -> None:
    err = NotFoundError("customer_not_found")
    assert str(err) == "Customer not found"
    assert err.message() == "顧客が見つかりません"
    assert DomainError("invalid_email", field="email").to_json() == {
        "code": "invalid_email",
        "field": "email",
        "message": "Email address is not a valid email address (e.g. name@example.jp)",
        "message_ja": "メールアドレスの形式が正しくありません（例: name@example.jp）",
    }
