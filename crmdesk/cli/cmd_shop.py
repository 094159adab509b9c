"""``shop show`` / ``shop set``: the return address printed on postcards."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_shop"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    shop = sub.add_parser("shop", help="the shop's return address for postcards")
    ssub = shop.add_subparsers(dest="shop_command", metavar="ACTION", required=True)
    p = ssub.add_parser("show", help="show the return address")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_show"))
    p = ssub.add_parser("set", help="change the return address (fields not given stay)")
    p.add_argument("--name", help="the sender's name (the shop)")
    p.add_argument("--postal-code", dest="postal_code")
    p.add_argument("--address")
    p.add_argument("--phone")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_set"))
