"""What the commands of :mod:`crmdesk.cli.cmd_fields` do (imported when one runs)."""

from __future__ import annotations

from crmdesk.cli import CliContext
from crmdesk.services import custom_fields


def cmd_field_add(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        field = custom_fields.define_field(
            session, ctx.args.name, ctx.args.kind, ctx.args.choice, actor="cli"
        )
    ctx.emit({"ok": True, "field": field.to_json()}, f"added field {field.name} ({field.kind})")
    return 0


def cmd_field_list(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        fields = custom_fields.list_fields(session)
    lines = [f"{f.name}  {f.kind}  {' / '.join(f.choices)}".rstrip() for f in fields]
    ctx.emit({"ok": True, "fields": [f.to_json() for f in fields]}, "\n".join(lines) or "no fields")
    return 0
