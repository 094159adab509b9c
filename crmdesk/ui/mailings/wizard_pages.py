"""The three pages of the DM wizard (:mod:`crmdesk.ui.mailings.wizard`): who gets the
mailing, how it is printed, and the PDF to print or save. Widgets only: the wizard wires
them and the service (:mod:`crmdesk.services.mailings`) decides."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.messages_segments import EXCLUSION_REASONS
from crmdesk.core.postal import format_postal
from crmdesk.services.label_offsets import Offsets
from crmdesk.services.mailings_print import PrintRequest
from crmdesk.ui import i18n
from crmdesk.ui.mailings.pdf_preview import PdfPreview
from crmdesk.ui.rows_model import RowsModel


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    return view


class RecipientsPage(QWidget):
    """The segment, household and sort choices, and the pieces and the excluded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.segment_box = QComboBox()
        self.household_check = QCheckBox(self.tr("1世帯に1通"))
        self.household_check.setToolTip(self.tr("同じ住所の方は1枚に連名で印刷します"))
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
        self._views = []
        for title, model in (
            (self.tr("送付先"), self.recipients_model),
            (self.tr("対象外"), self.excluded_model),
        ):
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.addWidget(QLabel(title))
            self._views.append(_table(model))
            inner.addWidget(self._views[-1])
            split.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.busy)
        layout.addWidget(split, 1)

    def show_mailing(self, m: Any) -> None:
        """Fill both lists and the summary from a :class:`MailingPreview`."""
        self.recipients_model.set_rows(
            [
                (a.customer_number, self._name(a), format_postal(a.postal_code), a.address)
                for a in m.addressees
            ],
            m.addressees,
        )
        self.excluded_model.set_rows(
            [(e.customer_number, e.name, self._reasons(e)) for e in m.excluded], m.excluded
        )
        for view in self._views:  # a name with its 連名 is read whole
            view.resizeColumnsToContents()
        lang = i18n.language()
        counts = self.tr("、").join(
            self.tr("{reason} {count}人").format(reason=EXCLUSION_REASONS[k][lang], count=f"{v:,}")
            for k, v in m.reason_counts().items()
        )
        text = self.tr("送付 {sent}人 / 対象外 {excluded}人").format(
            sent=f"{m.people:,}", excluded=f"{len(m.excluded):,}"
        )
        if m.people != len(m.addressees):
            text += self.tr("（{pieces}通、連名 {joint}人）").format(
                pieces=f"{len(m.addressees):,}", joint=f"{m.people - len(m.addressees):,}"
            )
        self.summary.setText(text + (self.tr("（{0}）").format(counts) if counts else ""))

    def _name(self, a: Any) -> str:
        name = a.name or a.company
        if a.joint_names:
            name += self.tr("（連名: {0}）").format(self.tr("、").join(a.joint_names))
        return str(name)

    def _reasons(self, item: Any) -> str:
        lang = i18n.language()
        text = self.tr("、").join(EXCLUSION_REASONS[r][lang] for r in item.reasons)
        if item.same_household_as:
            text += self.tr("（{0}と同一）").format(item.same_household_as)
        return str(text)


class OptionsPage(QWidget):
    """Labels or postcards, the sheet, start, offsets, what is printed, the record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        form = QFormLayout(self)
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
        self.kind_box.currentIndexChanged.connect(self._on_kind)

    def offsets(self) -> Offsets:
        return Offsets(self.offset_x.value(), self.offset_y.value())

    def request(self, printer: str, control_seed: int) -> PrintRequest:
        """What is asked for, as :mod:`crmdesk.services.mailings_print` takes it."""
        labels = self.kind_box.currentData() == "labels"
        return PrintRequest(
            kind=self.kind_box.currentData(),
            layout_code=(self.layout_box.currentData() or "") if labels else "",
            start_at=self.start_spin.value(),
            offsets=self.offsets(),
            printer=printer,
            outlines=self.outlines_check.isChecked(),
            show_customer_number=self.number_check.isChecked(),
            barcode=self.barcode_check.isChecked(),
            record_name=self.name_edit.text(),
            control_percent=self.control_spin.value() or None,
            control_seed=control_seed,
            cost_per_piece=self.cost_spin.value() or None,
        )

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


class PreviewPage(QWidget):
    """The PDF made, with Print and Save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = PdfPreview()
        self.print_button = QPushButton(self.tr("印刷…"))
        self.save_button = QPushButton(self.tr("PDFを保存…"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
