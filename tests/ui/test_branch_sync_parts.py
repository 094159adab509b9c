"""The window's sync parts that need no hub: URLs, status words, time left, write watch."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from crmdesk.core.errors import DomainError
from crmdesk.services import customer_list
from crmdesk.services import customers as customer_service
from crmdesk.ui import i18n, settings
from crmdesk.ui.branch_sync import hub_config
from crmdesk.ui.branch_sync.join_progress import Estimate, words_for_seconds
from crmdesk.ui.branch_sync.state import SyncError, SyncView, status_text
from crmdesk.ui.branch_sync.write_watch import WriteWatcher, quiet


def test_hub_url_from_what_the_owner_types() -> None:
    assert hub_config.hub_url("hub.example.jp", "branch_a") == (
        "postgresql://branch_a@hub.example.jp:5432/crmdesk"
    )
    assert hub_config.hub_url(" 10.0.0.5:6543/shop?sslmode=require ", "b") == (
        "postgresql://b@10.0.0.5:6543/shop?sslmode=require"
    )
    socket = "postgresql://postgres:@/postgres?host=/tmp/pg"
    assert hub_config.hub_url(socket, "") == "postgresql://postgres@/postgres?host=/tmp/pg"
    with_password = hub_config.hub_url(socket, "shop", "p@ss:word")
    assert with_password == "postgresql://shop:p%40ss%3Aword@/postgres?host=/tmp/pg"
    assert hub_config.without_password(with_password) == "postgresql://shop@/postgres?host=/tmp/pg"
    assert hub_config.hub_url("", "x") == ""


def test_timing_comes_from_hub_settings_and_survives_nonsense() -> None:
    assert hub_config.timing() == hub_config.Timing(5.0, 3.0, 5.0, 15.0)
    settings.set_value("hub/interval_minutes", "2")
    settings.set_value("hub/debounce_seconds", "abc")
    settings.set_value("hub/quit_seconds", "-1")
    assert hub_config.timing() == hub_config.Timing(2.0, 3.0, 5.0, 15.0)


def test_status_words_for_each_state() -> None:
    at = datetime(2026, 12, 1, 3, 4, tzinfo=UTC)  # 12:04 in Tokyo
    assert status_text(SyncView()) == "同期: 未設定"
    joined = SyncView(joined=True, last_sync_at=at)
    assert status_text(joined) == "同期済み（12:04）"
    assert status_text(SyncView(joined=True, waiting=1234)) == "未送信 1,234件"
    offline = SyncView(joined=True, waiting=3).failed(
        SyncError("hub_unreachable", "ハブに接続できません"), at
    )
    assert status_text(offline) == "オフライン（12:04から）・未送信 3件"
    # a second failure keeps the start of the outage; success ends it
    later = offline.failed(SyncError("hub_unreachable", "x"), datetime(2026, 12, 1, 5, tzinfo=UTC))
    assert later.offline_since == at
    assert later.succeeded().state == "synced" or later.succeeded().state == "waiting"
    error = SyncView(joined=True).failed(SyncError.of(DomainError("clock_skew")), at)
    assert error.state == "error"
    assert status_text(error).startswith("同期エラー: ")
    assert status_text(error) != "同期エラー: "
    assert SyncError.of(ValueError("boom")).code == "bug"
    assert status_text(SyncView(joined=True, conflicts=2, last_sync_at=at)) == (
        "同期済み（12:04）・競合 2件"
    )
    assert status_text(SyncView(joining=True)) == "同期: 参加の途中"


def test_status_words_in_english() -> None:
    assert i18n.set_language("en")
    assert status_text(SyncView(joined=True, waiting=2)) == "2 changes waiting"
    at = datetime(2026, 12, 1, 3, 4, tzinfo=UTC)
    offline = SyncView(joined=True).failed(SyncError("hub_unreachable", "no line"), at)
    assert status_text(offline) == "Offline since 12:04"


def test_time_left_follows_the_pace() -> None:
    now = [100.0]
    estimate = Estimate(clock=lambda: now[0])
    assert estimate.seconds_left(0, 10_000) is None  # no pace yet
    now[0] = 110.0
    assert estimate.seconds_left(1_000, 10_000) == 90.0  # 100 rows/s, 9,000 to go
    assert words_for_seconds(90.0) == "残り約2分"
    assert words_for_seconds(42.0) == "残り約40秒"
    assert words_for_seconds(3 * 3600 + 600) == "残り約3時間10分"
    assert words_for_seconds(None) == "残り時間を計算しています…"


def test_write_watcher_sees_commits_that_wrote_and_not_reads_or_its_own(db: Any) -> None:
    seen: list[int] = []
    watcher = WriteWatcher(db, lambda: seen.append(1))
    try:
        with db.sessions() as session:
            customer_list.count_customers(session)
        with db.transaction() as session:
            customer_list.count_customers(session)
        assert seen == []
        with db.transaction() as session:
            customer_service.create_customer(session, {"family_name": "山田"})
        assert seen == [1]
        with quiet(), db.transaction() as session:
            customer_service.create_customer(session, {"family_name": "佐藤"})
        assert seen == [1]
        try:
            with db.transaction() as session:
                customer_service.create_customer(session, {"family_name": "鈴木"})
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        assert seen == [1]
    finally:
        watcher.close()
    with db.transaction() as session:
        customer_service.create_customer(session, {"family_name": "高橋"})
    assert seen == [1]
