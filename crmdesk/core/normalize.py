"""The one place that defines how text is normalised for search.

Everything the counter search compares goes through :func:`normalize_text`: the text
indexed for each customer (:func:`customer_search_text`) and the query typed by staff.
Changing a rule here changes what the index holds: bump :data:`RULES_VERSION`, and the
store rebuilds every search key of a file the next time it is opened.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

import jaconv

from crmdesk.core.itaiji import FOLD as _VARIANT_KANJI

#: The version of these rules. A file whose keys were made under another version gets
#: them rebuilt when it is opened (:mod:`crmdesk.store.search_rebuild`).
#: 1: NFKC, kana, dashes. 2: variant kanji folded (髙橋 -> 高橋, 齋藤/斉藤 -> 斎藤).
#: 3: a new key, the company normalised (``company_key``, for the name-and-company index).
#: 4: no rule changed; imports before it left out the number they gave a customer from her
#: search text, so the rows whose text lacks their number are made again (search_rebuild).
RULES_VERSION = 4
#: The stored fields whose keys a version changed, when that is all it changed: a rebuild
#: from the version before reads only the rows where one of them is filled.
ONLY_FIELDS_SINCE = {3: ("company",)}
_VARIANT_KANJI_CHARS = "".join(chr(c) for c in _VARIANT_KANJI)


def may_differ_since(version: int | None) -> Callable[[str], bool] | None:
    """A quick test of whether text could normalise differently now than under ``version``.

    Lets a rebuild skip the rows a rule change cannot touch; None: any row may differ.
    A file without a recorded version was made under version 1.
    """
    if version in (None, 1):
        variants = frozenset(_VARIANT_KANJI_CHARS)
        return lambda text: not variants.isdisjoint(text)
    if version in (2, 3):
        return lambda text: False  # no rule changed since: only new keys (fields_since)
    return None


def fields_since(version: int | None) -> tuple[str, ...]:
    """The stored fields whose keys were added after ``version`` (:data:`ONLY_FIELDS_SINCE`):
    a row where they are all empty has nothing new to rebuild."""
    first = 2 if version is None else version + 1
    return tuple(f for v in range(first, RULES_VERSION + 1) for f in ONLY_FIELDS_SINCE.get(v, ()))


#: Joins the fields of :func:`customer_search_text`. Normalised values never contain it
#: (it is stripped from them), so no trigram spans two fields.
SEPARATOR = "|"

# U+2010..U+2015 hyphens and dashes, U+2043 hyphen bullet, U+2212 minus, U+FE58 small
# em dash, U+FE63 small hyphen-minus, U+FF0D full-width hyphen-minus (most of these
# already become '-' under NFKC; listing them keeps the rule explicit).
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"
_DASH_TABLE = str.maketrans(dict.fromkeys(_DASHES, "-"))
_LONG_VOWEL = "\u30fc"  # ー; NFKC also turns half-width ｰ (U+FF70) into it
_LONG_VOWEL_RUN = re.compile(_LONG_VOWEL + "+")
_ASCII_NEIGHBOUR = re.compile(r"[0-9a-z\-]")
# Whitespace that str.split() does not know about, plus the postal mark.
_INVISIBLE = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff〒"))
_WHITESPACE = re.compile(r"\s+")
# Stand-alone (spacing) voiced marks become combining ones, so NFKC composes か゛ -> が.
_SPACING_MARKS = str.maketrans({"\u309b": "\u3099", "\u309c": "\u309a"})
# The small ヶ/ヵ of place and family names (霞ヶ関, 一ヶ谷) are written interchangeably
# with ケ/カ and が/か; fold them so either spelling finds the other.
_SMALL_KE_KA = str.maketrans({"ヶ": "け", "ゖ": "け", "ヵ": "か", "ゕ": "か"})
_DIGITS = re.compile(r"[0-9]")


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s.translate(_SPACING_MARKS))


def fold_dashes(s: str, *, all_long_vowels: bool = False) -> str:
    """Fold every hyphen/dash variant to ASCII ``-``.

    Args:
        s: Text, already NFKC-normalised.
        all_long_vowels: Treat every ``ー`` as a dash (phone numbers). Otherwise a run of
            ``ー`` becomes dashes only when it touches a digit, an ASCII letter or a dash,
            so ``ラーメン`` keeps its long vowel while ``03ー1234`` becomes ``03-1234``.
    """
    s = s.translate(_DASH_TABLE)
    if all_long_vowels:
        return s.replace(_LONG_VOWEL, "-")

    def repl(m: re.Match[str]) -> str:
        before = s[m.start() - 1] if m.start() > 0 else ""
        after = s[m.end()] if m.end() < len(s) else ""
        if _ASCII_NEIGHBOUR.fullmatch(before.lower() or " ") or _ASCII_NEIGHBOUR.fullmatch(
            after.lower() or " "
        ):
            return "-" * len(m.group())
        return m.group()

    return _LONG_VOWEL_RUN.sub(repl, s)


def normalize_text(s: str | None) -> str:
    """Return the search form of ``s``.

    NFKC (half-width katakana with ﾞﾟ marks, full-width ASCII and digits), variant kanji
    folded to one form (髙 -> 高, 﨑 -> 崎, 齋/齊/斉 -> 斎, 邊/邉 -> 辺; see
    :mod:`crmdesk.core.itaiji`), katakana to hiragana (ヴ -> ゔ, ヶ/ヵ -> け/か), lower case,
    no whitespace (U+3000 included), no ``〒``, and every dash variant folded to ``-``
    (``ー`` only next to digits/ASCII).

    >>> normalize_text("ﾔﾏﾀﾞ ﾀﾛｳ")
    'やまだたろう'
    """
    if not s:
        return ""
    if s.isascii():  # NFKC, kana and kanji folding leave ASCII as it is
        # str.split() splits at exactly what \s matches (str.isspace), and faster
        return "".join(s.lower().split())
    return _normalize_cached(s) if len(s) <= _CACHED_LENGTH else _normalize(s)


# An import normalises the same family names, towns and companies over and over; a bounded
# cache of the short texts (most fields) pays for itself many times over.
_CACHED_LENGTH = 64


def _normalize(s: str) -> str:
    out = jaconv.kata2hira(_nfkc(s).translate(_VARIANT_KANJI)).translate(_SMALL_KE_KA).lower()
    out = _WHITESPACE.sub("", out.translate(_INVISIBLE))
    out = fold_dashes(out)
    # lower() and kana folding can, for a handful of exotic code points, produce text that
    # NFKC would change again; one more pass keeps the function idempotent.
    again = unicodedata.normalize("NFKC", out)
    return out if again == out else normalize_text(again)


_normalize_cached = lru_cache(maxsize=1 << 16)(_normalize)


def phone_digits(s: str | None) -> str:
    """Digits of a phone number after NFKC: ``"０３－１２３４－５６７８"`` -> ``"0312345678"``.

    A country code is kept as written, not turned into a trunk ``0``:
    ``"+81 3-1234-5678"`` -> ``"81312345678"``.
    """
    if not s:
        return ""
    if s.isascii():  # NFKC leaves ASCII as it is
        digits = s.replace("-", "")
        if digits.isdigit():  # the usual 03-1234-5678 (ASCII: isdigit is 0-9)
            return digits
        return s.encode().translate(None, _ASCII_NOT_DIGITS).decode()
    return "".join(_DIGITS.findall(_nfkc(s)))


_ASCII_NOT_DIGITS = bytes(c for c in range(128) if not 0x30 <= c <= 0x39)


def postal_digits(s: str | None) -> str:
    """Digits of a postal code: ``"〒１００－０００１"`` -> ``"1000001"``."""
    return phone_digits(s)


# What a kana key keeps: hiragana, ゝゞ, ー and ASCII letters and digits (for readings
# typed in romaji); one regex pass instead of a test per character.
_NOT_KANA_KEY = re.compile(r"[^\u3041-\u3096ゝゞー0-9A-Za-z]+")


def kana_key(s: str | None) -> str:
    """Furigana sort/prefix key: :func:`normalize_text` keeping only hiragana, ``ー``,
    ``ゝゞ`` and ASCII letters/digits (for readings typed in romaji).

    >>> kana_key("ヤマダ　タロウ")
    'やまだたろう'
    """
    return kana_key_of(normalize_text(s))


def kana_key_of(normal: str) -> str:
    """:func:`kana_key` of text :func:`normalize_text` has already normalised."""
    return _NOT_KANA_KEY.sub("", normal)


def to_hiragana(s: str | None) -> str:
    """Katakana (full or half width) to hiragana for display; other text unchanged."""
    return jaconv.kata2hira(jaconv.h2z(s, kana=True, ascii=False, digit=False)) if s else ""


def to_katakana(s: str | None) -> str:
    """Hiragana (and half-width katakana) to full-width katakana for display."""
    return jaconv.hira2kata(jaconv.h2z(s, kana=True, ascii=False, digit=False)) if s else ""


def search_field(value: str | None) -> str:
    """One field of the search text: normalised, without :data:`SEPARATOR`."""
    return normalize_text(value).replace(SEPARATOR, "")


def customer_search_text(
    *,
    family_name: str | None,
    given_name: str | None,
    family_kana: str | None,
    given_kana: str | None,
    phones: Iterable[str | None],
    email: str | None,
    postal_code: str | None,
    customer_number: str | None,
    prefecture: str | None,
    city: str | None,
    town: str | None,
    street: str | None,
    building: str | None,
    company: str | None,
    card_numbers: Iterable[str | None] = (),
) -> str:
    """One normalised text per customer for the FTS5 trigram index.

    Fields are normalised and joined by :data:`SEPARATOR`; empty fields are left out.
    The name and its kana are each one field (family + given, no space), the address is
    one field (prefecture .. building) so ``千代田区千代田`` matches across parts, and
    phone numbers are indexed as digits only: a phone query must be reduced with
    :func:`phone_digits` before it is matched.
    """
    return search_text_of(
        name=normalize_text((family_name or "") + (given_name or "")),
        kana=normalize_text((family_kana or "") + (given_kana or "")),
        phones=phones,
        email=email,
        postal_code=postal_code,
        customer_number=customer_number,
        address="".join(p or "" for p in (prefecture, city, town, street, building)),
        company=company,
        card_numbers=card_numbers,
    )


def search_text_of(
    *,
    name: str,
    kana: str,
    phones: Iterable[str | None],
    email: str | None,
    postal_code: str | None,
    customer_number: str | None,
    address: str,
    company: str | None,
    card_numbers: Iterable[str | None] = (),
) -> str:
    """:func:`customer_search_text` given the name and kana already normalised (the
    caller needs them as keys too) and the address parts joined."""
    return joined_search_text(
        name,
        kana,
        [phone_digits(p) for p in phones],
        email,
        postal_code,
        customer_number,
        search_field(address),
        search_field(company),
        card_numbers,
    )


def joined_search_text(
    name: str,
    kana: str,
    phone_keys: Iterable[str],
    email: str | None,
    postal_code: str | None,
    customer_number: str | None,
    address_field: str,
    company_field: str,
    card_numbers: Iterable[str | None] = (),
) -> str:
    """:func:`search_text_of` given the keys made already (the phones as digits, the
    address and company as their fields), positional: what
    :func:`crmdesk.core.search_keys.customer_keys` calls for every customer of an import."""
    parts = [
        name.replace(SEPARATOR, ""),
        kana.replace(SEPARATOR, ""),
        *phone_keys,
        search_field(email),
        postal_digits(postal_code),
        search_field(customer_number),
        address_field,
        company_field,
        *[search_field(c) for c in card_numbers],
    ]
    return SEPARATOR.join([p for p in parts if p])
