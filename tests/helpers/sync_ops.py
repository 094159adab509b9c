"""The few sync moves every scenario makes, through the engine's public facade only."""

from __future__ import annotations

import time
from typing import Any

from tests.helpers.branches import BranchFile


def api() -> Any:
    from crmdesk.sync import api as facade

    return facade


def join(branch: BranchFile, hub: str, code: str | None = None) -> dict[str, Any]:
    code = code or branch.name
    result: dict[str, Any] = api().join(branch.db, hub, branch_code=code, name=f"{code}店")
    return result


def join_all(hub: str, *branches: BranchFile) -> None:
    for branch in branches:
        join(branch, hub)


def sync(*branches: BranchFile) -> list[dict[str, Any]]:
    """``sync now`` on each branch in turn (push its outbox, then pull to the head)."""
    return [api().sync_now(b.db) for b in branches]


def full_round(*branches: BranchFile) -> list[dict[str, Any]]:
    """Everyone syncs, then everyone but the last again: each has seen everything.

    Returns the second pass's results (what syncing after convergence still moved).
    """
    sync(*branches)
    return sync(*branches[:-1])


def conflicts(branch: BranchFile, **kwargs: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = api().conflicts(branch.db, **kwargs)
    return found


def tick() -> None:
    """Let the wall clock move on, so 'later' in a test is later for the HLC too."""
    time.sleep(0.003)
