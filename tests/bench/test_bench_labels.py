"""10,000 DM labels on a Hisago ELM008 sheet (A4 12-up), against two baselines.

Run on demand: ``python -m pytest tests/bench/test_bench_labels.py -s``.

- crmdesk: :func:`render_labels` (fitting, line splitting, clipping, embedded font);
- plain reportlab: the same strings drawn at fixed positions in the same font, with no
  fitting and no clipping (the floor for any reportlab renderer): the lines
  :func:`render_labels` draws (address on one line or two, no empty building or company
  line), worked out before the clock starts;
- gLabels 3 (Debian ``glabels``): ``glabels-3-batch`` merging the same addresses from a
  CSV into a .glabels document on its own ELM008 template. It is slow, so it merges
  ``CRMDESK_BENCH_GLABELS`` addresses (1,000 and 2,000) and the larger run is scaled
  linearly to 10,000; its time per label grows with the merge size, so the scaled
  figure flatters gLabels: with ``CRMDESK_BENCH_GLABELS=10000`` the full merge took
  1,254 s here (0.7 pages/s, 125 ms per label, against 2.4 ms per label at 1,000).

Prints the median of ``CRMDESK_BENCH_REPEAT`` (5) runs, pages per second and the ratios.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

from crmdesk import paths
from crmdesk.core.address import Addressee
from crmdesk.core.label_text import format_postal, split_address
from crmdesk.reports.label_content import fit_label
from crmdesk.reports.labels import LabelOptions, render_labels
from crmdesk.reports.layouts import get_layout
from crmdesk.reports.pdf import FONT, MM, register_font

LABELS = int(os.environ.get("CRMDESK_BENCH_LABELS", "10000"))
GLABELS_SIZES = [int(n) for n in os.environ.get("CRMDESK_BENCH_GLABELS", "1000,2000").split(",")]
REPEAT = int(os.environ.get("CRMDESK_BENCH_REPEAT", "5"))

PLACES = [
    ("東京都", "千代田区", "千代田"),
    ("神奈川県", "横浜市青葉区", "青葉台二丁目"),
    ("大阪府", "大阪市北区", "梅田"),
    ("北海道", "札幌市中央区", "大通西"),
    ("福岡県", "福岡市博多区", "博多駅前"),
    ("愛知県", "名古屋市中村区", "名駅四丁目"),
]
FAMILY = ["山田", "佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "中村", "勅使河原"]
GIVEN = ["花子", "太郎", "一郎", "美咲", "健", "由美子", "左衛門三郎"]
BUILDINGS = ["", "", "サンハイツ 101", "グランドメゾン青葉台ステーションフロント 1203号室"]


def addressees(count: int) -> list[Addressee]:
    rng = random.Random(42)
    people = []
    for n in range(count):
        pref, city, town = rng.choice(PLACES)
        firm = rng.random() < 0.1
        people.append(
            Addressee(
                postal_code=f"{rng.randrange(10**6, 10**7):07d}",
                prefecture=pref,
                city=city,
                town=town,
                street=f"{rng.randint(1, 30)}-{rng.randint(1, 20)}-{rng.randint(1, 999)}",
                building=rng.choice(BUILDINGS),
                company="株式会社ナニワ商事" if firm else "",
                department="営業部" if firm else "",
                name=""
                if firm and rng.random() < 0.5
                else f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
                customer_number=f"{n:06d}",
            )
        )
    return people


def strings(a: Addressee) -> list[str]:
    """The fields of a label, as the gLabels merge takes them (empty ones too)."""
    line1, line2 = split_address((a.prefecture + a.city, a.town, a.street))
    name = f"{a.name} 様" if a.name else f"{a.department or a.company} 御中"
    company = a.company if a.name else ""
    return ["〒" + format_postal(a.postal_code), line1, line2, a.building, company, name]


def drawn_strings(people: list[Addressee]) -> list[list[str]]:
    """The strings :func:`render_labels` draws on each label, in its order: what the plain
    reportlab baseline draws too (no empty strings, which crmdesk never draws)."""
    layout = get_layout("hisago-elm008")
    w, h, r = layout.label_w_mm * MM, layout.label_h_mm * MM, layout.radius_mm * MM
    return [[line.text for line in fit_label(a, w, h, r)] for a in people]


def plain_reportlab(rows: list[list[str]], out: Path) -> int:
    layout = get_layout("hisago-elm008")
    register_font()
    canvas = Canvas(str(out), pagesize=(210 * MM, 297 * MM), pageCompression=1)
    per = layout.per_sheet
    for i, row in enumerate(rows):
        if i and i % per == 0:
            canvas.showPage()
        left, top, _, _ = layout.label_rect(i % per + 1)
        x, y = (left + 4) * MM, (297 - top - 6) * MM
        for j, text in enumerate(row):
            canvas.setFont(FONT, 14 if j == len(row) - 1 else 9)
            canvas.drawString(x, y - j * 12, text)
    canvas.save()
    return (len(rows) + per - 1) // per


GLABELS_DOC = """<?xml version="1.0"?>
<Glabels-document xmlns="http://glabels.org/xmlns/3.0/">
  <Template brand="Hisago" part="ELM008" size="A4" description="Rectangular labels">
    <Meta category="label"/>
    <Label-rectangle id="0" width="86.4mm" height="42.3mm" round="0mm" x_waste="0mm"
        y_waste="0mm">
      <Layout nx="2" ny="6" x0="18.6mm" y0="21.2mm" dx="86.4mm" dy="42.3mm"/>
    </Label-rectangle>
  </Template>
  <Objects id="0" rotate="False">
    <Object-text x="4mm" y="3mm" w="78mm" h="36mm" justify="Left" valign="Top"
        auto_shrink="True" a0="1" a1="0" a2="0" a3="1" a4="0" a5="0" shadow="False">
      <Span font_family="IPAexGothic" font_size="9" font_weight="normal"
          font_italic="False" font_underline="False" color="0x000000ff"
          line_spacing="1"><Field name="postal"/><NL/><Field name="line1"/><NL/><Field
          name="line2"/><NL/><Field name="building"/><NL/><Field name="company"/><NL/><Field
          name="name"/></Span>
    </Object-text>
  </Objects>
  <Merge type="Text/Comma/Line1Keys" src="{csv}"/>
</Glabels-document>
"""


def glabels_font() -> None:
    """gLabels finds fonts through fontconfig only: put IPAexGothic in ~/.fonts."""
    fonts = Path.home() / ".fonts"
    fonts.mkdir(exist_ok=True)
    target = fonts / "ipaexg.ttf"
    if not target.exists():
        shutil.copy(paths.japanese_font(), target)
    subprocess.run(["fc-cache", "-f", str(fonts)], check=True, capture_output=True)


def glabels(rows: list[list[str]], folder: Path) -> tuple[float, int] | str:
    """Seconds and pages for ``glabels-3-batch``, or why it could not run."""
    batch = shutil.which("glabels-3-batch")
    if batch is None:
        return "glabels-3-batch not found (apt-get install -y glabels)"
    try:
        glabels_font()
    except (OSError, subprocess.CalledProcessError) as exc:
        return f"fontconfig failed: {exc}"
    data = folder / "addresses.csv"
    with data.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["postal", "line1", "line2", "building", "company", "name"])
        writer.writerows(rows)
    doc = folder / "labels.glabels"
    doc.write_text(GLABELS_DOC.format(csv=data), encoding="utf-8")
    out = folder / "glabels.pdf"
    started = time.perf_counter()
    run = subprocess.run(
        [batch, "-o", str(out), str(doc)], capture_output=True, text=True, timeout=1800
    )
    seconds = time.perf_counter() - started
    if run.returncode != 0 or not out.exists():
        return f"glabels-3-batch failed ({run.returncode}): {run.stderr[-300:]}"
    with pdfplumber.open(out) as pdf:
        pages = len(pdf.pages)
        text = pdf.pages[0].extract_text() or ""
    if rows[0][-1].split()[0] not in text:
        return "glabels-3-batch wrote pages without the merged text"
    return seconds, pages


def timed(job, repeat: int = REPEAT) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


@pytest.mark.timeout(3600)
def test_bench_labels(tmp_path: Path) -> None:
    layout = get_layout("hisago-elm008")
    people = addressees(LABELS)
    rows = [strings(a) for a in people]
    drawn = drawn_strings(people)
    expected_pages = (LABELS + 11) // 12

    # The two runs alternate and each pair gives a ratio: on a shared machine the load
    # moves between runs, and a pair run back to back sees about the same load.
    ours_t, base_t, ratios = [], [], []
    for _ in range(REPEAT):
        ours_s, result = timed(
            lambda: render_labels(people, layout, LabelOptions(), tmp_path / "crmdesk.pdf"), 1
        )
        assert result.pages == expected_pages and result.labels == LABELS
        base_s, base_pages = timed(lambda: plain_reportlab(drawn, tmp_path / "reportlab.pdf"), 1)
        assert base_pages == expected_pages
        ours_t.append(ours_s)
        base_t.append(base_s)
        ratios.append(ours_s / base_s)
    ours_s, base_s = statistics.median(ours_t), statistics.median(base_t)
    with pdfplumber.open(tmp_path / "crmdesk.pdf") as pdf:
        assert len(pdf.pages) == expected_pages

    print(
        f"\n{LABELS:,} labels, Hisago ELM008 (A4 12-up), {expected_pages} pages, median of {REPEAT}"
    )
    print(f"{'renderer':<34}{'seconds':>9}{'pages/s':>10}{'x crmdesk':>11}")
    line = "{:<34}{:>9.2f}{:>10.0f}{:>11.2f}"
    print(line.format("crmdesk render_labels", ours_s, expected_pages / ours_s, 1.0))
    print(
        line.format("plain reportlab, same strings", base_s, base_pages / base_s, base_s / ours_s)
    )
    print(
        f"crmdesk / plain reportlab time ratio: {statistics.median(ratios):.2f} "
        f"(median of {REPEAT} back-to-back pairs; target <= 1.3)"
    )

    for size in GLABELS_SIZES:
        folder = tmp_path / f"glabels-{size}"
        folder.mkdir()
        gl = glabels(rows[:size], folder)
        if isinstance(gl, str):
            print(f"gLabels: not measured: {gl}")
            return
        seconds, pages = gl
        assert pages == (size + 11) // 12
        scaled = seconds * LABELS / size
        print(
            line.format(
                f"glabels-3-batch ({size:,}, scaled)", scaled, pages / seconds, scaled / ours_s
            )
        )
        print(
            f"  gLabels measured {seconds:.1f} s for {size:,} labels ({pages} pages): "
            f"{seconds / size * 1000:.2f} ms per label; scaled / crmdesk = {scaled / ours_s:.1f}"
        )
