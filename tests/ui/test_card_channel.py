"""The card's 流入経路 combo and 紹介者 picker, used from the keyboard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crmdesk.services import channels, customer_index
from crmdesk.services import customers as customer_service
from tests.helpers.factories import add_customer
from tests.helpers.qt_typing import type_text
from tests.ui.test_customer_card import focus, make_card


def record(db: Any, number: str) -> dict[str, Any]:
    with db.sessions() as s:
        return customer_service.customer_record(customer_index.get_by_number(s, number))


def test_sign_up_with_a_channel_and_a_referrer_from_the_keyboard(db: Any, qtbot: Any) -> None:
    with db.transaction() as s:
        add_customer(s, family_name="高橋", given_name="美咲", family_kana="たかはし",
                     given_kana="みさき", phone1="090-1111-2222")  # fmt: skip
    card = make_card(qtbot, db)
    type_text(card.ui.family_name, "木村")
    type_text(card.ui.given_name, "葵")
    focus(qtbot, card.ui.channel)
    combo = card.ui.channel
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[:4] == ["（未設定）", "紹介", "チラシ", "Web"]
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 紹介 -> チラシ
    assert combo.currentText() == "チラシ"
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is card.ui.referred_by)
    type_text(card.ui.referred_by, "たかはし")
    popup = card._completer.popup()
    qtbot.waitUntil(lambda: popup.isVisible())
    assert popup.model().rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert card.ui.referred_by.text() == "000001 高橋 美咲"
    assert card.ui.referred_by_info.text() == "高橋 美咲さんの紹介は 0人"
    assert card.save()
    saved = record(db, "000002")
    assert saved["channel"]["name"] == "チラシ"
    assert saved["referred_by"]["customer_number"] == "000001"
    # the card shows the channel, the referrer and her count
    details = card.ui.header_details.text()
    assert "流入経路 チラシ" in details and "紹介者 高橋 美咲（紹介 1人）" in details
    assert card.windowTitle() == "顧客カード - 木村 葵"  # her name, not her channel's
    card.show_customer(record(db, "000001")["id"])
    assert "紹介した人 1人" in card.ui.header_details.text()


def test_a_retired_channel_stays_on_her_card_and_bad_referrers_are_named(
    db: Any, qtbot: Any
) -> None:
    with db.transaction() as s:
        first = add_customer(s, channel_id="DM")
        second = add_customer(s, family_name="佐藤", phone1="090-3333-4444", referred_by_id=first)
        channels.set_channel_active(s, "DM", False)
    card = make_card(qtbot, db, first)
    assert card.ui.channel.currentText() == "DM（使用終了）"
    card.ui.notes.setPlainText("メモ")
    assert card.save()  # she keeps it
    assert record(db, "000001")["channel"]["name"] == "DM"
    # a new card does not offer it
    card.show_customer(None)
    offered = [card.ui.channel.itemText(i) for i in range(card.ui.channel.count())]
    assert "DM" not in offered and "DM（使用終了）" not in offered
    # referring her to the customer she referred is refused, next to the field
    card.show_customer(first)
    card.ui.referred_by.setText("000002")
    assert not card.save()
    assert card.error_text("referred_by_id").startswith("紹介者が循環します")
    card.ui.referred_by.setText("誰もいない人")
    assert not card.save()
    assert "誰もいない人" in card.error_text("referred_by_id")
    assert record(db, "000001")["referred_by"] is None
    assert second


def test_in_english_the_starting_channels_have_english_names(db: Any, qtbot: Any) -> None:
    from crmdesk.ui import i18n

    with db.transaction() as s:
        first = add_customer(s, channel_id="通りがかり")
        add_customer(s, family_name="佐藤", phone1="090-3333-4444", referred_by_id=first)
    assert i18n.set_language("en")
    card = make_card(qtbot, db, first)
    combo = card.ui.channel
    assert [combo.itemText(i) for i in range(combo.count())][:3] == ["(not set)", "Referral",
                                                                     "Flyer"]  # fmt: skip
    assert combo.currentText() == "Walk-in"
    assert card.ui.channel_label.text() == "Channel"
    details = card.ui.header_details.text()
    assert "Channel Walk-in" in details and "Referred 1" in details
