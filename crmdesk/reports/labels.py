"""DM address labels as a PDF, on any :class:`LabelLayout`.

Usage::

    layout = get_layout("hisago-elm008")
    result = render_labels(addressees, layout, LabelOptions(start_at=5), Path("dm.pdf"))
    next_start = next_start_position(result, layout)  # remember for the next mailing

``addressees`` come decided and in print order from :mod:`crmdesk.services.mailings`
(exclusions, households merged into 連名, sort). Every label is fitted before the file
is opened, so an address that cannot fit stops the job with a message naming the
customer and no PDF is written; the PDF itself is written beside ``out`` and renamed
over it only when complete.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from crmdesk.core.address import Addressee
from crmdesk.core.customer_barcode import LONG_MM, QUIET_MM, barcode_scale, length_mm
from crmdesk.core.errors import DomainError
from crmdesk.core.print_offsets import check_offsets
from crmdesk.reports.barcode import barcode_for, draw_barcode
from crmdesk.reports.label_content import Line, fit_label
from crmdesk.reports.layouts import LabelLayout, validate_layout
from crmdesk.reports.pdf import FONT, MM, atomic_pdf, rounded_path, rounded_rect


@dataclass(frozen=True)
class LabelOptions:
    """``start_at``: first free label on the first sheet (1-based). Offsets in mm move
    everything right / down to correct a printer's feed (see the calibration page)."""

    start_at: int = 1
    offset_x_mm: float = 0
    offset_y_mm: float = 0
    outlines: bool = False
    show_customer_number: bool = False
    barcode: bool = False  # Japan Post's customer barcode under the address


@dataclass(frozen=True)
class LabelResult:
    """``last_position``: 1-based position of the last label on the last sheet."""

    pages: int
    labels: int
    last_position: int
    #: With ``barcode``: customers whose address gives no address number (no code printed).
    no_address_number: tuple[str, ...] = ()


def next_start_position(result: LabelResult, layout: LabelLayout) -> int:
    """Where the next mailing starts on the partly used sheet (1 after a full sheet)."""
    return result.last_position % layout.per_sheet + 1


def _check_options(layout: LabelLayout, options: LabelOptions) -> None:
    if not 1 <= options.start_at <= layout.per_sheet:
        raise DomainError("start_beyond_sheet", field="start", max=layout.per_sheet)
    check_offsets(options.offset_x_mm, options.offset_y_mm)


def _origin(layout: LabelLayout, position: int, dx: float, dy: float) -> tuple[float, float]:
    """Bottom-left PDF corner (pt) of the label at ``position``, after the offsets (mm)."""
    left, top, _, h = layout.label_rect(position)
    return (left + dx) * MM, (layout.paper_h_mm - top - h - dy) * MM


class _LabelText:
    """Writes each label's clip and lines straight into the canvas's page stream.

    reportlab's text object encodes every string again on every call (subset lookup and
    escaping, a Python loop per character) and builds an object per label: 40% of a
    10,000-label run. Here each distinct string is encoded once per document (its glyph
    codes in hex), the clip path of each label position is made once (``rounded_path``),
    and a label is ``q <clip> W* n BT 1 0 0 1 <x> <y> Tm <font> <size> Tf <hex> Tj ... ET``
    then ``Q`` after whatever else the label draws through the canvas (the barcode).

    This leans on reportlab internals (4.x and 5.x; pinned ``<6`` in pyproject.toml), all
    of them in this class and nowhere else:

    - ``canvas._code``: the current page's list of content-stream operators (what
      ``Canvas.drawText`` appends to; ``showPage`` starts a new one);
    - ``canvas._doc``: the document, key of the font's per-document subset state;
    - ``TTFont.splitString(text, doc)``: gives each character a code in a subset of at
      most 256 glyphs (the subsets are what gets embedded, so this must see every string)
      and returns ``(subset, bytes)`` runs; ``TTFont.getSubsetInternalName(subset, doc)``
      names that subset's font resource (``/F1+0``) and registers the font with the
      document. The codes, once given, stay fixed for the document, so caching the
      encoded runs per string is safe.

    Nothing here touches the canvas's own state (font, colours, saved states): the
    canvas API stays usable between labels.
    """

    def __init__(self, canvas: Canvas) -> None:
        self._canvas = canvas
        self._doc = canvas._doc
        self._font = pdfmetrics.getFont(FONT)
        self._runs: dict[str, tuple[tuple[str, str], ...]] = {}
        self._resources: dict[int, str] = {}
        self._sizes: dict[float, str] = {}

    def _encoded(self, text: str) -> tuple[tuple[str, str], ...]:
        """(font resource, hex codes) runs of ``text``, one per font subset it spans."""
        runs = self._runs.get(text)
        if runs is None:
            runs = tuple(
                (self._resource(subset), chunk.hex())
                for subset, chunk in self._font.splitString(text, self._doc)
            )
            self._runs[text] = runs
        return runs

    def _resource(self, subset: int) -> str:
        name = self._resources.get(subset)
        if name is None:
            name = self._resources[subset] = self._font.getSubsetInternalName(subset, self._doc)
        return name

    def _size(self, size: float) -> str:
        text = self._sizes.get(size)
        if text is None:
            text = self._sizes[size] = fp_str(size)
        return text

    def begin(self, clip: str) -> None:
        """Save the graphics state and clip to the path operators ``clip``."""
        self._canvas._code.append(f"q {clip} W* n")

    def lines(self, lines: Sequence[Line], x: float, top: float) -> None:
        """Draw fitted ``lines`` of a label whose top-left corner is at (x, top) pt."""
        ops = ["BT"]
        for line in lines:
            ops.append(f"1 0 0 1 {fp_str(x + line.x, top - line.baseline)} Tm")
            size = self._size(line.size)
            for resource, chunk in self._encoded(line.text):
                ops.append(f"{resource} {size} Tf <{chunk}> Tj")
        ops.append("ET")
        self._canvas._code.append(" ".join(ops))

    def end(self) -> None:
        self._canvas._code.append("Q")


def _draw_outlines(canvas: Canvas, layout: LabelLayout, dx: float, dy: float) -> None:
    canvas.setLineWidth(0.3)
    canvas.setStrokeGray(0.55)
    for position in range(1, layout.per_sheet + 1):
        x, y = _origin(layout, position, dx, dy)
        rounded_rect(
            canvas, x, y, layout.label_w_mm * MM, layout.label_h_mm * MM, layout.radius_mm * MM
        )


def render_labels(
    addressees: Sequence[Addressee], layout: LabelLayout, options: LabelOptions, out: Path
) -> LabelResult:
    """Write one label per addressee to ``out`` (PDF, one page per sheet), in the order given.

    Who gets a label, households (連名), and the order are decided before, by
    :mod:`crmdesk.services.mailings`; this only draws.

    Raises:
        DomainError: ``no_recipients``; ``start_beyond_sheet`` (field ``start``);
            ``address_too_long`` naming the customer; ValidationError for a sheet
            whose labels do not fit its paper. ``out`` is untouched in every case.
    """
    validate_layout(layout)
    _check_options(layout, options)
    chosen = list(addressees)
    if not chosen:
        raise DomainError("no_recipients")
    w, h, r = layout.label_w_mm * MM, layout.label_h_mm * MM, layout.radius_mm * MM
    scale, band = _barcode_band(layout) if options.barcode else (0.0, 0.0)
    fitted: list[list[Line]] = [
        fit_label(a, w, h - band, r, show_number=options.show_customer_number) for a in chosen
    ]
    codes = [barcode_for(a) if options.barcode else None for a in chosen]
    missing = tuple(
        a.customer_number or a.name or a.company
        for a, code in zip(chosen, codes, strict=True)
        if options.barcode and code is None
    )
    per = layout.per_sheet
    first = options.start_at - 1
    pages = (first + len(fitted) + per - 1) // per
    size = (layout.paper_w_mm * MM, layout.paper_h_mm * MM)
    dx, dy = options.offset_x_mm, options.offset_y_mm
    with atomic_pdf(out, size, f"DM labels {layout.code}") as canvas:
        writer = _LabelText(canvas)
        for page in range(pages):
            if page:
                canvas.showPage()
            if options.outlines:
                _draw_outlines(canvas, layout, dx, dy)
            canvas.setFillGray(0)
            lo, hi = max(0, page * per - first), min(len(fitted), (page + 1) * per - first)
            for index in range(lo, hi):
                position = first + index - page * per + 1
                x, y = _origin(layout, position, dx, dy)
                writer.begin(rounded_path(x, y, w, h, r))  # nothing leaves its label
                writer.lines(fitted[index], x, y + h)
                code = codes[index]
                if code is not None:
                    left = (w - length_mm(scale) * MM) / 2
                    draw_barcode(canvas, code, x + left, y + QUIET_MM * MM, scale)
                writer.end()
    last = (first + len(fitted) - 1) % per + 1
    return LabelResult(pages, len(fitted), last, missing)


def _barcode_band(layout: LabelLayout) -> tuple[float, float]:
    """(scale, height in pt) of the strip at the bottom of each label kept for the barcode:
    the code at the largest allowed size the label's width takes, with its quiet zones."""
    inner = layout.label_w_mm - 2 * layout.radius_mm * (1 - 0.7071)
    scale = barcode_scale(inner)
    if scale is None:
        raise DomainError("barcode_label_too_small", field="layout", sheet=layout.code)
    return scale, (2 * QUIET_MM + LONG_MM * scale) * MM


def render_calibration_page(
    layout: LabelLayout, out: Path, *, offset_x_mm: float = 0, offset_y_mm: float = 0
) -> None:
    """A test page for plain paper: every label's outline with a centre cross, and mm
    scales along the top and left edges, all moved by the offsets being tried.

    Hold the printout against a label sheet in front of a light: the distance between a
    printed outline and the die cut is the correction to add (right / down positive).
    """
    validate_layout(layout)
    check_offsets(offset_x_mm, offset_y_mm)
    paper_w, paper_h = layout.paper_w_mm * MM, layout.paper_h_mm * MM
    with atomic_pdf(out, (paper_w, paper_h), f"Calibration {layout.code}") as canvas:
        _draw_outlines(canvas, layout, offset_x_mm, offset_y_mm)
        canvas.setStrokeGray(0)
        canvas.setLineWidth(0.25)
        for position in range(1, layout.per_sheet + 1):
            x, y = _origin(layout, position, offset_x_mm, offset_y_mm)
            cx, cy = x + layout.label_w_mm * MM / 2, y + layout.label_h_mm * MM / 2
            canvas.line(cx - 3 * MM, cy, cx + 3 * MM, cy)
            canvas.line(cx, cy - 3 * MM, cx, cy + 3 * MM)
        _draw_scales(canvas, paper_w, paper_h)
        canvas.setFont(FONT, 9)
        lines = [
            f"{layout.title}  補正 x {offset_x_mm:+.1f} mm / y {offset_y_mm:+.1f} mm",
            "普通紙に印刷し、ラベル用紙と重ねて光に透かし、ずれ（mm）を補正値に入力します。",
            "Print on plain paper, hold it over a label sheet against the light, enter the gap.",
        ]
        cx, cy = _origin(layout, 1, offset_x_mm, offset_y_mm)
        text_y = cy + layout.label_h_mm * MM / 2 - 8 * MM
        room = layout.label_w_mm * MM - 4 * MM
        for i, text in enumerate(lines):
            size = min(7.0, room / (canvas.stringWidth(text, FONT, 1) or 1))
            canvas.setFont(FONT, size)
            canvas.drawString(cx + 2 * MM, text_y - i * 9, text)


def _draw_scales(canvas: Canvas, paper_w: float, paper_h: float) -> None:
    """Millimetre ticks along the top and left edges of the paper (10 mm numbered)."""
    canvas.setFont(FONT, 5)
    for n in range(0, int(paper_w / MM) + 1):
        length = 4 if n % 10 == 0 else 2 if n % 5 == 0 else 1
        canvas.line(n * MM, paper_h, n * MM, paper_h - length * MM)
        if n % 10 == 0 and 0 < n < paper_w / MM - 4:
            canvas.drawCentredString(n * MM, paper_h - 6.5 * MM, str(n))
    for n in range(0, int(paper_h / MM) + 1):
        length = 4 if n % 10 == 0 else 2 if n % 5 == 0 else 1
        canvas.line(0, paper_h - n * MM, length * MM, paper_h - n * MM)
        if n % 10 == 0 and 0 < n < paper_h / MM - 4:
            canvas.drawString(5 * MM, paper_h - n * MM - 1.5, str(n))
