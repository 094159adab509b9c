"""The segment builder, the DM wizard's recipient preview and the responses, driven live."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QThreadPool

from crmdesk.services import campaigns, customer_index, customers, mailings, segments
from crmdesk.ui.mailings.campaigns_view import CampaignsDialog
from crmdesk.ui.mailings.panel import MailingsPanel
from crmdesk.ui.mailings.segment_builder import SegmentBuilderDialog
from crmdesk.ui.mailings.wizard import MailingWizard
from crmdesk.ui.rows_model import RowsModel
from tests.helpers.factories import add_customer
from tests.helpers.shop import buy, type_text


@pytest.fixture
def shop(db):
    with db.transaction() as session:
        ids = {
            "tokyo": add_customer(session, family_name="東京", given_name="一郎"),
            "tokyo2": add_customer(session, family_name="東京", given_name="二郎"),
            "refused": add_customer(session, family_name="拒否", dm_consent=False),
            "osaka": add_customer(
                session,
                family_name="大阪",
                postal_code="5300001",
                prefecture="大阪府",
                city="大阪市北区",
                town="梅田",
            ),
        }
        customers.set_tags(session, ids["tokyo"], ["VIP"])
    return ids


def test_build_a_segment_with_a_live_count(qtbot, db, shop) -> None:
    dialog = SegmentBuilderDialog(db)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.counted, timeout=3000) as everyone:
        pass
    assert everyone.args == [4]
    type_text(qtbot, dialog.name_edit, "東京の客")
    row = dialog.add_condition()
    row.field_box.setCurrentIndex(row.field_box.findData("prefecture"))
    assert row.cmp() == "in"
    # a condition just added and not yet filled in: a hint, no error in red
    qtbot.waitUntil(lambda: "入力すると数えます" in dialog.count_label.text(), timeout=3000)
    assert dialog.error_label.text() == ""
    with qtbot.waitSignal(dialog.counted, timeout=3000) as counted:
        type_text(qtbot, row.value_edit, "東京都")
    assert counted.args == [3] and dialog.count_label.text() == "3人"

    second = dialog.add_condition()
    second.field_box.setCurrentIndex(second.field_box.findData("age"))
    qtbot.keyClicks(second.value_edit, "abc")
    qtbot.waitUntil(lambda: "年齢" in dialog.error_label.text(), timeout=3000)
    assert dialog.count_label.text() == "—"
    second.remove_button.click()
    qtbot.waitUntil(lambda: dialog.count_label.text() == "3人", timeout=3000)

    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    with db.transaction() as session:
        saved = segments.get_segment(session, "東京の客")
    assert saved.definition["conditions"] == [
        {"field": "prefecture", "cmp": "in", "value": ["東京都"]}
    ]
    reopened = SegmentBuilderDialog(db, "東京の客")
    qtbot.addWidget(reopened)
    assert reopened.rows[0].value_edit.text() == "東京都"
    qtbot.waitUntil(lambda: reopened.count_label.text() == "3人", timeout=3000)


def test_a_name_already_taken_is_shown_not_saved(qtbot, db, shop) -> None:
    with db.transaction() as session:
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    dialog = SegmentBuilderDialog(db)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.name_edit, "全員")
    dialog.save()
    assert "すでに使われています" in dialog.error_label.text()
    assert dialog.result() != dialog.DialogCode.Accepted


def test_wizard_previews_recipients_and_the_excluded(qtbot, db, shop) -> None:
    with db.transaction() as session:
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    wizard = MailingWizard(db, segment="全員")
    qtbot.addWidget(wizard)
    assert not wizard.next_button.isEnabled()
    wizard.household_check.setChecked(True)
    with qtbot.waitSignal(wizard.previewed, timeout=10_000) as shown:
        qtbot.mouseClick(wizard.preview_button, Qt.LeftButton)
        assert not wizard.busy.isHidden() and not wizard.preview_button.isEnabled()
    assert shown.args == [2] and wizard.busy.isHidden()
    assert wizard.preview_button.isEnabled()
    assert wizard.recipients_model.rowCount() == 2
    # Before issue 13 二郎 was excluded as same_household; now he is on 一郎's label (連名).
    assert wizard.excluded_model.rowCount() == 1
    assert wizard.excluded_model.row_values(0)[2] == "DM不可"
    tokyo = customers_number(db, shop["tokyo"])
    head = next(
        wizard.recipients_model.row_values(i) for i in range(2)
        if wizard.recipients_model.row_values(i)[0] == tokyo
    )  # fmt: skip
    assert head[1] == "東京 一郎（連名: 二郎）"
    assert "送付 3人 / 対象外 1人（2通、連名 1人）" in wizard.summary.text()
    assert wizard.next_button.isEnabled()


def test_a_preview_for_choices_changed_meanwhile_is_not_shown(qtbot, db, shop) -> None:
    with db.transaction() as session:
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    wizard = MailingWizard(db, segment="全員")
    qtbot.addWidget(wizard)
    wizard.preview_recipients()
    wizard.household_check.setChecked(True)  # before the running preview can report
    assert wizard.busy.isHidden() and wizard.preview_button.isEnabled()
    assert QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(100)  # its result is delivered now, and dropped
    assert wizard.recipients_model.rowCount() == 0 and wizard.mailing is None
    assert not wizard.next_button.isEnabled()
    with qtbot.waitSignal(wizard.previewed, timeout=10_000) as shown:
        wizard.preview_recipients()
    assert shown.args == [2]


def test_a_segment_with_no_recipients_says_so(qtbot, db, shop) -> None:
    with db.transaction() as session:
        segments.save_segment(
            session,
            "沖縄",
            {
                "op": "and",
                "conditions": [{"field": "prefecture", "cmp": "in", "value": ["沖縄県"]}],
            },
        )
    wizard = MailingWizard(db, segment="沖縄")
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.previewed, timeout=10_000):
        wizard.preview_recipients()
    assert "送付先が1件もありません" in wizard.message.text()
    assert not wizard.next_button.isEnabled()
    wizard.make_pdf()
    assert wizard.pdf_path is None
    wizard.show()  # nothing to send: 閉じる leaves the wizard at this step
    qtbot.mouseClick(wizard.close_button, Qt.LeftButton)
    assert not wizard.isVisible() and wizard.result() == wizard.DialogCode.Rejected


def customers_number(db, customer_id: str) -> str:
    with db.transaction() as session:
        return customer_index.get_customer(session, customer_id).customer_number


def test_campaigns_view_and_card_panel_show_the_response(qtbot, db, shop) -> None:
    sent_on = date(2026, 9, 1)
    with db.transaction() as session:
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
        mailing = mailings.preview(session, "全員", today=sent_on)
        campaigns.create_campaign(session, "秋のDM", mailing, sent_on=sent_on)
        buy(session, shop["tokyo"], 4800, date(2026, 9, 5))
        buy(session, shop["refused"], 1000, date(2026, 9, 6))
    dialog = CampaignsDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.campaigns_model.row_values(0)[1:] == ("秋のDM", "全員", 3)
    dialog.select(0)
    assert "送付した3人のうち1人が来店" in dialog.report_label.text()
    assert "送付しなかった1人では1人" in dialog.report_label.text()
    responded = [dialog.recipients_model.row_values(i) for i in range(3)]
    assert [(r[2], r[3], r[4]) for r in responded][0] == ("東京 一郎", "来店", 4800)
    panel = MailingsPanel()
    qtbot.addWidget(panel)
    panel.load(db, shop["tokyo"])
    assert panel.model.row_values(0) == ("2026-09-01", "秋のDM", "あり", 4800)
    assert panel.title() == "DM"


def test_rows_model_is_a_well_behaved_model(qtmodeltester) -> None:
    model = RowsModel(["a", "b"])
    model.set_rows([("x", 1), ("y", 2_000)])
    qtmodeltester.check(model)
    assert model.data(model.index(1, 1)) == "2,000"
