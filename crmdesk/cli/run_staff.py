"""What the commands of :mod:`crmdesk.cli.cmd_staff` do (imported when one runs)."""

from __future__ import annotations

from crmdesk.cli import CliContext
from crmdesk.services import audit, encryption, staff


def cmd_staff_add(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.actor
    with ctx.db.transaction() as session:
        row = staff.add_staff(session, a.name, a.role, a.staff_pin or "", card=a.card or "",
                              actor=actor)  # fmt: skip
        data = {"ok": True, "staff": staff.staff_json(row)}
    ctx.emit(data, f"added {row.name} ({row.role})")
    return 0


def cmd_staff_list(ctx: CliContext) -> int:
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
    a = ctx.args
    actor = ctx.actor
    with ctx.db.transaction() as session:
        row = staff.edit_staff(session, a.name, actor=actor, new_name=a.new_name, role=a.role,
                               pin=a.staff_pin, card=a.card)  # fmt: skip
        data = {"ok": True, "staff": staff.staff_json(row)}
    ctx.emit(data, f"changed {row.name}")
    return 0


def cmd_staff_retire(ctx: CliContext) -> int:
    actor = ctx.actor
    with ctx.db.transaction() as session:
        row = staff.retire_staff(session, ctx.args.name, actor=actor)
        data = {"ok": True, "staff": staff.staff_json(row)}
    ctx.emit(data, f"retired {row.name}")
    return 0


def cmd_role_add(ctx: CliContext) -> int:
    actor = ctx.actor
    with ctx.db.transaction() as session:
        info = staff.add_role(session, ctx.args.name, ctx.args.permission, actor=actor)
    ctx.emit({"ok": True, "role": info.to_json()}, f"added role {info.name}")
    return 0


def cmd_role_list(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        roles = staff.list_roles(session)
    text = "\n".join(f"{r.name}\t{' '.join(r.permissions) or '-'}" for r in roles)
    ctx.emit({"roles": [r.to_json() for r in roles]}, text)
    return 0


def cmd_audit_list(ctx: CliContext) -> int:
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
