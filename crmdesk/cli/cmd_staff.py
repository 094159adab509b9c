"""``staff add|list|edit|retire``, ``role add|list``, ``audit list``, ``encrypt``, ``decrypt``."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_staff"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staff = sub.add_parser("staff", help="staff accounts: add, list, edit, retire")
    ssub = staff.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    p = ssub.add_parser("add", help="add a staff account (the first one: the owner)")
    p.add_argument("name")
    p.add_argument("--role", default="staff", help="owner, staff or a role you added")
    p.add_argument("--pin", dest="staff_pin", metavar="PIN", help="4 to 8 digits")
    p.add_argument("--card", metavar="N", help="the staff card's number (a scanner types it)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_staff_add"))
    p = ssub.add_parser("list", help="the staff accounts")
    p.add_argument("--all", action="store_true", help="retired accounts too")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_staff_list"))
    p = ssub.add_parser("edit", help="rename, change role, reset the PIN, set the card")
    p.add_argument("name")
    p.add_argument("--name", dest="new_name", metavar="NEW")
    p.add_argument("--role")
    p.add_argument("--pin", dest="staff_pin", metavar="PIN", help="a new PIN (a reset)")
    p.add_argument("--card", metavar="N", help='a new staff card ("" removes it)')
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_staff_edit"))
    p = ssub.add_parser("retire", help="retire an account (it can no longer sign in)")
    p.add_argument("name")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_staff_retire"))

    role = sub.add_parser("role", help="roles built from named permissions")
    rsub = role.add_subparsers(dest="role_command", metavar="ACTION", required=True)
    p = rsub.add_parser("add", help="a role of your own")
    p.add_argument("name")
    p.add_argument("--permission", action="append", default=[], metavar="P")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_role_add"))
    p = rsub.add_parser("list", help="roles and their permissions")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_role_list"))

    p = sub.add_parser("encrypt", help="encrypt the database file (SQLCipher; key in the keyring)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_encrypt"))
    p = sub.add_parser("decrypt", help="write the database file back unencrypted")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_decrypt"))

    log = sub.add_parser("audit", help="the audit log")
    asub = log.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = asub.add_parser("list", help="audit entries, newest first")
    p.add_argument("--kind", help="sign_in, export, print, erase, merge, points, settings, ...")
    p.add_argument("--since", metavar="DATE", help="from this day on (2026-04-01)")
    p.add_argument("--staff-id", metavar="ID", help="one staff member's entries")
    p.add_argument("--limit", type=int, default=1000)
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_audit_list"))
