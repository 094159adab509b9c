"""A PDF shown page by page (rasterised with pypdfium2), and sent to a printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget


def render_pages(path: Path, *, scale: float = 1.0) -> list[QImage]:
    """Every page of a PDF as an image (72 dpi x ``scale``)."""
    # deferred: the PDF renderer loads on the first preview, not at start-up
    import pypdfium2 as pdfium

    images = []
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            bitmap = page.render(scale=scale, rev_byteorder=True)
            array = bitmap.to_numpy()
            height, width = array.shape[:2]
            fmt = (
                QImage.Format.Format_RGB888
                if array.shape[2] == 3
                else QImage.Format.Format_RGBA8888
            )
            image = QImage(array.data, width, height, array.strides[0], fmt).copy()
            images.append(image)
            page.close()
    finally:
        document.close()
    return images


class PdfPreview(QScrollArea):
    """Pages one under the other, scrollable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self._inner)
        self.pages: list[QLabel] = []

    def show_pdf(self, path: Path) -> int:
        for label in self.pages:
            label.deleteLater()
        self.pages = []
        for image in render_pages(path, scale=1.0):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #999; background: white;")
            self._layout.addWidget(label)
            self.pages.append(label)
        return len(self.pages)


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Draw every page at its true size onto a printer chosen in QPrintDialog.

    The printer is set to the PDF's paper size and to full-page mode, so a label sheet
    lands where the PDF puts it (the offset calibration is already in the PDF).
    """
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    width_pt, height_pt = document[0].get_size()
    document.close()
    size = QPageSize(QSizeF(width_pt, height_pt), QPageSize.Unit.Point)
    printer.setPageSize(size)
    printer.setFullPage(True)
    images = render_pages(path, scale=300 / 72)
    painter = QPainter(printer)
    try:
        for i, image in enumerate(images):
            if i:
                printer.newPage()
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(QRectF(target), image)
    finally:
        painter.end()
    return len(images)
