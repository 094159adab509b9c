"""The window's sync against a real PostgreSQL hub, driven as staff and the owner do."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from crmdesk.core.errors import DomainError
from crmdesk.core.messages import field_label
from crmdesk.sync import api
from crmdesk.ui.branch_sync.settings_page import BranchSyncPage
from tests.helpers.pg import database_url, dbname_of, require_password
from tests.helpers.qt_typing import type_text

LONG = 60_000


def joined_window(open_window: Any, make_branch: Any, hub: str, code: str) -> tuple[Any, Any]:
    branch = make_branch(code)
    api.join(branch.db, hub, branch_code=code, name=f"{code}店")
    win = open_window(branch.db)
    return branch, win


def answer_yes() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer)


def wait_synced(qtbot: Any, win: Any) -> None:
    """Start a sync in ``win`` and wait until it finished with nothing waiting."""
    with qtbot.waitSignal(win.sync.synced, timeout=LONG):
        win.sync.sync_now()
    qtbot.waitUntil(lambda: win.sync.view.state == "synced", timeout=LONG)


def test_join_from_the_settings_page_wrong_then_right_password(
    open_window: Any, make_branch: Any, hub: str, pg_server: Any, qtbot: Any
) -> None:
    role_url = require_password(pg_server, "branch_a", "right-pass")
    pg_server.execute(pg_server.admin_url, "ALTER ROLE branch_a SUPERUSER")
    address = database_url(role_url, dbname_of(hub))
    branch = make_branch("A")
    win = open_window(branch.db)
    assert win.sync_label.text() == "同期: 未設定"
    page = BranchSyncPage(win)
    qtbot.addWidget(page)
    page.show()
    page.address.setText(address)
    page.user.setText("branch_a")
    type_text(page.password, "wrong-pass")
    page.branch_code.setText("A")
    page.branch_name.setText("本店")

    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("接続できません"), timeout=LONG)
    assert DomainError("hub_auth_failed").message("ja") in page.message.text()

    dialog = page.join()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=LONG)
    assert dialog.outcome[0] == "failed"
    assert page.message.text().startswith("参加できません")
    assert DomainError("hub_auth_failed").message("ja") in page.message.text()
    assert not api.status(branch.db)["joined"]

    page.password.clear()
    type_text(page.password, "right-pass")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("接続できました"), timeout=LONG)
    dialog = page.join()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=LONG)
    assert dialog.outcome[0] == "done", dialog.outcome
    assert page.message.text().startswith("参加しました")
    assert page.password.text() == ""  # kept in the keyring, not on the screen
    status = api.status(branch.db)
    assert status["joined"] and status["branch_code"] == "A"
    assert "right-pass" not in status["hub"]
    qtbot.waitUntil(lambda: win.sync.view.joined, timeout=LONG)
    assert not page.join_button.isEnabled() and page.leave_button.isEnabled()
    assert "（A）" in page.joined_label.text()
    wait_synced(qtbot, win)  # later syncs find the password in the keyring
    assert win.sync_label.text().startswith("同期済み（")


def test_an_edit_in_another_window_shows_after_a_sync(
    open_window: Any, make_branch: Any, hub: str, qtbot: Any
) -> None:
    a, win_a = joined_window(open_window, make_branch, hub, "A")
    b, win_b = joined_window(open_window, make_branch, hub, "B")
    customer_id = a.add_customer(phone1="090-1111-2222")
    wait_synced(qtbot, win_a)
    wait_synced(qtbot, win_b)
    qtbot.waitUntil(lambda: getattr(win_b, "customer_count", 0) == 1, timeout=LONG)
    card_a = win_a.open_customer(customer_id)
    assert card_a.ui.phone1.text() == "090-1111-2222"

    card_b = win_b.open_customer(customer_id)
    card_b.ui.phone1.clear()
    type_text(card_b.ui.phone1, "080-3333-4444")
    with qtbot.waitSignal(win_b.sync.synced, timeout=LONG):  # the write starts a sync
        assert card_b.save()
    qtbot.waitUntil(lambda: win_b.sync.view.state == "synced", timeout=LONG)

    wait_synced(qtbot, win_a)
    qtbot.waitUntil(lambda: card_a.ui.phone1.text() == "080-3333-4444", timeout=LONG)
    assert a.customer(customer_id)["phone1"] == "080-3333-4444"

    # a purchase made at B shows in A's card with where it was made
    from crmdesk.services.purchases import record_purchase
    from crmdesk.services.staff import CLI_ACTOR

    with b.db.transaction() as session:
        record_purchase(session, amount=3300, actor=CLI_ACTOR, customer_id=customer_id)
    wait_synced(qtbot, win_b)
    wait_synced(qtbot, win_a)
    timeline = next(p for p in card_a.panels if type(p).__name__ == "TimelinePanel")

    def shown() -> set[tuple[str, str]]:  # the open card follows what the sync brought
        tree = timeline.tree
        rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        return {(row.text(1), row.text(4)) for row in rows}

    qtbot.waitUntil(lambda: ("お買い上げ", "B店（B）") in shown(), timeout=LONG)

    # the sync panel lists the other branch and when it was last seen
    from crmdesk.ui.branch_sync.feature import open_panel

    panel = open_panel(win_a)
    qtbot.waitUntil(lambda: [b["code"] for b in panel.branch_rows] == ["B"], timeout=LONG)
    assert panel.branches.topLevelItem(0).text(1) == "B店"
    assert panel.branches.topLevelItem(0).text(2) not in ("", "—")
    panel.close()

    # the dashboard's branch filter covers every synced branch
    from crmdesk.ui.dashboard.dialog import DashboardDialog

    dashboard = DashboardDialog(a.db, win_a)
    qtbot.addWidget(dashboard)
    choices = [dashboard.branch.itemText(i) for i in range(dashboard.branch.count())]
    assert choices == ["全店", "A店（A）", "B店（B）"]


def test_same_field_conflict_in_the_inbox_restore_the_other_syncs_back(
    open_window: Any, make_branch: Any, hub: str, qtbot: Any
) -> None:
    from crmdesk.store.models import AuditLog
    from crmdesk.ui.branch_sync.feature import open_inbox

    a, win_a = joined_window(open_window, make_branch, hub, "A")
    b, win_b = joined_window(open_window, make_branch, hub, "B")
    customer_id = a.add_customer(notes="")
    wait_synced(qtbot, win_a)
    wait_synced(qtbot, win_b)
    a.edit(customer_id, notes="Aの注記")  # both offline from each other: same field
    b.edit(customer_id, notes="Bの注記")
    for win in (win_a, win_b, win_a, win_b):
        wait_synced(qtbot, win)
    winner = a.customer(customer_id)["notes"]
    assert winner == b.customer(customer_id)["notes"]
    loser = "Aの注記" if winner == "Bの注記" else "Bの注記"

    # the conflict is where the engine logged it (the losing branch's view)
    wins = [(w, br) for w, br in ((win_a, a), (win_b, b)) if api.conflicts(br.db)]
    assert wins, "a same-field edit left no conflict"
    win, branch = wins[0]
    inbox = open_inbox(win)
    qtbot.addWidget(inbox)
    assert inbox.tree.topLevelItemCount() == 1
    row = inbox.tree.topLevelItem(0)
    assert row.text(1) == field_label("notes", "ja")
    assert (row.text(2), row.text(4)) == (winner, loser)  # now in the file, overwritten
    assert "店" in row.text(3) and "店" in row.text(5)  # which branch made each
    assert row.text(3) != row.text(5)
    with qtbot.waitSignal(win.sync.synced, timeout=LONG):
        qtbot.keyClick(inbox.tree, Qt.Key.Key_R)  # restore the overwritten value
    assert inbox.tree.topLevelItemCount() == 0
    for other in (win_a, win_b):
        wait_synced(qtbot, other)
    assert a.customer(customer_id)["notes"] == loser
    assert b.customer(customer_id)["notes"] == loser
    with branch.tx() as s:
        actions = [r.action for r in s.query(AuditLog).filter(AuditLog.action.like("sync.%"))]
    assert actions.count("sync.conflict_resolved") == 1  # one decision, one entry


def test_status_bar_goes_offline_and_back_with_the_waiting_count(
    open_window: Any, make_branch: Any, hub: str, line: Any, qtbot: Any
) -> None:
    branch = make_branch("A")
    api.join(branch.db, line.url(hub), branch_code="A", name="本店")
    win = open_window(branch.db)
    wait_synced(qtbot, win)
    assert win.sync_label.text().startswith("同期済み（")

    line.cut()
    ids = [branch.add_customer(phone1=f"090-0000-000{n}") for n in range(3)]
    qtbot.waitUntil(lambda: win.sync.view.state == "offline", timeout=LONG)
    waiting = api.status(branch.db)["waiting"]
    assert waiting > 0
    qtbot.waitUntil(lambda: win.sync.view.waiting == waiting, timeout=LONG)
    text = win.sync_label.text()
    assert text.startswith("オフライン（") and text.endswith(f"・未送信 {waiting:,}件")

    line.restore()  # the controller retries by itself
    qtbot.waitUntil(lambda: win.sync.view.state == "synced", timeout=LONG)
    assert win.sync_label.text().startswith("同期済み（")
    assert api.status(branch.db)["waiting"] == 0
    assert len(ids) == 3


def test_leave_keeps_the_file(open_window: Any, make_branch: Any, hub: str, qtbot: Any) -> None:
    branch, win = joined_window(open_window, make_branch, hub, "A")
    customer_id = branch.add_customer()
    wait_synced(qtbot, win)
    page = BranchSyncPage(win)
    qtbot.addWidget(page)
    answer_yes()
    assert page.leave()
    qtbot.waitUntil(lambda: win.sync_label.text() == "同期: 未設定", timeout=LONG)
    assert not api.status(branch.db)["joined"]
    assert customer_id in branch.customer_ids()


def test_join_shows_progress_cancel_stops_it_and_join_again_resumes(
    open_window: Any, make_branch: Any, hub: str, qtbot: Any
) -> None:
    from crmdesk.services import customer_list
    from crmdesk.services import customers as customer_service

    a = make_branch("A")
    api.join(a.db, hub, branch_code="A", name="本店")
    with a.tx() as session:
        for i in range(200):
            customer_service.create_customer(session, {"family_name": "田中", "given_name": f"{i}"})
    api.sync_now(a.db)

    b = make_branch("B")
    win = open_window(b.db)
    page = BranchSyncPage(win)
    qtbot.addWidget(page)
    page.page_size = 10
    page.address.setText(hub)
    page.branch_code.setText("B")
    page.branch_name.setText("支店")
    dialog = page.join()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.bar.maximum() > 0 and dialog.bar.value() > 0, timeout=LONG)
    assert dialog.eta.text().startswith("残り")
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=LONG)
    assert dialog.outcome[0] == "cancelled"
    assert page.message.text().startswith("中断しました")
    qtbot.waitUntil(lambda: win.sync_label.text() == "同期: 参加の途中", timeout=LONG)
    with b.tx() as session:
        part = customer_list.count_customers(session)
    assert part < 200

    dialog = page.join()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=LONG)
    assert dialog.outcome[0] == "done", dialog.outcome
    assert dialog.outcome[1]["resumed"] is True
    with b.tx() as session:
        assert customer_list.count_customers(session) == 200
    qtbot.waitUntil(lambda: win.sync.view.joined, timeout=LONG)


def test_points_overdraft_shows_the_customer_and_the_entries_behind_it(
    open_window: Any, make_branch: Any, hub: str, qtbot: Any
) -> None:
    from crmdesk.ui.branch_sync.feature import open_inbox

    a, win_a = joined_window(open_window, make_branch, hub, "A")
    b, win_b = joined_window(open_window, make_branch, hub, "B")
    customer_id = a.add_customer(family_name="松本", given_name="誠")
    a.adjust(customer_id, 1000)
    wait_synced(qtbot, win_a)
    wait_synced(qtbot, win_b)
    a.buy(customer_id, 1000, redeem=1000)  # each counter saw 1,000 points, offline
    b.buy(customer_id, 1000, redeem=1000)
    for win in (win_a, win_b, win_a, win_b):
        wait_synced(qtbot, win)
    flagged = [
        (w, br) for w, br in ((win_a, a), (win_b, b))
        if any(c["kind"] == "overdraft" for c in api.conflicts(br.db))
    ]  # fmt: skip
    assert flagged
    win, branch = flagged[0]
    assert "競合 1件" in win.sync_label.text()
    inbox = open_inbox(win)
    qtbot.addWidget(inbox)
    row = inbox.tree.topLevelItem(0)
    assert row.text(0).endswith("松本 誠")
    assert (row.text(1), row.text(2)) == ("ポイント残高", "-1,000 pt")
    assert not inbox.restore_button.isEnabled()
    assert inbox.keep_button.text() == "確認済みにする(&K)"
    lines = [
        [inbox.detail.topLevelItem(i).text(c) for c in range(5)]
        for i in range(inbox.detail.topLevelItemCount())
    ]
    redeemed = [line for line in lines if line[1] == "利用"]
    assert [line[2] for line in redeemed] == ["-1,000", "-1,000"]
    assert {line[4] for line in redeemed} == {"A店（A）", "B店（B）"}  # where each was used
    assert lines[0][3] == "-1,000"  # the balance after the newest entry
    qtbot.keyClick(inbox.tree, Qt.Key.Key_K)
    assert inbox.tree.topLevelItemCount() == 0
    assert not [c for c in api.conflicts(branch.db) if c["kind"] == "overdraft"]
    assert branch.balance(customer_id) == -1000  # seen, never silently corrected


def test_a_computer_without_a_keyring_is_told_so_and_nothing_joins(
    open_window: Any, make_branch: Any, hub: str, qtbot: Any
) -> None:
    import keyring
    from keyring.backends import fail

    branch = make_branch("A")
    win = open_window(branch.db)
    page = BranchSyncPage(win)
    qtbot.addWidget(page)
    page.address.setText(hub)
    page.branch_code.setText("A")
    type_text(page.password, "secret")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # what a machine with no keyring has
    try:
        assert page.join() is None
    finally:
        keyring.set_keyring(previous)
    words = DomainError("keyring_unavailable", reason="@").message("ja").split("@")[0]
    assert words.startswith("パスワードを保存できるキーリング")
    assert page.message.text().startswith(words.rstrip("（("))  # the engine's clear message
    assert not api.status(branch.db)["joined"]


def test_quitting_sends_what_waits_within_a_short_limit(
    open_window: Any, make_branch: Any, hub: str, line: Any, qtbot: Any
) -> None:
    import time

    branch = make_branch("A")
    api.join(branch.db, line.url(hub), branch_code="A", name="本店")
    win = open_window(branch.db)
    qtbot.waitUntil(lambda: win.sync.view.joined, timeout=LONG)
    qtbot.waitUntil(lambda: not win.sync.running, timeout=LONG)
    branch.add_customer(phone1="090-5555-0001")
    assert api.status(branch.db)["waiting"] > 0
    assert win.sync.final_push(seconds=5)
    assert api.status(branch.db)["waiting"] == 0

    line.cut()  # the hub is out of reach at closing time: quitting still ends quickly
    branch.add_customer(phone1="090-5555-0002")
    started = time.monotonic()
    win.sync.final_push(seconds=2)
    assert time.monotonic() - started < 2 + 8  # the limit, plus the engine's connect timeout
    assert api.status(branch.db)["waiting"] > 0  # kept for the next start, nothing lost
