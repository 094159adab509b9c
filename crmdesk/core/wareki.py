"""Japanese era dates (和暦) and ages.

Eras begin on the Gregorian dates below. Meiji is taken from 1868-01-25, the first day
of 慶応4年 that the change of era covered retroactively; dates before 1873 are shown in
the Gregorian calendar with the era's year number (Japan still used its lunar calendar
then), which is what a customer database needs. Earlier dates are shown in western form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Era:
    """One era: its name, its one-letter abbreviation and its first day."""

    name: str
    letter: str
    start: date


ERAS: tuple[Era, ...] = (
    Era("令和", "R", date(2019, 5, 1)),
    Era("平成", "H", date(1989, 1, 8)),
    Era("昭和", "S", date(1926, 12, 25)),
    Era("大正", "T", date(1912, 7, 30)),
    Era("明治", "M", date(1868, 1, 25)),
)

_ERA_BY_TOKEN: dict[str, Era] = {}
for _era in ERAS:
    _ERA_BY_TOKEN[_era.name] = _era
    _ERA_BY_TOKEN[_era.name[0]] = _era  # 昭60.4.1
    _ERA_BY_TOKEN[_era.letter] = _era

_WAREKI = re.compile(
    r"(?P<era>令和|平成|昭和|大正|明治|[令平昭大明RHSTM])"
    r"(?P<year>[0-9]{1,3}|元)(?:年|[./-])"
    r"(?P<month>[0-9]{1,2})(?:月|[./-])"
    r"(?P<day>[0-9]{1,2})日?"
)


def era_of(d: date) -> Era | None:
    """The era ``d`` falls in, or None before Meiji."""
    return next((era for era in ERAS if d >= era.start), None)


def to_wareki(d: date, *, with_day: bool = True) -> str:
    """``date(2024, 4, 1)`` -> ``"令和6年4月1日"``; the first year reads 元年.

    Args:
        d: The date.
        with_day: False leaves the day out: ``"令和6年4月"``.
    """
    era = era_of(d)
    if era is None:
        year = f"{d.year}年"
    else:
        n = d.year - era.start.year + 1
        year = f"{era.name}{'元' if n == 1 else n}年"
    return f"{year}{d.month}月{d.day}日" if with_day else f"{year}{d.month}月"


def parse_wareki(s: str) -> date:
    """Parse an era date.

    Accepts ``昭和60年4月1日``, ``平成元年1月8日``, ``S60.4.1``, ``S60/4/1``, ``s60-4-1``,
    ``昭60.4.1``, ``㍼60年4月1日`` and full-width digits; spaces are ignored.

    Only dates that existed are accepted: one before the era began (``平成元年1月7日``
    was 昭和64年) or after it ended (``昭和65年``, ``平成31年5月1日`` was 令和元年) is
    rejected, so a slip of the era is caught rather than stored a lifetime off.

    Raises:
        ValueError: When ``s`` is not such a date.
    """
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or "")).upper()
    m = _WAREKI.fullmatch(text)
    if m is None:
        raise ValueError(f"not a Japanese era date: {s!r}")
    era = _ERA_BY_TOKEN[m["era"]]
    year = 1 if m["year"] == "元" else int(m["year"])
    if year < 1:
        raise ValueError(f"era year must be 1 or more: {s!r}")
    result = date(era.start.year + year - 1, int(m["month"]), int(m["day"]))
    if result < era.start:
        raise ValueError(f"{s!r} is before {era.name} began ({era.start.isoformat()})")
    later = [e for e in ERAS if e.start > era.start]
    if later and result >= later[-1].start:
        raise ValueError(f"{s!r} is after {era.name} ended ({later[-1].start.isoformat()})")
    return result


def age_on(birthday: date, today: date) -> int:
    """Age in whole years on ``today``.

    The common rule: the age goes up on the day whose (month, day) reaches the
    birthday's, so a 29 February birthday counts on 1 March in other years. (Japanese
    law counts a year complete at the end of the day before the anniversary, which only
    differs for school-year cut-offs; DM segments follow the everyday rule.)

    Raises:
        ValueError: When ``today`` is before ``birthday``.
    """
    if today < birthday:
        raise ValueError(f"{today.isoformat()} is before the birthday {birthday.isoformat()}")
    before_anniversary = (today.month, today.day) < (birthday.month, birthday.day)
    return today.year - birthday.year - int(before_anniversary)
