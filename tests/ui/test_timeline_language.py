"""The timeline tab speaks the window's language; the shop's own words stay as typed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import Qt

from crmdesk.services import inquiries, inquiry_categories
from crmdesk.services.customers import update_customer
from crmdesk.store.models import Campaign, CampaignRecipient, PointEntry, Purchase, PurchaseVoid
from crmdesk.ui import i18n
from crmdesk.ui.customers.timeline_panel import TimelinePanel
from tests.helpers.factories import add_customer


def _at(day: int, hour: int = 3) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def _history(db: Any) -> str:
    with db.transaction() as s:
        cid = add_customer(s)
        sale = Purchase(customer_id=cid, amount=3300, items='[{"name": "湯呑み"}]')
        sale.purchased_at = _at(2)
        s.add(sale)
        s.flush()
        s.add(PointEntry(customer_id=cid, kind="earn", points=33, occurred_at=_at(2, 4)))
        s.add(PointEntry(customer_id=cid, kind="redeem", points=-100, occurred_at=_at(3)))
        s.add(PurchaseVoid(purchase_id=sale.id, reason="返品", voided_at=_at(4)))
        campaign = Campaign(name="冬のご案内", sent_on=date(2026, 11, 6), kind="postcards")
        s.add(campaign)
        s.flush()
        s.add(CampaignRecipient(campaign_id=campaign.id, customer_id=cid))
        category = inquiry_categories.add_category(s, "修理")
        iid = inquiries.create_inquiry(
            s,
            {"customer_id": cid, "subject": "土鍋", "channel": "phone", "category_id": category.id},
            now=_at(8),
        ).inquiry_id
        inquiries.add_note(s, iid, "入荷しました", now=_at(10))
        update_customer(s, cid, {"phone1": "090-2222-3333", "notes": "甘いもの"})
    return cid


def _rows(panel: TimelinePanel) -> dict[str, tuple[str, str]]:
    """Kind (as data) → (title, detail) as shown; the latest row of each kind."""
    rows: dict[str, tuple[str, str]] = {}
    for i in reversed(range(panel.tree.topLevelItemCount())):
        item = panel.tree.topLevelItem(i)
        kind, _ = item.data(0, Qt.ItemDataRole.UserRole + 1)
        rows[kind] = (item.text(2), item.text(3))
    return rows


def _panel(qtbot: Any, db: Any, cid: str) -> TimelinePanel:
    panel = TimelinePanel()
    qtbot.addWidget(panel)
    panel.load(db, cid)
    return panel


def test_timeline_rows_in_english(qtbot: Any, db: Any) -> None:
    cid = _history(db)
    assert i18n.set_language("en")
    try:
        panel = _panel(qtbot, db, cid)
        rows = _rows(panel)
        kinds = [panel.tree.topLevelItem(i).text(1) for i in range(panel.tree.topLevelItemCount())]
        titles = panel.titles()
    finally:
        i18n.set_language("ja")
    assert rows["purchase"] == ("Purchase ¥3,300", "湯呑み")
    assert rows["void"] == ("Purchase voided ¥3,300", "返品")
    assert "Points earned +33 pt" in titles and "Points redeemed -100 pt" in titles
    assert rows["inquiry"] == ("Inquiry (Phone) 土鍋", "Open · 修理")
    assert rows["note"] == ("Note: 土鍋", "入荷しました")
    assert rows["mailing"] == ("Mailing sent: 冬のご案内", "Postcards")
    assert "Customer registered" in titles
    update = titles.index("Customer details changed")
    assert panel.tree.topLevelItem(update).text(3) == "Notes, Phone 1"
    assert set(kinds) >= {"Purchase", "Void", "Points", "Inquiry", "Note", "Mailing"}


def test_timeline_rows_in_japanese(qtbot: Any, db: Any) -> None:
    cid = _history(db)
    assert i18n.language() == "ja"
    panel = _panel(qtbot, db, cid)
    rows = _rows(panel)
    titles = panel.titles()
    assert rows["purchase"] == ("お買い上げ ¥3,300", "湯呑み")
    assert rows["void"] == ("お買い上げ取消 ¥3,300", "返品")
    assert "ポイント付与 +33 pt" in titles and "ポイント利用 -100 pt" in titles
    assert rows["inquiry"] == ("問い合わせ（電話）土鍋", "未対応・修理")
    assert rows["note"] == ("対応メモ: 土鍋", "入荷しました")
    assert rows["mailing"] == ("DM送付: 冬のご案内", "はがき")
    update = titles.index("顧客情報を変更")
    assert panel.tree.topLevelItem(update).text(3) == "備考、電話番号1"
