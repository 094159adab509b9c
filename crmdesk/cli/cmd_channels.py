"""``channel list|add|rename|move|retire|restore|spend``: the acquisition channels (流入経路)."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_channels"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    channel = sub.add_parser("channel", help="the owner's list of acquisition channels (流入経路)")
    csub = channel.add_subparsers(dest="channel_command", metavar="ACTION", required=True)
    p = csub.add_parser("list", help="the channels in order, retired ones included")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_list"))
    p = csub.add_parser("add", help="add a channel at the end of the list")
    p.add_argument("name")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_add"))
    p = csub.add_parser("rename", help="rename a channel (its customers follow)")
    p.add_argument("name")
    p.add_argument("new_name", metavar="NEW_NAME")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_rename"))
    p = csub.add_parser("move", help="move a channel up (negative) or down the list")
    p.add_argument("name")
    p.add_argument("offset", type=int, metavar="OFFSET", help="places to move, e.g. -1 or 2")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_move"))
    p = csub.add_parser("retire", help="stop offering a channel (its customers keep it)")
    p.add_argument("name")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_retire"))
    p = csub.add_parser("restore", help="offer a retired channel again")
    p.add_argument("name")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_restore"))
    p = csub.add_parser("spend", help="enter a month's spend on a channel, or list the spend")
    p.add_argument("name", nargs="?", help="the channel (omit to list what was entered)")
    p.add_argument("--month", metavar="YYYY-MM", help="the month the money was spent in")
    p.add_argument("--yen", type=int, metavar="N", help="what was spent, in yen (0 clears)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_spend"))
