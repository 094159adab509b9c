from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmdesk.core.wareki import age_on, parse_wareki, to_wareki


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 4, 1), "令和6年4月1日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1985, 4, 1), "昭和60年4月1日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1868, 1, 25), "明治元年1月25日"),
        (date(1868, 1, 24), "1868年1月24日"),
    ],
)
def test_to_wareki(d: date, expected: str) -> None:
    assert to_wareki(d) == expected


def test_to_wareki_without_day() -> None:
    assert to_wareki(date(2024, 4, 1), with_day=False) == "令和6年4月"
    assert to_wareki(date(2019, 5, 31), with_day=False) == "令和元年5月"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("昭和60年4月1日", date(1985, 4, 1)),
        ("S60.4.1", date(1985, 4, 1)),
        ("S60/4/1", date(1985, 4, 1)),
        ("s60-04-01", date(1985, 4, 1)),
        ("昭60.4.1", date(1985, 4, 1)),
        ("㍼60年4月1日", date(1985, 4, 1)),
        ("Ｓ６０．４．１", date(1985, 4, 1)),
        ("昭和 60 年 4 月 1 日", date(1985, 4, 1)),
        ("H1.1.8", date(1989, 1, 8)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("R1.5.1", date(2019, 5, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和６年４月１日", date(2024, 4, 1)),
        ("T1.7.30", date(1912, 7, 30)),
        ("M45.7.29", date(1912, 7, 29)),
    ],
)
def test_parse_wareki(text: str, expected: date) -> None:
    assert parse_wareki(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1985-04-01",
        "昭和60年",
        "X60.4.1",
        "昭和0年4月1日",
        "昭和60年2月30日",
        "昭和60年13月1日",
        "平成元年1月7日",  # that day was still 昭和64年
        "令和元年4月30日",
        "昭和65年1月1日",  # never existed: 昭和 ended on its 64th year, 7 January 1989
        "平成31年5月1日",  # that day was 令和元年
        "平成32年4月1日",
        "大正16年1月1日",
        "S60.4.1.2",
        "昭和六十年四月一日",
    ],
)
def test_parse_wareki_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_wareki(text)


@given(st.dates(min_value=date(1868, 1, 25), max_value=date(2200, 12, 31)))
def test_wareki_round_trip(d: date) -> None:
    assert parse_wareki(to_wareki(d)) == d


@pytest.mark.parametrize(
    ("birthday", "today", "expected"),
    [
        (date(1985, 4, 1), date(2024, 3, 31), 38),
        (date(1985, 4, 1), date(2024, 4, 1), 39),
        (date(1985, 4, 1), date(1985, 4, 1), 0),
        (date(2000, 2, 29), date(2023, 2, 28), 22),
        (date(2000, 2, 29), date(2023, 3, 1), 23),
        (date(2000, 2, 29), date(2024, 2, 29), 24),
        (date(1985, 12, 31), date(2024, 1, 1), 38),
    ],
)
def test_age_on(birthday: date, today: date, expected: int) -> None:
    assert age_on(birthday, today) == expected


def test_age_on_before_birth_raises() -> None:
    with pytest.raises(ValueError):
        age_on(date(2024, 1, 2), date(2024, 1, 1))


@given(st.dates(max_value=date(2100, 1, 1)), st.integers(min_value=0, max_value=40000))
def test_age_never_decreases(birthday: date, days: int) -> None:
    today = birthday + timedelta(days=days)
    assert 0 <= age_on(birthday, today) <= age_on(birthday, today + timedelta(days=1))
