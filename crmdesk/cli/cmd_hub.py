"""``hub init URL`` / ``hub status URL`` / ``hub prune URL``: the shared PostgreSQL hub."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crmdesk.cli import CliContext, add_json_flag


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    hub = sub.add_parser("hub", help="the shared PostgreSQL database branches sync with")
    hsub = hub.add_subparsers(dest="hub_command", metavar="ACTION", required=True)
    p = hsub.add_parser("init", help="create or migrate the hub schema")
    p.add_argument("url", help="postgresql://user@host:5432/dbname?sslmode=require")
    add_json_flag(p)
    p.set_defaults(handler=cmd_init)
    p = hsub.add_parser("status", help="each branch, last seen, lag, tombstones waiting")
    p.add_argument("url")
    add_json_flag(p)
    p.set_defaults(handler=cmd_status)
    p = hsub.add_parser(
        "prune", help="drop change-log rows every active branch has (sync does it daily)"
    )
    p.add_argument("url")
    p.add_argument("--days", type=int, default=30, help="keep changes this long (default 30)")
    add_json_flag(p)
    p.set_defaults(handler=cmd_prune)


def print_warnings(ctx: CliContext, data: dict[str, Any]) -> None:
    if getattr(ctx.args, "json", False):
        return
    for warning in data.get("warnings") or []:
        print(f"warning: {warning['message']} ({warning['code']})", file=sys.stderr)


def cmd_init(ctx: CliContext) -> int:
    from crmdesk.sync import api

    result = api.init_hub(ctx.args.url)
    ctx.emit({"ok": True, **result}, f"hub ready: schema {result['schema']}")
    return 0


def cmd_status(ctx: CliContext) -> int:
    from crmdesk.sync import api

    result = api.hub_status(ctx.args.url)
    lines = [
        f"hub schema {result['schema']}, head {result['head_seq']}, "
        f"tombstones waiting {result['tombstones']}, "
        f"last pruned {result['pruned_at'] or 'never'} (to {result['pruned_to']})"
    ]
    for b in result["branches"]:
        seen = b["last_seen"] or "never"
        lines.append(f"  {b['code']:<8} {b['name']}  last seen {seen}  lag {b['lag']}")
    print_warnings(ctx, result)
    ctx.emit({"ok": True, **result}, "\n".join(lines))
    return 0


def cmd_prune(ctx: CliContext) -> int:
    from crmdesk.sync import api

    result = api.prune_hub(ctx.args.url, days=ctx.args.days)
    ctx.emit({"ok": True, **result}, f"pruned {result['pruned']} changes")
    return 0
