"""How far a printer's feed may be corrected: one rule for the renderers and the settings.

A feed error is a few millimetres; more is a typo that would print off the paper. The
label renderer (:mod:`crmdesk.reports.labels`) and the remembered corrections
(:mod:`crmdesk.services.label_offsets`) both check with :func:`check_offsets`.
"""

from __future__ import annotations

from crmdesk.core.errors import DomainError

MAX_OFFSET_MM = 10.0


def check_offsets(offset_x_mm: float, offset_y_mm: float) -> None:
    """Refuse a correction beyond :data:`MAX_OFFSET_MM` (field ``offset_x_mm`` / ``_y_mm``)."""
    for field, value in (("offset_x_mm", offset_x_mm), ("offset_y_mm", offset_y_mm)):
        if not abs(value) <= MAX_OFFSET_MM:
            raise DomainError("offset_too_large", field=field, max=MAX_OFFSET_MM)
