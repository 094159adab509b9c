"""The background sync runs in a child process; where none can run, on a thread."""

from __future__ import annotations

import os
from typing import Any

import pytest

from crmdesk.sync import api
from crmdesk.ui.branch_sync import sync_process
from crmdesk.ui.branch_sync.sync_process import SyncProcess

LONG = 60_000


def count(win: Any) -> int:
    return int(getattr(win, "customer_count", 0) or 0)


def test_the_sync_runs_in_a_process_of_its_own_by_default(
    open_window: Any, make_branch: Any, hub: str, qtbot: Any
) -> None:
    a, b = make_branch("A"), make_branch("B")
    api.join(a.db, hub, branch_code="A", name="本店")
    api.join(b.db, hub, branch_code="B", name="支店")
    b.add_customer(phone1="090-1000-0001")
    api.sync_now(b.db)
    win = open_window(a.db)
    qtbot.waitUntil(lambda: win.sync.view.joined, timeout=LONG)
    qtbot.waitUntil(lambda: not win.sync.running, timeout=LONG)  # the catch-up at start
    with qtbot.waitSignal(win.sync.synced, timeout=LONG) as done:
        job = win.sync.sync_now()
        assert isinstance(job, SyncProcess)
        qtbot.waitUntil(lambda: job.process.processId() > 0, timeout=LONG)
        assert job.process.processId() != os.getpid()
    assert done.args[0].error is None
    qtbot.waitUntil(lambda: count(win) == 1, timeout=LONG)
    qtbot.waitUntil(lambda: win.sync.view.state == "synced", timeout=LONG)


@pytest.mark.parametrize(
    "program",
    [["/nonexistent/crmdesk"], ["/bin/false"]],
    ids=["cannot start", "no sync command"],
)
def test_where_no_child_can_sync_the_window_syncs_on_a_thread(
    open_window: Any,
    make_branch: Any,
    hub: str,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    program: list[str],
) -> None:
    a, b = make_branch("A"), make_branch("B")
    api.join(a.db, hub, branch_code="A", name="本店")
    api.join(b.db, hub, branch_code="B", name="支店")
    monkeypatch.setattr(sync_process, "command", lambda _path, *args: [*program, *args])
    win = open_window(a.db)
    qtbot.waitUntil(lambda: win.sync.view.joined, timeout=LONG)
    qtbot.waitUntil(lambda: not win.sync.running, timeout=LONG)
    b.add_customer(phone1="090-1000-0002")
    api.sync_now(b.db)
    with qtbot.waitSignal(win.sync.synced, timeout=LONG) as done:
        win.sync.sync_now()
    assert done.args[0].error is None  # the person sees a sync, not the missing child
    qtbot.waitUntil(lambda: count(win) == 1, timeout=LONG)
    assert not win.sync.use_process
    qtbot.waitUntil(lambda: win.sync.view.state == "synced", timeout=LONG)

    # quitting: the last push goes up on the thread, within its limit
    win.sync.use_process = True
    a.add_customer(phone1="090-1000-0003")
    qtbot.waitUntil(lambda: api.status(a.db)["waiting"] > 0, timeout=LONG)
    assert win.sync.final_push(seconds=5)
    assert api.status(a.db)["waiting"] == 0
    assert not win.sync.use_process
