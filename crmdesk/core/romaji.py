"""Romaji typed with the input method off, read as the kana of a name.

Staff who find the input method off type ``yamada`` or ``matukaze``; the readings are
stored in kana. :func:`romaji_readings` turns such a query into the hiragana it may
stand for, in both romanisations (Hepburn ``shi tsu chi fu ji`` and kunrei ``si tu ti hu
zi``, ``jaconv`` reads both), with the ambiguities of names written in Hepburn:

- long vowels are usually not written: ``sato`` is さとう, ``ono`` is おの or おおの,
  ``yuko`` is ゆうこ (a reading prefix covers a long vowel at the end; inside, one
  ``う``/``お`` may be missing after an o-sound, one ``う`` after a u-sound);
- ``n`` before a vowel may be ん (``kenichi`` is けんいち as often as けにち), and
  ``nn`` before a vowel is ん + な行 in names (``shinnosuke`` is しんのすけ);
- a consonant being typed (``yamad``) is not yet a kana: it is left out.

Double consonants (``hattori`` はっとり, ``itto``) and ``n'`` are what jaconv reads.
"""

from __future__ import annotations

import re

import jaconv

#: At most this many readings per query (each is one indexed prefix look-up).
MAX_READINGS = 8
_ROMAJI = re.compile(r"[a-z][a-z'\-]*")
_PENDING_CONSONANTS = re.compile(r"(?<!n)[bcdfghjklmpqrstvwxyz]+$|(?<=n)[bcdfghjklmpqrstvwxyz]+$")
_N_BEFORE_VOWEL = re.compile(r"(?<![n'])n(?=[aiueo])")
_NN_BEFORE_VOWEL = re.compile(r"nn(?=[aiueo])")
_O_SOUNDS = frozenset("おこそとのほもよろごぞどぼぽょ")
_U_SOUNDS = frozenset("うくすつぬふむゆるぐずづぶぷゅ")
_HIRAGANA = re.compile(r"[\u3041-\u3096ー]+")


def is_romaji(text: str) -> bool:
    """A query of ASCII letters only (and spaces, ``'`` or ``-``), at least two letters."""
    letters = text.replace(" ", "").lower()
    return len(letters) >= 2 and all(_ROMAJI.fullmatch(w) for w in text.lower().split())


def romaji_readings(text: str) -> list[str]:
    """The hiragana readings ``text`` may stand for, the likeliest first (spaces dropped).

    >>> romaji_readings("matukaze")[0] == romaji_readings("matsukaze")[0] == "まつかぜ"
    True
    """
    if not is_romaji(text):
        return []
    word = "".join(text.lower().split()).replace("-", "")
    word = _PENDING_CONSONANTS.sub("", word)
    spellings = [word]
    for pattern, repl in ((_NN_BEFORE_VOWEL, "n'n"), (_N_BEFORE_VOWEL, "n'")):
        spellings += [pattern.sub(repl, s) for s in spellings if pattern.search(s)]
    readings: list[str] = []
    for spelling in spellings:
        kana = jaconv.alphabet2kana(spelling).replace("'", "")
        if _HIRAGANA.fullmatch(kana):
            readings.append(kana)
    out: list[str] = []
    # the spellings as read first, then the long vowels they may have left out
    for candidate in (*readings, *(v for r in readings for v in _long_vowels(r))):
        if candidate not in out:
            out.append(candidate)
    return out[:MAX_READINGS]


def _long_vowels(kana: str) -> list[str]:
    """``kana`` with one long vowel the romaji did not write, inside the word."""
    out = []
    for i, c in enumerate(kana[:-1]):
        if c in _O_SOUNDS:
            out += [kana[: i + 1] + "う" + kana[i + 1 :], kana[: i + 1] + "お" + kana[i + 1 :]]
        elif c in _U_SOUNDS:
            out.append(kana[: i + 1] + "う" + kana[i + 1 :])
    return out
