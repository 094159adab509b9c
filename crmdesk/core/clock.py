"""Local time: stored in UTC, shown and reasoned about in the shop's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Tokyo"
_zone = ZoneInfo(DEFAULT_ZONE)


def set_zone(name: str) -> None:
    global _zone
    _zone = ZoneInfo(name)


def zone() -> ZoneInfo:
    return _zone


def now_utc() -> datetime:
    return datetime.now(UTC)


def local_today() -> date:
    return datetime.now(_zone).date()


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(_zone)


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants where a local calendar day starts and the next one starts."""
    start = datetime.combine(day, time(0), tzinfo=_zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=_zone)
    return start.astimezone(UTC), end.astimezone(UTC)
