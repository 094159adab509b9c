"""``staff add|list|edit|retire``, ``role add|list``, ``audit list``, ``encrypt``, ``decrypt``."""

from __future__ import annotations

import argparse

from crmdesk.cli import CliContext, add_json_flag


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    staff = sub.add_parser("staff", help="staff accounts: add, list, edit, retire")
    ssub = staff.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    p = ssub.add_parser("add", help="add a staff account (the first one: the owner)")
    p.add_argument("name")
    p.add_argument("--role", default="staff", help="owner, staff or a role you added")
    p.add_argument("--pin", dest="staff_pin", metavar="PIN", help="4 to 8 digits")
    p.add_argument("--card", metavar="N", help="the staff card's number (a scanner types it)")
    add_json_flag(p)
    p.set_defaults(handler=cmd_staff_add)
    p = ssub.add_parser("list", help="the staff accounts")
    p.add_argument("--all", action="store_true", help="retired accounts too")
    add_json_flag(p)
    p.set_defaults(handler=cmd_staff_list)
    p = ssub.add_parser("edit", help="rename, change role, reset the PIN, set the card")
    p.add_argument("name")
    p.add_argument("--name", dest="new_name", metavar="NEW")
    p.add_argument("--role")
    p.add_argument("--pin", dest="staff_pin", metavar="PIN", help="a new PIN (a reset)")
    p.add_argument("--card", metavar="N", help='a new staff card ("" removes it)')
    add_json_flag(p)
    p.set_defaults(handler=cmd_staff_edit)
    p = ssub.add_parser("retire", help="retire an account (it can no longer sign in)")
    p.add_argument("name")
    add_json_flag(p)
    p.set_defaults(handler=cmd_staff_retire)

    role = sub.add_parser("role", help="roles built from named permissions")
    rsub = role.add_subparsers(dest="role_command", metavar="ACTION", required=True)
    p = rsub.add_parser("add", help="a role of your own")
    p.add_argument("name")
    p.add_argument("--permission", action="append", default=[], metavar="P")
    add_json_flag(p)
    p.set_defaults(handler=cmd_role_add)
    p = rsub.add_parser("list", help="roles and their permissions")
    add_json_flag(p)
    p.set_defaults(handler=cmd_role_list)

    p = sub.add_parser("encrypt", help="encrypt the database file (SQLCipher; key in the keyring)")
    add_json_flag(p)
    p.set_defaults(handler=cmd_encrypt)
    p = sub.add_parser("decrypt", help="write the database file back unencrypted")
    add_json_flag(p)
    p.set_defaults(handler=cmd_decrypt)

    log = sub.add_parser("audit", help="the audit log")
    asub = log.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = asub.add_parser("list", help="audit entries, newest first")
    p.add_argument("--kind", help="sign_in, export, print, erase, merge, points, settings, ...")
    p.add_argument("--since", metavar="DATE", help="from this day on (2026-04-01)")
    p.add_argument("--staff-id", metavar="ID", help="one staff member's entries")
    p.add_argument("--limit", type=int, default=1000)
    add_json_flag(p)
    p.set_defaults(handler=cmd_audit_list)


def cmd_staff_add(ctx: CliContext) -> int:
    from crmdesk.services import staff

    a = ctx.args
    actor = ctx.actor
    with ctx.db.transaction() as session:
        row = staff.add_staff(session, a.name, a.role, a.staff_pin or "", card=a.card or "",
                              actor=actor)  # fmt: skip
        data = {"ok": True, "staff": staff.staff_json(row)}
    ctx.emit(data, f"added {row.name} ({row.role})")
    return 0


def cmd_staff_list(ctx: CliContext) -> int:
    from crmdesk.services import staff

    actor = ctx.actor
    with ctx.db.transaction() as session:
        rows = [staff.staff_json(s) for s in
                staff.list_staff(session, actor=actor, include_retired=ctx.args.all)]  # fmt: skip
    text = "\n".join(
        f"{r['name']}\t{r['role']}\t{'PIN' if r['pin'] else '-'}\t{'card' if r['card'] else '-'}"
        + ("" if r["active"] else "\tretired")
        for r in rows
    )
    ctx.emit({"count": len(rows), "staff": rows}, text or "no staff accounts")
    return 0


def cmd_staff_edit(ctx: CliContext) -> int:
    from crmdesk.services import staff

    a = ctx.args
    actor = ctx.actor
    with ctx.db.transaction() as session:
        row = staff.edit_staff(session, a.name, actor=actor, new_name=a.new_name, role=a.role,
                               pin=a.staff_pin, card=a.card)  # fmt: skip
        data = {"ok": True, "staff": staff.staff_json(row)}
    ctx.emit(data, f"changed {row.name}")
    return 0


def cmd_staff_retire(ctx: CliContext) -> int:
    from crmdesk.services import staff

    actor = ctx.actor
    with ctx.db.transaction() as session:
        row = staff.retire_staff(session, ctx.args.name, actor=actor)
        data = {"ok": True, "staff": staff.staff_json(row)}
    ctx.emit(data, f"retired {row.name}")
    return 0


def cmd_role_add(ctx: CliContext) -> int:
    from crmdesk.services import staff

    actor = ctx.actor
    with ctx.db.transaction() as session:
        info = staff.add_role(session, ctx.args.name, ctx.args.permission, actor=actor)
    ctx.emit({"ok": True, "role": info.to_json()}, f"added role {info.name}")
    return 0


def cmd_role_list(ctx: CliContext) -> int:
    from crmdesk.services import staff

    with ctx.db.transaction() as session:
        roles = staff.list_roles(session)
    text = "\n".join(f"{r.name}\t{' '.join(r.permissions) or '-'}" for r in roles)
    ctx.emit({"roles": [r.to_json() for r in roles]}, text)
    return 0


def cmd_audit_list(ctx: CliContext) -> int:
    from crmdesk.services import audit

    a = ctx.args
    actor = ctx.actor
    since = audit.parse_day(a.since, "since")
    with ctx.db.transaction() as session:
        rows = audit.list_entries(session, actor=actor, kind=a.kind, since=since,
                                  staff_id=a.staff_id, limit=max(a.limit, 1))  # fmt: skip
    text = "\n".join(
        f"{r.at.isoformat(timespec='seconds')}\t{r.kind}\t{r.action}\t{r.staff or '-'}\t"
        f"{r.entity}:{r.entity_id or ''}\t{'' if r.row_count is None else r.row_count}"
        for r in rows
    )
    ctx.emit({"count": len(rows), "entries": [r.to_json() for r in rows]}, text or "no entries")
    return 0


def _crypt(ctx: CliContext, encrypt: bool) -> int:
    from crmdesk.services import audit, encryption

    actor = ctx.actor
    with ctx.db.transaction() as session:  # the key check and permission before any change
        actor.require("settings")
        audit.record(session, "settings.encryption", entity="database",
                     actor=actor.audit_name, staff_id=actor.staff_id, encrypt=encrypt)  # fmt: skip
    ctx.db.close()
    ctx._db = None
    change = (encryption.encrypt_database if encrypt else encryption.decrypt_database)(
        ctx.db_path, actor=actor
    )
    state = "encrypted" if change.encrypted else "decrypted"
    ctx.emit(change.to_json(), f"{state} {change.path} ({change.customers} customers)")
    return 0


def cmd_encrypt(ctx: CliContext) -> int:
    return _crypt(ctx, True)


def cmd_decrypt(ctx: CliContext) -> int:
    return _crypt(ctx, False)
