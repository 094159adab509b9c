"""Furigana suggestions for names typed in kanji.

A reading is only ever a suggestion: names have readings no dictionary knows
(東海林 is しょうじ, but 中田 may be なかた or なかだ), so staff confirm or overwrite it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import jaconv

# Variant kanji (異体字) common in family names that pykakasi does not know; it drops or
# duplicates them (髙橋 -> "", 山﨑 -> やまやま), so read them as their common form.
_VARIANTS = str.maketrans(
    {
        "髙": "高",
        "﨑": "崎",
        "嵜": "崎",
        "濵": "浜",
        "𠮷": "吉",
        "邉": "辺",
        "邊": "辺",
        "齋": "斎",
        "齊": "斉",
        "德": "徳",
        "櫻": "桜",
        "廣": "広",
        "國": "国",
        "澤": "沢",
        "籐": "藤",
    }
)
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _kakasi() -> Any:  # pykakasi ships no type hints
    """The converter, built on first use: loading its dictionaries takes a moment."""
    import pykakasi  # deferred: ~0.1 s to import; only furigana suggestions need it

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]  # pykakasi is untyped


def _read_word(word: str) -> str:
    if not _KANJI.search(word):
        return jaconv.kata2hira(word)
    pieces = []
    for item in _kakasi().convert(word.translate(_VARIANTS)):
        # An unknown character comes back with an empty reading: keep it visible, so
        # staff see what is left to fill in rather than a silently shorter reading.
        pieces.append(item["hira"] or item["orig"])
    return "".join(pieces)


def suggest_furigana(name: str | None) -> str:
    """Suggest the hiragana reading of a name.

    Whitespace between family and given name is kept as one space; kana input comes back
    as hiragana (half-width katakana included); latin text comes back unchanged (after
    NFKC, so full-width letters become ASCII).

    >>> suggest_furigana("佐藤　花子")
    'さとう はなこ'
    """
    if not name:
        return ""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", name)).strip()
    return " ".join(_read_word(word) for word in text.split(" "))


_READING = re.compile(r"[\u3041-\u3096\u30fcゝゞ ]+")


def has_kanji(text: str | None) -> bool:
    """Whether ``text`` holds a kanji (a name that needs furigana)."""
    return bool(text and _KANJI.search(text))


def is_reading(text: str | None) -> bool:
    """Whether ``text`` is a complete reading: hiragana (and ー) only, nothing left over."""
    return bool(text and _READING.fullmatch(text))
