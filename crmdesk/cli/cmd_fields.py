"""``field add|list``: the owner's custom card fields."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag
from crmdesk.core.custom_fields import KINDS

RUN = "crmdesk.cli.run_fields"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    field = sub.add_parser("field", help="custom card fields: add, list")
    fsub = field.add_subparsers(dest="field_command", metavar="ACTION", required=True)

    p = fsub.add_parser("add", help="add a field to every customer card (owner)")
    p.add_argument("name")
    p.add_argument("--type", dest="kind", required=True, metavar="|".join(KINDS))
    p.add_argument("--choice", action="append", default=[], help="a choice (repeatable)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_field_add"))

    p = fsub.add_parser("list", help="every custom field")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_field_list"))
