"""The DM wizard with a control group: the people held back get no label, the mailing
remembers them, and the mailings dialog reports the effect against them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pdfplumber
from PySide6.QtCore import Qt

from crmdesk.services import campaigns, mailings, segments
from crmdesk.store.models import Customer
from crmdesk.ui.mailings.campaigns_view import CampaignsDialog
from crmdesk.ui.mailings.wizard import MailingWizard
from tests.helpers.factories import add_customer
from tests.helpers.shop import buy, type_text


def test_the_wizard_holds_back_a_control_group(qtbot, db, tmp_path: Path) -> None:
    with db.transaction() as session:
        for i in range(30):
            add_customer(session, family_name=f"客{i:03d}", street=f"{i + 1}-1")
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    wizard = MailingWizard(db, segment="全員")
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.previewed, timeout=10_000):
        qtbot.mouseClick(wizard.preview_button, Qt.LeftButton)
    qtbot.mouseClick(wizard.next_button, Qt.LeftButton)
    wizard.control_spin.setValue(20)
    wizard.cost_spin.setValue(84)
    wizard.name_edit.clear()
    type_text(qtbot, wizard.name_edit, "冬のDM")
    with qtbot.waitSignal(wizard.pdf_ready, timeout=20_000):
        qtbot.mouseClick(wizard.make_button, Qt.LeftButton)
    assert "比較グループの6人には送りません" in wizard.message.text()
    target = tmp_path / "dm.pdf"
    wizard.save_to(target)
    with pdfplumber.open(target) as pdf:
        text = "".join((p.extract_text() or "") for p in pdf.pages).replace(" ", "")
    with db.transaction() as session:
        info = campaigns.get_campaign(session, "冬のDM")
        control = info.control
        assert control is not None and len(control.customer_ids) == 6
        assert info.recipients == 24 and info.cost_per_piece == 84
        held = [session.get(Customer, i).family_name for i in control.customer_ids]
        sent = [
            session.get(Customer, r.customer_id).family_name
            for r in campaigns.frozen_recipients(session, info.id)
        ]
    assert all(name in text for name in sent)
    assert not any(name in text for name in held)


def test_an_empty_name_cannot_keep_a_control_group(qtbot, db) -> None:
    with db.transaction() as session:
        for i in range(5):
            add_customer(session, family_name=f"客{i}", street=f"{i + 1}-1")
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    wizard = MailingWizard(db, segment="全員")
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.previewed, timeout=10_000):
        qtbot.mouseClick(wizard.preview_button, Qt.LeftButton)
    wizard.control_spin.setValue(10)
    wizard.name_edit.clear()
    wizard.make_pdf()
    assert "DMの名前を付けてください" in wizard.message.text()
    assert wizard.pdf_path is None


def test_the_mailings_dialog_reports_against_the_control(qtbot, db) -> None:
    sent_on = date(2026, 9, 1)
    with db.transaction() as session:
        for i in range(250):
            add_customer(session, family_name=f"客{i:03d}", street=f"{i + 1}-1", phone1="")
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
        mailing = mailings.preview(session, "全員", today=sent_on)
        mailed, control = mailings.hold_out_control(mailing, 20, seed=3)
        campaigns.create_campaign(
            session, "秋のDM", mailed, sent_on=sent_on, control=control, cost_per_piece=100
        )
        for a in mailed.addressees[:60]:
            buy(session, a.customer_id, 3000, sent_on + timedelta(days=3))
        for who in control.customer_ids[:5]:
            buy(session, who, 3000, sent_on + timedelta(days=3))
    dialog = CampaignsDialog(db)
    qtbot.addWidget(dialog)
    dialog.select(0)
    text = dialog.report_label.text()
    assert "比較グループ（送らなかった50人）では5人が来店（10.0%）" in text
    assert "DMの効果: 来店率 +20.0ポイント" in text
    assert "1人あたり売上 +600円" in text
    assert "費用 20,000円を引いて +100,000円" in text
