"""Partly hidden phone numbers and birthdays, for staff without ``view_full``.

``090-1234-5678`` shows as ``090-****-5678`` (the first group and the last four digits
stay, so staff can still confirm "the number ending 5678"); a birthday shows its
century and decade hidden as ``19**年``. Masked text can never pass phone or date
validation, so a masked field saved back by mistake is refused, never stored.
"""

from __future__ import annotations

from datetime import date

MASK = "*"


def mask_phone(phone: str) -> str:
    """``090-1234-5678`` -> ``090-****-5678``; digits-only numbers keep their ends."""
    text = (phone or "").strip()
    digits = [c for c in text if c.isdigit()]
    if not digits:
        return text
    if len(digits) <= 4:
        return MASK * len(digits)
    if "-" in text:
        groups = text.split("-")
        head, tail = groups[0], groups[-1]
        middle = [MASK * len(g) for g in groups[1:-1]]
        if len(groups) == 2:  # 0312345678 written as 03-12345678
            return f"{head}-{MASK * max(len(tail) - 4, 0)}{tail[-4:]}"
        return "-".join([head, *middle, tail])
    keep_head = 3 if len(digits) > 7 else 0
    hidden = len(text) - keep_head - 4
    return text[:keep_head] + MASK * hidden + text[-4:]


def mask_birthday(value: date | str | None) -> str:
    """A birthday as ``19**年``: only the century shows."""
    if value is None or value == "":
        return ""
    year = value.year if isinstance(value, date) else int(str(value)[:4])
    return f"{str(year)[:2]}**年"


def is_masked(text: str) -> bool:
    return MASK in (text or "")
