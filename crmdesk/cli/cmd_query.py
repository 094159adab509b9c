"""``query``: the owner's own read-only SQL reports, in sqlite-utils' output conventions."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler

RUN = "crmdesk.cli.run_query"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "query", help="run one read-only SQL query (owner); output as a table, CSV or JSON"
    )
    p.add_argument("sql", help="one SQL statement (SELECT / WITH ...)")
    p.add_argument(
        "-p",
        "--param",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a named parameter, used in the SQL as :NAME",
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="a JSON list of objects")
    out.add_argument("--nl", action="store_true", help="one JSON object a line")
    out.add_argument("--csv", action="store_true", help="CSV with a header row")
    out.add_argument("--tsv", action="store_true", help="TSV with a header row")
    out.add_argument("--table", action="store_true", help="a text table (the default)")
    p.add_argument(
        "--timeout", type=float, default=30.0, metavar="SECONDS", help="stop after (default 30)"
    )
    p.set_defaults(handler=Handler(RUN, "cmd_query"))
