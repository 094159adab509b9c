"""Help > About: the versions, the data folder, and the licences of what is bundled.

The licence texts are files in ``resources/licenses`` (written by
``python tools/collect_licenses.py`` from the installed packages' own metadata), so the
packaged app ships them beside its resources and the dialog only reads them.
"""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crmdesk import paths
from crmdesk.core.version import version
from crmdesk.ui.screen_fit import fit_to_screen

LICENCES = [
    (QT_TRANSLATE_NOOP("About", "IPAexゴシック（フォント）: IPAフォントライセンスv1.0"),
     "IPA_Font_License_Agreement_v1.0.txt"),
    (QT_TRANSLATE_NOOP("About", "Qt / PySide6: LGPL v3"), "Qt_PySide6_LGPL-3.0.txt"),
    (QT_TRANSLATE_NOOP("About", "psycopg（ハブとの同期）: LGPL v3"), "psycopg.txt"),
    (QT_TRANSLATE_NOOP("About", "pykakasi（ふりがな）: GPL v3 以降"), "pykakasi.txt"),
    (QT_TRANSLATE_NOOP("About", "GNU GPL v3 の全文"), "GPL-3.0.txt"),
    (QT_TRANSLATE_NOOP("About", "そのほかのライブラリ（MIT・BSD・Apache など）"),
     "third-party.txt"),
]  # fmt: skip


def licences() -> list[tuple[str, str]]:
    """(what, file in resources/licenses), in the order shown."""
    return [(QCoreApplication.translate("About", str(title)), name) for title, name in LICENCES]


def read_licence(name: str) -> str:
    path = paths.resource("licenses", name)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        missing = QCoreApplication.translate("About", "ライセンスのファイルが見つかりません: {0}")
        return missing.format(path)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("crmdeskについて"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._about_page(), self.tr("バージョン(&V)"))
        self.tabs.addTab(self._licence_page(), self.tr("ライセンス(&L)"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("国")
        fit_to_screen(self, 52 * em, 40 * em)

    def _about_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        title = QLabel(self.tr("crmdesk {0}\n小さなお店のための顧客管理").format(version()))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        form.addRow(title)
        self.folder = paths.data_dir()
        self.versions = {
            "crmdesk": version() or self.tr("（不明）"),
            "Qt": qVersion(),
            "PySide6": pyside_version,
            "Python": platform.python_version(),
            "OS": platform.platform(terse=True),
        }
        for name, value in self.versions.items():
            label = QLabel(value)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{name}:", label)
        self.folder_label = QLabel(str(self.folder))
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_folder = QPushButton(self.tr("データのフォルダーを開く(&O)"))
        open_folder.clicked.connect(self.open_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder_label, 1)
        row.addWidget(open_folder)
        form.addRow(self.tr("データのフォルダー:"), row)
        return page

    def _licence_page(self) -> QWidget:
        page = QWidget()
        self.licence_list = QListWidget()
        self.licence_text = QPlainTextEdit()
        self.licence_text.setReadOnly(True)
        self.licence_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.licence_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.files = [name for _title, name in licences()]
        for title, _name in licences():
            self.licence_list.addItem(title)
        self.licence_list.currentRowChanged.connect(self.show_licence)
        intro = QLabel(
            self.tr(
                "crmdesk に含まれるフォントとライブラリのライセンスです。"
                "↑↓で選ぶと、下に全文を表示します。"
            )
        )
        intro.setWordWrap(True)
        # the list above the text, each title whole (side by side, they were cut off)
        rows = self.licence_list.count()
        frame = 2 * self.licence_list.frameWidth() + 4
        self.licence_list.setFixedHeight(self.licence_list.sizeHintForRow(0) * rows + frame)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.licence_list)
        layout.addWidget(self.licence_text, 1)
        self.licence_list.setCurrentRow(0)
        return page

    def show_licence(self, row: int) -> None:
        if 0 <= row < len(self.files):
            self.licence_text.setPlainText(read_licence(self.files[row]))

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.folder))))
