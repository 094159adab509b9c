"""The DM wizard: segment -> recipients and the excluded -> layout and options -> PDF
(made off the UI thread) -> preview -> print or save, and the print is recorded.

Every rule is the service's (:mod:`crmdesk.services.mailings` decides who gets a piece
and who shares one as 連名; :mod:`crmdesk.services.mailings_print` makes the job and
records the print), exactly as ``crmdesk labels`` runs it. Printing or saving the PDF is
when labels are produced: that action, in one write transaction, audits the print,
saves where the next sheet starts, remembers the offsets for the printer and records the
mailing (once). The pages are in :mod:`crmdesk.ui.mailings.wizard_pages`, the sheet choice (start,
offsets, calibration page, a new sheet) in :mod:`crmdesk.ui.mailings.wizard_sheets`.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.errors import DomainError
from crmdesk.services import mailings_print, segments
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.ui import i18n
from crmdesk.ui.mailings.calibration import default_printer_name
from crmdesk.ui.mailings.pdf_preview import print_pdf
from crmdesk.ui.mailings.wizard_jobs import draw_job, preview_job
from crmdesk.ui.mailings.wizard_pages import OptionsPage, PreviewPage, RecipientsPage
from crmdesk.ui.mailings.wizard_sheets import SheetChoice
from crmdesk.ui.operations import in_label, run_op, run_read
from crmdesk.ui.save_guard import checked_target, copy_into
from crmdesk.ui.screen_fit import fit_to_screen
from crmdesk.ui.workers import run_in_background

PAGE_RECIPIENTS, PAGE_OPTIONS, PAGE_PREVIEW = range(3)
# The pages' widgets the wizard (and its tests) reach by name.
_PAGE_WIDGETS = {
    "recipients_page": (
        "segment_box", "household_check", "sort_check", "preview_button", "summary", "busy",
        "recipients_model", "excluded_model",
    ),
    "options_page": (
        "kind_box", "layout_box", "start_spin", "offset_x", "offset_y", "outlines_check",
        "number_check", "barcode_check", "control_spin", "cost_spin", "name_edit",
        "make_button", "new_layout_button", "calibration_button",
    ),
    "preview_page": ("preview", "print_button", "save_button"),
}  # fmt: skip


class MailingWizard(SheetChoice, QDialog):
    """Standalone given a Database; ``pdf_ready`` fires with the PDF's page count."""

    pdf_ready = Signal(int)
    previewed = Signal(int)  # pieces, once a preview (made off the UI thread) is shown
    failed = Signal(str)

    def __init__(
        self,
        db: Any,
        segment: str | None = None,
        parent: QWidget | None = None,
        actor: Any = None,
    ):
        super().__init__(parent)
        self.db = db
        self.actor = actor  # who may define a new sheet (the owner when None)
        self.mailing: Any = None
        self.pdf_path: Path | None = None
        self.job: Any = None  # the print job the PDF was made from
        self.printed_result: Any = None  # (not "result": that is QDialog.result())
        self.campaign: Any = None
        # One seed for this wizard, so making the PDF again holds back the same people.
        self._control_seed = secrets.randbelow(2**31)
        self._worker: Any = None
        self._preview_worker: Any = None
        self._preview_generation = 0
        # A scratch folder for the PDF until it is saved; removed when the wizard goes.
        self._tmp_dir = Path(tempfile.mkdtemp(prefix="crmdesk-dm-"))
        scratch = str(self._tmp_dir)
        self.destroyed.connect(lambda *_: shutil.rmtree(scratch, ignore_errors=True))
        self.setWindowTitle(self.tr("DM作成"))
        fit_to_screen(self, 900, 640)
        self.recipients_page = RecipientsPage()
        self.options_page = OptionsPage()
        self.preview_page = PreviewPage()
        for page, names in _PAGE_WIDGETS.items():
            for name in names:
                setattr(self, name, getattr(getattr(self, page), name))
        self.pages = QStackedWidget()
        for page in (self.recipients_page, self.options_page, self.preview_page):
            self.pages.addWidget(page)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.back_button = QPushButton(self.tr("戻る"))
        self.next_button = QPushButton(self.tr("次へ"))
        # a way out at every step, as the import wizard has (Esc does the same)
        self.close_button = QPushButton(self.tr("閉じる"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        nav = QHBoxLayout()
        nav.addWidget(self.message, 1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        nav.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(nav)
        self._load_choices(segment)
        self._connect_signals()
        self._update_nav()

    @property
    def printed(self) -> Any:
        """The mailing as printed (without the control group), once a PDF is made."""
        return self.job.mailing if self.job is not None else None

    @property
    def control(self) -> Any:
        return self.job.control if self.job is not None else None

    def _load_choices(self, segment: str | None) -> None:

        with self.db.reading() as session:
            found = segments.list_segments(session)
        for info in found:
            self.segment_box.addItem(info.name, info.id)
        if segment:
            index = self.segment_box.findText(segment)
            self.segment_box.setCurrentIndex(max(index, self.segment_box.findData(segment)))
        self.reload_layouts()

    def _connect_signals(self) -> None:
        self.preview_button.clicked.connect(self.preview_recipients)
        self.segment_box.currentIndexChanged.connect(self._forget_preview)
        self.household_check.toggled.connect(self._forget_preview)
        self.sort_check.toggled.connect(self._forget_preview)
        self.layout_box.currentIndexChanged.connect(self._on_layout)
        self.make_button.clicked.connect(self.make_pdf)
        self.new_layout_button.clicked.connect(self.new_layout)
        self.calibration_button.clicked.connect(self.calibration_page)
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        self.back_button.clicked.connect(lambda: self.go(self.pages.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go(self.pages.currentIndex() + 1))

    # -- steps -----------------------------------------------------------------------

    def go(self, index: int) -> None:
        if index == PAGE_PREVIEW and self.pdf_path is None:
            return
        self.pages.setCurrentIndex(max(0, min(index, PAGE_PREVIEW)))
        self._update_nav()

    def _update_nav(self) -> None:
        index = self.pages.currentIndex()
        self.back_button.setEnabled(index > 0)
        can_go = (index == PAGE_RECIPIENTS and bool(self.mailing and self.mailing.addressees)) or (
            index == PAGE_OPTIONS and self.pdf_path is not None
        )
        self.next_button.setEnabled(can_go)

    def _forget_preview(self) -> None:
        self._preview_generation += 1  # a preview still running is for other choices
        self._set_busy(False)
        self.mailing = None
        self.pdf_path = None
        self._update_nav()

    def preview_recipients(self) -> None:
        """Check the segment's recipients off the UI thread; ``previewed`` tells when shown."""
        ref = self.segment_box.currentData()
        if ref is None:
            self.message.setText(
                self.tr("セグメントがありません。先にセグメントを作成してください")
            )
            return
        self._preview_generation += 1
        generation = self._preview_generation
        self.mailing = None
        self.pdf_path = None
        self._update_nav()
        self._set_busy(True)
        self.message.setText(self.tr("送付先を確認しています…"))
        self._preview_worker = run_in_background(
            preview_job,
            self.db,
            ref,
            self.household_check.isChecked(),
            self.sort_check.isChecked(),
            self._actor(),
            on_done=lambda m: self._show_preview(generation, m),
            on_error=lambda e: self._preview_failed(generation, e),
            owner=self,
        )

    def _actor(self) -> Any:

        return self.actor if hasattr(self.actor, "require") else CLI_ACTOR

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.preview_button.setEnabled(not busy)
        if busy:
            self.summary.setText("")
        elif self.message.text() == self.tr("送付先を確認しています…"):
            self.message.setText("")

    def _show_preview(self, generation: int, mailing: Any) -> None:
        if generation != self._preview_generation:
            return  # the choices changed while it ran
        self._preview_worker = None
        self._set_busy(False)
        self.mailing = mailing
        self.recipients_page.show_mailing(mailing)
        if not mailing.addressees:
            self._show_error(DomainError("no_recipients", field="segment"))
        else:
            self.message.setText("")
        self.pdf_path = None
        self._update_nav()
        self.previewed.emit(len(mailing.addressees))

    def _preview_failed(self, generation: int, error: Exception) -> None:
        if generation != self._preview_generation:
            return
        self._preview_worker = None
        self._set_busy(False)
        self._show_error(error)

    def _show_error(self, error: Exception) -> None:
        if isinstance(error, DomainError):
            text = error.message(i18n.language())
        else:
            text = self.tr("エラー: {0}").format(error)
        self.message.setText(text)
        if isinstance(error, DomainError) and error.code == "no_recipients":
            return
        self.failed.emit(text)

    def make_pdf(self) -> None:
        """Make the print job (the service checks it and holds the control group back),
        then draw it off the UI thread. Nothing is recorded until it is printed or saved."""

        if not self.mailing or not self.mailing.addressees:
            self.message.setText(
                DomainError("no_recipients", field="segment").message(i18n.language())
            )
            return
        request = self.options_page.request(default_printer_name(), self._control_seed)
        mailing = self.mailing
        made = run_read(
            self.db,
            lambda session: mailings_print.make_job(session, mailing, request),
            on_error=in_label(self.message),
        )
        if not made.ok:
            return
        job = made.value
        out = self._tmp_dir / "dm.pdf"
        out.unlink(missing_ok=True)
        self.make_button.setEnabled(False)
        self.message.setText(self.tr("PDFを作成しています…"))
        self._worker = run_in_background(
            draw_job,
            job,
            out,
            on_done=lambda r: self._pdf_done(job, out, r),
            on_error=self._pdf_failed,
            owner=self,
        )

    def _pdf_done(self, job: Any, out: Path, result: Any) -> None:
        self.make_button.setEnabled(True)
        self.job, self.pdf_path, self.printed_result = job, out, result
        pages = self.preview.show_pdf(out)
        text = self.tr("{0}ページのPDFができました。印刷するか保存してください").format(pages)
        if job.control is not None:
            text += self.tr("（比較グループの{0}人には送りません）").format(
                f"{len(job.control.customer_ids):,}"
            )
        if job.request.barcode:
            text += self._barcode_note()
        self.message.setText(text)
        self.go(PAGE_PREVIEW)
        self.pdf_ready.emit(pages)

    def _pdf_failed(self, error: Exception) -> None:
        self.make_button.setEnabled(True)
        self._show_error(error)

    # -- print / save: the labels are produced, and recorded -------------------------------

    def print_dialog(self) -> None:
        # deferred: the print support loads on the first print, not at start-up
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.pdf_path is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            print_pdf(self.pdf_path, printer)
            self.record(printer.printerName() or None)

    def save_dialog(self) -> None:
        if self.pdf_path is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("PDFを保存"), "dm.pdf", "PDF (*.pdf)")
        if name:
            self.save_to(Path(name))

    def save_to(self, target: Path) -> None:
        assert self.pdf_path is not None
        checked, problem = checked_target(self.db, target)
        if checked is None:
            self.message.setText(problem)
            return
        copy_into(self.pdf_path, checked)
        if self.record():  # else the label says why it was not recorded
            self.message.setText(self.tr("保存しました: {0}").format(target))

    def record(self, printer: str | None = None) -> bool:
        """The labels went out (printed, or saved to print): one write transaction
        audits it, saves where the sheet ended and the offsets used with ``printer``,
        and records the mailing the first time. False when it was refused (the label
        says why)."""
        # deferred: reportlab / matplotlib load on the first print or chart, not at start-up
        from crmdesk.reports.layouts import get_layout

        if self.job is None:
            return False
        labels = self.job.request.kind == "labels"
        per_sheet = get_layout(self.job.request.layout_code).per_sheet if labels else 0
        job, last = self.job, self.printed_result.last_position if labels else 0
        recorded = run_op(
            self.db,
            lambda session: mailings_print.record_print(
                session,
                job,
                last_position=last,
                per_sheet=per_sheet,
                printer=printer,
                campaign=self.campaign,
                actor=self._actor(),
            ),
            on_error=in_label(self.message),
        )
        if not recorded.ok:
            return False
        done = recorded.value
        self.campaign = done.campaign
        if (
            done.next_start is not None
            and self.layout_box.currentData() == self.job.request.layout_code
        ):
            self.start_spin.setValue(done.next_start)
        return True

    def _barcode_note(self) -> str:
        """Who got no customer barcode: an address without 丁目・番地 numbers."""
        # deferred: reportlab / matplotlib load on the first print or chart, not at start-up
        from crmdesk.reports.barcode import barcode_for

        missing = [a.customer_number for a in self.printed.addressees if barcode_for(a) is None]
        if not missing:
            return ""
        shown = self.tr("、").join(missing[:5]) + (self.tr("…") if len(missing) > 5 else "")
        return "\n" + self.tr(
            "住所表示番号（丁目・番地）のない{count}人には"
            "カスタマバーコードを印刷していません: {who}"
        ).format(count=len(missing), who=shown)

    def done(self, result: int) -> None:
        self._preview_generation += 1  # a preview still running finds no window to fill
        shutil.rmtree(self._tmp_dir, ignore_errors=True)
        super().done(result)
