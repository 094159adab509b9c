"""Japanese by default, English on request: visible texts, errors and the shipped files."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from crmdesk.paths import resource
from crmdesk.ui import i18n
from crmdesk.ui.customers.card import CustomerCard
from crmdesk.ui.main_window import MainWindow
from tests.helpers.qt_typing import type_text

ROOT = Path(__file__).parents[2]
TS = resource("translations", "crmdesk_en.ts")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name") or "", m.findtext("source") or ""): m
        for ctx in root.iter("context")
        for m in ctx.iter("message")
    }


def test_japanese_is_the_default(window: Any) -> None:
    assert i18n.language() == "ja"
    assert window.ui.menu_file.title() == "ファイル(&F)"
    assert window.ui.search_label.text() == "検索(&F):"
    assert window.windowTitle() == "crmdesk 顧客管理"


def test_english_window_and_card(db: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    assert i18n.set_language("en")
    win = MainWindow(db)
    qtbot.addWidget(win)
    assert win.windowTitle() == "crmdesk Customers"
    assert [win.menu(k).title() for k in ("file", "customer", "tools", "reports", "help")] == [
        "&File", "&Customer", "&Tools", "&Reports", "&Help",
    ]  # fmt: skip
    assert win.ui.search_label.text() == "&Find:"
    assert win.ui.search_edit.placeholderText().startswith("Name, kana, phone")
    headers = [win.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Customer no.", "Name", "Kana", "Phone", "Address"]

    card = CustomerCard(db)
    qtbot.addWidget(card, before_close_func=lambda c: setattr(c, "_loaded", c.form_values()))
    assert card.ui.header_name.text() == "New customer"
    assert card.ui.save_button.text() == "Save (Ctrl+S)"
    assert card.ui.gender.itemText(1) == "Female"
    type_text(card.ui.postal_code, "12")
    assert not card.save()
    assert card.error_text("family_name") == "Enter a name (Family name) or a company"
    assert card.error_text("postal_code") == "Postal code must be 7 digits (e.g. 100-0001)"


def test_language_setting_and_system_locale() -> None:
    from crmdesk.ui import settings

    assert settings.language_setting() == ""
    assert i18n.resolve("") == i18n.system_language()
    settings.set_value("ui/language", "en")
    assert i18n.resolve(settings.language_setting()) == "en"
    assert QApplication.instance() is not None


def test_every_string_is_translated_and_compiled(tmp_path: Path) -> None:
    shipped = messages(TS)
    unfinished = [src for (_, src), m in shipped.items() if m.find("translation").get("type")]
    assert unfinished == []
    assert resource("translations", "crmdesk_en.qm").stat().st_mtime > 0
    # a fresh lupdate finds no string the shipped .ts lacks
    fresh = tmp_path / "fresh.ts"
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_translations as bt
    finally:
        sys.path.pop(0)
    files = [str(p) for p in bt.sources()]
    code = "from PySide6.scripts.pyside_tool import lupdate; lupdate()"
    subprocess.run(
        [sys.executable, "-c", code, "-locations", "none", *files, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    missing = sorted(set(messages(fresh)) - set(shipped))
    assert missing == [], "run python tools/build_translations.py and translate: " + str(missing)


def test_the_shipped_japanese_font_is_the_app_font(qapp: Any) -> None:
    from PySide6.QtGui import QRawFont

    from crmdesk.ui.app import install_japanese_font

    family = install_japanese_font(qapp)
    assert family == "IPAexGothic"
    assert qapp.font().families()[0] == "IPAexGothic"
    raw = QRawFont.fromFont(qapp.font())
    assert raw.familyName() == "IPAexGothic"
    assert 0 not in raw.glyphIndexesForString("顧客髙橋﨑〒ー")  # glyph 0 would be tofu


def test_the_file_dialog_speaks_japanese(qapp: Any) -> None:
    """Issue 12's 9: "Look in:" and "Files of type:" were English in the Japanese window
    (Qt 6 renamed them; Qt's own qtbase_ja.qm has only the old texts)."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    i18n.set_language("ja")
    dialog = QFileDialog(None, "開く")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "場所(&L):" in texts and "ファイルの種類(&T):" in texts
    assert not [t for t in texts if t.isascii() and t.strip()], texts
    dialog.deleteLater()
