from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmdesk.core.kana import suggest_furigana


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("佐藤 花子", "さとう はなこ"),
        ("佐藤　花子", "さとう はなこ"),
        ("  鈴木   一郎 ", "すずき いちろう"),
        ("佐藤花子", "さとうはなこ"),
        ("渡辺 美智子", "わたなべ みちこ"),
        ("佐々木", "ささき"),
        ("髙橋 一郎", "たかはし いちろう"),
        ("山﨑", "やまざき"),
        ("中村 ゆうこ", "なかむら ゆうこ"),
        ("タナカ ハナコ", "たなか はなこ"),
        ("ﾀﾅｶ ﾊﾅｺ", "たなか はなこ"),
        ("ミッキー", "みっきー"),
        ("John Smith", "John Smith"),
        ("Ｊｏｈｎ", "John"),
        ("", ""),
        (None, ""),
    ],
)
def test_suggest_furigana(name: str | None, expected: str) -> None:
    assert suggest_furigana(name) == expected


@given(st.text(alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x3093), max_size=20))
def test_hiragana_comes_back_unchanged(s: str) -> None:
    assert suggest_furigana(s) == s
