"""The monthly report: one A4 PDF with the month's key figures, comparisons and charts.

Input is the plain dict of :func:`crmdesk.services.analytics_dashboard.monthly_figures`
(``month``, ``current``, ``previous``, ``last_year`` headline figures and ``frames``),
so this renderer needs no database. IPAexGothic is embedded for the Japanese text.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from crmdesk.paths import japanese_font
from crmdesk.reports.charts import CHARTS, count, percent, yen

FONT = "IPAexGothic"
MARGIN = 15 * mm

Row = tuple[str, Callable[[dict[str, Any]], float | None], Callable[[float], str]]

ROWS: list[Row] = [
    ("売上", lambda k: k["sales"], yen),
    ("購入件数", lambda k: k["purchases"], lambda v: count(v, "件")),
    ("来店数", lambda k: k["visits"], lambda v: count(v, "回")),
    ("平均購入単価", lambda k: k["average_spend"], yen),
    ("来店頻度（回/人）", lambda k: k["purchase_frequency"], lambda v: f"{v:.2f}"),
    ("リピート率", lambda k: k["repeat_rate"], percent),
    ("顧客数（月末）", lambda k: k["customers"]["total"], count),
    ("新規顧客", lambda k: k["customers"]["new"], count),
    ("来店顧客", lambda k: k["customers"]["active"], count),
    ("休眠顧客（180日以上）", lambda k: k["customers"]["dormant"], count),
    ("新規売上", lambda k: k["new_sales"], yen),
    ("リピート売上", lambda k: k["returning_sales"], yen),
    ("ポイント発行", lambda k: k["points"]["issued"], lambda v: f"{v:,.0f}pt"),
    ("ポイント利用", lambda k: k["points"]["redeemed"], lambda v: f"{v:,.0f}pt"),
    ("ポイント失効", lambda k: k["points"]["expired"], lambda v: f"{v:,.0f}pt"),
    ("ポイント残高（円換算）", lambda k: k["points"]["liability_yen"], yen),
    ("問い合わせ受付", lambda k: k["inquiries"]["received"], lambda v: count(v, "件")),
    ("DM反応率", lambda k: k["mailings"]["response_rate"], percent),
]


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(japanese_font())))


def change(now: float | None, before: float | None, *, rate: bool = False) -> str:
    """'+12.5%' ('+7.0pt' between two rates), '—' when there is nothing to compare with."""
    if rate and now is not None and before is not None:
        return f"{(now - before) * 100:+.1f}pt"
    if now is None or before is None or before == 0:
        return "—"
    return f"{(now - before) / abs(before) * 100:+.1f}%"


def _title(month: str) -> str:
    return f"月次レポート　{int(month[:4])}年{int(month[5:7])}月"


def write_monthly_report(figures: dict[str, Any], path: str | Path) -> int:
    """Write the PDF; returns the number of pages."""
    _register_font()
    path = Path(path)
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle(_title(figures["month"]))
    canvas.setAuthor("crmdesk")
    width, height = A4
    pages = 1
    _header(canvas, figures["month"], 1)
    y = _figure_table(canvas, figures, height - MARGIN - 18 * mm)

    charts = [name for name in figures["frames"] if name in CHARTS]
    chart_w = width - 2 * MARGIN
    chart_h = chart_w * 0.5
    for name in charts:
        if y - chart_h < MARGIN + 8 * mm:
            _footer(canvas, pages)
            canvas.showPage()
            pages += 1
            _header(canvas, figures["month"], pages)
            y = height - MARGIN - 14 * mm
        image = _png(CHARTS[name].build(figures["frames"][name]))
        canvas.drawImage(image, MARGIN, y - chart_h, chart_w, chart_h)
        y -= chart_h + 4 * mm
    _footer(canvas, pages)
    canvas.showPage()
    canvas.save()
    return pages


def _header(canvas: Canvas, month: str, page: int) -> None:
    width, height = A4
    canvas.setFont(FONT, 16 if page == 1 else 11)
    canvas.drawString(MARGIN, height - MARGIN - 6 * mm, _title(month))
    canvas.setStrokeColor(colors.HexColor("#2f6db5"))
    canvas.setLineWidth(1.2)
    canvas.line(MARGIN, height - MARGIN - 9 * mm, width - MARGIN, height - MARGIN - 9 * mm)


def _footer(canvas: Canvas, page: int) -> None:
    width, _ = A4
    canvas.setFont(FONT, 8)
    canvas.setFillColor(colors.grey)
    canvas.drawRightString(width - MARGIN, MARGIN / 2, f"crmdesk　{page}ページ")
    canvas.setFillColor(colors.black)


def _figure_table(canvas: Canvas, figures: dict[str, Any], top: float) -> float:
    """The key figures with previous month and same month last year; returns the y below."""
    cur, prev, last = figures["current"], figures["previous"], figures["last_year"]
    columns = ["", "今月", "前月", "前月比", "前年同月", "前年比"]
    xs = [MARGIN, MARGIN + 52 * mm, MARGIN + 82 * mm, MARGIN + 107 * mm,
          MARGIN + 137 * mm, MARGIN + 162 * mm]  # fmt: skip
    row_h = 6.2 * mm
    canvas.setFont(FONT, 9)
    period = cur["period"]
    canvas.drawString(MARGIN, top + 3 * mm, f"対象期間 {period['from']} 〜 {period['to']}")
    y = top - row_h
    canvas.setFillColor(colors.HexColor("#e8eef7"))
    canvas.rect(MARGIN, y - 1.8 * mm, A4[0] - 2 * MARGIN, row_h, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    for x, label in zip(xs, columns, strict=True):
        if label:
            canvas.drawRightString(x + 24 * mm, y, label)
    for i, (label, get, fmt) in enumerate(ROWS):
        y -= row_h
        if i % 2:
            canvas.setFillColor(colors.HexColor("#f5f5f5"))
            canvas.rect(MARGIN, y - 1.8 * mm, A4[0] - 2 * MARGIN, row_h, stroke=0, fill=1)
            canvas.setFillColor(colors.black)
        now, before, year_ago = get(cur), get(prev), get(last)
        rate = fmt is percent
        cells = [fmt(now), fmt(before), change(now, before, rate=rate), fmt(year_ago),
                 change(now, year_ago, rate=rate)]  # fmt: skip
        canvas.drawString(xs[0] + 1 * mm, y, label)
        for x, cell in zip(xs[1:], cells, strict=True):
            canvas.drawRightString(x + 24 * mm, y, cell)
    return y - 8 * mm


def _png(fig: Any) -> ImageReader:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150)
    buffer.seek(0)
    return ImageReader(buffer)
