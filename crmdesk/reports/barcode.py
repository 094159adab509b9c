"""Drawing Japan Post's customer barcode (the rules are in crmdesk.core.customer_barcode)."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from crmdesk.core.address import Addressee
from crmdesk.core.customer_barcode import (
    BAR_PITCH_MM,
    BAR_WIDTH_MM,
    LONG_MM,
    SEMI_MM,
    TIMING_MM,
    CustomerBarcode,
    address_number_of,
    encode_number,
)
from crmdesk.reports.pdf import MM


def barcode_for(a: Addressee) -> CustomerBarcode | None:
    """The addressee's barcode; None when no address number can be taken from the address
    (the code would carry the postal code alone: printed without it, and said so)."""
    number = address_number_of(a.town, a.street, a.building)
    if not number:
        return None
    return encode_number(a.postal_code, number)


def draw_barcode(canvas: Canvas, code: CustomerBarcode, x: float, y: float, scale: float) -> None:
    """Draw ``code`` with its bottom-left corner at (x, y) pt, at ``scale`` of the standard
    size. The timing bar sits in the middle; semi-long bars reach up or down from it."""
    width, pitch = BAR_WIDTH_MM * MM * scale, BAR_PITCH_MM * MM * scale
    full = LONG_MM * MM * scale
    low_of_timing = (LONG_MM - TIMING_MM) / 2 * MM * scale
    spans = {
        "1": (0.0, full),
        "2": (low_of_timing, SEMI_MM * MM * scale),
        "3": (0.0, SEMI_MM * MM * scale),
        "4": (low_of_timing, TIMING_MM * MM * scale),
    }
    path = canvas.beginPath()
    for i, bar in enumerate(code.bars):
        bottom, height = spans[bar]
        path.rect(x + i * pitch, y + bottom, width, height)
    canvas.drawPath(path, stroke=0, fill=1)
