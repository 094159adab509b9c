"""``field add|list``: the owner's custom card fields."""

from __future__ import annotations

import argparse

from crmdesk.cli import CliContext, add_json_flag
from crmdesk.core.custom_fields import KINDS


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    field = sub.add_parser("field", help="custom card fields: add, list")
    fsub = field.add_subparsers(dest="field_command", metavar="ACTION", required=True)

    p = fsub.add_parser("add", help="add a field to every customer card (owner)")
    p.add_argument("name")
    p.add_argument("--type", dest="kind", required=True, metavar="|".join(KINDS))
    p.add_argument("--choice", action="append", default=[], help="a choice (repeatable)")
    add_json_flag(p)
    p.set_defaults(handler=cmd_field_add)

    p = fsub.add_parser("list", help="every custom field")
    add_json_flag(p)
    p.set_defaults(handler=cmd_field_list)


def cmd_field_add(ctx: CliContext) -> int:
    from crmdesk.services import custom_fields

    with ctx.db.transaction() as session:
        field = custom_fields.define_field(
            session, ctx.args.name, ctx.args.kind, ctx.args.choice, actor="cli"
        )
    ctx.emit({"ok": True, "field": field.to_json()}, f"added field {field.name} ({field.kind})")
    return 0


def cmd_field_list(ctx: CliContext) -> int:
    from crmdesk.services import custom_fields

    with ctx.db.transaction() as session:
        fields = custom_fields.list_fields(session)
    lines = [f"{f.name}  {f.kind}  {' / '.join(f.choices)}".rstrip() for f in fields]
    ctx.emit({"ok": True, "fields": [f.to_json() for f in fields]}, "\n".join(lines) or "no fields")
    return 0
