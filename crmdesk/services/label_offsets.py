"""Per-printer print-position corrections for label sheets, kept in the settings table.

A printer feeds paper a little off; the owner measures the gap with the calibration page
(``crmdesk labels --calibration``) and the wizard remembers the correction for that
printer and sheet, so the next mailing starts with it filled in.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from crmdesk.core.print_offsets import check_offsets
from crmdesk.store.db import set_setting, setting

DEFAULT_PRINTER = "default"


@dataclass(frozen=True)
class Offsets:
    """Right / down positive, in mm."""

    x_mm: float = 0.0
    y_mm: float = 0.0


def offset_key(printer: str, layout_code: str) -> str:
    """``labels.offset.<printer>.<layout>``; no printer name means ``default``."""
    return f"labels.offset.{printer.strip() or DEFAULT_PRINTER}.{layout_code}"


def printer_offsets(session: Session, printer: str, layout_code: str) -> Offsets:
    """The remembered correction, or zero when this printer never printed this sheet."""
    value = setting(session, offset_key(printer, layout_code))
    if not isinstance(value, dict):
        return Offsets()
    try:
        return Offsets(float(value.get("x_mm", 0)), float(value.get("y_mm", 0)))
    except (TypeError, ValueError):
        return Offsets()


def remember_offsets(session: Session, printer: str, layout_code: str, offsets: Offsets) -> None:
    check_offsets(offsets.x_mm, offsets.y_mm)
    set_setting(
        session,
        offset_key(printer, layout_code),
        {"x_mm": round(offsets.x_mm, 2), "y_mm": round(offsets.y_mm, 2)},
    )
