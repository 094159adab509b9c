"""Help > About: versions, the data folder, and the licences shipped in resources/licenses."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QTimer, qVersion
from PySide6.QtWidgets import QApplication

from crmdesk import paths
from crmdesk.ui.about import AboutDialog, licences


@pytest.mark.modal_ok("AboutDialog")  # the test's own dialog, answered below
def test_help_about_shows_versions_folder_and_the_licences(window: Any, qtbot: Any) -> None:
    seen: dict[str, Any] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AboutDialog):
            QTimer.singleShot(20, answer)
            return
        seen["versions"] = dict(dialog.versions)
        seen["folder"] = dialog.folder_label.text()
        dialog.tabs.setCurrentIndex(1)
        texts = []
        for row in range(dialog.licence_list.count()):
            dialog.licence_list.setCurrentRow(row)  # the list: ↑↓ show each text
            texts.append((dialog.licence_list.item(row).text(), dialog.licence_text.toPlainText()))
        seen["texts"] = texts
        dialog.reject()

    QTimer.singleShot(0, answer)
    window.ui.action_about.trigger()
    assert seen["versions"]["Qt"] == qVersion()
    assert seen["versions"]["PySide6"] == pyside_version
    assert seen["versions"]["Python"].count(".") == 2
    assert seen["folder"] == str(paths.data_dir())
    texts = dict(seen["texts"])
    ipa = next(text for title, text in texts.items() if "IPA" in title)
    assert "IPA Font License Agreement v1.0" in ipa and "IPAフォントライセンスv1.0" in ipa
    qt = next(text for title, text in texts.items() if "PySide6" in title)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt and "Version 3" in qt
    assert "download.qt.io" in qt  # where the source is
    kakasi = next(text for title, text in texts.items() if "pykakasi" in title)
    assert "GPL-3.0-or-later" in kakasi
    others = next(text for title, text in texts.items() if "MIT" in title)
    for line in ("SQLAlchemy", "alembic", "reportlab", "matplotlib", "psycopg"):
        assert f"- {line}" in others or f"\n- {line.lower()}" in others.lower()


def test_every_listed_licence_file_is_shipped() -> None:
    for _title, name in licences():
        path = paths.resource("licenses", name)
        assert path.is_file() and path.stat().st_size > 500, name
