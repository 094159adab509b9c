"""``purchase add|void``, ``points show|expire|adjust``, ``card issue|lost|retire``."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_points"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    purchase = sub.add_parser("purchase", help="record or void a purchase at the counter")
    psub = purchase.add_subparsers(dest="purchase_command", metavar="ACTION", required=True)

    p = psub.add_parser("add", help="record a purchase by card number")
    p.add_argument("--card", required=True, metavar="N", help="the card number")
    p.add_argument("--amount", required=True, metavar="YEN")
    p.add_argument("--redeem", default="0", metavar="P", help="points to use")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_purchase_add"))

    p = psub.add_parser("void", help="void a purchase: its points are reversed")
    p.add_argument("id", metavar="ID")
    p.add_argument("--reason", default="")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_purchase_void"))

    points = sub.add_parser("points", help="point balances and expiry")
    nsub = points.add_subparsers(dest="points_command", metavar="ACTION", required=True)

    p = nsub.add_parser("show", help="balance, rank and expiring points of a customer")
    p.add_argument("customer", metavar="CUSTOMER", help="customer number, card number or id")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_points_show"))

    p = nsub.add_parser("expire", help="expire points past their last day (idempotent)")
    p.add_argument("--as-of", metavar="DATE", help="the day to expire as of (default today)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_points_expire"))

    p = nsub.add_parser(
        "liability", help="outstanding points by expiry month and their expected cost"
    )
    p.add_argument("--as-of", metavar="DATE", help="the day's end to count at (default today)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_points_liability"))

    p = nsub.add_parser("adjust", help="the owner's correction of a balance (a new entry)")
    p.add_argument("customer", metavar="CUSTOMER", help="customer number, card number or id")
    p.add_argument(
        "--points", required=True, metavar="N", help="points to add (negative: take away)"
    )
    p.add_argument("--note", required=True, metavar="TEXT", help="why (required)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_points_adjust"))

    card = sub.add_parser("card", help="issue, report lost or retire a point card")
    csub = card.add_subparsers(dest="card_command", metavar="ACTION", required=True)

    p = csub.add_parser("issue", help="issue a card to a customer")
    p.add_argument("customer", metavar="CUSTOMER")
    p.add_argument("--number", help="the card's number (default: the next shop number)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_card_issue"))

    p = csub.add_parser("lost", help="report a card lost and reissue it with its balance")
    p.add_argument("card", metavar="N")
    p.add_argument("--new-number", help="the replacement card's number")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_card_lost"))

    p = csub.add_parser("retire", help="stop using a card")
    p.add_argument("card", metavar="N")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_card_retire"))
