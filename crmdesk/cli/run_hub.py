"""What the commands of :mod:`crmdesk.cli.cmd_hub` do (imported when one runs)."""

from __future__ import annotations

import sys
from typing import Any

from crmdesk.cli import CliContext
from crmdesk.sync import api


def print_warnings(ctx: CliContext, data: dict[str, Any]) -> None:
    if getattr(ctx.args, "json", False):
        return
    for warning in data.get("warnings") or []:
        print(f"warning: {warning['message']} ({warning['code']})", file=sys.stderr)


def cmd_init(ctx: CliContext) -> int:
    result = api.init_hub(ctx.args.url)
    ctx.emit({"ok": True, **result}, f"hub ready: schema {result['schema']}")
    return 0


def cmd_status(ctx: CliContext) -> int:
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
    result = api.prune_hub(ctx.args.url, days=ctx.args.days)
    ctx.emit({"ok": True, **result}, f"pruned {result['pruned']} changes")
    return 0
