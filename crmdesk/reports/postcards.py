"""The address side of a Japanese postcard (通常はがき, 100 x 148 mm) as a PDF.

Postal-code digits are centred in the seven printed boxes at Japan Post's standard
positions; the address, company and name run down the card in vertical writing
(every number in kanji numerals: 5-14-14 is 五ー十四ー十四), right to left; the shop's own address
and name sit in the lower left above its own seven boxes. One card per page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from crmdesk.core.address import Addressee
from crmdesk.core.customer_barcode import LONG_MM, length_mm
from crmdesk.core.errors import DomainError
from crmdesk.core.label_text import Cell, name_cells, split_address, split_cells, vertical_cells
from crmdesk.core.normalize import postal_digits
from crmdesk.reports.barcode import barcode_for, draw_barcode
from crmdesk.reports.pdf import FONT, MM, atomic_pdf
from crmdesk.reports.vertical import column_length, draw_cells

CARD_W_MM, CARD_H_MM = 100.0, 148.0
#: Inner edges of the seven recipient boxes, x from the card's left (Japan Post, zip
#: code manual p05; see ../shared/data/label-sheets.md), and their top/bottom.
POSTAL_BOXES_X_MM = (
    (44.3, 50.0), (51.3, 57.0), (58.3, 64.0), (65.9, 71.6),
    (72.7, 78.4), (79.5, 85.2), (86.3, 92.0),
)  # fmt: skip
POSTAL_BOX_Y_MM = (12.0, 20.0)
POSTAL_HYPHEN = (64.0, 65.9, 16.0)  # x from, x to, y
POSTAL_PT = 16.0
#: Sender boxes on official cards (4 x 7 mm; not in the standard, measured).
SENDER_BOXES_X_MM = (6.0, 10.0, 14.0, 19.0, 23.0, 27.0, 31.0)
SENDER_BOX_W_MM, SENDER_BOX_Y_MM = 4.0, (122.0, 129.0)
SENDER_PT = 11.0

# Where the recipient's columns may run (mm from the top-left of the card).
TOP_MM, BOTTOM_MM, RIGHT_MM = 27.0, 132.0, 95.0
NAME_TOP_MM = 32.0
#: The customer barcode's top edge: 2 mm (its quiet zone) below the recipient's columns.
BARCODE_TOP_MM = BOTTOM_MM + 2.0
SENDER_RIGHT_MM, SENDER_TOP_MM, SENDER_BOTTOM_MM = 37.0, 66.0, 119.0
ADDRESS_PT, NAME_PT, MIN_ADDRESS_PT, MIN_NAME_PT = 14.0, 26.0, 8.0, 12.0


@dataclass(frozen=True)
class Sender:
    """The shop, printed as the sender (差出人)."""

    postal_code: str
    address: str
    name: str
    phone: str = ""


def _y(mm_from_top: float) -> float:
    return float((CARD_H_MM - mm_from_top) * MM)  # reportlab's units are untyped


def _digits_in_boxes(
    canvas: Canvas,
    digits: str,
    boxes: Sequence[tuple[float, float]],
    y_mm: tuple[float, float],
    size: float,
) -> None:
    mid_y = _y((y_mm[0] + y_mm[1]) / 2)
    canvas.setFont(FONT, size)
    for digit, (x0, x1) in zip(digits, boxes, strict=False):
        # The digits' ink is about 0.72 em tall from the baseline: centre that.
        canvas.drawCentredString((x0 + x1) / 2 * MM, mid_y - 0.36 * size, digit)


def _draw_boxes(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setStrokeColorRGB(0.85, 0.2, 0.1)  # vermilion, as on official cards
    canvas.setLineWidth(0.8)
    top, bottom = POSTAL_BOX_Y_MM
    for x0, x1 in POSTAL_BOXES_X_MM:
        canvas.rect(x0 * MM, _y(bottom), (x1 - x0) * MM, (bottom - top) * MM)
    hx0, hx1, hy = POSTAL_HYPHEN
    canvas.line(hx0 * MM, _y(hy), hx1 * MM, _y(hy))
    canvas.setLineWidth(0.5)
    stop, sbottom = SENDER_BOX_Y_MM
    for x0 in SENDER_BOXES_X_MM:
        canvas.rect(x0 * MM, _y(sbottom), SENDER_BOX_W_MM * MM, (sbottom - stop) * MM)
    canvas.restoreState()


def _too_long(a: Addressee, text: str) -> DomainError:
    part = text if len(text) <= 16 else text[:15] + "…"
    return DomainError(
        "address_too_long",
        field="address",
        who=a.customer_number or a.name or a.company,
        customer_number=a.customer_number,
        name=a.name or a.company,
        part=part,
    )


def _fit(cells: Sequence[Cell], length_mm: float, base: float, least: float) -> float | None:
    """The largest size <= ``base`` at which ``cells`` fit ``length_mm``; None below least."""
    need = column_length(cells, 1.0)
    size = min(base, length_mm * MM / need) if need else base
    return size if size >= least else None


@dataclass(frozen=True)
class _Column:
    cells: list[Cell]
    x_mm: float
    top_mm: float
    size: float


def _recipient_columns(a: Addressee, left_mm: float) -> list[_Column]:
    """Every column of the recipient's side, right to left, fitted into the card."""
    length = BOTTOM_MM - TOP_MM
    parts = (a.prefecture + a.city, a.town, a.street)
    one = vertical_cells(a.address)
    texts = (
        [one]
        if _fit(one, length, ADDRESS_PT, ADDRESS_PT - 2)
        else [
            vertical_cells(t) for t in split_address(parts, lambda s: len(vertical_cells(s))) if t
        ]
    )
    company = a.company if a.name or a.department else ""
    department = a.department if a.name else ""
    texts += [vertical_cells(t) for t in (a.building, company, department) if t]
    texts = [t for t in texts if t]
    size = min(
        (_fit(t, length - (i > 0) * 8, ADDRESS_PT, MIN_ADDRESS_PT) or 0)
        for i, t in enumerate(texts)
    )
    if size == 0:
        raise _too_long(a, a.address + a.building)
    columns: list[_Column] = []
    x = RIGHT_MM - size / MM / 2
    for i, cells in enumerate(texts):
        indent = 8.0 if i else 0.0  # continuation columns start lower
        if column_length(cells, size) / MM > length - indent:
            indent = 0.0
        columns.append(_Column(cells, x, TOP_MM + indent, size))
        x -= size * 1.5 / MM
    right_edge = x + size * 1.5 / MM - size / MM / 2 - 3.0  # left edge of the address block
    names: list[tuple[list[Cell], int]] = []
    if a.name:
        cells, given_at = name_cells(a.name, "様")
        names.append((cells, 0))
        for joint in a.joint_names:
            jcells, _ = name_cells(joint, "様")
            offset = given_at if " " not in joint.strip() and "\u3000" not in joint else 0
            names.append((jcells, offset))
    else:
        names.append((name_cells(a.department or a.company, "御中")[0], 0))
    main = names[0][0]
    name_length = BOTTOM_MM - NAME_TOP_MM
    need = max(column_length(main[:off], 1.0) + column_length(c, 1.0) for c, off in names)
    nsize = min(NAME_PT, name_length * MM / need)
    # Centre the name block on the card's middle; shrink it until it clears the address
    # block on the right and the sender (or the edge) on the left.
    while True:
        if nsize < MIN_NAME_PT:
            raise _too_long(a, a.name or a.company)
        pitch = nsize * 1.35 / MM
        half = nsize / MM / 2
        centre = min(CARD_W_MM / 2 + (len(names) - 1) * pitch / 2, right_edge - half)
        if centre - (len(names) - 1) * pitch - half >= left_mm:
            break
        nsize -= 1
    for i, (cells, off) in enumerate(names):
        top = NAME_TOP_MM + column_length(main[:off], nsize) / MM
        columns.append(_Column(cells, centre - i * pitch, top, nsize))
    return columns


def _draw_sender(canvas: Canvas, sender: Sender) -> None:
    _digits_in_boxes(
        canvas,
        postal_digits(sender.postal_code),
        [(x, x + SENDER_BOX_W_MM) for x in SENDER_BOXES_X_MM],
        SENDER_BOX_Y_MM,
        SENDER_PT,
    )
    length = SENDER_BOTTOM_MM - SENDER_TOP_MM
    # The building, after a space, gets a column of its own.
    lines = [vertical_cells(t) for t in sender.address.replace("\u3000", " ").split(" ", 1)]
    size = 9.0
    while True:
        per = max(1, int(length * MM // size))
        cols = [col for line in lines if line for col in split_cells(line, per)]
        if len(cols) <= 3 or size <= 6:
            break
        size -= 0.5
    x = SENDER_RIGHT_MM - 3.0
    for i, col in enumerate(cols):
        draw_cells(canvas, col, x * MM, _y(SENDER_TOP_MM + (4 if i else 0)), size)
        x -= size * 1.4 / MM
    if sender.phone:
        phone = vertical_cells(sender.phone, counted=False)
        psize = min(7.0, length * MM / max(1, len(phone)))
        draw_cells(canvas, phone, x * MM, _y(SENDER_TOP_MM + 4), psize)
        x -= psize * 1.5 / MM
    name, _ = name_cells(sender.name, "")
    nsize = min(13.0, length * MM / max(column_length(name, 1.0), 1))
    draw_cells(canvas, name, (x - 1) * MM, _y(SENDER_TOP_MM + 10), nsize)


def render_postcards(
    addressees: Sequence[Addressee],
    sender: Sender | None,
    out: Path,
    *,
    outlines: bool = False,
    boxes: bool = False,
    barcode: bool = False,
) -> int:
    """Write one postcard address side per addressee, in the order given; returns the
    page count (who gets one is decided by :mod:`crmdesk.services.mailings`).

    ``outlines`` draws the card's edge (for a test on plain paper), ``boxes`` the
    postal-code boxes (plain card stock; official cards have them printed). ``barcode``
    prints Japan Post's customer barcode at its standard size, level under the address
    area at the foot of the card (none for an address without an address number).

    Raises:
        DomainError: ``no_recipients``; ``address_too_long`` naming the customer.
    """
    chosen = list(addressees)
    if not chosen:
        raise DomainError("no_recipients")
    left = SENDER_RIGHT_MM + 2 if sender else 8.0
    planned = [(a, _recipient_columns(a, left)) for a in chosen]  # fails before writing
    size = (CARD_W_MM * MM, CARD_H_MM * MM)
    with atomic_pdf(out, size, "DM postcards") as canvas:
        for page, (a, columns) in enumerate(planned):
            if page:
                canvas.showPage()
            if outlines:
                canvas.setLineWidth(0.3)
                canvas.setStrokeGray(0.55)
                canvas.rect(0, 0, *size)
            if boxes:
                _draw_boxes(canvas)
            canvas.setFillGray(0)
            _digits_in_boxes(
                canvas, postal_digits(a.postal_code), POSTAL_BOXES_X_MM, POSTAL_BOX_Y_MM, POSTAL_PT
            )
            for col in columns:
                draw_cells(canvas, col.cells, col.x_mm * MM, _y(col.top_mm), col.size)
            if sender:
                _draw_sender(canvas, sender)
            code = barcode_for(a) if barcode else None
            if code is not None:
                x = (CARD_W_MM - length_mm()) / 2 * MM
                draw_barcode(canvas, code, x, _y(BARCODE_TOP_MM + LONG_MM), 1.0)
    return len(planned)
