"""``email setup | test | send | status | refusals``: email to a segment, with consent."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_email"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    email = sub.add_parser("email", help="email campaigns to a segment (with consent)")
    esub = email.add_subparsers(dest="email_command", metavar="ACTION", required=True)
    p = esub.add_parser("setup", help="the sending server (SMTP); the password goes to the keyring")
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--user", default="")
    p.add_argument("--security", choices=("starttls", "ssl", "none"), default="starttls")
    p.add_argument("--from", dest="from_address", required=True, metavar="ADDRESS")
    p.add_argument("--daily-limit", type=int, default=500, metavar="N")
    p.add_argument("--pace", type=int, default=30, metavar="N", help="messages a minute")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_setup"))
    p = esub.add_parser("test", help="send a test message to yourself")
    p.add_argument("--to", metavar="ADDRESS", help="another address (default: the from address)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_test"))
    p = esub.add_parser("send", help="send (or resume) an email campaign to a segment")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--segment", metavar="NAME")
    source.add_argument("--resume", metavar="CAMPAIGN", help="continue an unfinished send")
    p.add_argument("--template", metavar="FILE", help="Subject: line, blank line, body (UTF-8)")
    p.add_argument("--html", metavar="FILE", help="an HTML version of the body (optional)")
    p.add_argument("--record", metavar="NAME", help="the mailing's name (default: the subject)")
    p.add_argument("--dry-run", action="store_true", help="show who would get what; send nothing")
    p.add_argument(
        "--control", type=int, metavar="PERCENT", help="hold back this share at random (1-50)"
    )
    p.add_argument("--control-seed", type=int, metavar="N", help="the hold-out's seed")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_send"))
    p = esub.add_parser("status", help="what became of each message of a campaign")
    p.add_argument("campaign", help="campaign id or name")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_status"))
    p = esub.add_parser("refusals", help="record refusals from a list of addresses")
    p.add_argument("file", help="one address a line (or a CSV whose first column is one)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_refusals"))
