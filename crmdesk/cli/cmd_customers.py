"""``init``, ``demo``, ``customer add|show|edit|delete|erase``, ``search``."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_customers"  # the handlers, imported when one of these commands runs

FIELD_FLAGS = {
    "customer_number": "--number",
    "family_name": "--family-name",
    "given_name": "--given-name",
    "family_kana": "--family-kana",
    "given_kana": "--given-kana",
    "gender": "--gender",
    "birthday": "--birthday",
    "postal_code": "--postal-code",
    "prefecture": "--prefecture",
    "city": "--city",
    "town": "--town",
    "street": "--street",
    "building": "--building",
    "phone1": "--phone",
    "phone2": "--phone2",
    "email": "--email",
    "company": "--company",
    "department": "--department",
    "notes": "--notes",
    "first_visit": "--first-visit",
    "joint_names": "--joint-names",
    "mourning_until": "--mourning-until",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="create (or migrate) the database file")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_init"))

    p = sub.add_parser("demo", help="fill the database with realistic demo data")
    p.add_argument("--customers", type=int, default=500, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_demo"))

    p = sub.add_parser("search", help="counter search: name, kana, phone, numbers, email")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--offset", type=int, default=0, help="skip this many hits (the next page)")
    add_json_flag(p)
    p.set_defaults(handler=Handler("crmdesk.cli.run_search", "cmd_search"))

    customer = sub.add_parser("customer", help="add, show, edit, delete or erase a customer")
    csub = customer.add_subparsers(dest="customer_command", metavar="ACTION", required=True)

    p = csub.add_parser("add", help="add a customer")
    p.add_argument("--name", help='full name, family and given split at a space ("山田 花子")')
    _field_flags(p)
    p.add_argument("--dm", choices=("yes", "no"), help="consents to direct mail")
    p.add_argument("--email-ok", choices=("yes", "no"), help="consents to email")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    _custom_flag(p)
    p.add_argument(
        "--allow-duplicate", action="store_true", help="add even when a duplicate is likely"
    )
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_add"))

    p = csub.add_parser("show", help="show one customer (id, customer number or card)")
    p.add_argument("ref")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_show"))

    p = csub.add_parser("edit", help="change fields of a customer")
    p.add_argument("ref")
    p.add_argument("--name")
    _field_flags(p)
    p.add_argument("--dm", choices=("yes", "no"))
    p.add_argument("--email-ok", choices=("yes", "no"))
    p.add_argument("--tag", action="append", help="replace the tags (repeatable)")
    _custom_flag(p)
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_edit"))

    p = csub.add_parser("delete", help="delete a customer (kept as a tombstone)")
    p.add_argument("ref")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_delete"))

    p = csub.add_parser("erase", help="erase a customer's personal data on request")
    p.add_argument("ref")
    p.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_erase"))


def _field_flags(p: argparse.ArgumentParser) -> None:
    for name, flag in FIELD_FLAGS.items():
        p.add_argument(flag, dest=name, metavar=name.upper())
    p.add_argument(
        "--channel",
        metavar="NAME",
        help='acquisition channel (流入経路) from "channel list"; "" clears it',
    )
    p.add_argument("--referred-by", dest="referred_by", metavar="REF",
                   help="紹介者: customer number, card number, id or a name that finds one "
                   'customer; "" clears it')  # fmt: skip


def _custom_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a custom field's value (repeatable; an empty VALUE clears it)",
    )
