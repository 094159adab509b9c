"""Export dialog: what (customers, a segment, purchases, inquiries), format, file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from crmdesk.services.export import export
from crmdesk.services.staff import Actor
from crmdesk.ui.operations import in_label, run_op
from crmdesk.ui.save_guard import checked_target, confirm_replace

KINDS = [
    (QT_TRANSLATE_NOOP("ExportDialog", "顧客"), "customers"),
    (QT_TRANSLATE_NOOP("ExportDialog", "セグメントの顧客"), "segment"),
    (QT_TRANSLATE_NOOP("ExportDialog", "購入履歴"), "purchases"),
    (QT_TRANSLATE_NOOP("ExportDialog", "問い合わせ"), "inquiries"),
]
FORMATS = [
    (QT_TRANSLATE_NOOP("ExportDialog", "CSV（UTF-8・Excel向け）"), ("csv", "utf-8-sig")),
    (QT_TRANSLATE_NOOP("ExportDialog", "CSV（Shift_JIS）"), ("csv", "cp932")),
    (QT_TRANSLATE_NOOP("ExportDialog", "Excel（xlsx）"), ("xlsx", "utf-8-sig")),
]


class ExportDialog(QDialog):
    """Writes one export through the service (owner only; audited there)."""

    def __init__(self, db: Any, actor: Actor, parent: Any = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("書き出し"))
        self.kind = QComboBox()
        for label, key in KINDS:
            self.kind.addItem(QCoreApplication.translate("ExportDialog", label), key)
        self.segment = QLineEdit()
        self.segment.setPlaceholderText(self.tr("セグメント名"))
        self.format = QComboBox()
        for label, value in FORMATS:
            self.format.addItem(QCoreApplication.translate("ExportDialog", label), value)
        self.path = QLineEdit()
        self.path.setObjectName("export_path")
        browse = QPushButton(self.tr("参照…"))
        browse.clicked.connect(self._browse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("内容"), self.kind)
        form.addRow(self.tr("セグメント"), self.segment)
        form.addRow(self.tr("形式"), self.format)
        form.addRow(self.tr("ファイル"), row)
        form.addRow(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.result: Any = None

    def _kind_changed(self) -> None:
        self.segment.setEnabled(self.kind.currentData() == "segment")

    def _browse(self) -> None:
        fmt, _ = self.format.currentData()
        suffix = "xlsx" if fmt == "xlsx" else "csv"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("書き出し先"), f"export.{suffix}", f"*.{suffix}"
        )
        if path:
            self.path.setText(path)
            self._confirmed = path  # the file dialog asked before replacing it

    def run(self) -> None:
        fmt, encoding = self.format.currentData()
        path = self.path.text().strip()
        if not path:
            self.status.setText(self.tr("書き出し先のファイルを指定してください"))
            return
        checked, problem = checked_target(self.db, path)  # the database is refused outright
        if checked is None:
            self.status.setText(problem)
            return
        if path != getattr(self, "_confirmed", None) and not confirm_replace(self, checked):
            return
        done = run_op(
            self.db,
            lambda s: export(s, self.actor, self.kind.currentData(), path, fmt=fmt,
                             encoding=encoding, segment=self.segment.text().strip() or None),
            on_error=in_label(self.status),
        )  # fmt: skip
        if not done.ok:
            return
        self.result = done.value
        self.status.setText(
            self.tr("{rows} 件を書き出しました: {path}").format(
                rows=f"{self.result.rows:,}", path=self.result.path
            )
        )
