"""The window never writes over the shop's file, and asks before replacing another."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from crmdesk.services.label_offsets import Offsets
from crmdesk.services.staff import Actor
from crmdesk.ui.data.export_dialog import ExportDialog
from crmdesk.ui.mailings.calibration import CalibrationDialog
from crmdesk.ui.save_guard import checked_target
from tests.helpers.factories import add_customer
from tests.ui.test_customer_card import answer_modal

OWNER = Actor(staff_id=None, name="owner", role="owner")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_typed_path_over_an_existing_file_is_asked_about(qtbot, db, tmp_path) -> None:
    with db.transaction() as session:
        add_customer(session)
    target = tmp_path / "customers.csv"
    target.write_text("the owner's own list\n", encoding="utf-8")
    dialog = ExportDialog(db, OWNER)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.path, str(target))
    seen = answer_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.No).click())
    dialog.run()
    assert seen and "customers.csv" in seen[0]
    assert target.read_text(encoding="utf-8") == "the owner's own list\n"
    answer_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    dialog.run()
    assert "1 件を書き出しました" in dialog.status.text()


def test_the_database_is_refused_as_an_export_target(qtbot, db) -> None:
    before = digest(db.path)
    dialog = ExportDialog(db, OWNER)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.path, str(db.path))
    dialog.run()  # refused outright: no question about replacing it
    assert "データベース" in dialog.status.text()
    assert digest(db.path) == before


def test_a_pdf_is_never_saved_over_the_database(qtbot, db, tmp_path) -> None:
    from crmdesk.reports.labels import render_calibration_page
    from crmdesk.reports.layouts import get_layout

    pdf = tmp_path / "cal.pdf"
    render_calibration_page(get_layout("hisago-elm008"), pdf)
    dialog = CalibrationDialog(db, pdf, "hisago-elm008", Offsets())
    qtbot.addWidget(dialog)
    before = digest(db.path)
    dialog.save_to(db.path)
    assert "データベース" in dialog.message.text()
    assert digest(db.path) == before
    assert checked_target(db, tmp_path)[0] is None  # a folder neither
