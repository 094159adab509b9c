"""``crmdesk labels --calibration``: the test page read back with pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from crmdesk.reports.layouts import get_layout
from tests.cli.test_cli import run

PT = 72 / 25.4


def outlines(pdf: Path) -> list[tuple[float, float, float, float]]:
    """Label-sized rectangles on the page as (left, top, width, height) in mm."""
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        return sorted(
            (r["x0"] / PT, r["top"] / PT, r["width"] / PT, r["height"] / PT)
            for r in page.rects
            if r["width"] > 10 * PT and r["height"] > 10 * PT
        )


@pytest.mark.parametrize(
    ("code", "dx", "dy"), [("hisago-elm008", 1.5, -1.0), ("avery-l7160", 0, 0)]
)
def test_calibration_page_has_the_outlines_moved_by_the_offsets(
    tmp_path: Path, code: str, dx: float, dy: float
) -> None:
    out = tmp_path / "cal.pdf"
    args = ["labels", "--calibration", "--layout", code, "-o", str(out), "--json"]
    if dx or dy:
        args += ["--offset-x", str(dx), "--offset-y", str(dy)]
    status, data = run(tmp_path / "shop.sqlite3", *args)
    layout = get_layout(code)
    assert status == 0 and data["ok"] and data["calibration"]
    assert data["layout"] == code and data["offset_x_mm"] == dx and data["offset_y_mm"] == dy
    found = outlines(out)
    expected = sorted(
        (left + dx, top + dy, w, h)
        for left, top, w, h in (layout.label_rect(p) for p in range(1, layout.per_sheet + 1))
    )
    assert len(found) == layout.per_sheet
    for got, want in zip(found, expected, strict=True):
        assert got == pytest.approx(want, abs=0.05)
    with pdfplumber.open(out) as doc:
        page = doc.pages[0]
        assert (page.width / PT, page.height / PT) == pytest.approx(
            (layout.paper_w_mm, layout.paper_h_mm), abs=0.05
        )
        assert "補正" in page.extract_text()


def test_calibration_refuses_an_offset_off_the_paper(tmp_path: Path) -> None:
    out = tmp_path / "cal.pdf"
    status, data = run(
        tmp_path / "shop.sqlite3",
        "labels", "--calibration", "--layout", "hisago-elm008", "--offset-x", "25",
        "-o", str(out), "--json",
    )  # fmt: skip
    assert status == 2 and data["error"]["code"] == "offset_too_large"
    assert data["error"]["field"] == "offset_x_mm" and not out.exists()


def test_labels_without_a_segment_asks_for_one(tmp_path: Path) -> None:
    status, data = run(
        tmp_path / "shop.sqlite3",
        "labels", "--layout", "hisago-elm008", "-o", str(tmp_path / "x.pdf"), "--json",
    )  # fmt: skip
    assert status == 2 and data["error"]["field"] == "segment"
