"""The label writer puts text straight into the page stream (crmdesk.reports.labels
``_LabelText``) instead of going through reportlab's text object. These tests draw the
same fitted lines both ways and check that a reader cannot tell them apart: the same
characters, fonts, sizes and positions, the same picture, and a proper embedded font
subset for Japanese, also when the strings need more than one 256-glyph subset."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from PIL import ImageChops
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from crmdesk.core.address import Addressee
from crmdesk.reports.label_content import fit_label
from crmdesk.reports.labels import LabelOptions, render_labels
from crmdesk.reports.layouts import LabelLayout, get_layout
from crmdesk.reports.pdf import FONT, MM, register_font
from tests.reports.label_samples import person, variety


def many_kanji(count: int) -> str:
    """``count`` different kanji the label font has, in code point order."""
    register_font()
    has = pdfmetrics.getFont(FONT).face.charToGlyph
    return "".join(chr(c) for c in range(0x4E00, 0x9FFF) if c in has)[:count]


def people_spanning_subsets() -> list[Addressee]:
    """Mixed labels, then names and towns using 400 more kanji: more than one subset of
    256 codes, so some strings start in one subset and end in the next."""
    kanji = many_kanji(400)
    rows = variety(14)
    for n in range(25):
        chunk = kanji[n * 16 : (n + 1) * 16]
        rows.append(person(100 + n, name=f"{chunk[:2]} {chunk[2:6]}", town=chunk[6:], building=""))
    return rows


def reportlab_text_objects(people: list[Addressee], layout: LabelLayout, out: Path) -> None:
    """The reference: the same lines drawn the documented way, one reportlab text object
    per label (setFont / setTextOrigin / textOut), clipped through the canvas API."""
    w, h, r = layout.label_w_mm * MM, layout.label_h_mm * MM, layout.radius_mm * MM
    register_font()
    canvas = Canvas(str(out), pagesize=(layout.paper_w_mm * MM, layout.paper_h_mm * MM))
    per = layout.per_sheet
    for i, a in enumerate(people):
        if i and i % per == 0:
            canvas.showPage()
        if i % per == 0:
            canvas.setFillGray(0)
        left, top, _, _ = layout.label_rect(i % per + 1)
        x, y = left * MM, (layout.paper_h_mm - top) * MM - h
        canvas.saveState()
        path = canvas.beginPath()
        path.roundRect(x, y, w, h, r)
        canvas.clipPath(path, stroke=0, fill=0)
        text = canvas.beginText()
        for line in fit_label(a, w, h, r):
            text.setFont(FONT, line.size)
            text.setTextOrigin(x + line.x, y + h - line.baseline)
            text.textOut(line.text)
        canvas.drawText(text)
        canvas.restoreState()
    canvas.save()


def chars_of(path: Path) -> list[list[tuple[str, str, float, float, float, float]]]:
    with pdfplumber.open(path) as pdf:
        return [
            [(c["text"], c["fontname"], c["size"], c["x0"], c["top"], c["x1"]) for c in page.chars]
            for page in pdf.pages
        ]


def test_same_characters_fonts_sizes_and_positions(tmp_path: Path) -> None:
    layout = get_layout("hisago-elm008")
    people = people_spanning_subsets()
    ours, reference = tmp_path / "stream.pdf", tmp_path / "textobject.pdf"
    render_labels(people, layout, LabelOptions(), ours)
    reportlab_text_objects(people, layout, reference)

    got, want = chars_of(ours), chars_of(reference)
    assert len(got) == len(want) == 4
    for page_got, page_want in zip(got, want, strict=True):
        assert [c[:2] for c in page_got] == [c[:2] for c in page_want]  # text and font
        for g, w in zip(page_got, page_want, strict=True):
            assert all(abs(a - b) <= 0.01 for a, b in zip(g[2:], w[2:], strict=True)), (g, w)
    text = "".join(c[0] for page in got for c in page)
    assert "様" in text and "〒" in text and "御中" in text
    assert all(k in text for k in many_kanji(400))
    fonts = {c[1] for page in got for c in page}
    assert len(fonts) >= 2, "the sample should need a second 256-glyph subset"


def test_pages_look_the_same(tmp_path: Path) -> None:
    layout = get_layout("hisago-elm008")
    people = people_spanning_subsets()
    ours, reference = tmp_path / "stream.pdf", tmp_path / "textobject.pdf"
    render_labels(people, layout, LabelOptions(), ours)
    reportlab_text_objects(people, layout, reference)

    with pdfplumber.open(ours) as a, pdfplumber.open(reference) as b:
        for page_a, page_b in zip(a.pages, b.pages, strict=True):
            image_a = page_a.to_image(resolution=100).original.convert("L")
            image_b = page_b.to_image(resolution=100).original.convert("L")
            assert ImageChops.difference(image_a, image_b).getbbox() is None
            assert image_a.getextrema()[0] < 64, "the page has no dark text at all"


def test_japanese_font_is_embedded_as_subsets(tmp_path: Path) -> None:
    layout = get_layout("hisago-elm008")
    out = tmp_path / "labels.pdf"
    render_labels(people_spanning_subsets(), layout, LabelOptions(), out)

    with pdfplumber.open(out) as pdf:
        fonts, used = {}, set()
        for page in pdf.pages:
            used |= {c["fontname"] for c in page.chars}
            for ref in page.page_obj.resources["Font"].resolve().values():
                font = ref.resolve()
                fonts[font["BaseFont"].name] = font
        assert len(used) >= 2
        for name in used:  # (reportlab also lists Helvetica, its unused default font)
            font = fonts[name]
            prefix, _, family = name.partition("+")
            assert family == FONT and len(prefix) == 6 and prefix.isupper(), name
            descriptor = font["FontDescriptor"].resolve()
            embedded = descriptor["FontFile2"].resolve().get_data()
            assert embedded[:4] == b"\x00\x01\x00\x00", "not a TrueType program"
            # A subset, not the whole 6 MB font, and a reader maps its codes back to text.
            assert len(embedded) < 400_000
            assert "ToUnicode" in font
