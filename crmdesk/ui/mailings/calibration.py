"""The calibration test page in the DM wizard, and the corrections remembered per printer.

The page (every label's outline, a centre cross, mm scales) is printed on plain paper and
held over a label sheet against the light; the gap is the correction. Printing or saving
the page remembers the correction tried for that printer and sheet (settings table), and
the wizard fills it in the next time that sheet is chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.services.label_offsets import DEFAULT_PRINTER, Offsets, printer_offsets
from crmdesk.services.label_offsets import remember_offsets as _remember
from crmdesk.ui.mailings.pdf_preview import PdfPreview, print_pdf
from crmdesk.ui.operations import in_label, run_check
from crmdesk.ui.save_guard import checked_target, copy_into
from crmdesk.ui.screen_fit import fit_to_screen


def default_printer_name() -> str:
    """The system's default printer, or ``"default"`` when there is none."""
    # deferred: the print support loads on the first print, not at start-up
    from PySide6.QtPrintSupport import QPrinterInfo

    return QPrinterInfo.defaultPrinterName() or DEFAULT_PRINTER


def saved_offsets(db: Any, layout_code: str, printer: str | None = None) -> Offsets:
    with db.sessions() as session:
        return printer_offsets(session, printer or default_printer_name(), layout_code)


def remember_offsets(
    db: Any, layout_code: str, offsets: Offsets, printer: str | None = None
) -> None:
    with db.transaction() as session:
        _remember(session, printer or default_printer_name(), layout_code, offsets)


class CalibrationDialog(QDialog):
    """Preview of a calibration page with Print and Save; ``remembered`` fires with the
    printer name once the offsets were stored for it."""

    remembered = Signal(str)

    def __init__(
        self, db: Any, pdf: Path, layout_code: str, offsets: Offsets, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.pdf = pdf
        self.layout_code = layout_code
        self.offsets = offsets
        self.setWindowTitle(self.tr("位置合わせ用の試し印刷"))
        fit_to_screen(self, 720, 760)
        self.preview = PdfPreview()
        self.pages = self.preview.show_pdf(pdf)
        self.message = QLabel(
            self.tr(
                "普通紙に印刷し、ラベル用紙と重ねて光に透かしてください。"
                "枠と切れ目のずれ（mm、右・下がプラス）を補正値に足します。"
            )
        )
        self.message.setWordWrap(True)
        self.print_button = QPushButton(self.tr("印刷…"))
        self.save_button = QPushButton(self.tr("PDFを保存…"))
        self.close_button = QPushButton(self.tr("閉じる"))
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        self.close_button.clicked.connect(self.accept)
        self.print_button.setDefault(True)

    def print_dialog(self) -> None:
        # deferred: the print support loads on the first print, not at start-up
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            print_pdf(self.pdf, printer)
            self.remember(printer.printerName() or None)

    def save_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("PDFを保存"), "calibration.pdf", "PDF (*.pdf)"
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, target: Path) -> None:
        checked, problem = checked_target(self.db, target)
        if checked is None:
            self.message.setText(problem)
            return
        copy_into(self.pdf, checked)
        self.remember(None)
        self.message.setText(self.tr("保存しました: {0}").format(target))

    def remember(self, printer: str | None) -> None:
        name = printer or default_printer_name()
        if not run_check(
            lambda: remember_offsets(self.db, self.layout_code, self.offsets, name),
            on_error=in_label(self.message),
        ).ok:
            return
        self.remembered.emit(name)
