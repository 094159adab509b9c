"""``shop show`` / ``shop set``: the return address printed on postcards."""

from __future__ import annotations

import argparse

from crmdesk.cli import CliContext, add_json_flag


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    shop = sub.add_parser("shop", help="the shop's return address for postcards")
    ssub = shop.add_subparsers(dest="shop_command", metavar="ACTION", required=True)
    p = ssub.add_parser("show", help="show the return address")
    add_json_flag(p)
    p.set_defaults(handler=cmd_show)
    p = ssub.add_parser("set", help="change the return address (fields not given stay)")
    p.add_argument("--name", help="the sender's name (the shop)")
    p.add_argument("--postal-code", dest="postal_code")
    p.add_argument("--address")
    p.add_argument("--phone")
    add_json_flag(p)
    p.set_defaults(handler=cmd_set)


def cmd_show(ctx: CliContext) -> int:
    from crmdesk.services.shop import shop_info

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
    from crmdesk.services.shop import FIELDS, set_shop_info

    values = {f: getattr(ctx.args, f) for f in FIELDS if getattr(ctx.args, f) is not None}
    with ctx.db.transaction() as session:
        info = set_shop_info(session, values, actor=ctx.actor)
    ctx.emit({"ok": True, "shop": info.to_json()}, f"return address: {info.name}")
    return 0
