"""The disclosure PDF: a customer's data, readable, with the embedded Japanese font.

Every section of :func:`crmdesk.services.disclosure.disclosure` becomes a heading and
one line per record (wrapped to the page), so the customer can read all of it. The file
is written through :func:`crmdesk.reports.pdf.atomic_pdf` (private, never half-written).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from crmdesk.core.messages import field_label
from crmdesk.reports.pdf import FONT, atomic_pdf, text_width

MARGIN = 15 * mm
SIZE = 9.0
LEADING = SIZE * 1.45

HEADINGS = {
    "customer": ("お客様の登録情報", "Customer record"),
    "cards": ("ポイントカード", "Point cards"),
    "purchases": ("ご購入履歴", "Purchases"),
    "points": ("ポイント履歴", "Point history"),
    "inquiries": ("お問い合わせと対応記録", "Inquiries and notes"),
    "mailings": ("お送りしたDM", "Mailings received"),
    "audit": ("このお客様に関する操作記録", "Audit entries about this customer"),
}
TITLE = ("保有個人データ開示書", "Disclosure of personal data held")


def _wrap(text: str, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for char in paragraph:
            if text_width(line + char, SIZE) > width and line:
                lines.append(line)
                line = char
            else:
                line += char
        lines.append(line)
    return lines


def _lines(section: str, value: Any) -> list[str]:
    if section == "customer":

        def label(key: str) -> str:
            ja = field_label(key, "ja")
            return key if ja == key else f"{ja}（{key}）"

        return [f"{label(k)}: {'' if v is None else v}" for k, v in value.items()]
    if not value:
        return ["（なし / none）"]
    out = []
    for item in value:
        parts = []
        for key, v in item.items():
            if key == "notes":
                for note in v:
                    parts.append(f"\n    {note['noted_at']}  {note['body']}")
                continue
            if isinstance(v, dict):
                v = json.dumps(v, ensure_ascii=False)
            parts.append(f"{key}={'' if v is None else v}")
        out.append("・" + "  ".join(p for p in parts if not p.startswith("\n"))
                   + "".join(p for p in parts if p.startswith("\n")))  # fmt: skip
    return out


def write_disclosure_pdf(data: dict[str, Any], out: Path) -> int:
    """Write the PDF; returns the number of pages."""
    width, height = A4
    usable = width - 2 * MARGIN
    record = data["customer"]
    with atomic_pdf(out, A4, f"{TITLE[0]} {record.get('customer_number', '')}") as canvas:
        pages = 1
        y = height - MARGIN

        def line(text: str, size: float = SIZE) -> None:
            nonlocal y, pages
            if y < MARGIN + LEADING:
                canvas.showPage()
                pages += 1
                y = height - MARGIN
            canvas.setFont(FONT, size)
            canvas.drawString(MARGIN, y - size, text)
            y -= size * 1.45

        line(f"{TITLE[0]}（{TITLE[1]}）", 14)
        line(f"顧客番号 / Customer number: {record.get('customer_number', '')}   "
             f"作成 / Generated: {data['generated_at'][:19]}Z")  # fmt: skip
        y -= LEADING / 2
        for section, (ja, en) in HEADINGS.items():
            y -= LEADING / 2
            line(f"■ {ja}（{en}）", 11)
            for text in _lines(section, data[section]):
                for part in _wrap(text, usable):
                    line(part)
            if section == "points":
                line(f"残高 / Balance: {data['points_balance']} pt")
    return pages
