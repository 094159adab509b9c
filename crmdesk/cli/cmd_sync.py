"""``sync join | now | status | conflicts | resolve | leave | password``: branch sync."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_sync"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = sub.add_parser("sync", help="sync this file with the branches' shared hub")
    ssub = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    p = ssub.add_parser("join", help="join a hub as a branch (upload or download, resumable)")
    p.add_argument("url", help="postgresql://user@host:5432/dbname?sslmode=require")
    p.add_argument("--branch", required=True, help="a short branch code, e.g. SBY")
    p.add_argument("--name", required=True, help="the branch's name, e.g. 渋谷店")
    p.add_argument("--page-size", type=int, default=5000, dest="page_size")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_join"))
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
    p.set_defaults(handler=Handler(RUN, "cmd_now"))
    p = ssub.add_parser("status", help="joined hub, waiting changes, last sync, last error")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_status"))
    p = ssub.add_parser("conflicts", help="values that lost to an edit elsewhere, overdrafts")
    p.add_argument("--all", action="store_true", help="include resolved ones")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_conflicts"))
    p = ssub.add_parser("resolve", help="settle a conflict: keep mine or theirs")
    p.add_argument("id")
    p.add_argument("--keep", required=True, choices=("mine", "theirs"))
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_resolve"))
    p = ssub.add_parser("leave", help="stop syncing (this file keeps every row)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_leave"))
    p = ssub.add_parser("password", help="keep the hub password in the OS keyring")
    p.add_argument("url")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        dest="stdin",
        help="read the password from standard input",
    )
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_password"))
