"""Messages for domain error codes, in Japanese and English.

Add a code by adding an entry to :data:`MESSAGES`, or, for a feature's own codes, in a
module ``crmdesk/core/messages_<feature>.py`` that defines ``MESSAGES`` and
``FIELD_LABELS`` dicts of the same shape: they are merged in on first use. Templates may
use ``{label}`` (the field's label in the same language, from :data:`FIELD_LABELS`) and
any parameter the error carries, e.g. ``{max}``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from typing import Any

import crmdesk.core as core

LANGS = ("ja", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "ja": "{label}を入力してください",
        "en": "{label} is required",
    },
    "too_long": {
        "ja": "{label}は{max}文字以内で入力してください",
        "en": "{label} must be at most {max} characters",
    },
    "invalid_postal_code": {
        "ja": "{label}は7桁の数字で入力してください（例: 100-0001）",
        "en": "{label} must be 7 digits (e.g. 100-0001)",
    },
    "invalid_phone": {
        "ja": "{label}は10桁または11桁の番号で入力してください（例: 03-1234-5678）",
        "en": "{label} must be a 10- or 11-digit number (e.g. 03-1234-5678)",
    },
    "invalid_email": {
        "ja": "{label}の形式が正しくありません（例: name@example.jp）",
        "en": "{label} is not a valid email address (e.g. name@example.jp)",
    },
    "invalid_date": {
        "ja": "{label}を日付として読み取れません（例: 1985-04-01、昭和60年4月1日）",
        "en": "{label} is not a date that can be read (e.g. 1985-04-01)",
    },
    "birthday_in_future": {
        "ja": "{label}が未来の日付になっています",
        "en": "{label} is in the future",
    },
    "birthday_too_old": {
        "ja": "{label}が{max}年より前の日付になっています",
        "en": "{label} is more than {max} years ago",
    },
    "duplicate_customer_number": {
        "ja": "{label}はすでに他の顧客で使われています",
        "en": "{label} is already used by another customer",
    },
    "customer_not_found": {
        "ja": "顧客が見つかりません",
        "en": "Customer not found",
    },
    "card_not_found": {
        "ja": "ポイントカードが見つかりません",
        "en": "Point card not found",
    },
    "possible_duplicate": {
        "ja": "同じ人と思われる顧客がすでに登録されています（顧客番号 {numbers}）",
        "en": "This looks like a customer already on file (customer number {numbers})",
    },
    "confirmation_required": {
        "ja": "取り消せない操作です。確認のうえ実行してください",
        "en": "This cannot be undone: confirm it (--yes) to go ahead",
    },
    "unknown_field": {
        "ja": "{label}という項目はありません",
        "en": "There is no field called {label}",
    },
    "invalid_gender": {
        "ja": "{label}は「女性」「男性」「その他」から選んでください",
        "en": "{label} must be female, male or other",
    },
    "unknown_sort": {
        "ja": "並べ替えの指定 {sort} は使えません",
        "en": "Cannot sort by {sort}",
    },
    "invalid_number": {
        "ja": "{label}には0以上の数を入力してください",
        "en": "{label} must be a number of 0 or more",
    },
    "schema_too_new": {
        "ja": "このファイルは新しいバージョンのcrmdeskで作られています。crmdeskを更新してください",
        "en": "This file was written by a newer crmdesk; please update crmdesk to open it",
    },
    "clock_drift": {
        "ja": "このコンピューターの時計がずれています。日付と時刻を確認してください",
        "en": "This computer's clock is off: please check its date and time",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "customer_number": {"ja": "顧客番号", "en": "Customer number"},
    "family_name": {"ja": "姓", "en": "Family name"},
    "given_name": {"ja": "名", "en": "Given name"},
    "family_kana": {"ja": "姓（ふりがな）", "en": "Family name (kana)"},
    "given_kana": {"ja": "名（ふりがな）", "en": "Given name (kana)"},
    "name": {"ja": "氏名", "en": "Name"},
    "kana": {"ja": "ふりがな", "en": "Kana reading"},
    "gender": {"ja": "性別", "en": "Gender"},
    "birthday": {"ja": "生年月日", "en": "Birthday"},
    "postal_code": {"ja": "郵便番号", "en": "Postal code"},
    "prefecture": {"ja": "都道府県", "en": "Prefecture"},
    "city": {"ja": "市区町村", "en": "City"},
    "town": {"ja": "町域", "en": "Town"},
    "street": {"ja": "番地", "en": "Street address"},
    "building": {"ja": "建物名", "en": "Building"},
    "phone1": {"ja": "電話番号1", "en": "Phone 1"},
    "phone2": {"ja": "電話番号2", "en": "Phone 2"},
    "phone": {"ja": "電話番号", "en": "Phone"},
    "email": {"ja": "メールアドレス", "en": "Email address"},
    "company": {"ja": "会社名", "en": "Company"},
    "department": {"ja": "部署", "en": "Department"},
    "notes": {"ja": "備考", "en": "Notes"},
    "first_visit": {"ja": "初回来店日", "en": "First visit"},
    "tags": {"ja": "タグ", "en": "Tags"},
    "card_number": {"ja": "カード番号", "en": "Card number"},
    "amount": {"ja": "金額", "en": "Amount"},
    "points": {"ja": "ポイント", "en": "Points"},
}

_NO_FIELD = {"ja": "この項目", "en": "This field"}


class _Params(dict[str, Any]):
    """Leaves a placeholder the caller did not supply as it is instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_loaded = False


def _load_feature_messages() -> None:
    """Merge ``MESSAGES`` / ``FIELD_LABELS`` of every ``messages_*`` module, once."""
    global _loaded
    if _loaded:
        return

    for info in pkgutil.iter_modules(core.__path__):
        if info.name.startswith("messages_"):
            module = importlib.import_module(f"crmdesk.core.{info.name}")
            MESSAGES.update(getattr(module, "MESSAGES", {}))
            FIELD_LABELS.update(getattr(module, "FIELD_LABELS", {}))
    _loaded = True


def _lang(lang: str | None) -> str:
    # "ja_JP", "ja-JP" and the like read Japanese; anything unknown falls back to English.
    return "ja" if (lang or "").lower().startswith("ja") else "en"


def field_label(field: str | None, lang: str) -> str:
    """The label of ``field`` in ``lang``; the field name itself when it has none."""
    lang = _lang(lang)
    _load_feature_messages()
    if field is None:
        return _NO_FIELD[lang]
    return FIELD_LABELS.get(field, {}).get(lang, field)


def render(code: str, lang: str, field: str | None = None, **params: Any) -> str:
    """The message for an error code. Never raises.

    An unknown code renders as the code with its field and parameters, e.g.
    ``"card_lost (field=card_number, card=123)"``.
    """
    _load_feature_messages()
    template = MESSAGES.get(code, {}).get(_lang(lang))
    if template is None:
        extras = ({"field": field} if field else {}) | params
        detail = ", ".join(f"{k}={v}" for k, v in extras.items())
        return f"{code} ({detail})" if detail else code
    values = _Params(params)
    values.setdefault("label", field_label(field, lang))
    try:
        return template.format_map(values)
    except (ValueError, IndexError, AttributeError, KeyError):  # malformed template
        return template


MESSAGES.update(
    {
        "owner_only": {
            "ja": "この操作はオーナーのみが行えます",
            "en": "Only the owner can do this",
        },
        "invalid_role": {
            "ja": "{label}「{role}」はありません（owner、staff、または登録した役割）",
            "en": "{label} {role} does not exist (owner, staff or a role you added)",
        },
        "invalid_pin": {
            "ja": "{label}は4〜8桁の数字です",
            "en": "{label} must be 4 to 8 digits",
        },
    }
)
FIELD_LABELS.update(
    {
        "role": {"ja": "権限", "en": "Role"},
        "pin": {"ja": "暗証番号", "en": "PIN"},
    }
)
FIELD_LABELS.update(  # fields the card shows as check boxes or that came later
    {
        "dm_consent": {"ja": "DM送付可", "en": "DM OK"},
        "email_consent": {"ja": "メール送信可", "en": "Email OK"},
        "home_branch_id": {"ja": "所属店舗", "en": "Home branch"},
        "joint_names": {"ja": "連名", "en": "Joint names"},
        "mourning_until": {"ja": "喪中（この日まで）", "en": "In mourning until"},
    }
)

#: Words for stored codes, where a field's value is a code (gender "female" -> 女性).
VALUE_LABELS: dict[str, dict[str, dict[str, str]]] = {
    "gender": {
        "female": {"ja": "女性", "en": "Female"},
        "male": {"ja": "男性", "en": "Male"},
        "other": {"ja": "その他", "en": "Other"},
    },
}


def value_label(field: str, value: str, lang: str) -> str:
    """The word for a stored code (``value_label("gender", "female", "ja")`` is 女性)."""
    return VALUE_LABELS.get(field, {}).get(value, {}).get(_lang(lang), value)


def locale_language(environ: Mapping[str, str]) -> str:
    """The message language of a process's locale, POSIX style: ``LC_ALL``, then
    ``LC_MESSAGES``, then ``LANG``. Japanese for a Japanese locale, English for any
    other (C and POSIX included: scripts read English)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"
