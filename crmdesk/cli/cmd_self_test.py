"""``self-test``: does this installation work? (the frozen app's check after a build)."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_self_test"  # the handler, imported when the command runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "self-test",
        help="check this installation on a temporary database (the shop's file is not opened)",
    )
    p.add_argument(
        "--translations",
        metavar="DIR",
        help="read the English translation from DIR (default: the bundled one)",
    )
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_self_test"))
