"""``outlook``: the valuable customers most at risk, and fitting a published summary."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_outlook"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "outlook", help="valuable customers most at risk of not coming back (estimates)"
    )
    p.add_argument("--limit", default="20", metavar="N", help="how many (default 20)")
    p.add_argument("--refresh", action="store_true", help="fit and score again first")
    p.add_argument(
        "--fit-summary", metavar="FILE.csv",
        help="fit a frequency/recency/T[/monetary_value] table and print the parameters",
    )  # fmt: skip
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_outlook"))
