"""What the commands of :mod:`crmdesk.cli.cmd_sync` do (imported when one runs)."""

from __future__ import annotations

import getpass
import json
import sys
import threading
import time
from collections.abc import Callable

from crmdesk.cli import CliContext
from crmdesk.cli.run_hub import print_warnings
from crmdesk.core.errors import DomainError
from crmdesk.sync import api


def _progress(ctx: CliContext) -> Callable[[str, int, int], None] | None:
    if getattr(ctx.args, "json", False) or not sys.stderr.isatty():
        return None

    def show(phase: str, done: int, total: int) -> None:
        print(f"\r{phase} {done}/{total or '?'}", end="", file=sys.stderr, flush=True)

    return show


def cmd_join(ctx: CliContext) -> int:
    a = ctx.args
    result = api.join(
        ctx.db,
        a.url,
        branch_code=a.branch,
        name=a.name,
        progress=_progress(ctx),
        page_size=a.page_size,
        keep_connection=False,  # one command, one process: nothing to keep it for
    )
    print_warnings(ctx, result)
    text = (
        f"joined as {result['branch_code']}: uploaded {result['uploaded']}, "
        f"downloaded {result['downloaded']} ({result['seconds']} s)"
    )
    ctx.emit({"ok": True, **result}, text)
    return 0


class _StopAskedError(Exception):
    """``sync now`` was asked to stop (a 'stop' line, or its time limit)."""


def _stop_on_line(stop: threading.Event) -> None:
    for line in sys.stdin:
        if line.strip() == "stop":
            stop.set()
            return


def cmd_now(ctx: CliContext) -> int:
    a = ctx.args
    if a.time_limit is not None and not 0 < a.time_limit <= 3600:
        raise DomainError("out_of_range", field="time_limit", min="0.1", max="3,600")
    show = None if a.progress_lines else _progress(ctx)
    stop = threading.Event()
    if a.progress_lines:
        threading.Thread(target=_stop_on_line, args=(stop,), daemon=True).start()
    deadline = None if a.time_limit is None else time.monotonic() + a.time_limit

    def step(phase: str, done: int, total: int) -> None:
        if stop.is_set() or (deadline is not None and time.monotonic() > deadline):
            raise _StopAskedError
        if a.progress_lines:
            line = {"progress": {"phase": phase, "done": done, "total": total}}
            print(json.dumps(line), flush=True)
        elif show is not None:
            show(phase, done, total)

    try:
        result = api.sync_now(ctx.db, progress=step, max_batch=a.max_batch, keep_connection=False)
    except _StopAskedError:
        waiting = api.status(ctx.db)["waiting"]
        ctx.emit(
            {"ok": True, "stopped": True, "waiting": waiting},
            f"stopped at a batch end: {waiting} changes still waiting",
        )
        return 0
    print_warnings(ctx, result)
    text = (
        f"pushed {result['pushed']}, pulled {result['pulled']}, conflicts "
        f"{result['conflicts']}, rejected {result['rejected']}, overdrafts "
        f"{result['overdrafts']} ({result['seconds']} s)"
    )
    ctx.emit({"ok": True, **result}, text)
    return 0


def cmd_status(ctx: CliContext) -> int:
    result = api.status(ctx.db)
    if not result["joined"]:
        text = "not joined" + (
            " (a join is under way: run sync join again)" if result["joining"] else ""
        )
    else:
        text = (
            f"branch {result['branch_code']} on {result['hub']}: {result['waiting']} "
            f"waiting, last sync {result['last_sync_at'] or 'never'}"
        )
        if result["last_error"]:
            text += f"\nlast error: {result['last_error']['message']}"
    print_warnings(ctx, result)
    ctx.emit({"ok": True, **result}, text)
    return 0


def cmd_conflicts(ctx: CliContext) -> int:
    found = api.conflicts(ctx.db, include_resolved=ctx.args.all)
    lines = [
        f"{c['id']}  {c['kind']}  {c['table']}.{c['column']}  mine={c['mine']!r} "
        f"theirs={c['theirs']!r} ({c['theirs_branch']})"
        for c in found
    ]
    ctx.emit({"ok": True, "conflicts": found}, "\n".join(lines) or "no conflicts")
    return 0


def cmd_resolve(ctx: CliContext) -> int:
    result = api.resolve(ctx.db, ctx.args.id, ctx.args.keep, actor=ctx.actor)
    ctx.emit({"ok": True, "conflict": result}, f"resolved: kept {ctx.args.keep}")
    return 0


def cmd_leave(ctx: CliContext) -> int:
    api.leave(ctx.db)
    ctx.emit({"ok": True, "joined": False}, "left the hub; every row stays in this file")
    return 0


def cmd_password(ctx: CliContext) -> int:
    if ctx.args.stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("hub password: ")
    api.save_password(ctx.args.url, password)
    ctx.emit({"ok": True, "saved": True}, "password saved in the keyring")
    return 0
