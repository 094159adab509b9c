"""The monthly report: one A4 PDF with the month's key figures, comparisons and charts.

Input is the plain dict of :func:`crmdesk.services.analytics_dashboard.monthly_figures`
(``month``, ``current``, ``previous``, ``last_year`` headline figures and ``frames``),
so this renderer needs no database. IPAexGothic is embedded for the Japanese text.
``lang="en"`` writes the same report in English.
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

from crmdesk.core.channels import display_name
from crmdesk.core.files import atomic_path
from crmdesk.core.money import format_yen
from crmdesk.paths import japanese_font
from crmdesk.reports.charts import CHARTS, count, is_no_data, percent
from crmdesk.reports.words import MONTH_NAMES_EN, REPEAT_NOTE, check_lang, t

FONT = "IPAexGothic"
MARGIN = 15 * mm

Row = tuple[str, Callable[[dict[str, Any]], float | None], Callable[[float, str], str]]


def _pt(v: float, _lang: str) -> str:
    return f"{v:,.0f}pt"


def _rate(v: float, _lang: str) -> str:
    return percent(v)


def _things(v: float, lang: str) -> str:
    return count(v, "件", lang)


def _people(v: float, lang: str) -> str:
    return count(v, "人" if lang == "ja" else "", lang)


def _response_rate(k: dict[str, Any]) -> float | None:
    """No rate (—) in a month without mailings, rather than a misleading 0.0%."""
    return k["mailings"]["response_rate"] if k["mailings"]["recipients"] else None


ROWS: list[Row] = [
    ("売上", lambda k: k["sales"], format_yen),
    ("購入件数", lambda k: k["purchases"], _things),
    ("来店数", lambda k: k["visits"], lambda v, lang: count(v, "回" if lang == "ja" else "", lang)),
    ("平均購入単価", lambda k: k["average_spend"], format_yen),
    ("来店頻度（回/人）", lambda k: k["purchase_frequency"], lambda v, _lang: f"{v:.2f}"),
    ("リピート率", lambda k: k["repeat_rate"], _rate),
    ("顧客数（月末）", lambda k: k["customers"]["total"], _people),
    ("新規顧客", lambda k: k["customers"]["new"], _people),
    ("来店顧客", lambda k: k["customers"]["active"], _people),
    ("休眠顧客（180日以上）", lambda k: k["customers"]["dormant"], _people),
    ("新規売上", lambda k: k["new_sales"], format_yen),
    ("リピート売上", lambda k: k["returning_sales"], format_yen),
    ("ポイント発行", lambda k: k["points"]["issued"], _pt),
    ("ポイント利用", lambda k: k["points"]["redeemed"], _pt),
    ("ポイント失効", lambda k: k["points"]["expired"], _pt),
    ("ポイント残高（円換算）", lambda k: k["points"]["liability_yen"], format_yen),
    ("ポイント見込み負担（円）", lambda k: k["points"].get("expected_yen"), format_yen),
    ("問い合わせ受付", lambda k: k["inquiries"]["received"], _things),
    ("DM反応率", _response_rate, _rate),
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


def _title(month: str, lang: str = "ja") -> str:
    year, number = int(month[:4]), int(month[5:7])
    return t("月次レポート　{year}年{month}月", lang).format(
        year=year, month=number, month_name=MONTH_NAMES_EN[number - 1]
    )


def write_monthly_report(figures: dict[str, Any], path: str | Path, lang: str = "ja") -> int:
    """Write the PDF in ``lang`` ("ja" or "en"); returns the number of pages.

    A chart without data for the month is one line of text, not half an empty page. The
    file appears whole or not at all.
    """
    check_lang(lang)
    _register_font()
    with atomic_path(Path(path)) as temp:
        return _draw(figures, temp, lang)


def _draw(figures: dict[str, Any], path: Path, lang: str) -> int:
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle(_title(figures["month"], lang))
    canvas.setAuthor("crmdesk")
    width, height = A4
    pages = 1
    _header(canvas, figures["month"], 1, lang)
    y = _figure_table(canvas, figures, height - MARGIN - 18 * mm, lang)
    if figures.get("liability"):
        y = _liability_table(canvas, figures["liability"], y, lang)
    if figures.get("channels", {}).get("channels"):
        rows = figures["channels"]["channels"]
        if y - (len(rows) + 3) * 5.6 * mm < MARGIN + 8 * mm:
            _footer(canvas, pages, lang)
            canvas.showPage()
            pages += 1
            _header(canvas, figures["month"], pages, lang)
            y = height - MARGIN - 14 * mm
        y = _channel_table(canvas, figures["channels"], y, lang)

    charts = [name for name in figures["frames"] if name in CHARTS]
    chart_w = width - 2 * MARGIN
    chart_h = chart_w * 0.5
    for name in charts:
        fig = CHARTS[name].build(figures["frames"][name], lang=lang)
        empty = is_no_data(fig)
        needed = 8 * mm if empty else chart_h
        if y - needed < MARGIN + 8 * mm:
            _footer(canvas, pages, lang)
            canvas.showPage()
            pages += 1
            _header(canvas, figures["month"], pages, lang)
            y = height - MARGIN - 14 * mm
        if empty:
            canvas.setFont(FONT, 10)
            canvas.setFillColor(colors.grey)
            title = fig.axes[0].get_title()
            canvas.drawString(
                MARGIN, y - 5 * mm, t("{title}: データがありません", lang).format(title=title)
            )
            canvas.setFillColor(colors.black)
        else:
            canvas.drawImage(_png(fig), MARGIN, y - chart_h, chart_w, chart_h)
        y -= needed + 4 * mm
    _footer(canvas, pages, lang)
    canvas.showPage()
    canvas.save()
    return pages


def _header(canvas: Canvas, month: str, page: int, lang: str = "ja") -> None:
    width, height = A4
    canvas.setFont(FONT, 16 if page == 1 else 11)
    canvas.drawString(MARGIN, height - MARGIN - 6 * mm, _title(month, lang))
    canvas.setStrokeColor(colors.HexColor("#2f6db5"))
    canvas.setLineWidth(1.2)
    canvas.line(MARGIN, height - MARGIN - 9 * mm, width - MARGIN, height - MARGIN - 9 * mm)


def _footer(canvas: Canvas, page: int, lang: str = "ja") -> None:
    width, _ = A4
    canvas.setFont(FONT, 8)
    canvas.setFillColor(colors.grey)
    canvas.drawRightString(
        width - MARGIN, MARGIN / 2, t("crmdesk　{page}ページ", lang).format(page=page)
    )
    canvas.setFillColor(colors.black)


def _figure_table(canvas: Canvas, figures: dict[str, Any], top: float, lang: str) -> float:
    """The key figures with previous month and same month last year; returns the y below."""
    cur, prev, last = figures["current"], figures["previous"], figures["last_year"]
    columns = ["", *(t(c, lang) for c in ("今月", "前月", "前月比", "前年同月", "前年比"))]
    xs = [MARGIN, MARGIN + 52 * mm, MARGIN + 82 * mm, MARGIN + 107 * mm,
          MARGIN + 137 * mm, MARGIN + 162 * mm]  # fmt: skip
    row_h = 6.2 * mm
    canvas.setFont(FONT, 9)
    period = cur["period"]
    canvas.drawString(
        MARGIN,
        top + 3 * mm,
        t("対象期間 {start} 〜 {end}", lang).format(start=period["from"], end=period["to"]),
    )
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
        rate = fmt is _rate
        cells = [_cell(fmt, now, lang), _cell(fmt, before, lang), change(now, before, rate=rate),
                 _cell(fmt, year_ago, lang), change(now, year_ago, rate=rate)]  # fmt: skip
        canvas.drawString(xs[0] + 1 * mm, y, t(label, lang))
        for x, cell in zip(xs[1:], cells, strict=True):
            canvas.drawRightString(x + 24 * mm, y, cell)
    return float(y - 8 * mm)  # reportlab's mm is untyped


LIABILITY_ROWS = 8
"""Expiry months listed one by one; later months are summed in one row."""


def _liability_table(canvas: Canvas, found: dict[str, Any], top: float, lang: str) -> float:
    """The outstanding points by expiry month with their expected cost; returns the y below."""
    months = found["by_expiry_month"]
    rows = [(m["month"], m["points"], m["yen"], m["expected_yen"]) for m in months]
    dated = [r for r in rows if r[0] is not None]
    if len(dated) > LIABILITY_ROWS:
        later = dated[LIABILITY_ROWS - 1 :]
        rest = (t("{month}以降", lang).format(month=later[0][0]),
                *(sum(r[i] for r in later) for i in (1, 2, 3)))  # fmt: skip
        dated = [*dated[: LIABILITY_ROWS - 1], rest]
    rows = dated + [(t("失効なし", lang), *r[1:]) for r in rows if r[0] is None]
    row_h = 5.6 * mm
    xs = [MARGIN, MARGIN + 52 * mm, MARGIN + 82 * mm, MARGIN + 112 * mm]
    canvas.setFont(FONT, 10)
    as_of = found["as_of"][:7]
    title = t("ポイント残高の失効月別内訳（{date}末）", lang).format(date=as_of)
    canvas.drawString(MARGIN, top, title)
    canvas.setFont(FONT, 8)
    basis = found["basis"]
    if basis == "history":
        note = t("利用率 {rate}（利用÷(利用＋失効)）", lang).format(
            rate=percent(found["redemption_rate"])
        )
    elif basis == "no_history":
        note = t("利用率100%と仮定（精算済み{n}pt未満）", lang).format(
            n=f"{found['min_settled_points']:,}"
        )
    else:
        note = t("利用率 100%（ポイントは失効しない設定）", lang)
    canvas.drawString(MARGIN, top - 4.5 * mm, note)
    y = top - 4.5 * mm - row_h
    canvas.setFont(FONT, 9)
    for x, label in zip(xs, ("失効月", "ポイント", "円換算", "見込み負担"), strict=True):
        if x == MARGIN:
            canvas.drawString(x + 1 * mm, y, t(label, lang))
        else:
            canvas.drawRightString(x + 24 * mm, y, t(label, lang))
    for month, pts, value, expected in rows:
        y -= row_h
        canvas.drawString(xs[0] + 1 * mm, y, str(month))
        cells = (_pt(pts, lang), format_yen(value, lang), format_yen(expected, lang))
        for x, cell in zip(xs[1:], cells, strict=True):
            canvas.drawRightString(x + 24 * mm, y, cell)
    return float(y - 8 * mm)  # reportlab's mm is untyped


def _channel_table(canvas: Canvas, found: dict[str, Any], top: float, lang: str) -> float:
    """New customers per channel over the twelve months, their repeat rates, revenue and
    cost (``kpi --by channel``); returns the y below."""

    period = found["period"]
    canvas.setFont(FONT, 10)
    canvas.drawString(MARGIN, top, t("流入経路別の新規顧客（{start}〜{end}に初来店）", lang)
                      .format(start=period["from"], end=period["to"]))  # fmt: skip
    canvas.setFont(FONT, 7)
    canvas.drawString(MARGIN, top - 4.5 * mm, t(REPEAT_NOTE, lang))
    row_h = 5.6 * mm
    labels = ("流入経路", "新規", "90日再来", "180日再来", "180日の売上", "費用", "新規1人",
              "再来1人")  # fmt: skip
    xs = [MARGIN, *(MARGIN + (30 + 19 * i) * mm for i in range(7))]
    y = top - 4.5 * mm - row_h
    canvas.setFont(FONT, 8)
    for x, label in zip(xs, labels, strict=True):
        if x == MARGIN:
            canvas.drawString(x + 1 * mm, y, t(label, lang))
        else:
            canvas.drawRightString(x + 17 * mm, y, t(label, lang))
    for row in found["channels"]:
        y -= row_h
        canvas.drawString(xs[0] + 1 * mm, y, display_name(row["channel"], lang)[:14])
        yen = format_yen
        cells = (_people(row["new_customers"], lang), _cell(_rate, row["repeat_rate_90d"], lang),
                 _cell(_rate, row["repeat_rate_180d"], lang), yen(row["revenue_180d"], lang),
                 _cell(yen, row["spend_yen"], lang), _cell(yen, row["cost_per_new_yen"], lang),
                 _cell(yen, row["cost_per_returning_yen"], lang))  # fmt: skip
        for x, cell in zip(xs[1:], cells, strict=True):
            canvas.drawRightString(x + 17 * mm, y, cell)
    return float(y - 8 * mm)  # reportlab's mm is untyped


def _cell(fmt: Callable[[float, str], str], v: float | None, lang: str) -> str:
    return "—" if v is None else fmt(v, lang)


def _png(fig: Any) -> ImageReader:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150)
    buffer.seek(0)
    return ImageReader(buffer)
