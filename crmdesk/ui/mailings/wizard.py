"""The DM wizard: segment -> recipients and the excluded -> layout and options -> PDF
(made off the UI thread) -> preview -> print or save, and the mailing is recorded."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.errors import DomainError
from crmdesk.core.messages_segments import EXCLUSION_REASONS
from crmdesk.core.postal import format_postal
from crmdesk.ui import i18n
from crmdesk.ui.mailings.pdf_preview import PdfPreview
from crmdesk.ui.rows_model import RowsModel
from crmdesk.ui.save_guard import checked_target, copy_into
from crmdesk.ui.workers import run_in_background

PAGE_RECIPIENTS, PAGE_OPTIONS, PAGE_PREVIEW = range(3)


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    return view


class MailingWizard(QDialog):
    """Standalone given a Database; ``pdf_ready`` fires with the PDF's page count."""

    pdf_ready = Signal(int)
    previewed = Signal(int)  # recipients, once a preview (made off the UI thread) is shown
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
        self.result: Any = None
        self.campaign: Any = None
        # What is printed when a control group is held back, and that group (None: none).
        self.printed: Any = None
        self.control: Any = None
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
        self.resize(900, 640)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._recipients_page())
        self.pages.addWidget(self._options_page())
        self.pages.addWidget(self._preview_page())
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.back_button = QPushButton(self.tr("戻る"))
        self.next_button = QPushButton(self.tr("次へ"))
        nav = QHBoxLayout()
        nav.addWidget(self.message, 1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(nav)
        self._load_choices(segment)
        self._connect_signals()
        self._update_nav()

    # -- pages -----------------------------------------------------------------------

    def _recipients_page(self) -> QWidget:
        page = QWidget()
        self.segment_box = QComboBox()
        self.household_check = QCheckBox(self.tr("1世帯に1通"))
        self.sort_check = QCheckBox(self.tr("郵便番号順"))
        self.preview_button = QPushButton(self.tr("送付先を確認"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("セグメント")))
        top.addWidget(self.segment_box, 1)
        for w in (self.household_check, self.sort_check, self.preview_button):
            top.addWidget(w)
        self.summary = QLabel("")
        self.busy = QProgressBar()  # runs to and fro while the recipients are checked
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.setAccessibleName(self.tr("送付先を確認しています"))
        self.busy.hide()
        self.recipients_model = RowsModel(
            [self.tr("顧客番号"), self.tr("氏名"), self.tr("郵便番号"), self.tr("住所")], self
        )
        self.excluded_model = RowsModel(
            [self.tr("顧客番号"), self.tr("氏名"), self.tr("対象外の理由")], self
        )
        split = QSplitter()
        for title, model in (
            (self.tr("送付先"), self.recipients_model),
            (self.tr("対象外"), self.excluded_model),
        ):
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.addWidget(QLabel(title))
            inner.addWidget(_table(model))
            split.addWidget(box)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.busy)
        layout.addWidget(split, 1)
        return page

    def _options_page(self) -> QWidget:
        page = QWidget()
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("宛名ラベル"), "labels")
        self.kind_box.addItem(self.tr("はがき（宛名面）"), "postcards")
        self.layout_box = QComboBox()
        self.start_spin = QSpinBox()
        self.start_spin.setRange(1, 999)
        self.offset_x = QDoubleSpinBox()
        self.offset_y = QDoubleSpinBox()
        for spin in (self.offset_x, self.offset_y):
            spin.setRange(-10.0, 10.0)
            spin.setSingleStep(0.5)
            spin.setSuffix(" mm")
        self.outlines_check = QCheckBox(self.tr("枠線を印刷（試し刷り）"))
        self.number_check = QCheckBox(self.tr("顧客番号を印刷"))
        self.barcode_check = QCheckBox(self.tr("カスタマバーコードを印刷"))
        self.barcode_check.setToolTip(
            self.tr(
                "日本郵便の割引に使うバーコードを住所の下に印刷します（郵便番号と住所表示番号から）"
            )
        )
        self.control_spin = QSpinBox()
        self.control_spin.setRange(0, 50)
        self.control_spin.setSuffix(" %")
        self.control_spin.setSpecialValueText(self.tr("なし（全員に送る）"))
        self.control_spin.setToolTip(
            self.tr(
                "無作為に選んだ一部のお客様には送らず、送った方との来店の差で"
                "DMの効果を測ります（おすすめ 10%）"
            )
        )
        self.cost_spin = QSpinBox()
        self.cost_spin.setRange(0, 10_000)
        self.cost_spin.setSuffix(self.tr(" 円"))
        self.name_edit = QLineEdit(
            self.tr("{year}年{month}月 DM").format(year=date.today().year, month=date.today().month)
        )
        self.make_button = QPushButton(self.tr("PDFを作成"))
        self.new_layout_button = QPushButton(self.tr("新しい用紙…"))
        self.calibration_button = QPushButton(self.tr("位置合わせ用の試し印刷…"))
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.layout_box, 1)
        sheet_row.addWidget(self.new_layout_button)
        form = QFormLayout(page)
        form.addRow(self.tr("種類"), self.kind_box)
        form.addRow(self.tr("ラベル用紙"), sheet_row)
        form.addRow(self.tr("開始位置（何枚目のラベルから）"), self.start_spin)
        form.addRow(self.tr("印刷位置の補正 横"), self.offset_x)
        form.addRow(self.tr("印刷位置の補正 縦"), self.offset_y)
        form.addRow("", self.calibration_button)
        form.addRow("", self.outlines_check)
        form.addRow("", self.number_check)
        form.addRow("", self.barcode_check)
        form.addRow(self.tr("DMの名前（記録）"), self.name_edit)
        form.addRow(self.tr("比較グループ（送らない割合）"), self.control_spin)
        form.addRow(self.tr("1通あたりの費用（郵送・印刷）"), self.cost_spin)
        form.addRow("", self.make_button)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.preview = PdfPreview()
        self.print_button = QPushButton(self.tr("印刷…"))
        self.save_button = QPushButton(self.tr("PDFを保存…"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        return page

    def _load_choices(self, segment: str | None) -> None:
        from crmdesk.services import segments

        with self.db.transaction() as session:
            found = segments.list_segments(session)
        for info in found:
            self.segment_box.addItem(info.name, info.id)
        if segment:
            index = self.segment_box.findText(segment)
            self.segment_box.setCurrentIndex(max(index, self.segment_box.findData(segment)))
        self.reload_layouts()

    def reload_layouts(self, select: str | None = None) -> None:
        """Fill the sheet list (built-in and the owner's), choosing ``select`` if given."""
        from crmdesk.reports.layouts import load_layouts

        current = select or self.layout_box.currentData()
        try:
            layouts = load_layouts()
        except DomainError as error:
            self.message.setText(error.message(i18n.language()))
            layouts = {}
        self.layout_box.blockSignals(True)
        self.layout_box.clear()
        for code, layout in sorted(layouts.items()):
            self.layout_box.addItem(f"{layout.maker} {layout.product}（{code}）", code)
        if current is not None and self.layout_box.findData(current) >= 0:
            self.layout_box.setCurrentIndex(self.layout_box.findData(current))
        self.layout_box.blockSignals(False)
        self._on_layout()

    def _connect_signals(self) -> None:
        self.preview_button.clicked.connect(self.preview_recipients)
        self.segment_box.currentIndexChanged.connect(self._forget_preview)
        self.household_check.toggled.connect(self._forget_preview)
        self.sort_check.toggled.connect(self._forget_preview)
        self.layout_box.currentIndexChanged.connect(self._on_layout)
        self.kind_box.currentIndexChanged.connect(self._on_kind)
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
            _preview_job,
            self.db,
            ref,
            self.household_check.isChecked(),
            self.sort_check.isChecked(),
            self.actor if hasattr(self.actor, "require") else None,
            on_done=lambda m: self._show_preview(generation, m),
            on_error=lambda e: self._preview_failed(generation, e),
            owner=self,
        )

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
        self.mailing = m = mailing
        self.recipients_model.set_rows(
            [
                (a.customer_number, a.name or a.company, format_postal(a.postal_code), a.address)
                for a in m.addressees
            ],
            m.addressees,
        )
        self.excluded_model.set_rows(
            [(e.customer_number, e.name, self._reasons(e)) for e in m.excluded], m.excluded
        )
        lang = i18n.language()
        counts = self.tr("、").join(
            self.tr("{reason} {count}人").format(reason=EXCLUSION_REASONS[k][lang], count=v)
            for k, v in m.reason_counts().items()
        )
        self.summary.setText(
            self.tr("送付 {sent}人 / 対象外 {excluded}人").format(
                sent=f"{len(m.addressees):,}", excluded=f"{len(m.excluded):,}"
            )
            + (self.tr("（{0}）").format(counts) if counts else "")
        )
        if not m.addressees:
            self.message.setText(
                DomainError("no_recipients", field="segment").message(i18n.language())
            )
        else:
            self.message.setText("")
        self.pdf_path = None
        self._update_nav()
        self.previewed.emit(len(m.addressees))

    def _preview_failed(self, generation: int, error: Exception) -> None:
        if generation != self._preview_generation:
            return
        self._preview_worker = None
        self._set_busy(False)
        if isinstance(error, DomainError):
            text = error.message(i18n.language())
        else:
            text = self.tr("エラー: {0}").format(error)
        self.message.setText(text)
        self.failed.emit(text)

    def _on_layout(self) -> None:
        code = self.layout_box.currentData()
        if code is None:
            return
        from crmdesk.reports.layouts import get_layout
        from crmdesk.services import campaigns

        layout = get_layout(code)
        self.start_spin.setRange(1, layout.cols * layout.rows)
        with self.db.transaction() as session:
            self.start_spin.setValue(campaigns.next_start(session, code))
        from crmdesk.ui.mailings.calibration import saved_offsets

        offsets = saved_offsets(self.db, code)
        self.offset_x.setValue(offsets.x_mm)
        self.offset_y.setValue(offsets.y_mm)

    def new_layout(self) -> Any:
        """Define a sheet in mm; once saved it is listed and chosen. Returns the dialog."""
        from crmdesk.ui.mailings.layout_editor import LayoutEditorDialog

        dialog = LayoutEditorDialog(self.actor, parent=self)
        dialog.saved.connect(self.reload_layouts)
        dialog.open()
        return dialog

    def calibration_page(self) -> Any:
        """The test page for the chosen sheet and offsets, previewed to print or save."""
        from crmdesk.reports.labels import render_calibration_page
        from crmdesk.reports.layouts import get_layout
        from crmdesk.services.label_offsets import Offsets
        from crmdesk.ui.mailings.calibration import CalibrationDialog

        code = self.layout_box.currentData()
        if code is None:
            return None
        out = self._tmp_dir / "calibration.pdf"
        offsets = Offsets(self.offset_x.value(), self.offset_y.value())
        try:
            render_calibration_page(
                get_layout(code), out, offset_x_mm=offsets.x_mm, offset_y_mm=offsets.y_mm
            )
        except DomainError as error:
            self.message.setText(error.message(i18n.language()))
            return None
        dialog = CalibrationDialog(self.db, out, code, offsets, parent=self)
        dialog.open()
        return dialog

    def _on_kind(self) -> None:
        labels = self.kind_box.currentData() == "labels"
        for w in (
            self.layout_box,
            self.start_spin,
            self.offset_x,
            self.offset_y,
            self.number_check,
            self.new_layout_button,
            self.calibration_button,
        ):
            w.setEnabled(labels)

    def make_pdf(self) -> None:
        if not self.mailing or not self.mailing.addressees:
            self.message.setText(
                DomainError("no_recipients", field="segment").message(i18n.language())
            )
            return
        try:
            printed = self._hold_out_control()
        except DomainError as error:
            self.message.setText(error.message(i18n.language()))
            return
        out = self._tmp_dir / "dm.pdf"
        out.unlink(missing_ok=True)
        self.make_button.setEnabled(False)
        self.message.setText(self.tr("PDFを作成しています…"))
        kind = self.kind_box.currentData()
        if kind == "labels":
            job_args: tuple[Any, ...] = (
                _labels_job,
                list(printed.addressees),
                self.layout_box.currentData(),
                self._label_options(),
                out,
            )
        else:
            with self.db.transaction() as session:
                from crmdesk.services import campaigns

                sender = campaigns.postcard_sender(session)
            job_args = (
                _postcards_job,
                list(printed.addressees),
                sender,
                out,
                self.outlines_check.isChecked(),
                self.barcode_check.isChecked(),
            )
        self._worker = run_in_background(
            *job_args,
            on_done=lambda r: self._pdf_done(out, r),
            on_error=self._pdf_failed,
            owner=self,
        )

    def _hold_out_control(self) -> Any:
        """The mailing as it will be printed: without the control group, when one is asked
        for. The people held back never get a label or a postcard."""
        from crmdesk.services import campaigns

        self.printed, self.control = self.mailing, None
        percent = self.control_spin.value()
        if percent:
            if not self.name_edit.text().strip():
                raise DomainError("control_needs_record", field="control")
            self.printed, self.control = campaigns.hold_out_control(
                self.mailing, percent, seed=self._control_seed
            )
        return self.printed

    def _label_options(self) -> dict[str, Any]:
        return {
            "start_at": self.start_spin.value(),
            "sort_postal": self.sort_check.isChecked(),
            "one_per_household": self.household_check.isChecked(),
            "offset_x_mm": self.offset_x.value(),
            "offset_y_mm": self.offset_y.value(),
            "outlines": self.outlines_check.isChecked(),
            "show_customer_number": self.number_check.isChecked(),
            "barcode": self.barcode_check.isChecked(),
        }

    def _pdf_done(self, out: Path, result: Any) -> None:
        self.make_button.setEnabled(True)
        self.pdf_path = out
        self.result = result
        pages = self.preview.show_pdf(out)
        text = self.tr("{0}ページのPDFができました。印刷するか保存してください").format(pages)
        if self.control is not None:
            text += self.tr("（比較グループの{0}人には送りません）").format(
                f"{len(self.control.customer_ids):,}"
            )
        if self.barcode_check.isChecked():
            text += self._barcode_note()
        self.message.setText(text)
        self.go(PAGE_PREVIEW)
        self.pdf_ready.emit(pages)

    def _pdf_failed(self, error: Exception) -> None:
        self.make_button.setEnabled(True)
        if isinstance(error, DomainError):
            text = error.message(i18n.language())
        else:
            text = self.tr("エラー: {0}").format(error)
        self.message.setText(text)
        self.failed.emit(text)

    # -- print / save, then record ---------------------------------------------------------

    def print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from crmdesk.ui.mailings.pdf_preview import print_pdf

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
        self.record()
        self.message.setText(self.tr("保存しました: {0}").format(target))

    def record(self, printer: str | None = None) -> None:
        """The mailing went out: freeze its recipients, remember where the sheet ended and
        the print-position correction used with this printer."""
        from crmdesk.services import campaigns
        from crmdesk.services.label_offsets import Offsets
        from crmdesk.ui.mailings.calibration import remember_offsets

        kind = self.kind_box.currentData()
        code = self.layout_box.currentData() if kind == "labels" else ""
        try:
            if kind == "labels" and code:
                offsets = Offsets(self.offset_x.value(), self.offset_y.value())
                remember_offsets(self.db, code, offsets, printer)
            with self.db.transaction() as session:
                if kind == "labels" and self.result is not None:
                    from crmdesk.reports.layouts import get_layout

                    layout = get_layout(code)
                    per_sheet = layout.cols * layout.rows
                    campaigns.remember_next_start(
                        session, code, self.result.last_position, per_sheet
                    )
                if self.campaign is None and self.name_edit.text().strip():
                    self.campaign = campaigns.create_campaign(
                        session,
                        self.name_edit.text(),
                        self.printed if self.printed is not None else self.mailing,
                        kind=kind,
                        layout_code=code or "",
                        options=self._label_options() if kind == "labels" else {},
                        control=self.control,
                        cost_per_piece=self.cost_spin.value() or None,
                        **({"actor": self.actor} if hasattr(self.actor, "require") else {}),
                    )
        except DomainError as error:
            self.message.setText(error.message(i18n.language()))

    def _barcode_note(self) -> str:
        """Who got no customer barcode: an address without 丁目・番地 numbers."""
        from crmdesk.reports.barcode import barcode_for

        missing = [a.customer_number for a in self.printed.addressees if barcode_for(a) is None]
        if not missing:
            return ""
        shown = self.tr("、").join(missing[:5]) + (self.tr("…") if len(missing) > 5 else "")
        return "\n" + self.tr(
            "住所表示番号（丁目・番地）のない{count}人には"
            "カスタマバーコードを印刷していません: {who}"
        ).format(count=len(missing), who=shown)

    def _reasons(self, item: Any) -> str:
        lang = i18n.language()
        text = self.tr("、").join(EXCLUSION_REASONS[r][lang] for r in item.reasons)
        if item.same_household_as:
            text += self.tr("（{0}と同一）").format(item.same_household_as)
        return text

    def done(self, result: int) -> None:
        self._preview_generation += 1  # a preview still running finds no window to fill
        shutil.rmtree(self._tmp_dir, ignore_errors=True)
        super().done(result)


def _preview_job(
    db: Any, ref: str, one_per_household: bool, sort_postal: bool, actor: Any = None
) -> Any:
    from crmdesk.services import campaigns

    with db.sessions() as session:
        return campaigns.preview(
            session,
            ref,
            one_per_household=one_per_household,
            sort_postal=sort_postal,
            **({"actor": actor} if actor is not None else {}),
        )


def _labels_job(addressees: list[Any], code: str, options: dict[str, Any], out: Path) -> Any:
    from crmdesk.reports.labels import LabelOptions, render_labels
    from crmdesk.reports.layouts import get_layout

    return render_labels(addressees, get_layout(code), LabelOptions(**options), out)


def _postcards_job(
    addressees: list[Any], sender: Any, out: Path, outlines: bool, barcode: bool = False
) -> int:
    from crmdesk.reports.postcards import Sender, render_postcards

    return render_postcards(
        addressees, Sender(**sender) if sender else None, out, outlines=outlines, barcode=barcode
    )
