"""The email dialog and the server settings page, against a real SMTP server in process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from crmdesk.services import email_setup, segments, shop
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.ui.mailings.email_dialog import EmailCampaignDialog
from crmdesk.ui.mailings.email_feature import EmailServerPage
from tests.helpers.factories import add_customer
from tests.helpers.shop import type_text
from tests.helpers.smtp import Mailbox, start_server, use_memory_keyring


@pytest.fixture
def box() -> Iterator[Mailbox]:
    mailbox = Mailbox()
    controller = start_server(mailbox, user="shop", password="pw")
    mailbox.port = controller.port  # type: ignore[attr-defined]
    yield mailbox
    controller.stop()


def test_settings_page_keeps_the_password_in_the_keyring(qtbot, db, box) -> None:
    ring = use_memory_keyring()
    page = EmailServerPage(db, CLI_ACTOR)
    qtbot.addWidget(page)
    type_text(qtbot, page.host, "smtp.example.jp")
    page.security.setCurrentIndex(page.security.findData("none"))
    type_text(qtbot, page.from_address, "info@example.jp")
    assert page.save() is False  # no encryption to a remote server
    assert "暗号化なし" in page.error.text()
    page.host.clear()
    type_text(qtbot, page.host, "127.0.0.1")
    page.port.setValue(box.port)  # type: ignore[attr-defined]
    type_text(qtbot, page.user, "shop")
    type_text(qtbot, page.password, "pw")
    assert page.save() is True and page.password.text() == ""
    assert ring.passwords == {(email_setup.KEYRING_SERVICE, "shop@127.0.0.1"): "pw"}
    with db.sessions() as session:
        saved = email_setup.require_settings(session)
    assert saved.security == "none" and "pw" not in str(saved.to_json())


def test_compose_preview_send_from_the_dialog(qtbot, db, box) -> None:
    use_memory_keyring()
    with db.transaction() as session:
        shop.set_shop_info(
            session,
            {"name": "松風堂", "postal_code": "1500001", "address": "東京都渋谷区神宮前1-2-3"},
            actor=CLI_ACTOR,
        )
        found = email_setup.save_settings(
            session,
            {
                "host": "127.0.0.1",
                "port": box.port,
                "user": "shop",
                "security": "none",
                "from_address": "info@example.jp",
                "pace_per_minute": 6000,
            },
            actor=CLI_ACTOR,
        )
        email_setup.save_password(found, "pw")
        add_customer(session, email="hanako@example.jp", email_consent=True)
        add_customer(session, family_name="拒否", email="no@example.jp", email_consent=False)
        segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    dialog = EmailCampaignDialog(db, CLI_ACTOR)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=5000) as seen:
        qtbot.mouseClick(dialog.check_button, Qt.LeftButton)
    assert seen.args == [1] and "メール不可 1" in dialog.summary.text()
    type_text(qtbot, dialog.subject_edit, "{name}様へ")
    dialog.body_edit.insertPlainText("こんにちは ")  # as an input method commits it
    dialog.field_box.setCurrentIndex(dialog.field_box.findData("points"))
    dialog.field_box.activated.emit(dialog.field_box.currentIndex())
    assert "{points}" in dialog.body_edit.toPlainText()
    assert "件名: 山田 花子様へ" in dialog.preview_view.toPlainText()
    assert "送信者: 松風堂" in dialog.preview_view.toPlainText()
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    assert box.to("info@example.jp") and "テストメール" in dialog.message.text()
    with qtbot.waitSignal(dialog.finished_sending, timeout=10_000) as done:
        qtbot.mouseClick(dialog.send_button, Qt.LeftButton)
    assert done.args[0].sent == 1 and len(box.to("hanako@example.jp")) == 1
    assert box.to("no@example.jp") == [] and "送信 1通" in dialog.message.text()
