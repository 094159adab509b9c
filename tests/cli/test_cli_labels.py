"""``crmdesk labels`` / ``postcards``: real PDFs read back with pdfplumber.

Uses the real renderers of crmdesk/reports (labels.py, layouts.py, postcards.py).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from crmdesk.reports import layouts
from crmdesk.services import customers, segments
from crmdesk.store.db import open_database
from tests.cli.test_cli import run

ADDRESSES = (
    ("5300001", "大阪府", "大阪市北区", "梅田", "大阪 一郎", True),
    ("1000001", "東京都", "千代田区", "千代田", "東京 花子", True),
    ("0600000", "北海道", "札幌市中央区", "", "札幌 次郎", True),
    ("1500001", "東京都", "渋谷区", "神宮前", "渋谷 拒否", False),
)


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite3"
    db = open_database(path)
    with db.transaction() as session:
        for code, pref, city, town, name, dm in ADDRESSES:
            family, given = name.split()
            customers.create_customer(
                session,
                {
                    "family_name": family,
                    "given_name": given,
                    "postal_code": code,
                    "prefecture": pref,
                    "city": city,
                    "town": town,
                    "street": "1-2-3",
                    "dm_consent": dm,
                },
            )
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
        segments.save_segment(
            session,
            "なし",
            {
                "op": "and",
                "conditions": [{"field": "prefecture", "cmp": "in", "value": ["沖縄県"]}],
            },
        )
    db.close()
    return path


def layout_code() -> str:
    return sorted(layouts.load_layouts())[0]


def label_box(layout, position: int) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) in points of a 1-based label position."""
    mm = 72 / 25.4
    col, row = (position - 1) % layout.cols, (position - 1) // layout.cols
    x0 = (layout.x0_mm + col * layout.dx_mm) * mm
    top = (layout.y0_mm + row * layout.dy_mm) * mm
    return x0, top, x0 + layout.label_w_mm * mm, top + layout.label_h_mm * mm


def names_by_position(pdf_path: Path, layout) -> dict[int, str]:
    found: dict[int, str] = {}
    with pdfplumber.open(pdf_path) as pdf:
        words = pdf.pages[0].extract_words()
    for position in range(1, layout.cols * layout.rows + 1):
        x0, top, x1, bottom = label_box(layout, position)
        inside = [w["text"] for w in words if x0 <= w["x0"] < x1 and top <= w["top"] < bottom]
        text = "".join(inside)
        for *_, name, _dm in ADDRESSES:
            if name.replace(" ", "") in text.replace(" ", ""):
                found[position] = name
    return found


def test_labels_start_sort_exclusions_and_remembered_position(shop: Path, tmp_path: Path) -> None:
    code = layout_code()
    layout = layouts.get_layout(code)
    out = tmp_path / "labels.pdf"
    rc, data = run(
        shop,
        "labels",
        "--segment",
        "全員",
        "--layout",
        code,
        "--start",
        "2",
        "--sort",
        "postal",
        "--record",
        "冬のDM",
        "-o",
        str(out),
        "--json",
    )
    assert rc == 0, data
    assert data["labels"] == 3 and data["pages"] == 1 and data["start"] == 2
    assert data["excluded"] == {"no_dm_consent": 1}
    assert data["next_start"] == 5 and data["campaign"]["name"] == "冬のDM"
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
        fonts = {c["fontname"] for c in pdf.pages[0].chars}
        assert any("IPAexGothic" in f for f in fonts)
    assert names_by_position(out, layout) == {2: "札幌 次郎", 3: "東京 花子", 4: "大阪 一郎"}

    again = tmp_path / "again.pdf"
    rc, data = run(
        shop, "labels", "--segment", "全員", "--layout", code, "-o", str(again), "--json"
    )
    assert rc == 0 and data["start"] == 5  # where the last sheet ended
    rc, shown = run(shop, "campaign", "show", "冬のDM", "--json")
    assert [r["name"] for r in shown["recipients"]] == ["札幌 次郎", "東京 花子", "大阪 一郎"]


def test_bad_input_leaves_no_pdf(shop: Path, tmp_path: Path) -> None:
    code = layout_code()
    layout = layouts.get_layout(code)
    out = tmp_path / "none.pdf"
    rc, data = run(shop, "labels", "--segment", "なし", "--layout", code, "-o", str(out), "--json")
    assert rc == 2 and data["error"]["code"] == "no_recipients" and not out.exists()
    beyond = str(layout.cols * layout.rows + 1)
    rc, data = run(
        shop,
        "labels",
        "--segment",
        "全員",
        "--layout",
        code,
        "--start",
        beyond,
        "-o",
        str(out),
        "--json",
    )
    assert rc == 2 and data["error"]["code"] == "start_beyond_sheet" and not out.exists()
    rc, data = run(
        shop, "labels", "--segment", "全員", "--layout", "NO-SUCH", "-o", str(out), "--json"
    )
    assert rc == 2 and data["error"]["code"] == "unknown_layout"
    assert list(tmp_path.glob("none*")) == []
    rc, data = run(shop, "campaign", "list", "--json")
    assert data["campaigns"] == []


def test_postcards(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    rc, data = run(shop, "postcards", "--segment", "全員", "-o", str(out), "--json")
    assert rc == 0 and data["pages"] == 3 and data["excluded"] == {"no_dm_consent": 1}
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 3


def test_sheets_lists_every_label_sheet_code_and_the_readme_uses_real_ones(tmp_path) -> None:
    """Issue 12's 9: no command listed the codes; README's A-ONE-28315 does not exist."""
    import re
    from pathlib import Path

    from crmdesk.reports.layouts import get_layout
    from tests.cli.test_cli import run

    code, data = run(tmp_path / "shop.sqlite3", "sheets", "--json")
    assert code == 0 and data["ok"]
    codes = [sheet["code"] for sheet in data["sheets"]]
    assert "hisago-elm008" in codes and len(codes) == len(set(codes)) >= 10
    for sheet in data["sheets"]:
        assert get_layout(sheet["code"]).per_sheet == sheet["labels"]
        assert sheet["title"] and sheet["paper"]
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r'"layout": "([^"]+)"', readme))
    assert used and used <= set(codes), used - set(codes)
