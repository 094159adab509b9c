"""Field validation: each ``clean_*`` returns the cleaned value or raises DomainError.

A service validates every field and reports all bad ones at once::

    errors = FieldErrors()
    family_name = errors.check(clean_required, data.family_name, "family_name")
    postal_code = errors.check(clean_postal_code, data.postal_code)
    errors.raise_if_any()  # one ValidationError listing every bad field
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from types import TracebackType
from typing import ParamSpec, Self, TypeVar

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.normalize import fold_dashes
from crmdesk.core.postal import parse_postal
from crmdesk.core.wareki import parse_wareki

P = ParamSpec("P")
T = TypeVar("T")

MAX_AGE = 130

_PHONE_CHARS = re.compile(r"\+?[0-9()\- ]+")
_NOT_DIGIT_BYTES = bytes(c for c in range(128) if not 0x30 <= c <= 0x39)
_EMAIL = re.compile(r"[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+")
_YMD = re.compile(r"([0-9]{4})(?:[-/.年])([0-9]{1,2})(?:[-/.月])([0-9]{1,2})日?")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
# A time after the date, as spreadsheets write it: "1985/04/01 0:00:00", ISO "T00:00Z".
_TIME = re.compile(
    r"(?:\s+|T)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9:]{2,5})?$"
)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def clean_required(value: str | None, field: str, *, max_length: int | None = None) -> str:
    """Strip ``value`` (U+3000 included); empty -> ``required``, too long -> ``too_long``."""
    text = _text(value).strip()
    if not text:
        raise DomainError("required", field=field)
    return clean_optional(text, field, max_length=max_length)


def clean_optional(value: str | None, field: str, *, max_length: int | None = None) -> str:
    """Strip ``value``; None -> ``''``; longer than ``max_length`` -> ``too_long``."""
    text = _text(value).strip()
    if max_length is not None and len(text) > max_length:
        raise DomainError("too_long", field=field, max=max_length)
    return text


def clean_postal_code(value: str | None, field: str = "postal_code") -> str:
    """``"〒１００－０００１"`` -> ``"1000001"``; blank -> ``''``.

    Codes unknown to the offline data are accepted: new ones appear every month.
    """
    if not _text(value).strip():
        return ""
    digits = parse_postal(value)
    if digits is None:
        raise DomainError("invalid_postal_code", field=field)
    return digits


def clean_phone(value: str | None, field: str = "phone") -> str:
    """Keep the number as written, with NFKC and every dash folded to ``-``.

    ``"０３ー１２３４ー５６７８"`` -> ``"03-1234-5678"``. A Japanese number starts with 0
    and has 10 or 11 digits; an international one starts with ``+`` and has 8 to 15.
    Blank -> ``''``.
    """
    text = _text(value)
    if not text.isascii():  # NFKC and the dash folding leave ASCII as it is
        text = fold_dashes(unicodedata.normalize("NFKC", text), all_long_vowels=True)
    text = " ".join(text.split())  # each run of whitespace one space, none at the ends
    if not text:
        return ""
    if not _PHONE_CHARS.fullmatch(text):
        raise DomainError("invalid_phone", field=field)
    # ASCII now (the pattern allows nothing else): its digits in one C pass
    digits = text.encode().translate(None, _NOT_DIGIT_BYTES)
    if text.startswith("+"):
        ok = 8 <= len(digits) <= 15
    else:
        ok = digits.startswith(b"0") and len(digits) in (10, 11)
    if not ok:
        raise DomainError("invalid_phone", field=field)
    return text


def clean_email(value: str | None, field: str = "email") -> str:
    """NFKC, stripped, domain lower-cased (the local part is kept). Blank -> ``''``."""
    text = unicodedata.normalize("NFKC", _text(value)).strip()
    if not text:
        return ""
    if len(text) > 254 or not _EMAIL.fullmatch(text):
        raise DomainError("invalid_email", field=field)
    local, domain = text.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def parse_date(value: str) -> date:
    """The flexible date parser shared by forms and imports.

    Accepts ``1985-04-01``, ``1985/4/1``, ``1985.4.1``, ``19850401``, ``1985年4月1日``,
    era dates (``昭和60年4月1日``, ``S60.4.1``, see :func:`parse_wareki`), full-width
    digits, and a trailing time as spreadsheets add it (``1985/04/01 0:00:00``).

    Raises:
        ValueError: When ``value`` is not such a date.
    """
    return _parse_date(value)


@lru_cache(maxsize=1 << 14)  # birthdays repeat across an import; failures are not cached
def _parse_date(value: str) -> date:
    text = unicodedata.normalize("NFKC", _text(value)).strip()
    text = re.sub(r"\s+", "", _TIME.sub("", text))
    m = _YMD.fullmatch(text) or _COMPACT.fullmatch(text)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    return parse_wareki(text)


def _years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February in a year without one
        return today.replace(year=today.year - years, day=28)


@lru_cache(maxsize=16)  # one or two days per import, per session
def _oldest_birthday(today: date) -> date:
    return _years_before(today, MAX_AGE)


def clean_birthday(
    value: date | str | None, *, today: date, field: str = "birthday"
) -> date | None:
    """A birthday as a date; blank -> None.

    Raises:
        DomainError: ``invalid_date``, ``birthday_in_future``, or ``birthday_too_old``
            (more than :data:`MAX_AGE` years before ``today``: a
            birthday exactly 130 years ago is still accepted).
    """
    if isinstance(value, datetime):
        birthday = value.date()
    elif isinstance(value, date):
        birthday = value
    else:
        text = _text(value).strip()
        if not text:
            return None
        try:
            birthday = parse_date(text)
        except ValueError:
            raise DomainError("invalid_date", field=field) from None
    if birthday > today:
        raise DomainError("birthday_in_future", field=field)
    if birthday < _oldest_birthday(today):
        raise DomainError("birthday_too_old", field=field, max=MAX_AGE)
    return birthday


class FieldErrors:
    """Collects the DomainErrors of several field checks and raises them as one.

    Also a context manager: leaving the block raises the collected errors, unless the
    block is already leaving with another exception.
    """

    def __init__(self) -> None:
        self.errors: list[DomainError] = []

    def check(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """Run ``fn``; on DomainError record it and return None, else return its result."""
        try:
            return fn(*args, **kwargs)
        except DomainError as exc:
            self.add(exc)
            return None

    def add(self, error: DomainError) -> None:
        """Record an error found by other means (a uniqueness check, say)."""
        if isinstance(error, ValidationError):
            self.errors.extend(error.errors)
        else:
            self.errors.append(error)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        """Raise one ValidationError listing every recorded error, if there are any."""
        if self.errors:
            raise ValidationError(list(self.errors))

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.raise_if_any()
