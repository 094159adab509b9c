"""``hub init URL`` / ``hub status URL`` / ``hub prune URL``: the shared PostgreSQL hub."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_hub"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    hub = sub.add_parser("hub", help="the shared PostgreSQL database branches sync with")
    hsub = hub.add_subparsers(dest="hub_command", metavar="ACTION", required=True)
    p = hsub.add_parser("init", help="create or migrate the hub schema")
    p.add_argument("url", help="postgresql://user@host:5432/dbname?sslmode=require")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_init"))
    p = hsub.add_parser("status", help="each branch, last seen, lag, tombstones waiting")
    p.add_argument("url")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_status"))
    p = hsub.add_parser(
        "prune", help="drop change-log rows every active branch has (sync does it daily)"
    )
    p.add_argument("url")
    p.add_argument("--days", type=int, default=30, help="keep changes this long (default 30)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_prune"))
