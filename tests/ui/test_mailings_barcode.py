"""The DM wizard prints Japan Post's customer barcode and says who got none."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from PySide6.QtCore import Qt

from crmdesk.services import segments
from crmdesk.ui.mailings.wizard import MailingWizard
from tests.helpers.factories import add_customer


def test_the_wizard_prints_the_barcode(qtbot, db, tmp_path: Path) -> None:
    with db.transaction() as session:
        add_customer(session, family_name="番地", street="1-2-3")
        add_customer(session, family_name="無番地", street="", town="千代田")
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    wizard = MailingWizard(db, segment="全員")
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.previewed, timeout=10_000):
        qtbot.mouseClick(wizard.preview_button, Qt.LeftButton)
    qtbot.mouseClick(wizard.next_button, Qt.LeftButton)
    wizard.barcode_check.setChecked(True)
    with qtbot.waitSignal(wizard.pdf_ready, timeout=20_000):
        qtbot.mouseClick(wizard.make_button, Qt.LeftButton)
    assert "住所表示番号（丁目・番地）のない1人" in wizard.message.text()
    target = tmp_path / "dm.pdf"
    wizard.save_to(target)
    with pdfplumber.open(target) as pdf:
        assert len(pdf.pages[0].rects) == 67
