"""What the label and postcard renderers share: the embedded Japanese font, text
measurement, and writing a PDF so that no half-written file is ever left behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from crmdesk import paths

FONT = "IPAexGothic"
#: The font's descent below the baseline, as a fraction of the size (IPAexGothic: 0.12 em).
DESCENT = 0.12
MIN_PT = 5.0
MM = mm  # points per millimetre


def register_font() -> str:
    """Register IPAexGothic once; reportlab embeds the subset actually used."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(paths.japanese_font())))
    return FONT


class _Widths(dict[int, float]):
    default = 1000.0

    def __missing__(self, key: int) -> float:
        return self.default


@lru_cache(maxsize=1)
def _char_widths() -> _Widths:
    register_font()
    face = pdfmetrics.getFont(FONT).face
    widths = _Widths(face.charWidths)
    widths.default = face.defaultWidth
    return widths


@lru_cache(maxsize=16384)
def _unit_width(text: str) -> float:
    # The font's own table, summed here: reportlab's pure-Python stringWidth was the
    # slowest step of a 10,000-label run.
    return sum(map(_char_widths().__getitem__, map(ord, text))) / 1000


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` at ``size`` points in the label font."""
    return _unit_width(text) * size


@contextmanager
def atomic_pdf(out: Path, pagesize: tuple[float, float], title: str) -> Iterator[Canvas]:
    """A canvas writing to a temporary file beside ``out``, renamed over it on success.

    If drawing raises, the temporary file is removed and ``out`` is left as it was.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.stem}.", suffix=".pdf.tmp")
    os.close(fd)
    try:
        canvas = Canvas(tmp, pagesize=pagesize, pageCompression=1)
        canvas.setTitle(title)
        canvas.setCreator("crmdesk")
        register_font()
        yield canvas
        canvas.save()
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=1024)
def rounded_path(x: float, y: float, w: float, h: float, r: float) -> str:
    """The PDF path operators (without a painting operator) of a rectangle with rounded
    corners, all values in points. Cached: a sheet's dozen label positions come back on
    every page."""
    path = PDFPathObject()
    if r > 0:
        path.roundRect(x, y, w, h, r)
    else:
        path.rect(x, y, w, h)
    return str(path.getCode())


def rounded_rect(canvas: Canvas, x: float, y: float, w: float, h: float, r: float) -> None:
    """Stroke a rectangle with rounded corners; all values in points."""
    path = canvas.beginPath()
    if r > 0:
        path.roundRect(x, y, w, h, r)
    else:
        path.rect(x, y, w, h)
    canvas.drawPath(path, stroke=1, fill=0)


Measure = Callable[[str, float], float]
