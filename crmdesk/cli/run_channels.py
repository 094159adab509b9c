"""What the commands of :mod:`crmdesk.cli.cmd_channels` do (imported when one runs)."""

from __future__ import annotations

import os
from typing import Any

from crmdesk.cli import CliContext
from crmdesk.core.errors import DomainError
from crmdesk.core.messages import locale_language, render
from crmdesk.core.money import format_yen
from crmdesk.services import channels


def _rows(session: Any) -> list[dict[str, Any]]:
    channels.ensure_default_channels(session)
    return [r.to_json() for r in channels.channel_rows(session, include_retired=True)]


def _text(rows: list[dict[str, Any]]) -> str:
    lines = []
    for r in rows:
        state = "" if r["active"] else "  (retired: kept on its customers, not offered)"
        lines.append(f"{r['name']}\t{r['customers']:,} customers{state}")
    return "\n".join(lines)


def _done(ctx: CliContext, session: Any, message: str, **extra: Any) -> int:
    rows = _rows(session)
    ctx.emit({"ok": True, **extra, "channels": rows}, message)
    return 0


def cmd_list(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        rows = _rows(session)
    ctx.emit({"ok": True, "channels": rows}, _text(rows))
    return 0


def cmd_add(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        channels.ensure_default_channels(session)
        channel = channels.add_channel(session, ctx.args.name, actor=ctx.actor)
        return _done(ctx, session, f"added {channel.name}")


def cmd_rename(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        channels.ensure_default_channels(session)
        old = channels.find_channel(session, ctx.args.name).name
        channel = channels.rename_channel(session, ctx.args.name, ctx.args.new_name,
                                          actor=ctx.actor)  # fmt: skip
        return _done(ctx, session, f"renamed {old} to {channel.name}")


def cmd_move(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        channels.ensure_default_channels(session)
        channel = channels.move_channel(session, ctx.args.name, ctx.args.offset, actor=ctx.actor)
        return _done(ctx, session, f"moved {channel.name}")


def cmd_retire(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        channels.ensure_default_channels(session)
        channel, in_use = channels.set_channel_active(session, ctx.args.name, False,
                                                      actor=ctx.actor)  # fmt: skip
        lang = locale_language(os.environ)
        note = render("channel_retired_in_use", lang, field="channel_id", ref=channel.name,
                      count=f"{in_use:,}")  # fmt: skip
        return _done(ctx, session, note, retired=channel.name, customers_keeping_it=in_use)


def cmd_restore(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        channels.ensure_default_channels(session)
        channel, _ = channels.set_channel_active(session, ctx.args.name, True, actor=ctx.actor)
        return _done(ctx, session, f"restored {channel.name}")


def cmd_spend(ctx: CliContext) -> int:
    args = ctx.args
    if args.name is None:
        with ctx.db.transaction() as session:
            rows = channels.spend_rows(session)
        text = "\n".join(f"{r['month']}\t{r['channel']}\t{format_yen(r['yen'])}" for r in rows)
        ctx.emit({"ok": True, "spend": rows}, text or "no spend entered")
        return 0
    if args.month is None:
        raise DomainError("required", field="month")
    if args.yen is None:
        raise DomainError("required", field="yen")
    with ctx.db.transaction() as session:
        channels.ensure_default_channels(session)
        row = channels.set_spend(session, args.name, args.month, args.yen, actor=ctx.actor)
        name = channels.find_channel(session, row.channel_id).name
        rows = channels.spend_rows(session)
    data = {"ok": True, "channel": name, "month": row.month, "yen": row.yen, "spend": rows}
    ctx.emit(data, f"{name} {row.month}: {format_yen(row.yen)}")
    return 0
