"""Draw the app icon: 顧 (the 顧 of 顧客, customer) in white on an indigo rounded square.

    python tools/make_icons.py

writes ``resources/icons/``: PNGs of every size a desktop asks for (``crmdesk-16.png`` ...
``crmdesk-512.png``: the window's icon, and the Linux .desktop entry's), ``crmdesk.ico``
(Windows, 16-256 px in one file) and ``crmdesk.icns`` (macOS).
The glyph is drawn with the bundled IPAexGothic (matplotlib-fontja), so the icon looks
the same wherever it is made. The files are committed; run this again after a change.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crmdesk.paths import japanese_font  # noqa: E402 - after the checkout is on the path

OUT = ROOT / "resources" / "icons"
GLYPH = "顧"
INDIGO = (57, 73, 171, 255)  # #3949AB
WHITE = (255, 255, 255, 255)
MASTER = 1024
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]


def draw(size: int = MASTER) -> Image.Image:
    """The icon at ``size`` px: a rounded square with a margin, the glyph centred on it."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    canvas = ImageDraw.Draw(image)
    margin = round(size * 0.06)
    canvas.rounded_rectangle(
        (margin, margin, size - margin - 1, size - margin - 1),
        radius=round(size * 0.2),
        fill=INDIGO,
    )
    font = ImageFont.truetype(str(japanese_font()), round(size * 0.62))
    left, top, right, bottom = canvas.textbbox((0, 0), GLYPH, font=font)
    x = (size - (right - left)) / 2 - left
    y = (size - (bottom - top)) / 2 - top
    canvas.text((x, y), GLYPH, font=font, fill=WHITE)
    return image


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    master = draw()
    for size in PNG_SIZES:
        small = master.resize((size, size), Image.Resampling.LANCZOS)
        small.save(OUT / f"crmdesk-{size}.png", optimize=True)
    master.save(OUT / "crmdesk.ico", sizes=ICO_SIZES)
    master.save(OUT / "crmdesk.icns")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
