"""The main window as counter staff use it: type, arrow, Enter, edit, save, find again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crmdesk.services import customer_index
from crmdesk.ui.customers.card import CustomerCard
from crmdesk.ui.customers.list_model import COL_NAME, COL_PHONE
from tests.helpers.factories import add_customer
from tests.helpers.qt_typing import type_text


def seed(db: Any) -> dict[str, str]:
    with db.transaction() as s:
        return {
            "tanaka": add_customer(
                s, family_name="田中", given_name="拓也", family_kana="たなか",
                given_kana="たくや", phone1="070-6834-9518",
            ),
            "takahashi": add_customer(
                s, family_name="高橋", given_name="美咲", family_kana="たかはし",
                given_kana="みさき", phone1="03-3333-4444",
            ),
            "sato": add_customer(
                s, family_name="佐藤", given_name="健", family_kana="さとう",
                given_kana="けん", phone1="090-1111-2222",
            ),
        }  # fmt: skip


def shown_names(window: Any) -> list[str]:
    model = window.model
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def search(qtbot: Any, window: Any, text: str) -> None:
    edit = window.ui.search_edit
    edit.clear()
    type_text(edit, text)
    qtbot.waitUntil(lambda: window.shown_query == text.strip(), timeout=5000)


def test_search_box_has_focus_and_the_list_shows_everyone(window: Any, db: Any, qtbot: Any) -> None:
    seed(db)
    window.refresh()
    assert QApplication.focusWidget() is window.ui.search_edit
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    # the full list is in reading order
    assert shown_names(window) == ["佐藤 健", "高橋 美咲", "田中 拓也"]
    qtbot.waitUntil(lambda: window.count_label.text() == "顧客 3人")
    assert str(db.path) in window.path_label.text()


def test_kana_search_enter_edit_phone_save_and_find_by_new_phone(
    window: Any, db: Any, qtbot: Any
) -> None:
    ids = seed(db)
    search(qtbot, window, "たか")
    assert shown_names(window) == ["高橋 美咲"]

    qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_Return)
    card = window.cards[ids["takahashi"]]
    assert isinstance(card, CustomerCard) and card.isVisible()
    assert card.ui.family_name.text() == "高橋"
    assert card.ui.header_name.text() == "高橋 美咲"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is card)

    card.ui.phone1.setFocus()
    card.ui.phone1.selectAll()
    qtbot.keyClicks(card.ui.phone1, "080-5555-6666")
    qtbot.keyClick(card.ui.phone1, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert card.ui.status_label.text() == "保存しました"
    assert not card.is_dirty()
    with db.sessions() as s:
        assert customer_index.get_customer(s, ids["takahashi"]).phone1 == "080-5555-6666"

    search(qtbot, window, "08055556666")
    assert shown_names(window) == ["高橋 美咲"]
    assert window.model.index(0, COL_PHONE).data() == "080-5555-6666"


def test_arrows_move_through_results_and_escape_clears(window: Any, db: Any, qtbot: Any) -> None:
    ids = seed(db)
    search(qtbot, window, "た")  # たなか, たかはし
    assert sorted(shown_names(window)) == ["田中 拓也", "高橋 美咲"]
    first = window.model.row_at(0).id
    qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_Down)
    assert window.current_customer_id() != first
    qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_Up)
    assert window.current_customer_id() == first
    qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_F3)
    assert window.current_customer_id() in (ids["tanaka"], ids["takahashi"])
    qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_Escape)
    assert window.ui.search_edit.text() == ""
    qtbot.waitUntil(lambda: window.model.listing and window.model.rowCount() == 3)


def test_no_match_says_so(window: Any, db: Any, qtbot: Any) -> None:
    seed(db)
    search(qtbot, window, "わたなべ")
    assert window.model.rowCount() == 0
    assert window.ui.result_label.text() == "見つかりません"


def test_ctrl_n_opens_a_new_card_and_saving_lists_the_customer(
    window: Any, db: Any, qtbot: Any
) -> None:
    qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    card = window.cards[None]
    assert card.ui.header_name.text() == "新規顧客"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is card.ui.family_name)
    type_text(card.ui.family_name, "中村")
    assert card.ui.family_kana.text() == "なかむら"  # suggested as the name is typed
    card.ui.given_name.setFocus()
    type_text(card.ui.given_name, "花子")
    card.ui.postal_code.setFocus()
    qtbot.keyClicks(card.ui.postal_code, "1000001")
    assert (card.ui.prefecture.text(), card.ui.city.text(), card.ui.town.text()) == (
        "東京都",
        "千代田区",
        "千代田",
    )
    assert card.save()
    new_id = card.customer_id
    assert window.cards[new_id] is card
    search(qtbot, window, "なかむら")
    assert shown_names(window) == ["中村 花子"]
    assert window.current_customer_id() == new_id


def test_extension_api_menus_and_status(window: Any) -> None:
    for key in ("file", "customer", "tools", "reports", "help"):
        assert window.menu(key).title()
    action = window.menu("tools").addAction("テスト")
    assert action in window.menu("tools").actions()
    window.show_status("同期しました")
    assert window.ui.statusbar.currentMessage() == "同期しました"
    assert window.current_customer_id() is None


def test_enter_right_after_typing_opens_the_first_hit(window: Any, db: Any, qtbot: Any) -> None:
    ids = seed(db)
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    type_text(window.ui.search_edit, "たなか")
    qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_Return)  # before the results are in
    qtbot.waitUntil(lambda: ids["tanaka"] in window.cards)
    assert len(window.cards) == 1


def test_card_steps_to_the_next_result_without_the_mouse(window: Any, db: Any, qtbot: Any) -> None:
    ids = seed(db)
    search(qtbot, window, "た")  # 高橋 (たかはし), 田中 (たなか)
    first, second = window.model.row_at(0).id, window.model.row_at(1).id
    qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_Return)
    card = window.cards[first]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is card)
    qtbot.keyClick(card.ui.family_name, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert card.customer_id == second
    assert window.cards == {second: card}
    qtbot.keyClick(card.ui.family_name, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert card.customer_id == first
    assert set(ids.values()) >= {first, second}


def test_a_scanned_card_opens_the_customer_ready_for_the_amount(
    window: Any, db: Any, qtbot: Any
) -> None:
    """The barcode scanner types digits + Enter into the search box; the purchase follows."""
    from crmdesk.services import cards, points
    from crmdesk.services.staff import CLI_ACTOR
    from crmdesk.ui.points.panel import PointsPanel

    ids = seed(db)
    with db.transaction() as s:
        number = cards.issue_card(s, ids["sato"], actor=CLI_ACTOR).card_number
    window.refresh()
    qtbot.keyClicks(window.ui.search_edit, number)
    qtbot.keyClick(window.ui.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ids["sato"] in window.cards, timeout=5000)
    card = window.cards[ids["sato"]]
    panel = card.findChild(PointsPanel)
    assert card.ui.history_tabs.currentWidget() is panel
    qtbot.waitUntil(panel.amount_edit.hasFocus, timeout=3000)
    qtbot.keyClicks(panel.amount_edit, "3800")
    qtbot.keyClick(panel.amount_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "残高 38 pt" in panel.message.text(), timeout=3000)
    with db.sessions() as s:
        assert points.balance(s, ids["sato"]) == 38
    assert "38 pt" in card.ui.header_figures.text()  # the header follows the sale


def test_a_long_file_path_never_hides_the_count_or_the_sync_state(window: Any, qtbot: Any) -> None:
    long_path = "/home/shop/" + "とても長いフォルダ名/" * 12 + "crmdesk.sqlite3"
    window.path_label.setText(long_path)
    window.sync_label.setText("オフライン（16:06から）・未送信 1件")
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.count_label.text().startswith("顧客"))
    for label in (window.count_label, window.sync_label):
        assert label.width() >= label.sizeHint().width(), label.text()
    shown = window.path_label.shown_text()
    assert "…" in shown and shown.endswith("crmdesk.sqlite3")
    assert window.path_label.toolTip() == long_path == window.path_label.text()

    # a message for the status bar shows, in the path's place, and the path comes back
    window.show_status("バックアップを作成しました")
    bar = window.ui.statusbar
    qtbot.waitUntil(lambda: not window.path_label.isVisible())
    assert bar.currentMessage() == "バックアップを作成しました"
    image = bar.grab().toImage()  # the text is drawn where the path was
    left = image.copy(0, 0, image.width() // 3, image.height())
    assert len({left.pixel(x, y) for x in range(left.width()) for y in range(left.height())}) > 2
    for label in (window.count_label, window.sync_label):
        assert label.isVisible(), label.text()
    bar.clearMessage()
    qtbot.waitUntil(window.path_label.isVisible)


def test_a_window_closed_at_once_leaves_its_start_up_jobs_quietly(qtbot: Any, db: Any) -> None:
    """File > Open, or closing right after start: the customer count still on its way
    and the follow-up reminder still to come must not touch the deleted window."""
    from datetime import UTC, datetime, timedelta

    import shiboken6
    from PySide6.QtCore import QThreadPool
    from PySide6.QtTest import QTest

    from crmdesk.core.clock import local_today
    from crmdesk.services import inquiries
    from crmdesk.ui.inquiries.feature import REMIND_AFTER_MS
    from crmdesk.ui.main_window import MainWindow

    with db.transaction() as s:
        cid = add_customer(s)
        inquiries.create_inquiry(
            s,
            {
                "customer_id": cid,
                "subject": "期限切れ",
                "follow_up_on": local_today() - timedelta(days=2),
            },
            now=datetime.now(UTC) - timedelta(days=10),
        )
    win = MainWindow(db)  # starts the count on a worker and sets the reminder's timer
    win.show()
    shiboken6.delete(win)  # gone before the count reports (as a deleteLater would be)
    QThreadPool.globalInstance().waitForDone(5000)
    QTest.qWait(REMIND_AFTER_MS + 300)  # pytest-qt fails the test on an error in a slot


def test_quit_is_the_last_item_of_the_file_menu(window: Any) -> None:
    """Import, export, backups and the staff switch come from features: 終了 stays last."""
    texts = [a.text() for a in window.ui.menu_file.actions() if not a.isSeparator()]
    assert texts[-1] == "終了(&Q)"
    assert {"バックアップを作成", "書き出し…"} <= set(texts[:-1])
    actions = window.ui.menu_file.actions()
    assert actions[-2].isSeparator() and window.ui.menu_file.separatorsCollapsible()


def test_the_count_follows_what_another_program_adds(window: Any, db: Any, qtbot: Any) -> None:
    """Two counters on one file: a customer added by the other counter (here the command
    line, another process) showed in searches but not in this window's 顧客 N人."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    seed(db)
    window.refresh()
    qtbot.waitUntil(lambda: window.count_label.text() == "顧客 3人")
    root = Path(__file__).parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "--db", str(db.path), "customer", "add",
         "--family-name", "鈴木", "--phone", "090-5555-0000", "--json"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: window.count_label.text() == "顧客 4人", timeout=10_000)
