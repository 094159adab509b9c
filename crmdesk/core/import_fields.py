"""Pure rules for reading a shop's own customer list: headers, splits, small values.

The synonyms table maps the column headers shops actually write (Japanese and English,
full or half width) to crmdesk's fields. A header is compared after :func:`header_key`
(NFKC, lower case, no spaces, brackets or punctuation), so ``"ﾌﾘｶﾞﾅ"``, ``"フリガナ"``
and ``"ﾌﾘｶﾞﾅ（全角）"`` all read the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Import fields beyond the customer's own: split sources and the extras a list may carry.
SPLIT_FIELDS = ("name", "kana", "address")
EXTRA_FIELDS = (
    "card_number", "points", "purchase_total", "last_purchase", "acquisition_channel", "tags",
)  # fmt: skip
#: The longest tag name (crmdesk.store.models.Tag.name).
MAX_TAG = 40

SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer_number": (
        "顧客番号",
        "会員番号",
        "顧客no",
        "会員no",
        "顧客コード",
        "customer number",
        "customer no",
        "customer id",
        "member no",
        "member number",
        "no",
        "番号",
    ),
    "name": ("氏名", "名前", "お名前", "顧客名", "会員名", "name", "full name", "customer name"),
    "family_name": ("姓", "苗字", "名字", "氏", "last name", "family name", "surname"),
    "given_name": ("名", "下の名前", "first name", "given name", "forename"),
    "kana": (
        "フリガナ",
        "ふりがな",
        "カナ",
        "かな",
        "よみ",
        "ヨミ",
        "読み",
        "氏名カナ",
        "氏名フリガナ",
        "名前カナ",
        "kana",
        "furigana",
        "name kana",
        "reading",
    ),
    "family_kana": (
        "セイ",
        "せい",
        "姓カナ",
        "姓フリガナ",
        "姓ふりがな",
        "みょうじ",
        "last name kana",
        "family kana",
        "family name kana",
    ),
    "given_kana": (
        "メイ",
        "めい",
        "名カナ",
        "名フリガナ",
        "名ふりがな",
        "first name kana",
        "given kana",
        "given name kana",
    ),
    "gender": ("性別", "gender", "sex"),
    "birthday": (
        "生年月日",
        "誕生日",
        "birthday",
        "birth date",
        "date of birth",
        "dob",
        "birthdate",
    ),
    "postal_code": ("郵便番号", "〒", "郵便", "zip", "zip code", "postal code", "postcode"),
    "address": ("住所", "住所1", "所在地", "address", "address1", "address 1"),
    "prefecture": ("都道府県", "県", "prefecture", "state"),
    "city": ("市区町村", "市町村", "city"),
    "town": ("町域", "町名", "town"),
    "street": ("番地", "丁目番地", "street"),
    "building": ("建物", "建物名", "マンション名", "住所2", "building", "address2", "address 2"),
    "phone1": (
        "電話",
        "電話番号",
        "tel",
        "phone",
        "telephone",
        "自宅電話",
        "phone1",
        "tel1",
        "電話1",
    ),
    "phone2": ("携帯", "携帯電話", "携帯番号", "mobile", "cell", "phone2", "tel2", "電話2"),
    "email": ("メール", "メールアドレス", "eメール", "e-mail", "email", "mail", "email address"),
    "company": ("会社", "会社名", "勤務先", "company", "organization"),
    "department": ("部署", "部署名", "department"),
    "notes": ("備考", "メモ", "notes", "note", "memo", "remarks"),
    "dm_consent": ("dm", "dm可", "dm送付", "dm希望", "dm consent"),
    "email_consent": ("メール可", "メール配信", "メルマガ", "email consent", "newsletter"),
    "first_visit": ("初回来店日", "初来店日", "入会日", "登録日", "first visit", "joined"),
    "card_number": ("カード番号", "ポイントカード番号", "card", "card number", "card no"),
    "points": ("ポイント", "ポイント残高", "保有ポイント", "points", "point balance"),
    "purchase_total": (
        "購入金額",
        "累計購入額",
        "累計購入金額",
        "お買上げ累計",
        "total purchases",
        "purchase total",
    ),
    "last_purchase": ("最終来店日", "最終購入日", "last visit", "last purchase"),
    "joint_names": ("連名", "連名者", "家族連名", "joint names", "joint name"),
    # 流入経路: the values are channel names (crmdesk.core.channels.SYNONYMS reads them)
    "acquisition_channel": (
        "流入経路",
        "来店きっかけ",
        "来店のきっかけ",
        "ご来店のきっかけ",
        "きっかけ",
        "媒体",
        "紹介元",
        "認知経路",
        "channel",
        "acquisition channel",
        "source",
        "how did you hear",
    ),
    "mourning_until": ("喪中", "喪中期限", "喪中まで", "mourning", "mourning until"),
    # the card's タグ: names apart by commas (as the export writes them), 、 or spaces
    "tags": ("タグ", "タグ名", "顧客タグ", "tags", "tag"),
}

#: Mapping targets for the owner's custom fields: ``field:<name>``.
CUSTOM_PREFIX = "field:"

_PUNCT = re.compile(r"[\s_\-・:：.()（）［］\[\]【】<>＜＞「」/]+")
_PREFECTURE = re.compile(r"^(東京都|北海道|(?:京都|大阪)府|.{2,3}県)")
_CITY = re.compile(r"^((?:[^市区町村]{1,6}郡)?[^市区町村]{1,7}?[市区町村](?:[^区]{1,5}区)?)")
_DIGIT = re.compile(r"[0-9０-９]")


def header_key(header: str) -> str:
    """A header as compared with the synonyms table."""
    text = unicodedata.normalize("NFKC", header or "").strip().lower()
    return _PUNCT.sub(" ", text).strip()


_INDEX: dict[str, str] = {}
for _field, _names in SYNONYMS.items():
    for _name in _names:
        _INDEX[header_key(_name)] = _field
        _INDEX[header_key(_name).replace(" ", "")] = _field
for _field in SYNONYMS:
    _INDEX.setdefault(_field, _field)


def match_header(header: str) -> str | None:
    """The field a header names, or None. Tries the exact key, then without spaces."""
    key = header_key(header)
    return _INDEX.get(key) or _INDEX.get(key.replace(" ", ""))


def guess_mapping(headers: Iterable[str]) -> dict[str, str | None]:
    """Header -> field for every header; each field taken by its first column only."""
    taken: set[str] = set()
    mapping: dict[str, str | None] = {}
    for header in headers:
        field = match_header(header)
        if field in taken:
            field = "phone2" if field == "phone1" and "phone2" not in taken else None
        if field:
            taken.add(field)
        mapping[header] = field
    return mapping


def split_name(full: str) -> tuple[str, str]:
    """``"山田 花子"`` / ``"山田　花子"`` -> ("山田", "花子"); no space -> (full, "")."""
    parts = (full or "").replace("\u3000", " ").split(maxsplit=1)
    return (parts[0] if parts else ""), (parts[1].strip() if len(parts) > 1 else "")


def split_address(full: str) -> dict[str, str]:
    """One address column -> prefecture, city, town, street, building.

    ``"東京都千代田区千代田1-1 ○○ビル3F"`` -> 東京都 / 千代田区 / 千代田 / 1-1 / ○○ビル3F.
    The town ends where the first digit begins; a space after the street starts the
    building. Parts that cannot be told apart stay in ``town``.
    """
    text = unicodedata.normalize("NFKC", full or "").replace("\u3000", " ").strip()
    out = dict.fromkeys(("prefecture", "city", "town", "street", "building"), "")
    m = _PREFECTURE.match(text)
    if m:
        out["prefecture"], text = m[1], text[m.end() :]
    m = _CITY.match(text)
    if m and out["prefecture"]:
        out["city"], text = m[1], text[m.end() :]
    rest, _, building = text.partition(" ")
    digit = _DIGIT.search(rest)
    if digit:
        out["town"], out["street"] = rest[: digit.start()], rest[digit.start() :]
    else:
        out["town"] = rest
    out["building"] = building.strip()
    return out


GENDER_WORDS = {
    "female": ("女", "女性", "f", "female", "woman", "w", "2"),
    "male": ("男", "男性", "m", "male", "man", "1"),
    "other": ("その他", "other", "x", "9"),
}


def parse_gender(value: str) -> str | None:
    """A gender word as shops write it -> female/male/other/""; None when unknown."""
    text = unicodedata.normalize("NFKC", value or "").strip().lower()
    if not text:
        return ""
    for gender, words in GENDER_WORDS.items():
        if text in words:
            return gender
    return None


def parse_int(value: str) -> int | None:
    """``"１,２００円"`` -> 1200; ``"-30pt"`` -> -30; blank -> 0; not a number -> None."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    text = re.sub(r"[,\s]|円|pt|p$|ポイント|¥|\\", "", text, flags=re.IGNORECASE)
    if not text:
        return 0
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        return None
    if len(text) > 19:  # beyond any bound (and Python's own limit on long digit strings)
        return -(10**19) if text.startswith("-") else 10**19
    return int(text)


# Japanese numbers of 11 digits start 020, 050, 060, 070, 080, 090 (0800 included).
_ELEVEN_DIGIT_STARTS = ("20", "50", "60", "70", "80", "90")


def restore_phone_zero(value: str) -> str:
    """Put back the leading 0 a spreadsheet dropped from a phone number stored as a number.

    Only digit-only values change, and only when the 0 makes a valid Japanese number:
    9 digits not starting with 0 (a 10-digit line: ``312345678`` -> ``0312345678``) or
    10 digits starting 20/50/60/70/80/90 (mobile, IP and 0800: ``9012345678`` ->
    ``09012345678``). Anything else is returned as it came (and validated as usual).
    """
    text = unicodedata.normalize("NFKC", value or "").strip()
    if not (text.isascii() and text.isdigit()) or text.startswith("0"):
        return value
    if len(text) == 9 or (len(text) == 10 and text.startswith(_ELEVEN_DIGIT_STARTS)):
        return "0" + text
    return value


def restore_postal_zeros(value: str) -> str:
    """Left-pad a postal code that was stored as a number back to 7 digits.

    For cells known to be numbers only: ``600001`` -> ``0600001`` (札幌市中央区), and
    ``10010`` -> ``0010010`` (札幌市北区 starts 001). Other values come back unchanged.
    """
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) in (5, 6):
        return text.zfill(7)
    return value


def split_tags(text: str) -> list[str]:
    """Tag names in a cell or the card's タグ field: apart by commas, 、 or spaces."""
    for sep in ("、", "，", ",", "\u3000"):
        text = text.replace(sep, " ")
    return sorted({t for t in text.split() if t})
