"""The customer card: inline errors, duplicates, unsaved edits, panels and header."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from crmdesk.services import customer_index
from crmdesk.services import customers as customer_service
from crmdesk.store.db import open_database
from crmdesk.store.models import Customer
from crmdesk.ui.customers.card import CustomerCard
from tests.helpers.factories import add_customer
from tests.helpers.message_boxes import answer_next
from tests.helpers.qt_typing import type_text


def count(db: Any) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(Customer))


def answer_modal(qtbot: Any, choose: Callable[[QMessageBox], None]) -> list[str]:
    """Answer the next modal message box as a person would; returns the text it showed."""
    return answer_next(choose)


def make_card(qtbot: Any, db: Any, customer_id: str | None = None) -> CustomerCard:
    card = CustomerCard(db, customer_id)
    # at teardown the card closes without asking about what the test left unsaved
    qtbot.addWidget(card, before_close_func=lambda c: setattr(c, "_loaded", c.form_values()))
    card.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is card.ui.family_name)
    return card


def focus(qtbot: Any, widget: Any) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_invalid_postal_code_shows_the_message_and_saves_nothing(db: Any, qtbot: Any) -> None:
    card = make_card(qtbot, db)
    type_text(card.ui.family_name, "木村")
    focus(qtbot, card.ui.postal_code)
    type_text(card.ui.postal_code, "12345")
    qtbot.keyClick(card.ui.postal_code, Qt.Key.Key_Tab)  # leaving the field checks it
    assert card.error_text("postal_code") == "郵便番号は7桁の数字で入力してください（例: 100-0001）"
    assert not card.save()
    assert card.error_text("postal_code").startswith("郵便番号は7桁")
    assert count(db) == 0
    # fixing it clears the message, and the save goes through
    card.ui.postal_code.clear()
    type_text(card.ui.postal_code, "100-0001")
    assert card.error_text("postal_code") == ""
    assert card.save()
    assert count(db) == 1


def test_several_bad_fields_are_each_named(db: Any, qtbot: Any) -> None:
    card = make_card(qtbot, db)
    type_text(card.ui.phone1, "12")
    type_text(card.ui.email, "not-an-email")
    type_text(card.ui.birthday, "2999-01-01")
    assert not card.save()
    assert card.error_text("family_name") == "姓（氏名）か会社名のどちらかを入力してください"
    assert card.error_text("phone1").startswith("電話番号1は10桁")
    assert card.error_text("email").startswith("メールアドレスの形式")
    assert card.error_text("birthday") == "生年月日が未来の日付になっています"
    assert count(db) == 0


def test_birthday_shows_age_and_wareki(db: Any, qtbot: Any) -> None:
    card = make_card(qtbot, db)
    type_text(card.ui.birthday, "S60.4.1")
    assert "昭和60年4月1日" in card.ui.birthday_info.text()
    assert "歳" in card.ui.birthday_info.text()


def test_duplicate_is_offered_and_can_be_opened(db: Any, qtbot: Any) -> None:
    with db.transaction() as s:
        existing = add_customer(s, phone1="090-1234-5678")
    card = make_card(qtbot, db)
    opened: list[str] = []
    card.open_requested.connect(opened.append)
    type_text(card.ui.family_name, "山田")
    type_text(card.ui.given_name, "花子")
    type_text(card.ui.phone1, "09012345678")
    assert not card.save()
    assert card.ui.duplicates_frame.isVisible()
    assert card.ui.duplicates_list.count() == 1
    assert "同じ電話番号" in card.ui.duplicates_list.item(0).text()
    assert count(db) == 1
    qtbot.mouseClick(card.ui.open_duplicate_button, Qt.MouseButton.LeftButton)
    assert opened == [existing]
    # or it really is another person: save anyway
    qtbot.mouseClick(card.ui.save_anyway_button, Qt.MouseButton.LeftButton)
    assert count(db) == 2
    assert card.customer_id not in (None, existing)


def test_duplicate_offer_in_the_window_opens_the_existing_card(
    window: Any, db: Any, qtbot: Any
) -> None:
    with db.transaction() as s:
        existing = add_customer(s, email="hanako@example.jp")
    card = window.new_customer()
    type_text(card.ui.family_name, "山田")
    type_text(card.ui.email, "Hanako@Example.jp")
    assert not card.save()
    card.ui.duplicates_list.setFocus()
    qtbot.keyClick(card.ui.duplicates_list, Qt.Key.Key_Return)
    assert existing in window.cards
    assert window.cards[existing].ui.email.text() == "hanako@example.jp"


def test_close_with_unsaved_edits_asks(db: Any, qtbot: Any) -> None:
    with db.transaction() as s:
        cid = add_customer(s)
    card = make_card(qtbot, db, cid)
    type_text(card.ui.notes, "来店時に試供品")
    assert card.is_dirty()

    seen = answer_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    qtbot.keyClick(card.ui.notes, Qt.Key.Key_Escape)
    assert seen == ["変更が保存されていません。保存しますか？"]
    assert card.isVisible()  # Cancel keeps the card and the edit

    answer_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Save).click())
    card.close()
    assert not card.isVisible()
    with db.sessions() as s:
        assert customer_index.get_customer(s, cid).notes == "来店時に試供品"


def test_discarding_unsaved_edits_writes_nothing(db: Any, qtbot: Any) -> None:
    with db.transaction() as s:
        cid = add_customer(s)
    card = make_card(qtbot, db, cid)
    type_text(card.ui.city, "港区")
    answer_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    card.reject()
    assert not card.isVisible()
    with db.sessions() as s:
        assert customer_index.get_customer(s, cid).city == "千代田区"


def test_closing_without_edits_does_not_ask(db: Any, qtbot: Any) -> None:
    with db.transaction() as s:
        cid = add_customer(s)
        customer_service.set_tags(s, cid, ["VIP"])
    card = make_card(qtbot, db, cid)
    assert card.ui.tags.text() == "VIP"
    assert "#VIP" in card.ui.header_details.text()
    card.reject()
    assert not card.isVisible()


def test_kana_suggestion_stops_once_staff_edit_the_kana(db: Any, qtbot: Any) -> None:
    card = make_card(qtbot, db)
    type_text(card.ui.family_name, "中田")
    assert card.ui.family_kana.text() == "なかだ"  # the dictionary's reading
    card.ui.family_kana.clear()
    type_text(card.ui.family_kana, "なかた")  # this family says なかた
    card.ui.family_name.clear()
    type_text(card.ui.family_name, "中田")  # the name is typed again
    assert card.ui.family_kana.text() == "なかた"


def test_tags_and_consents_are_saved_in_one_go(db: Any, qtbot: Any) -> None:
    card = make_card(qtbot, db)
    type_text(card.ui.family_name, "小林")
    type_text(card.ui.tags, "常連、VIP")
    card.ui.dm_consent.setChecked(False)
    assert card.save()
    with db.sessions() as s:
        record = customer_service.customer_record(customer_index.get_customer(s, card.customer_id))
    assert record["tags"] == ["VIP", "常連"]
    assert record["dm_consent"] is False
    assert record["family_kana"] == "こばやし"


def test_tab_walks_the_card_in_reading_order(db: Any, qtbot: Any) -> None:
    card = make_card(qtbot, db)
    order = []
    widget = card.ui.family_name
    for _ in range(14):
        order.append(widget.objectName())
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda w=widget: QApplication.focusWidget() is not w)
        widget = QApplication.focusWidget()
    assert order == [
        "family_name", "given_name", "family_kana", "given_kana", "gender", "first_visit",
        "birthday", "tags", "company", "department", "channel", "referred_by", "postal_code",
        "prefecture",
    ]  # fmt: skip


def test_with_the_duplicate_banner_save_and_close_stay_on_the_screen(db: Any, qtbot: Any) -> None:
    """Issue 12's 5: with the banner the card grew to 1,187 px, Save fell off the screen."""
    with db.transaction() as s:
        add_customer(s, phone1="090-1234-5678")
    card = make_card(qtbot, db)
    room = card.screen().availableGeometry()
    assert room.height() <= 1000  # the offscreen screen is smaller than the shop's
    type_text(card.ui.family_name, "山田")
    type_text(card.ui.phone1, "09012345678")
    assert not card.save()
    qtbot.waitUntil(card.ui.duplicates_frame.isVisible)
    assert card.frameGeometry().height() <= room.height()
    for button in (card.ui.save_button, card.ui.close_button, card.ui.save_anyway_button):
        bottom = button.mapTo(card, button.rect().bottomLeft()).y()
        assert button.isVisible() and bottom < card.height(), button.objectName()


def test_after_a_postal_lookup_tab_goes_to_the_first_empty_address_field(
    db: Any, qtbot: Any
) -> None:
    """Tab from 郵便番号 landed on the filled 都道府県, and typing the street overwrote it."""
    card = make_card(qtbot, db)
    focus(qtbot, card.ui.postal_code)
    type_text(card.ui.postal_code, "1000001")
    assert card.ui.prefecture.text() == "東京都" and card.ui.town.text() == "千代田"
    qtbot.keyClick(card.ui.postal_code, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is card.ui.street
    type_text(card.ui.street, "1-1")
    assert card.ui.prefecture.text() == "東京都" and card.ui.street.text() == "1-1"
    # with the street known too, Enter goes on to the building
    focus(qtbot, card.ui.postal_code)
    card.ui.postal_code.clear()
    type_text(card.ui.postal_code, "100-0001")
    qtbot.keyClick(card.ui.postal_code, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is card.ui.building


def test_on_a_small_shop_screen_the_history_shows_several_rows(db: Any, qtbot: Any) -> None:
    """At 1366x768 (the card gets 1000x740) staff see the last few purchases and point
    entries without scrolling, and the big balance does not cover the line under it."""
    from crmdesk.services import cards, purchases
    from crmdesk.services.staff import CLI_ACTOR
    from crmdesk.ui.points.panel import PointsPanel

    with db.transaction() as s:
        who = add_customer(s, family_name="松本", given_name="真由美")
        number = cards.issue_card(s, who, actor=CLI_ACTOR).card_number
        for amount in range(1000, 13000, 1000):
            purchases.record_purchase(s, amount=amount, actor=CLI_ACTOR, card_number=number)
    card = make_card(qtbot, db, who)
    card.resize(1000, 740)
    panel = next(p for p in card.panels if isinstance(p, PointsPanel))
    card.ui.history_tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.purchases_model.rowCount() == 12)
    qtbot.wait(50)  # the layout settles
    for view in (panel.purchases_view, panel.ledger_view):
        shown = view.viewport().height() // view.rowHeight(0)
        assert shown >= 3, view
    balance, expiring = panel.balance_label, panel.expiring_label
    bottom = balance.mapTo(panel, balance.rect().bottomLeft()).y()
    assert bottom < expiring.mapTo(panel, expiring.rect().topLeft()).y() + 2
    assert balance.height() >= balance.fontMetrics().height()


def test_a_save_keeps_what_another_counter_changed_meanwhile(db: Any, qtbot: Any) -> None:
    """Two counters on one file: the card was open here while the command line (another
    program) changed her phone and gave her a tag. Saving an email here wrote the phone
    shown here back over it, and dropped the tag."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    with db.transaction() as s:
        cid = add_customer(s, phone1="03-1111-2222")
        customer_service.set_tags(s, cid, ["常連"])
    card = make_card(qtbot, db, cid)
    root = Path(__file__).parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "--db", str(db.path), "customer", "edit", cid,
         "--phone", "090-3333-4444", "--tag", "常連", "--tag", "VIP", "--json"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert card.ui.phone1.text() == "03-1111-2222"  # still as it was shown
    type_text(card.ui.email, "hanako@example.jp")
    card.ui.tags.setText("常連, 紹介")
    assert card.save()
    with db.sessions() as s:
        saved = customer_service.customer_record(customer_index.get_customer(s, cid))
    assert saved["phone1"] == "090-3333-4444"  # the other counter's
    assert saved["email"] == "hanako@example.jp"  # this card's
    assert sorted(saved["tags"]) == ["VIP", "常連", "紹介"]
    assert card.ui.phone1.text() == "090-3333-4444"  # the card shows her as she is now
    other = open_database(db.path)  # another window on the file gives her a tag
    try:
        with other.transaction() as s:
            customer_service.set_tags(s, cid, ["VIP", "常連", "紹介", "誕生日"])
    finally:
        other.close()
    card.ui.tags.setText("VIP, 紹介")  # 常連 taken off here: off, and 誕生日 stays
    assert card.save()
    with db.sessions() as s:
        assert customer_service.customer_tags(s, cid) == ["VIP", "紹介", "誕生日"]
