"""Japan Post's customer barcode (カスタマバーコード), from a postal code and an address.

Follows 日本郵便「郵便番号・バーコードマニュアル」:

- **Address number (住所表示番号)**: from the address after the prefecture (the parts the
  postal code does not already say), the 丁目・番地・号 numbers, building and room numbers
  and single letters are taken out (:func:`address_number`): full-width to half-width,
  letters upper case; ``& / ・ .`` removed; two or more letters in a row removed (a
  building's name); kanji numerals before 丁目 丁 番地 番 号 地割 線 の ノ become digits
  (十一 -> 11, 二十一 -> 21); an ``F`` right after a digit (a floor) and every other
  character become a hyphen; hyphens in a row become one, and none is kept at the start,
  at the end, or next to a letter.
- **Data part**: the 7 digits of the postal code, then the address number, as 20
  characters: letters take two (a control code CC1-CC3 and a digit: A-J = CC1 0-9, K-T =
  CC2 0-9, U-Z = CC3 0-5); a shorter part is padded with CC4, a longer one cut at 20.
- **Check digit**: digits count 0-9, the hyphen 10, CC1-CC8 11-18; the check character
  makes the sum of the 20 data characters and itself a multiple of 19.
- **Bars**: a start code, 20 data characters and the check character of three bars each,
  a stop code: 67 bars in all. A bar is long (1), semi-long upward (2), semi-long downward
  (3) or a timing bar (4). At the standard size (for 10-point address text) a bar is 0.6 mm
  wide at a pitch of 1.2 mm (79.8 mm long), the long bar 3.6 mm, a semi-long bar 2.4 mm and
  the timing bar 1.2 mm tall; the manual allows 80% to 115% of that, with a quiet zone of
  2 mm around the code.

Pure functions over strings; :mod:`crmdesk.reports` draws the bars.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

DATA_LENGTH = 20
#: Bar patterns: 1 long, 2 semi-long up, 3 semi-long down, 4 timing.
PATTERNS: dict[str, str] = {
    "1": "114", "2": "132", "3": "312", "4": "123", "5": "141", "6": "321", "7": "213",
    "8": "231", "9": "411", "0": "144", "-": "414", "CC1": "324", "CC2": "342",
    "CC3": "234", "CC4": "432", "CC5": "243", "CC6": "423", "CC7": "441", "CC8": "111",
}  # fmt: skip
START, STOP = "13", "31"
_VALUES = {c: i for i, c in enumerate("0123456789-")} | {f"CC{i}": 10 + i for i in range(1, 9)}
_BY_VALUE = {v: c for c, v in _VALUES.items()}

# Sizes at 100% (mm), from the manual.
BAR_WIDTH_MM = 0.6
BAR_PITCH_MM = 1.2
LONG_MM, SEMI_MM, TIMING_MM = 3.6, 2.4, 1.2
QUIET_MM = 2.0
MIN_SCALE, MAX_SCALE = 0.8, 1.15
BARS = 2 + 3 * (DATA_LENGTH + 1) + 2

_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_KANJI_NUMBER = re.compile(r"([〇一二三四五六七八九十百千]+)(?=丁目|丁|番地|番|号|地割|線|の|ノ)")
_MARKERS = re.compile(r"丁目|丁|番地|番|号|地割|線|の|ノ")
# The numbers at the end of a town name (緑町3丁目, 河辺町十一丁目) belong to the address
# number; a numeral inside a name (八丁堀, 四日市, 北六条東) does not.
_TOWN_NUMBER = re.compile(r"[0-9０-９]+(?:丁目|丁)?$|[〇一二三四五六七八九十百千]+(?:丁目|丁)$")


def _kanji_to_int(text: str) -> int:
    """一 -> 1, 十一 -> 11, 二十一 -> 21, 百五 -> 105, 一〇五 -> 105."""
    if not any(c in text for c in "十百千"):
        return int("".join(str(_KANJI_DIGITS[c]) for c in text))
    total, digit = 0, 0
    for c in text:
        if c in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[c]
        else:
            total += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[c]
            digit = 0
    return total + digit


def address_number(address: str) -> str:
    """The 住所表示番号 of an address, e.g. ``"3-30-8-403"`` for 緑町3丁目30-8 郵便ビル403号.

    Give the address without its postal code; the prefecture, city and town may be
    included (names without numbers drop out).
    """
    text = unicodedata.normalize("NFKC", address).upper()
    text = re.sub(r"[&/・.]", "", text)
    text = re.sub(r"[A-Z]{2,}", "", text)
    text = _KANJI_NUMBER.sub(lambda m: str(_kanji_to_int(m.group(1))), text)
    text = _MARKERS.sub("-", text)
    text = re.sub(r"(?<=[0-9])F", "-", text)
    text = re.sub(r"[^0-9A-Z-]", "-", text)
    text = re.sub(r"-{2,}", "-", text)
    text = re.sub(r"-?([A-Z])-?", r"\1", text)
    return text.strip("-")


def address_number_of(town: str, street: str, building: str) -> str:
    """The address number of a customer's address fields: the numbers that end the town
    (緑町3丁目), the street and the building; a town name itself never counts."""
    tail = _TOWN_NUMBER.search(town.strip())
    head = tail.group(0) if tail else ""
    return address_number(" ".join(p for p in (head, street, building) if p))


def _symbols(text: str) -> list[str]:
    out: list[str] = []
    for c in text:
        if c.isdigit() or c == "-":
            out.append(c)
        else:  # A-Z
            n = ord(c) - ord("A")
            out.extend((f"CC{1 + n // 10}", str(n % 10)))
    return out


@dataclass(frozen=True)
class CustomerBarcode:
    """The characters of one customer barcode: data (20), check, and its bars."""

    postal_code: str
    address_number: str
    data: tuple[str, ...]
    check: str

    @property
    def characters(self) -> list[str]:
        """Every character from start to stop: ``["STC", "2", ..., check, "SPC"]``."""
        return ["STC", *self.data, self.check, "SPC"]

    @property
    def bars(self) -> str:
        """The 67 bars, each 1-4."""
        return START + "".join(PATTERNS[c] for c in (*self.data, self.check)) + STOP


def encode(postal_code: str, address: str) -> CustomerBarcode:
    """The customer barcode for a 7-digit postal code and an address.

    Raises:
        ValueError: the postal code is not 7 digits.
    """
    return encode_number(postal_code, address_number(address))


def encode_number(postal_code: str, number: str) -> CustomerBarcode:
    """The customer barcode for a postal code and an address number already extracted."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", postal_code))
    if len(digits) != 7:
        raise ValueError("postal code must have 7 digits")
    data = _symbols(digits + number)[:DATA_LENGTH]
    data += ["CC4"] * (DATA_LENGTH - len(data))
    total = sum(_VALUES[c] for c in data)
    check = _BY_VALUE[(19 - total % 19) % 19]
    return CustomerBarcode(digits, number, tuple(data), check)


def barcode_scale(available_mm: float) -> float | None:
    """The largest allowed scale (0.8-1.0 of the standard size) whose code and quiet zones
    fit ``available_mm``; None when even 80% does not fit."""
    for scale in (1.0, 0.95, 0.9, 0.85, MIN_SCALE):
        if length_mm(scale) + 2 * QUIET_MM <= available_mm:
            return scale
    return None


def length_mm(scale: float = 1.0) -> float:
    return ((BARS - 1) * BAR_PITCH_MM + BAR_WIDTH_MM) * scale
