"""Text rules for address labels and postcards: where to break an address, and how to
write it in vertical Japanese (every number in kanji numerals).

Pure functions over strings; the renderers in :mod:`crmdesk.reports` measure and draw.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from crmdesk.core.normalize import fold_dashes

# A break inside one part is good after 丁目 or 番地, after the end of a city, ward or
# county name (横浜市|青葉区, not 市|川市 nor 四日市|市), and before a run of digits that
# follows kanji (千代田|1-1).
_BREAK_AFTER = re.compile(r"(?<=\S{2})(?<![都道府県])(?:丁目|番地|市|区|郡)(?=[^市区町村郡])")
_BREAK_BEFORE_DIGITS = re.compile(r"(?<=[^\x00-\x7f0-9\-])(?=[0-9])")
# A boundary between two address parts is worth this much over one inside a part.
_PART_BONUS = 0.85


def _break_points(parts: Sequence[str]) -> list[tuple[int, bool]]:
    """Offsets into ``"".join(parts)`` where a line may break; True marks a part edge."""
    text = "".join(parts)
    points: dict[int, bool] = {}
    offset = 0
    for part in parts[:-1]:
        offset += len(part)
        if part and 0 < offset < len(text):
            points[offset] = True
    for pattern in (_BREAK_AFTER, _BREAK_BEFORE_DIGITS):
        for m in pattern.finditer(text):
            at = m.end() if pattern is _BREAK_AFTER else m.start()
            if 0 < at < len(text):
                points.setdefault(at, False)
    return sorted(points.items())


def split_address(parts: Sequence[str], width: Callable[[str], float] = len) -> tuple[str, str]:
    """Break an address into two balanced lines at a sensible place.

    Args:
        parts: The address in order, e.g. ``(prefecture + city, town, street)``. A break
            between two parts (before the town, before the 番地) is preferred; inside a
            part it falls after 丁目/番地/市/区..., or before the house number.
        width: How wide a string is drawn (characters by default).

    Returns:
        ``(first, second)``; ``second`` is empty when there is nowhere to break.
    """
    text = "".join(parts)
    best: tuple[float, int] | None = None
    for at, is_edge in _break_points(parts):
        cost = max(width(text[:at]), width(text[at:]))
        if is_edge:
            cost *= _PART_BONUS
        if best is None or cost < best[0]:
            best = (cost, at)
    if best is None:
        return text, ""
    return text[: best[1]], text[best[1] :]


# ---------------------------------------------------------------- vertical writing

_KANJI_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
_DIGIT_RUN = re.compile(r"[0-9]+")
_SPACE_BETWEEN_NUMBERS = re.compile(r"(?<=[0-9])\s+(?=[0-9])")
# Drawn turned a quarter clockwise in a vertical line.
_ROTATED = set("ー－-―‐~〜～（）()「」『』【】［］[]〈〉《》｛｝{}<>＜＞…‥:：;；=＝|｜")
_SMALL = set("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
_PUNCT = set("、。，．,.")

CellKind = Literal["upright", "rotated", "small", "punct", "space"]


@dataclass(frozen=True)
class Cell:
    """One square of a vertical line: one character (or a blank half square)."""

    text: str
    kind: CellKind


def kanji_digits(text: str) -> str:
    """``"3丁目12-5"`` -> ``"三丁目一二-五"`` (every Arabic digit as a kanji numeral)."""
    return unicodedata.normalize("NFKC", text).translate(_KANJI_DIGITS)


def kanji_number(digits: str) -> str:
    """How an address number is written in vertical writing.

    1 to 99 as counted (``"14"`` -> ``"十四"``, ``"20"`` -> ``"二十"``); 100 and more, and
    numbers written with a leading zero, digit by digit (``"105"`` -> ``"一〇五"``), as
    room and large house numbers are read out.
    """
    if len(digits) > 2 or digits.startswith("0"):
        return kanji_digits(digits)
    tens, ones = divmod(int(digits), 10)
    head = "" if tens == 0 else "十" if tens == 1 else kanji_digits(str(tens)) + "十"
    return head + (kanji_digits(str(ones)) if ones else "")


def vertical_cells(text: str, *, counted: bool = True) -> list[Cell]:
    """Cut ``text`` into the cells of a vertical line.

    One rule for a whole address: every number is written in kanji numerals, none in
    Arabic digits (``5-14-14`` -> ``五ー十四ー十四``, see :func:`kanji_number`). With
    ``counted=False`` (phone numbers) every digit is a kanji digit (``03`` -> ``〇三``).
    Dashes become ``ー`` and are turned, like brackets, so they run along the line.
    Spaces are dropped, except one between two numbers (``コーポ12 203``), which stays a
    blank half square so 十二 and 二〇三 do not read as one number.
    """
    text = fold_dashes(unicodedata.normalize("NFKC", text), all_long_vowels=False)
    text = _SPACE_BETWEEN_NUMBERS.sub("\x00", text)
    cells: list[Cell] = []
    pos = 0
    for m in _DIGIT_RUN.finditer(text):
        cells.extend(_plain_cells(text[pos : m.start()]))
        digits = m.group()
        written = kanji_number(digits) if counted else kanji_digits(digits)
        cells.extend(Cell(d, "upright") for d in written)
        pos = m.end()
    cells.extend(_plain_cells(text[pos:]))
    return cells


def _plain_cells(text: str) -> list[Cell]:
    cells = []
    for ch in text:
        if ch == "\x00":
            cells.append(Cell("", "space"))
        elif ch.isspace():
            continue
        elif ch == "-":
            cells.append(Cell("ー", "rotated"))
        elif ch in _ROTATED:
            cells.append(Cell(ch, "rotated"))
        elif ch in _SMALL:
            cells.append(Cell(ch, "small"))
        elif ch in _PUNCT:
            cells.append(Cell(ch, "punct"))
        else:
            cells.append(Cell(ch, "upright"))
    return cells


def name_cells(name: str, honorific: str = "様") -> tuple[list[Cell], int]:
    """Cells of ``"山田 花子"`` + honorific with a blank cell after the family name and
    before the honorific; also how many cells precede the given name (for 連名)."""
    words = re.split(r"[ \u3000]+", name.strip(), maxsplit=1)
    cells: list[Cell] = []
    given_at = 0
    for i, word in enumerate(words):
        if i:
            cells.append(Cell("", "space"))
            given_at = len(cells)
        cells.extend(vertical_cells(word))
    if honorific:
        cells += [Cell("", "space"), *vertical_cells(honorific)]
    return cells, given_at


def split_cells(cells: Sequence[Cell], per_column: int) -> list[list[Cell]]:
    """Wrap cells into columns of at most ``per_column``; none starts with 、 or 。.

    A comma that would open a column takes the cell before it along.
    """
    columns: list[list[Cell]] = []
    current: list[Cell] = []
    for cell in cells:
        if len(current) >= per_column:
            carry = [current.pop()] if cell.kind == "punct" and len(current) > 1 else []
            columns.append(current)
            current = carry
        current.append(cell)
    if current:
        columns.append(current)
    return columns


def format_postal(code: str) -> str:
    """``"1000001"`` -> ``"100-0001"`` (anything else is returned as written)."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", code))
    return f"{digits[:3]}-{digits[3:]}" if len(digits) == 7 else code
