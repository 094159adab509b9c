"""Vertical Japanese writing with reportlab: characters drawn one by one down a column.

reportlab has no vertical text, so each :class:`~crmdesk.core.label_text.Cell` is placed
in its own square: upright characters centred, dashes and brackets turned a quarter
clockwise, small kana and 、。 nudged to the upper right. Numbers arrive as kanji numerals
(:func:`~crmdesk.core.label_text.vertical_cells`), so nothing is set sideways.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from crmdesk.core.label_text import Cell
from crmdesk.reports.pdf import DESCENT, FONT

# The em box's centre sits this far above the baseline (IPAexGothic: 0.88 up, 0.12 down).
_MID = (1 - 2 * DESCENT) / 2


def draw_column(
    canvas: Canvas,
    cells: Sequence[Cell],
    x: float,
    top: float,
    size: float,
    pitch: float | None = None,
) -> float:
    """Draw ``cells`` down from ``top`` centred on ``x`` (points, PDF coordinates).

    Returns:
        The y of the bottom of the last cell.
    """
    step = size if pitch is None else pitch
    y = top
    for cell in cells:
        centre = y - step / 2
        if cell.kind == "space":
            pass
        elif cell.kind == "rotated":
            canvas.saveState()
            canvas.translate(x, centre)
            canvas.rotate(-90)
            canvas.setFont(FONT, size)
            canvas.drawCentredString(0, -_MID * size, cell.text)
            canvas.restoreState()
        else:
            nudge = {"small": 0.1, "punct": 0.5}.get(cell.kind, 0.0) * size
            canvas.setFont(FONT, size)
            canvas.drawCentredString(x + nudge, centre - _MID * size + nudge, cell.text)
        y -= step
    return y


def column_length(cells: Sequence[Cell], size: float) -> float:
    """How long a column of ``cells`` is at ``size`` (blank cells count half)."""
    return sum(0.5 if c.kind == "space" else 1.0 for c in cells) * size


def draw_cells(canvas: Canvas, cells: Sequence[Cell], x: float, top: float, size: float) -> float:
    """Like :func:`draw_column`, but blank cells take half a square (names)."""
    y = top
    for cell in cells:
        step = size / 2 if cell.kind == "space" else size
        draw_column(canvas, [cell], x, y, size, step)
        y -= step
    return y
