"""The DM wizard end to end: segment -> recipients -> layout -> PDF -> preview -> save.

Uses the real renderers of crmdesk/reports.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from PySide6.QtCore import Qt

from crmdesk.services import audit, campaigns, mailings_print, segments
from crmdesk.ui.mailings.segment_builder import SegmentBuilderDialog
from crmdesk.ui.mailings.wizard import PAGE_PREVIEW, MailingWizard
from tests.helpers.factories import add_customer
from tests.helpers.shop import type_text


def test_build_a_segment_preview_and_produce_the_pdf(qtbot, db, tmp_path: Path) -> None:
    with db.transaction() as session:
        for i in range(5):
            add_customer(session, given_name=f"花子{i}", street=f"{i + 1}-1", gender="female")
        add_customer(session, given_name="太郎", gender="male")
        add_customer(session, given_name="不可", gender="female", dm_consent=False)

    builder = SegmentBuilderDialog(db)
    qtbot.addWidget(builder)
    type_text(qtbot, builder.name_edit, "女性のお客様")
    row = builder.add_condition()
    row.field_box.setCurrentIndex(row.field_box.findData("gender"))
    with qtbot.waitSignal(builder.counted, timeout=3000) as counted:
        qtbot.keyClicks(row.value_edit, "female")
    assert counted.args == [6]
    builder.save()

    wizard = MailingWizard(db, segment="女性のお客様")
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.previewed, timeout=10_000):
        qtbot.mouseClick(wizard.preview_button, Qt.LeftButton)
    assert wizard.recipients_model.rowCount() == 5
    assert wizard.excluded_model.row_values(0)[2] == "DM不可"
    qtbot.mouseClick(wizard.next_button, Qt.LeftButton)
    assert wizard.layout_box.count() > 0
    wizard.start_spin.setValue(2)
    wizard.name_edit.clear()
    type_text(qtbot, wizard.name_edit, "女性DM")
    with qtbot.waitSignal(wizard.pdf_ready, timeout=20000) as ready:
        qtbot.mouseClick(wizard.make_button, Qt.LeftButton)
    assert ready.args == [1]
    assert wizard.pages.currentIndex() == PAGE_PREVIEW
    assert len(wizard.preview.pages) == 1
    assert not wizard.preview.pages[0].pixmap().isNull()

    with db.reading() as session:  # a preview is not a print: nothing recorded yet
        assert audit.entries(session, action="labels.print") == []
        assert mailings_print.next_start(session, wizard.layout_box.currentData()) == 1
    target = tmp_path / "saved.pdf"
    wizard.save_to(target)
    with pdfplumber.open(target) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text() or ""
    assert "花子0" in text.replace(" ", "") and "不可" not in text
    with db.transaction() as session:
        info = campaigns.get_campaign(session, "女性DM")
        assert info.recipients == 5 and info.options["start_at"] == 2
        assert mailings_print.next_start(session, info.layout_code) == 7
        assert segments.get_segment(session, "女性のお客様").id == info.segment_id
        (printed,) = audit.entries(session, action="labels.print")  # audited as the CLI does
        assert printed.row_count == 5 and info.id in printed.detail


def test_the_wizard_prints_a_household_on_one_label(qtbot, db, tmp_path: Path) -> None:
    with db.transaction() as session:
        add_customer(session, given_name="花子", street="2-3")
        add_customer(session, given_name="太郎", street="2-3")
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    wizard = MailingWizard(db, segment="全員")
    qtbot.addWidget(wizard)
    wizard.household_check.setChecked(True)
    with qtbot.waitSignal(wizard.previewed, timeout=10_000) as shown:
        qtbot.mouseClick(wizard.preview_button, Qt.LeftButton)
    assert shown.args == [1] and wizard.excluded_model.rowCount() == 0
    qtbot.mouseClick(wizard.next_button, Qt.LeftButton)
    with qtbot.waitSignal(wizard.pdf_ready, timeout=20000):
        qtbot.mouseClick(wizard.make_button, Qt.LeftButton)
    target = tmp_path / "household.pdf"
    wizard.save_to(target)
    with pdfplumber.open(target) as pdf:
        words = " ".join(w["text"] for w in pdf.pages[0].extract_words())
    assert "山田 花子 様" in words and "太郎 様" in words and "山田 太郎" not in words
    with db.reading() as session:
        info = campaigns.get_campaign(session, wizard.name_edit.text())
        assert info.recipients == 2 and info.options["one_per_household"] is True
