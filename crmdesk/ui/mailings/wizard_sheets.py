"""The sheet part of the DM wizard: the sheets listed, the start and offsets remembered
for the one chosen, a new sheet, and the calibration page for the chosen offsets.

A mixin of :class:`crmdesk.ui.mailings.wizard.MailingWizard` (it shows no text of its
own, so the wizard's translations stay in one context).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crmdesk.core.errors import DomainError
from crmdesk.services import label_offsets, mailings_print
from crmdesk.ui import i18n
from crmdesk.ui.mailings.calibration import CalibrationDialog, default_printer_name
from crmdesk.ui.mailings.layout_editor import LayoutEditorDialog
from crmdesk.ui.operations import in_label, run_check


class SheetChoice:
    db: Any
    actor: Any
    message: Any
    layout_box: Any
    start_spin: Any
    offset_x: Any
    offset_y: Any
    options_page: Any
    _tmp_dir: Path

    def reload_layouts(self, select: str | None = None) -> None:
        """Fill the sheet list (built-in and the owner's), choosing ``select`` if given."""
        # deferred: reportlab / matplotlib load on the first print or chart, not at start-up
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

    def _on_layout(self) -> None:
        code = self.layout_box.currentData()
        if code is None:
            return
        # deferred: reportlab / matplotlib load on the first print or chart, not at start-up
        from crmdesk.reports.layouts import get_layout

        layout = get_layout(code)
        self.start_spin.setRange(1, layout.per_sheet)
        with self.db.reading() as session:
            self.start_spin.setValue(mailings_print.next_start(session, code))
            offsets = label_offsets.printer_offsets(session, default_printer_name(), code)
        self.offset_x.setValue(offsets.x_mm)
        self.offset_y.setValue(offsets.y_mm)

    def new_layout(self) -> Any:
        """Define a sheet in mm; once saved it is listed and chosen. Returns the dialog."""

        dialog = LayoutEditorDialog(self.actor, parent=self)
        dialog.saved.connect(self.reload_layouts)
        dialog.open()
        return dialog

    def calibration_page(self) -> Any:
        """The test page for the chosen sheet and offsets, previewed to print or save."""
        # deferred: reportlab / matplotlib load on the first print or chart, not at start-up
        from crmdesk.reports.labels import render_calibration_page
        from crmdesk.reports.layouts import get_layout

        code = self.layout_box.currentData()
        if code is None:
            return None
        out = self._tmp_dir / "calibration.pdf"
        offsets = self.options_page.offsets()
        drawn = run_check(
            lambda: render_calibration_page(
                get_layout(code), out, offset_x_mm=offsets.x_mm, offset_y_mm=offsets.y_mm
            ),
            on_error=in_label(self.message),
        )
        if not drawn.ok:
            return None
        dialog = CalibrationDialog(self.db, out, code, offsets, parent=self)
        dialog.open()
        return dialog
