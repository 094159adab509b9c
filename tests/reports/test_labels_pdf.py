"""Label PDFs read back with pdfplumber: what lands where, on every sheet we ship."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from crmdesk.core.errors import DomainError
from crmdesk.reports.labels import (
    LabelOptions,
    next_start_position,
    render_calibration_page,
    render_labels,
)
from crmdesk.reports.layouts import get_layout, load_layouts
from tests.reports.label_samples import (
    ADDRESS_40,
    MM,
    centre_in,
    inside,
    person,
    read_pages,
    variety,
)

LAYOUTS = sorted(load_layouts())


def label_texts(chars: list[dict], layout, positions) -> dict[int, str]:
    """The text in each label rectangle, in drawing order."""
    return {
        p: "".join(c["text"] for c in chars if centre_in(c, layout.label_rect(p)))
        for p in positions
    }


@pytest.mark.parametrize("code", LAYOUTS)
def test_every_character_stays_inside_its_label(code: str, tmp_path: Path) -> None:
    layout = get_layout(code)
    people = variety(layout.per_sheet + 3)
    out = tmp_path / "labels.pdf"
    result = render_labels(people, layout, LabelOptions(show_customer_number=True), out)

    pages = read_pages(out)
    assert result.pages == len(pages) == 2
    assert result.labels == len(people) and result.last_position == 3
    for page_no, chars in enumerate(pages):
        assert chars, "a page without text"
        count = layout.per_sheet if page_no == 0 else 3
        for char in chars:
            homes = [p for p in range(1, count + 1) if inside(char, layout.label_rect(p))]
            assert homes, f"{char['text']!r} at {char['x0']:.1f},{char['top']:.1f} is outside"
        texts = label_texts(chars, layout, range(1, count + 1))
        for position, text in texts.items():
            who = people[page_no * layout.per_sheet + position - 1]
            assert f"〒{who.postal_code[:3]}-{who.postal_code[3:]}" in text
            assert f"No.{who.customer_number}" in text
            assert ("様" if who.name else "御中") in text


def test_a_40_character_address_shrinks_and_stays_whole(tmp_path: Path) -> None:
    layout = get_layout("avery-5160")  # the smallest label we ship: 66.68 x 25.4 mm
    who = person(1, **dict(zip(("prefecture", "city", "town", "street"), ADDRESS_40, strict=True)))
    out = tmp_path / "long.pdf"
    render_labels([who], layout, LabelOptions(), out)
    chars = read_pages(out)[0]
    assert all(inside(c, layout.label_rect(1)) for c in chars)
    text = "".join(c["text"] for c in chars)
    assert "".join(ADDRESS_40) in text.replace("\n", "")  # nothing cut
    address = [c for c in chars if c["text"] in "".join(ADDRESS_40)]
    assert min(c["size"] for c in address) < 10.5  # it did have to shrink


def test_start_at_a_partly_used_sheet(tmp_path: Path) -> None:
    layout = get_layout("hisago-elm008")
    out = tmp_path / "start.pdf"
    result = render_labels(variety(3), layout, LabelOptions(start_at=5), out)
    assert (result.pages, result.last_position) == (1, 7)
    assert next_start_position(result, layout) == 8
    texts = label_texts(read_pages(out)[0], layout, range(1, 13))
    assert [p for p, t in texts.items() if t] == [5, 6, 7]

    result = render_labels(variety(3), layout, LabelOptions(start_at=12), out)
    assert (result.pages, result.last_position) == (2, 2)
    pages = read_pages(out)
    assert [p for p, t in label_texts(pages[0], layout, range(1, 13)).items() if t] == [12]
    assert [p for p, t in label_texts(pages[1], layout, range(1, 13)).items() if t] == [1, 2]


def test_drawn_in_the_order_given(tmp_path: Path) -> None:
    # Sorting (and households, completeness) moved to crmdesk.services.mailings (issue 13):
    # tests/services/test_campaigns.py and tests/services/test_mailings.py check them.
    layout = get_layout("hisago-elm008")
    codes = ["9000001", "0600042", "5300001", "1000001", "2270062"]
    people = [person(i, postal_code=c) for i, c in enumerate(codes)]
    out = tmp_path / "sorted.pdf"
    render_labels(people, layout, LabelOptions(), out)
    texts = label_texts(read_pages(out)[0], layout, range(1, 6))
    printed = [texts[p][1:9].replace("-", "") for p in range(1, 6)]
    assert printed == codes


def test_outlines_match_the_makers_dimensions(tmp_path: Path) -> None:
    layout = get_layout("hisago-elm008")
    plain, outlined = tmp_path / "plain.pdf", tmp_path / "outlined.pdf"
    render_labels(variety(2), layout, LabelOptions(), plain)
    render_labels(variety(2), layout, LabelOptions(outlines=True), outlined)
    with pdfplumber.open(plain) as pdf:
        assert pdf.pages[0].rects == []
    with pdfplumber.open(outlined) as pdf:
        page = pdf.pages[0]
        assert (page.width / MM, page.height / MM) == pytest.approx((210, 297), abs=0.01)
        rects = sorted(page.rects, key=lambda r: (round(r["top"]), r["x0"]))
    assert len(rects) == 12
    first, second, below = rects[0], rects[1], rects[2]
    assert first["x0"] / MM == pytest.approx(18.6, abs=0.01)
    assert first["top"] / MM == pytest.approx(21.2, abs=0.01)
    assert first["width"] / MM == pytest.approx(86.4, abs=0.01)
    assert first["height"] / MM == pytest.approx(42.3, abs=0.01)
    assert (second["x0"] - first["x0"]) / MM == pytest.approx(86.4, abs=0.01)
    assert (below["top"] - first["top"]) / MM == pytest.approx(42.3, abs=0.01)


def test_printer_offset_moves_everything(tmp_path: Path) -> None:
    layout = get_layout("hisago-elm008")
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_labels(variety(1), layout, LabelOptions(), a)
    render_labels(variety(1), layout, LabelOptions(offset_x_mm=1.5, offset_y_mm=-0.5), b)
    ca, cb = read_pages(a)[0][0], read_pages(b)[0][0]
    assert (cb["x0"] - ca["x0"]) / MM == pytest.approx(1.5, abs=0.01)
    assert (cb["top"] - ca["top"]) / MM == pytest.approx(-0.5, abs=0.01)


def test_the_japanese_font_is_embedded(tmp_path: Path) -> None:
    out = tmp_path / "font.pdf"
    render_labels(variety(3), get_layout("avery-l7160"), LabelOptions(), out)
    chars = read_pages(out)[0]
    assert {c["fontname"].split("+")[-1] for c in chars} == {"IPAexGothic"}
    assert b"/FontFile2" in out.read_bytes()


def test_calibration_page_draws_every_label_and_scales(tmp_path: Path) -> None:
    layout = get_layout("hisago-elm007")  # rounded corners
    out = tmp_path / "calibration.pdf"
    render_calibration_page(layout, out, offset_x_mm=1.0)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        assert len(pdf.pages) == 1
        text = page.extract_text()
        curves = [c for c in page.curves if c["width"] / MM > 80]
    assert "ELM007" in text and "+1.0 mm" in text
    assert len(curves) == 12
    left = min(c["x0"] for c in curves) / MM
    assert left == pytest.approx(20.3 + 1.0, abs=0.05)


def test_bad_requests_leave_no_pdf(tmp_path: Path) -> None:
    layout = get_layout("hisago-elm008")
    out = tmp_path / "dm.pdf"
    out.write_bytes(b"yesterday's labels")

    with pytest.raises(DomainError) as start:
        render_labels(variety(2), layout, LabelOptions(start_at=13), out)
    assert (start.value.code, start.value.field) == ("start_beyond_sheet", "start")
    assert "12" in start.value.message("ja")

    too_long = person(7, street="1-1" + "ヨコハマ台" * 40, customer_number="C-0042")
    with pytest.raises(DomainError) as long:
        render_labels([*variety(5), too_long], layout, LabelOptions(), out)
    assert long.value.code == "address_too_long"
    assert long.value.params["customer_number"] == "C-0042"
    assert "C-0042" in long.value.message("ja") and "C-0042" in long.value.message("en")

    with pytest.raises(DomainError) as offset:
        render_labels(variety(2), layout, LabelOptions(offset_y_mm=25), out)
    assert (offset.value.code, offset.value.field) == ("offset_too_large", "offset_y_mm")
    assert "縦方向の補正" in offset.value.message("ja")

    with pytest.raises(DomainError) as nobody:  # who is complete is the service's to decide
        render_labels([], layout, LabelOptions(), out)
    assert nobody.value.code == "no_recipients"

    assert out.read_bytes() == b"yesterday's labels"
    assert [p.name for p in tmp_path.iterdir()] == ["dm.pdf"]


def test_a_long_building_breaks_before_its_room_number(tmp_path: Path) -> None:
    layout = get_layout("hisago-elm012")  # 66 x 33.9 mm
    who = person(1, building="グランドメゾン青葉台ステーションフロント 1203号室")
    out = tmp_path / "building.pdf"
    render_labels([who], layout, LabelOptions(), out)
    chars = read_pages(out)[0]
    room = [c for c in chars if c["text"] == "室"][0]
    building = [c for c in chars if c["text"] == "グ"][0]
    assert room["top"] > building["bottom"] - 0.5  # on the next line
    room_line = [c for c in chars if abs(c["top"] - room["top"]) < 0.1]
    assert "".join(c["text"] for c in room_line) == "1203号室"
    assert min(c["x0"] for c in room_line) == pytest.approx(building["x0"])
    assert building["size"] >= 6.5
    assert all(inside(c, layout.label_rect(1)) for c in chars)
