"""Where sync stands, and the words the status bar uses for it.

:class:`SyncView` is what the controller knows after its last look (``api.status``) and
its last sync; :func:`status_text` words it: not set up / syncing / synced HH:MM /
N changes waiting / offline since HH:MM / error with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from crmdesk.core.clock import to_local
from crmdesk.core.errors import DomainError
from crmdesk.ui import i18n

CONTEXT = "SyncStatus"
#: Error codes that mean "no line to the hub": the branch works offline and retries.
OFFLINE_CODES = frozenset({"hub_unreachable"})


@dataclass(frozen=True)
class SyncError:
    code: str
    message: str  # in the window's language at the time it happened

    @classmethod
    def of(cls, error: BaseException) -> SyncError:
        if isinstance(error, DomainError):
            return cls(error.code, error.message(i18n.language()))
        return cls(
            "bug",
            QCoreApplication.translate("SyncStatus", "予期しないエラー（ログを参照）: {0}").format(
                type(error).__name__
            ),
        )

    @property
    def offline(self) -> bool:
        return self.code in OFFLINE_CODES


@dataclass(frozen=True)
class SyncView:
    joined: bool = False
    joining: bool = False  # a join stopped part-way: the next join continues it
    running: bool = False
    waiting: int = 0
    last_sync_at: datetime | None = None  # UTC
    error: SyncError | None = None
    offline_since: datetime | None = None  # UTC, first failure of the current outage
    conflicts: int = 0  # open conflicts for the owner's inbox
    branch_code: str = ""
    hub: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def failed(self, error: SyncError, now: datetime) -> SyncView:
        since = (self.offline_since or now) if error.offline else None
        return replace(self, running=False, error=error, offline_since=since)

    def succeeded(self) -> SyncView:
        return replace(self, running=False, error=None, offline_since=None)

    @property
    def state(self) -> str:
        """``off``, ``syncing``, ``offline``, ``error``, ``waiting`` or ``synced``."""
        if not self.joined:
            return "off"
        if self.error is not None:
            return "offline" if self.error.offline else "error"
        if self.running:
            return "syncing"
        return "waiting" if self.waiting else "synced"


def _hhmm(moment: datetime | None) -> str:
    return to_local(moment).strftime("%H:%M") if moment else "--:--"


def status_text(view: SyncView) -> str:
    text = _state_text(view)
    if view.joined and view.conflicts:
        text += QCoreApplication.translate("SyncStatus", "・競合 {0}件").format(view.conflicts)
    return text


def _state_text(view: SyncView) -> str:
    state = view.state
    if state == "off":
        if view.joining:
            return QCoreApplication.translate("SyncStatus", "同期: 参加の途中")
        return QCoreApplication.translate("SyncStatus", "同期: 未設定")
    if state == "offline":
        text = QCoreApplication.translate("SyncStatus", "オフライン（{0}から）").format(
            _hhmm(view.offline_since)
        )
        if view.waiting:
            text += QCoreApplication.translate("SyncStatus", "・未送信 {0}件").format(
                f"{view.waiting:,}"
            )
        return text
    if state == "error":
        assert view.error is not None
        return QCoreApplication.translate("SyncStatus", "同期エラー: {0}").format(
            view.error.message
        )
    if state == "syncing":
        return QCoreApplication.translate("SyncStatus", "同期中…")
    if state == "waiting":
        return QCoreApplication.translate("SyncStatus", "未送信 {0}件").format(f"{view.waiting:,}")
    return QCoreApplication.translate("SyncStatus", "同期済み（{0}）").format(
        _hhmm(view.last_sync_at)
    )


def parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
