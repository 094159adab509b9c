"""The customer barcode as printed: read back from the PDF bar by bar."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from crmdesk.core.address import Addressee
from crmdesk.core.customer_barcode import BAR_PITCH_MM, LONG_MM, address_number_of, encode_number
from crmdesk.core.errors import DomainError
from crmdesk.reports.labels import LabelOptions, render_labels
from crmdesk.reports.layouts import get_layout
from crmdesk.reports.pdf import MM
from crmdesk.reports.postcards import render_postcards

HOME = Addressee(
    postal_code="2630023",
    prefecture="千葉県",
    city="千葉市稲毛区",
    town="緑町3丁目",
    street="30-8",
    building="郵便ビル403号",
    name="郵便 太郎",
    customer_number="000001",
)
NO_NUMBER = Addressee(
    postal_code="1000001",
    prefecture="東京都",
    city="千代田区",
    town="千代田",
    street="",
    building="",
    company="皇居外苑管理事務所",
    customer_number="000002",
)


def bars_read_back(page, top: float, bottom: float) -> list[str]:
    """Every bar between ``top`` and ``bottom`` (pt from the page top), as 1-4 states."""
    rects = [r for r in page.rects if top <= r["top"] and r["bottom"] <= bottom]
    rects.sort(key=lambda r: r["x0"])
    groups: list[list[dict]] = []
    for r in rects:  # one barcode a label: split where the pitch jumps
        if groups and r["x0"] - groups[-1][-1]["x0"] < 2 * BAR_PITCH_MM * MM:
            groups[-1].append(r)
        else:
            groups.append([r])
    codes = []
    for group in groups:
        high = min(r["top"] for r in group)
        low = max(r["bottom"] for r in group)
        full = low - high
        states = []
        for r in group:
            up, down = r["top"] - high < full * 0.1, low - r["bottom"] < full * 0.1
            states.append("1" if up and down else "2" if up else "3" if down else "4")
        codes.append("".join(states))
    return codes


def test_labels_carry_the_code_of_their_address(tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    result = render_labels(
        [HOME, NO_NUMBER], get_layout("a-one-72212"), LabelOptions(barcode=True), out
    )
    assert result.no_address_number == ("000002",)
    expected = encode_number("2630023", address_number_of("緑町3丁目", "30-8", "郵便ビル403号"))
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        codes = bars_read_back(page, 0, page.height)
        text = page.extract_text() or ""
    assert codes == [expected.bars]  # one code: the second label has no address number
    assert "郵便 太郎" in text and "皇居外苑管理事務所" in text
    heights = {round(r["height"] / MM, 1) for r in page.rects}
    assert max(heights) == pytest.approx(LONG_MM, abs=0.05)


def test_a_postcard_has_the_code_at_standard_size(tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    assert render_postcards([HOME], None, out, barcode=True) == 1
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        [code] = bars_read_back(page, 0, page.height)
        width = max(r["x1"] for r in page.rects) - min(r["x0"] for r in page.rects)
    assert code == encode_number("2630023", "3-30-8-403").bars
    assert width / MM == pytest.approx(79.8, abs=0.05)


def test_a_sheet_too_narrow_is_refused_before_writing(tmp_path: Path) -> None:
    narrow = next(
        code
        for code in ("hisago-op3003", "avery-5160", "avery-l7163", "hisago-elm012")
        if get_layout(code).label_w_mm < 68
    )
    out = tmp_path / "labels.pdf"
    with pytest.raises(DomainError) as caught:
        render_labels([HOME], get_layout(narrow), LabelOptions(barcode=True), out)
    assert caught.value.code == "barcode_label_too_small" and caught.value.field == "layout"
    assert not out.exists()
