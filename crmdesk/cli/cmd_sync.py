"""``sync join | now | status | conflicts | resolve | leave | password``: branch sync."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import threading
import time

from crmdesk.cli import CliContext, add_json_flag
from crmdesk.cli.cmd_hub import print_warnings
from crmdesk.core.errors import DomainError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sync = sub.add_parser("sync", help="sync this file with the branches' shared hub")
    ssub = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    p = ssub.add_parser("join", help="join a hub as a branch (upload or download, resumable)")
    p.add_argument("url", help="postgresql://user@host:5432/dbname?sslmode=require")
    p.add_argument("--branch", required=True, help="a short branch code, e.g. SBY")
    p.add_argument("--name", required=True, help="the branch's name, e.g. 渋谷店")
    p.add_argument("--page-size", type=int, default=5000, dest="page_size")
    add_json_flag(p)
    p.set_defaults(handler=cmd_join)
    p = ssub.add_parser("now", help="push waiting changes, then pull until caught up")
    p.add_argument("--max-batch", type=int, default=1000, dest="max_batch")
    p.add_argument(
        "--time-limit",
        type=float,
        metavar="SECONDS",
        dest="time_limit",
        help="stop at the first batch end after SECONDS (what went through stays)",
    )
    p.add_argument(
        "--progress-lines",
        action="store_true",
        dest="progress_lines",
        help="each step as a JSON line on stdout; a line 'stop' on stdin stops at a batch end",
    )
    add_json_flag(p)
    p.set_defaults(handler=cmd_now)
    p = ssub.add_parser("status", help="joined hub, waiting changes, last sync, last error")
    add_json_flag(p)
    p.set_defaults(handler=cmd_status)
    p = ssub.add_parser("conflicts", help="values that lost to an edit elsewhere, overdrafts")
    p.add_argument("--all", action="store_true", help="include resolved ones")
    add_json_flag(p)
    p.set_defaults(handler=cmd_conflicts)
    p = ssub.add_parser("resolve", help="settle a conflict: keep mine or theirs")
    p.add_argument("id")
    p.add_argument("--keep", required=True, choices=("mine", "theirs"))
    add_json_flag(p)
    p.set_defaults(handler=cmd_resolve)
    p = ssub.add_parser("leave", help="stop syncing (this file keeps every row)")
    add_json_flag(p)
    p.set_defaults(handler=cmd_leave)
    p = ssub.add_parser("password", help="keep the hub password in the OS keyring")
    p.add_argument("url")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        dest="stdin",
        help="read the password from standard input",
    )
    add_json_flag(p)
    p.set_defaults(handler=cmd_password)


def _progress(ctx: CliContext):  # type: ignore[no-untyped-def]
    if getattr(ctx.args, "json", False) or not sys.stderr.isatty():
        return None

    def show(phase: str, done: int, total: int) -> None:
        print(f"\r{phase} {done}/{total or '?'}", end="", file=sys.stderr, flush=True)

    return show


def cmd_join(ctx: CliContext) -> int:
    from crmdesk.sync import api

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
    from crmdesk.sync import api

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
    from crmdesk.sync import api

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
    from crmdesk.sync import api

    found = api.conflicts(ctx.db, include_resolved=ctx.args.all)
    lines = [
        f"{c['id']}  {c['kind']}  {c['table']}.{c['column']}  mine={c['mine']!r} "
        f"theirs={c['theirs']!r} ({c['theirs_branch']})"
        for c in found
    ]
    ctx.emit({"ok": True, "conflicts": found}, "\n".join(lines) or "no conflicts")
    return 0


def cmd_resolve(ctx: CliContext) -> int:
    from crmdesk.sync import api

    result = api.resolve(ctx.db, ctx.args.id, ctx.args.keep, actor=ctx.actor)
    ctx.emit({"ok": True, "conflict": result}, f"resolved: kept {ctx.args.keep}")
    return 0


def cmd_leave(ctx: CliContext) -> int:
    from crmdesk.sync import api

    api.leave(ctx.db)
    ctx.emit({"ok": True, "joined": False}, "left the hub; every row stays in this file")
    return 0


def cmd_password(ctx: CliContext) -> int:
    from crmdesk.sync import api

    if ctx.args.stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("hub password: ")
    api.save_password(ctx.args.url, password)
    ctx.emit({"ok": True, "saved": True}, "password saved in the keyring")
    return 0
