"""Named moments of the sync where the proof tests inject a failure.

The engine calls :func:`point` at each of :data:`POINTS`. Normally that does nothing. A
test arms a point to raise (or to call a hook, e.g. block on an event) with
:func:`armed`; a process started with ``CRMDESK_SYNC_PAUSE_AT=name`` prints
``crmdesk-sync-paused name`` to stderr on reaching it and sleeps 60 s, so a test can kill
it at exactly that moment.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

POINTS = (
    "push_before_commit",  # batch applied on the hub, hub transaction not yet committed
    "push_after_commit",  # hub committed, the acknowledgement not yet received
    "push_after_trim",  # local outbox trimmed up to the ack
    "pull_page_read",  # a page read from the hub, nothing applied locally yet
    "pull_mid_apply",  # half the page applied in the local transaction, not committed
    "pull_before_commit",  # rows applied and cursor written, not committed
    "join_page",  # after each committed snapshot page of a join
    "join_restore",  # a bulk join's indexes and search remade, not yet committed
    "upload_after_commit",  # a join's bulk upload page committed on the hub, not yet here
)
PAUSE_ENV = "CRMDESK_SYNC_PAUSE_AT"
PAUSE_SECONDS = 60.0


@dataclass
class _Arm:
    exc: BaseException | None
    hook: Callable[[], object] | None
    times: int | None  # None: every time


_armed: dict[str, list[_Arm]] = {}
_lock = threading.Lock()


def point(name: str) -> None:
    """The engine has reached moment ``name``."""
    if name not in POINTS:
        raise ValueError(f"unknown fault point {name!r}")
    if os.environ.get(PAUSE_ENV) == name:
        print(f"crmdesk-sync-paused {name}", file=sys.stderr, flush=True)
        time.sleep(PAUSE_SECONDS)
    with _lock:
        arms = _armed.get(name)
        if not arms:
            return
        arm = arms[-1]
        if arm.times is not None:
            arm.times -= 1
            if arm.times <= 0:
                arms.pop()
    if arm.hook is not None:
        arm.hook()
    if arm.exc is not None:
        raise arm.exc


@contextmanager
def armed(
    name: str,
    exc: BaseException | None = None,
    *,
    hook: Callable[[], object] | None = None,
    times: int | None = 1,
) -> Iterator[None]:
    """Within the block, reaching ``name`` calls ``hook`` and/or raises ``exc``.

    ``times`` is how often it fires (None: every time). With neither ``exc`` nor
    ``hook`` given, a ``ConnectionError`` is raised.
    """
    if name not in POINTS:
        raise ValueError(f"unknown fault point {name!r}")
    if exc is None and hook is None:
        exc = ConnectionError(f"fault injected at {name}")
    arm = _Arm(exc, hook, times)
    with _lock:
        _armed.setdefault(name, []).append(arm)
    try:
        yield
    finally:
        with _lock:
            arms = _armed.get(name, [])
            if arm in arms:
                arms.remove(arm)
