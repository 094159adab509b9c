"""Typing at the counter while a large sync runs: every key lands, the list follows."""

from __future__ import annotations

from typing import Any

from crmdesk.services import customer_list
from crmdesk.services import customers as customer_service
from crmdesk.sync import api
from tests.helpers.loop_gaps import LoopGaps
from tests.helpers.qt_typing import type_text
from tests.helpers.window_settled import wait_settled

CHANGES = 600  # the bench (tests/bench/test_bench_sync_typing.py) runs 10,000
# Generous for a shared 2-core machine under the whole suite; the bench holds the 50 ms.
FREEZE_LIMIT_MS = 400


def add_many(db: Any, n: int) -> None:
    with db.transaction() as session:
        for i in range(n):
            customer_service.create_customer(
                session,
                {"family_name": "佐藤", "given_name": f"{i:05d}", "phone1": f"03-{i:04d}-0000"},
            )


def test_typing_in_the_search_box_while_a_large_sync_runs(
    open_window: Any, make_branch: Any, hub: str, qtbot: Any
) -> None:
    a, b = make_branch("A"), make_branch("B")
    api.join(a.db, hub, branch_code="A", name="本店")
    api.join(b.db, hub, branch_code="B", name="支店")
    add_many(a.db, CHANGES)
    api.sync_now(a.db)
    b.add_customer(family_name="山田", given_name="花子", family_kana="やまだ")
    win = open_window(b.db)
    qtbot.waitUntil(lambda: win.sync.view.joined, timeout=30_000)
    wait_settled(win, qtbot)
    search = win.ui.search_edit
    search.setFocus()
    with LoopGaps() as gaps:
        worker = win.sync.sync_now()
        assert worker is not None
        typed = 0
        while win.sync.running and typed < 30:
            search.clear()
            type_text(search, "やまだ")
            typed += 1
        qtbot.waitUntil(lambda: not win.sync.running, timeout=120_000)
    assert win.sync.view.state == "synced"
    search.clear()
    type_text(search, "やまだ")
    qtbot.waitUntil(lambda: win.shown_query == "やまだ", timeout=10_000)
    assert search.text() == "やまだ"  # no key lost while the sync ran
    assert win.model.rowCount() == 1
    with b.tx() as s:
        assert customer_list.count_customers(s) == CHANGES + 1
    assert typed > 0, "the sync ended before any typing"
    assert gaps.longest_ms < FREEZE_LIMIT_MS, f"the window froze {gaps.longest_ms:.0f} ms"
