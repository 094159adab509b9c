"""``inquiry add|list|show|note|close|reopen|link|search``."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag
from crmdesk.core import inquiry_rules as rules

RUN = "crmdesk.cli.run_inquiries"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    inquiry = sub.add_parser("inquiry", help="log inquiries, add notes, follow up, close")
    isub = inquiry.add_subparsers(dest="inquiry_command", metavar="ACTION", required=True)

    p = isub.add_parser("add", help="log an inquiry for a customer or an unknown caller")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--customer", metavar="REF", help="id, customer number or card number")
    who.add_argument("--caller-name", metavar="NAME", help="an unknown caller's name")
    p.add_argument("--caller-phone", metavar="PHONE", help="an unknown caller's phone")
    p.add_argument("--subject", default="")
    p.add_argument("--body", default="")
    p.add_argument("--category", metavar="NAME")
    p.add_argument("--channel", choices=rules.CHANNELS, default="phone")
    p.add_argument("--follow-up", metavar="DATE", help="follow-up day (2026-11-30)")
    p.add_argument("--assignee", metavar="NAME", help="staff member's name")
    p.add_argument("--priority", choices=rules.PRIORITIES, default="normal")
    p.add_argument("--status", choices=rules.STATUSES, default="open")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_add"))

    p = isub.add_parser("list", help="list inquiries (newest first; --due: follow-ups due)")
    p.add_argument("--status", choices=(*rules.STATUSES, "active"))
    p.add_argument("--due", action="store_true", help="today's and overdue follow-ups")
    p.add_argument("--customer", metavar="REF")
    p.add_argument("--limit", type=int, default=200)
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_list"))

    p = isub.add_parser("show", help="one inquiry with its notes")
    p.add_argument("id")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_show"))

    p = isub.add_parser("note", help="append a response note")
    p.add_argument("id")
    p.add_argument("text")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_note"))

    for name, helptext in (("close", "close an inquiry"), ("reopen", "reopen a closed one")):
        p = isub.add_parser(name, help=helptext)
        p.add_argument("id")
        add_json_flag(p)
        p.set_defaults(handler=Handler(RUN, f"cmd_{name}"))

    p = isub.add_parser("link", help="link an unknown caller's inquiry to a customer")
    p.add_argument("id")
    p.add_argument("customer", metavar="CUSTOMER", help="id, customer number or card number")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_link"))

    category = isub.add_parser("category", help="the owner's list of inquiry categories")
    csub = category.add_subparsers(dest="category_command", metavar="ACTION", required=True)
    p = csub.add_parser("list", help="the categories, retired ones included")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_category_list"))
    p = csub.add_parser("add", help="add a category")
    p.add_argument("name")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_category_add"))
    p = csub.add_parser("retire", help="stop offering a category (inquiries keep it)")
    p.add_argument("name")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_category_retire"))

    p = isub.add_parser("search", help="search subjects, bodies, notes and callers")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50)
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_search"))
