"""Define a label sheet in mm: every field checked live, a message beside the field at fault.

The sheet is stored with :func:`crmdesk.reports.layouts.save_custom_layout` (a TOML file in
``<data_dir>/labels``) and then listed with the built-in ones. Only the owner saves.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.reports.layouts import LabelLayout, save_custom_layout, validate_layout
from crmdesk.services.staff import Actor
from crmdesk.ui import i18n

OWNER = Actor(staff_id=None, name="owner", role="owner")
# Paper sizes offered by name (mm); anything else is typed in as "custom".
PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MM_FIELDS = ("label_w_mm", "label_h_mm", "x0_mm", "y0_mm", "dx_mm", "dy_mm", "radius_mm")
# A 12-label A4 sheet to start from (the owner changes what differs).
START = {
    "label_w_mm": 86.4,
    "label_h_mm": 42.3,
    "x0_mm": 18.6,
    "y0_mm": 21.2,
    "dx_mm": 86.4,
    "dy_mm": 42.3,
    "radius_mm": 0.0,
}


def _mm_spin(value: float = 0.0) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0.0, 999.0)
    spin.setDecimals(2)
    spin.setSingleStep(0.1)
    spin.setSuffix(" mm")
    spin.setValue(value)
    spin.setKeyboardTracking(True)
    return spin


class LayoutEditorDialog(QDialog):
    """``saved`` fires with the new sheet's code once its file is written."""

    saved = Signal(str)

    def __init__(
        self,
        actor: Actor | None = None,
        directory: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor = actor or OWNER
        self.directory = directory
        self.saved_path: Path | None = None
        self.setWindowTitle(self.tr("新しいラベル用紙"))
        self.setMinimumWidth(820)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("my-sheet-12")
        self.maker_edit = QLineEdit()
        self.product_edit = QLineEdit()
        self.paper_box = QComboBox()
        for name in PAPERS:
            self.paper_box.addItem(name, name)
        self.paper_box.addItem(self.tr("その他（幅×高さを入力）"), "custom")
        self.paper_w = _mm_spin(PAPERS["A4"][0])
        self.paper_h = _mm_spin(PAPERS["A4"][1])
        self.cols_spin = QSpinBox()
        self.rows_spin = QSpinBox()
        for spin, value in ((self.cols_spin, 2), (self.rows_spin, 6)):
            spin.setRange(0, 99)
            spin.setValue(value)
        self.spins = {name: _mm_spin(START[name]) for name in MM_FIELDS}
        self.inputs: dict[str, QWidget] = {
            "code": self.code_edit,
            "maker": self.maker_edit,
            "product": self.product_edit,
            "paper_w_mm": self.paper_w,
            "paper_h_mm": self.paper_h,
            "cols": self.cols_spin,
            "rows": self.rows_spin,
            **self.spins,
        }
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        self._row(form, self.tr("用紙コード（英小文字・数字・-）"), "code")
        self._row(form, self.tr("メーカー"), "maker")
        self._row(form, self.tr("品番"), "product")
        form.addRow(self.tr("用紙"), self.paper_box)
        self._row(form, self.tr("用紙の幅"), "paper_w_mm")
        self._row(form, self.tr("用紙の高さ"), "paper_h_mm")
        self._row(form, self.tr("列数（横に並ぶ枚数）"), "cols")
        self._row(form, self.tr("行数（縦に並ぶ枚数）"), "rows")
        self._row(form, self.tr("ラベルの幅"), "label_w_mm")
        self._row(form, self.tr("ラベルの高さ"), "label_h_mm")
        self._row(form, self.tr("左余白（1枚目の左端）"), "x0_mm")
        self._row(form, self.tr("上余白（1枚目の上端）"), "y0_mm")
        self._row(form, self.tr("横方向のピッチ"), "dx_mm")
        self._row(form, self.tr("縦方向のピッチ"), "dy_mm")
        self._row(form, self.tr("角の丸み（半径）"), "radius_mm")
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.paper_box.currentIndexChanged.connect(self._on_paper)
        for widget in self.inputs.values():
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self.check)
            else:
                widget.valueChanged.connect(self.check)  # type: ignore[attr-defined]
        self._on_paper()
        self.code_edit.setFocus()

    def _row(self, form: QFormLayout, title: str, name: str) -> None:
        error = QLabel("")
        error.setObjectName(f"error_{name}")
        error.setStyleSheet("color: #b00020;")
        error.setWordWrap(True)
        error.setMinimumWidth(380)
        self.errors[name] = error
        widget = self.inputs[name]
        widget.setAccessibleName(title)
        box = QHBoxLayout()
        box.addWidget(widget)
        box.addWidget(error, 1)
        label = QLabel(title)
        label.setBuddy(widget)
        form.addRow(label, box)

    def _on_paper(self) -> None:
        paper = self.paper_box.currentData()
        custom = paper == "custom"
        self.paper_w.setEnabled(custom)
        self.paper_h.setEnabled(custom)
        if not custom:
            w, h = PAPERS[paper]
            self.paper_w.setValue(w)
            self.paper_h.setValue(h)
        self.check()

    def sheet(self) -> LabelLayout:
        """The sheet as typed so far (not yet checked)."""
        paper = self.paper_box.currentData()
        w, h = self.paper_w.value(), self.paper_h.value()
        return LabelLayout(
            code=self.code_edit.text().strip(),
            maker=self.maker_edit.text().strip() or self.tr("自作"),
            product=self.product_edit.text().strip() or self.code_edit.text().strip(),
            paper=paper if paper != "custom" else f"{w:g}×{h:g}mm",
            paper_w_mm=w,
            paper_h_mm=h,
            cols=self.cols_spin.value(),
            rows=self.rows_spin.value(),
            source=self.tr("店主が実測（{0}）").format(date.today().isoformat()),
            custom=True,
            **{name: spin.value() for name, spin in self.spins.items()},
        )

    def problems(self) -> list[DomainError]:
        try:
            validate_layout(self.sheet())
        except ValidationError as error:
            return list(error.errors)
        return []

    def check(self) -> bool:
        """Show each problem beside its field; True when the sheet can be saved."""
        lang = i18n.language()
        found = self.problems()
        by_field: dict[str, list[str]] = {}
        for error in found:
            by_field.setdefault(error.field or "code", []).append(error.message(lang))
        for name, label in self.errors.items():
            label.setText("\n".join(by_field.get(name, [])))
        self.save_button.setEnabled(not found)
        if found:
            self.summary.setText("")
        else:
            sheet = self.sheet()
            self.summary.setText(
                self.tr("{cols}列×{rows}行＝{count}面。用紙に収まります").format(
                    cols=sheet.cols, rows=sheet.rows, count=sheet.per_sheet
                )
            )
        return not found

    def save(self) -> None:
        """Write the sheet (owner only); messages go beside the field at fault."""
        lang = i18n.language()
        if not self.actor.can("settings"):
            self.summary.setText(DomainError("permission_denied", field="settings").message(lang))
            return
        if not self.check():
            return
        try:
            self.saved_path = save_custom_layout(self.sheet(), self.directory)
        except ValidationError as error:
            for item in error.errors:
                self.errors.get(item.field or "code", self.errors["code"]).setText(
                    item.message(lang)
                )
            return
        except DomainError as error:
            self.errors.get(error.field or "code", self.errors["code"]).setText(error.message(lang))
            return
        except OSError as error:
            self.summary.setText(self.tr("保存できませんでした: {0}").format(error))
            return
        self.saved.emit(self.sheet().code)
        self.accept()
