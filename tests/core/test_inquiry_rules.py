"""Inquiry status transitions and follow-up dates, as pure rules."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from crmdesk.core.errors import DomainError
from crmdesk.core.inquiry_rules import (
    STATUSES,
    check_follow_up,
    check_transition,
    is_due,
    is_overdue,
)


@pytest.mark.parametrize("current", ["open", "in_progress", "waiting"])
@pytest.mark.parametrize("new", STATUSES)
def test_open_states_move_freely(current: str, new: str) -> None:
    assert check_transition(current, new) is (current != new)


@pytest.mark.parametrize(
    ("new", "code"),
    [
        ("closed", "inquiry_already_closed"),
        ("waiting", "inquiry_closed"),
        ("in_progress", "inquiry_closed"),
        ("done", "invalid_status"),
    ],
)
def test_a_closed_inquiry_only_reopens(new: str, code: str) -> None:
    with pytest.raises(DomainError) as caught:
        check_transition("closed", new)
    assert caught.value.code == code and caught.value.field == "status"
    assert check_transition("closed", "open") is True


def test_follow_up_is_compared_with_the_local_day_received() -> None:
    late_evening_utc = datetime(2026, 3, 31, 16, 0, tzinfo=UTC)  # 1 April 01:00 in Tokyo
    check_follow_up(date(2026, 4, 1), late_evening_utc)
    check_follow_up(None, late_evening_utc)
    with pytest.raises(DomainError) as caught:
        check_follow_up(date(2026, 3, 31), late_evening_utc)
    assert caught.value.params["received"] == "2026-04-01"


def test_due_and_overdue() -> None:
    today = date(2026, 11, 22)
    assert is_due("open", today, today) and not is_overdue("open", today, today)
    assert is_overdue("waiting", date(2026, 11, 21), today)
    assert not is_due("closed", date(2026, 11, 1), today)
    assert not is_due("open", None, today) and not is_due("open", date(2026, 11, 23), today)
