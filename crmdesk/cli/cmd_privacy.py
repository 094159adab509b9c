"""``customer disclose``: the APPI disclosure export of one customer (PDF and JSON)."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag, subcommands

RUN = "crmdesk.cli.run_privacy"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    csub = subcommands(sub, "customer")
    p = csub.add_parser("disclose", help="everything held on one customer, as PDF (and JSON)")
    p.add_argument("ref", help="customer id, number or card")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--json-out", metavar="FILE.json")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_disclose"))
