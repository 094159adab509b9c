"""What the commands of :mod:`crmdesk.cli.cmd_shop` do (imported when one runs)."""

from __future__ import annotations

from crmdesk.cli import CliContext
from crmdesk.services.shop import FIELDS, set_shop_info, shop_info


def cmd_show(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        info = shop_info(session)
    data = {"ok": True, "shop": info.to_json() if info else None}
    text = (
        "no return address set"
        if info is None
        else (f"{info.name}\n〒{info.postal_code} {info.address}\n{info.phone}".strip())
    )
    ctx.emit(data, text)
    return 0


def cmd_set(ctx: CliContext) -> int:
    values = {f: getattr(ctx.args, f) for f in FIELDS if getattr(ctx.args, f) is not None}
    with ctx.db.transaction() as session:
        info = set_shop_info(session, values, actor=ctx.actor)
    ctx.emit({"ok": True, "shop": info.to_json()}, f"return address: {info.name}")
    return 0
