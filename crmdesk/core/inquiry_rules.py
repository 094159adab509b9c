"""Inquiry rules: the words an inquiry uses and which status changes are allowed.

Pure functions, no database: the service asks these before it writes anything.

Status moves freely among the open states (open, in progress, waiting) and any of them
may close. A closed inquiry stays closed until it is explicitly reopened (back to
``open``); closing it again is an error, not a silent no-op, so two people closing the
same inquiry notice each other.
"""

from __future__ import annotations

from datetime import date, datetime

from crmdesk.core.clock import to_local
from crmdesk.core.errors import DomainError

CHANNELS = ("phone", "email", "counter", "web", "other")
STATUSES = ("open", "in_progress", "waiting", "closed")
OPEN_STATUSES = ("open", "in_progress", "waiting")
PRIORITIES = ("low", "normal", "high")

# The words of each code, in Japanese and English: the one home for them. The window,
# the charts and tables, the monthly report, the timeline and the CLI all ask here.
CHANNEL_LABELS: dict[str, dict[str, str]] = {
    "phone": {"ja": "電話", "en": "Phone"},
    "email": {"ja": "メール", "en": "Email"},
    "counter": {"ja": "店頭", "en": "In store"},
    "web": {"ja": "Webフォーム", "en": "Web form"},
    "other": {"ja": "その他", "en": "Other"},
}
STATUS_LABELS: dict[str, dict[str, str]] = {
    "open": {"ja": "未対応", "en": "Open"},
    "in_progress": {"ja": "対応中", "en": "In progress"},
    "waiting": {"ja": "返答待ち", "en": "Waiting"},
    "closed": {"ja": "完了", "en": "Closed"},
}
PRIORITY_LABELS: dict[str, dict[str, str]] = {
    "low": {"ja": "低", "en": "Low"},
    "normal": {"ja": "普通", "en": "Normal"},
    "high": {"ja": "高", "en": "High"},
}


def _label(table: dict[str, dict[str, str]], code: str, lang: str) -> str:
    if lang not in ("ja", "en"):
        raise ValueError(f"lang must be 'ja' or 'en', not {lang!r}")
    words = table.get(code)
    return words[lang] if words else code  # an unknown code (newer branch) shows as is


def channel_label(code: str, lang: str = "ja") -> str:
    """電話 / Phone."""
    return _label(CHANNEL_LABELS, code, lang)


def status_label(code: str, lang: str = "ja") -> str:
    """返答待ち / Waiting."""
    return _label(STATUS_LABELS, code, lang)


def priority_label(code: str, lang: str = "ja") -> str:
    """高 / High."""
    return _label(PRIORITY_LABELS, code, lang)


SUBJECT_MAX = 200
BODY_MAX = 10_000
NOTE_MAX = 10_000


def check_transition(current: str, new: str) -> bool:
    """Whether moving from ``current`` to ``new`` changes anything.

    Returns False for a no-op (same open status), True for a real change.

    Raises:
        DomainError: ``invalid_status`` for an unknown status, ``inquiry_already_closed``
            when closing a closed inquiry, ``inquiry_closed`` when a closed inquiry is
            moved anywhere but back to ``open`` (reopening).
    """
    if new not in STATUSES:
        raise DomainError("invalid_status", field="status", status=new)
    if current == "closed":
        if new == "closed":
            raise DomainError("inquiry_already_closed", field="status")
        if new != "open":
            raise DomainError("inquiry_closed", field="status")
        return True
    return new != current


def local_date(moment: datetime) -> date:
    """The shop's calendar day of a UTC instant."""
    return to_local(moment).date()


def check_follow_up(follow_up_on: date | None, received_at: datetime) -> None:
    """A follow-up is on or after the (local) day the inquiry came in."""
    if follow_up_on is not None and follow_up_on < local_date(received_at):
        raise DomainError(
            "follow_up_before_inquiry",
            field="follow_up_on",
            received=local_date(received_at).isoformat(),
        )


def is_due(status: str, follow_up_on: date | None, today: date) -> bool:
    """Due: not closed and the follow-up day (a local date) is today or past."""
    return status != "closed" and follow_up_on is not None and follow_up_on <= today


def is_overdue(status: str, follow_up_on: date | None, today: date) -> bool:
    return status != "closed" and follow_up_on is not None and follow_up_on < today
