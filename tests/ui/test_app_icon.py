"""The app's icon: in every size, on the window, drawn as tools/make_icons.py says."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from crmdesk.paths import resource
from crmdesk.ui.app import install_icon


def test_the_app_has_its_icon_in_every_size(qapp) -> None:
    icon = install_icon(qapp)
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 24, 32, 48, 64, 128, 256, 512} <= sizes
    assert not qapp.windowIcon().isNull()


def test_the_icon_is_white_on_indigo_with_transparent_corners() -> None:
    image = QImage(str(resource("icons", "crmdesk-256.png")))
    assert image.width() == image.height() == 256
    assert image.pixelColor(1, 1).alpha() == 0  # a rounded square, not a full one
    assert image.pixelColor(128, 20) == QColor(57, 73, 171)  # the indigo above the glyph
    whites = sum(
        image.pixelColor(x, y).lightness() > 240
        for x in range(40, 216, 4)
        for y in range(40, 216, 4)
    )
    assert whites > 200  # the glyph's strokes


def test_windows_and_macos_icons_are_there() -> None:
    ico = resource("icons", "crmdesk.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and int.from_bytes(ico[4:6], "little") == 7
    assert resource("icons", "crmdesk.icns").read_bytes()[:4] == b"icns"
