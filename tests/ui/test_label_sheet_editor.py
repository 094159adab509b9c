"""Owner-defined label sheets and the calibration page, driven through the real widgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox

from crmdesk.reports.layouts import custom_layout_dir, get_layout, load_layouts
from crmdesk.services.label_offsets import offset_key
from crmdesk.services.staff import Actor
from crmdesk.store.db import setting
from crmdesk.ui import i18n
from crmdesk.ui.mailings.calibration import CalibrationDialog, default_printer_name
from crmdesk.ui.mailings.layout_editor import LayoutEditorDialog
from crmdesk.ui.mailings.wizard import MailingWizard
from tests.helpers.shop import type_text

PT = 72 / 25.4


def retype(qtbot: Any, spin: QAbstractSpinBox, text: str) -> None:
    """Replace a spin box's value from the keyboard, as a user would."""
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, text)


def saved_files() -> list[Path]:
    folder = custom_layout_dir()
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def test_a_sheet_that_does_not_fit_names_the_field_and_saves_nothing(qtbot: Any) -> None:
    dialog = LayoutEditorDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code_edit, "wide-12")
    assert dialog.save_button.isEnabled()
    retype(qtbot, dialog.spins["label_w_mm"], "100")
    retype(qtbot, dialog.spins["dx_mm"], "100")
    # 18.6 + 100 + 100 = 218.6 mm on a 210 mm wide A4
    message = dialog.errors["x0_mm"].text()
    assert "左余白" in message and "はみ出します" in message and "218.6" in message
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    dialog.save()
    assert dialog.saved_path is None and saved_files() == []
    assert "wide-12" not in load_layouts()

    retype(qtbot, dialog.spins["dx_mm"], "90")  # pitch smaller than the label: overlap
    assert "横方向のピッチ" in dialog.errors["dx_mm"].text()
    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, "Bad Code")
    assert "用紙コード" in dialog.errors["code"].text()


def test_messages_follow_the_window_language(qtbot: Any) -> None:
    assert i18n.set_language("en")
    try:
        dialog = LayoutEditorDialog()
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.code_edit, "tall")
        retype(qtbot, dialog.rows_spin, "8")
        text = dialog.errors["y0_mm"].text()
        assert "Top margin" in text and "run off the paper" in text
    finally:
        i18n.set_language("ja")


def test_a_valid_sheet_is_saved_and_listed_in_the_wizard(qtbot: Any, db: Any) -> None:
    dialog = LayoutEditorDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code_edit, "shop-10")
    type_text(qtbot, dialog.maker_edit, "文具店")
    qtbot.keyClicks(dialog.product_edit, "L10")
    dialog.paper_box.setFocus()
    qtbot.keyClick(dialog.paper_box, Qt.Key.Key_End)  # その他: width and height typed in
    assert dialog.paper_w.isEnabled()
    retype(qtbot, dialog.paper_w, "200")
    retype(qtbot, dialog.paper_h, "280")
    retype(qtbot, dialog.rows_spin, "5")
    retype(qtbot, dialog.spins["label_h_mm"], "50")
    retype(qtbot, dialog.spins["dy_mm"], "50")
    retype(qtbot, dialog.spins["radius_mm"], "3")
    assert all(not label.text() for label in dialog.errors.values())
    assert "10面" in dialog.summary.text()
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)  # Save is the default button
    assert saved.args == ["shop-10"]
    sheet = load_layouts()["shop-10"]
    assert sheet.custom and sheet.maker == "文具店" and sheet.product == "L10"
    assert (sheet.paper_w_mm, sheet.paper_h_mm, sheet.per_sheet) == (200, 280, 10)
    assert (sheet.label_h_mm, sheet.radius_mm) == (50, 3)
    assert saved_files() == [custom_layout_dir() / "shop-10.toml"]

    wizard = MailingWizard(db)
    qtbot.addWidget(wizard)
    index = wizard.layout_box.findData("shop-10")
    assert index >= 0 and "文具店 L10" in wizard.layout_box.itemText(index)


def test_new_sheet_from_the_wizard_is_chosen_there(qtbot: Any, db: Any) -> None:
    wizard = MailingWizard(db)
    qtbot.addWidget(wizard)
    before = wizard.layout_box.count()
    wizard.go(1)
    qtbot.mouseClick(wizard.new_layout_button, Qt.MouseButton.LeftButton)
    editor = wizard.findChild(LayoutEditorDialog)
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor.code_edit, "my-12")
    qtbot.keyClick(editor.code_edit, Qt.Key.Key_Return)
    assert wizard.layout_box.count() == before + 1
    assert wizard.layout_box.currentData() == "my-12"
    assert wizard.start_spin.maximum() == 12


def test_staff_cannot_save_a_sheet(qtbot: Any) -> None:
    dialog = LayoutEditorDialog(Actor(staff_id=None, name="aiko", role="staff"))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code_edit, "staff-12")
    dialog.save()
    assert "設定とスタッフ" in dialog.summary.text()
    assert saved_files() == []


def test_calibration_page_and_remembered_offsets(qtbot: Any, db: Any, tmp_path: Path) -> None:
    wizard = MailingWizard(db)
    qtbot.addWidget(wizard)
    wizard.layout_box.setCurrentIndex(wizard.layout_box.findData("hisago-elm008"))
    assert (wizard.offset_x.value(), wizard.offset_y.value()) == (0, 0)
    retype(qtbot, wizard.offset_x, "1.5")
    retype(qtbot, wizard.offset_y, "-1")
    qtbot.mouseClick(wizard.calibration_button, Qt.MouseButton.LeftButton)
    dialog = wizard.findChild(CalibrationDialog)
    assert dialog is not None and dialog.pages == 1
    with qtbot.waitSignal(dialog.remembered) as remembered:
        dialog.save_to(tmp_path / "cal.pdf")
    printer = default_printer_name()
    assert remembered.args == [printer]

    layout = get_layout("hisago-elm008")
    with pdfplumber.open(tmp_path / "cal.pdf") as doc:
        rects = sorted(
            (r["x0"] / PT, r["top"] / PT) for r in doc.pages[0].rects if r["width"] > 10 * PT
        )
    assert rects[0] == pytest.approx((layout.x0_mm + 1.5, layout.y0_mm - 1), abs=0.05)
    assert len(rects) == layout.per_sheet
    with db.sessions() as session:
        stored = setting(session, offset_key(printer, "hisago-elm008"))
    assert stored == {"x_mm": 1.5, "y_mm": -1.0}

    again = MailingWizard(db)
    qtbot.addWidget(again)
    again.layout_box.setCurrentIndex(again.layout_box.findData("avery-l7160"))
    assert (again.offset_x.value(), again.offset_y.value()) == (0, 0)  # another sheet
    again.layout_box.setCurrentIndex(again.layout_box.findData("hisago-elm008"))
    assert (again.offset_x.value(), again.offset_y.value()) == (1.5, -1.0)


def test_tools_menu_opens_the_editor_for_the_owner(window: Any, qtbot: Any) -> None:
    action = next(a for a in window.menu("tools").actions() if a.text() == "新しいラベル用紙…")
    action.trigger()
    editor = window.findChild(LayoutEditorDialog)
    assert editor is not None and editor.isVisible() and editor.actor.is_owner
    qtbot.keyClicks(editor.code_edit, "menu-12")
    qtbot.keyClick(editor.code_edit, Qt.Key.Key_Return)
    assert "menu-12" in load_layouts()
