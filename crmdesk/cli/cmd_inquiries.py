"""``inquiry add|list|show|note|close|reopen|link|search``."""

from __future__ import annotations

import argparse
from typing import Any

from crmdesk.cli import CliContext, add_json_flag
from crmdesk.core import inquiry_rules as rules


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
    p.set_defaults(handler=cmd_add)

    p = isub.add_parser("list", help="list inquiries (newest first; --due: follow-ups due)")
    p.add_argument("--status", choices=(*rules.STATUSES, "active"))
    p.add_argument("--due", action="store_true", help="today's and overdue follow-ups")
    p.add_argument("--customer", metavar="REF")
    p.add_argument("--limit", type=int, default=200)
    add_json_flag(p)
    p.set_defaults(handler=cmd_list)

    p = isub.add_parser("show", help="one inquiry with its notes")
    p.add_argument("id")
    add_json_flag(p)
    p.set_defaults(handler=cmd_show)

    p = isub.add_parser("note", help="append a response note")
    p.add_argument("id")
    p.add_argument("text")
    add_json_flag(p)
    p.set_defaults(handler=cmd_note)

    for name, helptext in (("close", "close an inquiry"), ("reopen", "reopen a closed one")):
        p = isub.add_parser(name, help=helptext)
        p.add_argument("id")
        add_json_flag(p)
        p.set_defaults(handler=cmd_close if name == "close" else cmd_reopen)

    p = isub.add_parser("link", help="link an unknown caller's inquiry to a customer")
    p.add_argument("id")
    p.add_argument("customer", metavar="CUSTOMER", help="id, customer number or card number")
    add_json_flag(p)
    p.set_defaults(handler=cmd_link)

    category = isub.add_parser("category", help="the owner's list of inquiry categories")
    csub = category.add_subparsers(dest="category_command", metavar="ACTION", required=True)
    p = csub.add_parser("list", help="the categories, retired ones included")
    add_json_flag(p)
    p.set_defaults(handler=cmd_category_list)
    p = csub.add_parser("add", help="add a category")
    p.add_argument("name")
    add_json_flag(p)
    p.set_defaults(handler=cmd_category_add)
    p = csub.add_parser("retire", help="stop offering a category (inquiries keep it)")
    p.add_argument("name")
    add_json_flag(p)
    p.set_defaults(handler=cmd_category_retire)

    p = isub.add_parser("search", help="search subjects, bodies, notes and callers")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50)
    add_json_flag(p)
    p.set_defaults(handler=cmd_search)


def _line(row: Any) -> str:
    from crmdesk.core.clock import to_local

    follow = f" → {row.follow_up_on}" if row.follow_up_on else ""
    status = rules.status_label(row.status, "ja")
    received = to_local(row.received_at)  # the shop's day, not UTC's
    return f"{row.id}  {received:%Y-%m-%d %H:%M}  [{status}]{follow}  {row.who}  {row.subject}"


def _show(ctx: CliContext, session: Any, inquiry_id: str, extra: dict[str, Any]) -> None:
    from crmdesk.core.clock import local_today
    from crmdesk.services.inquiry_queries import get_inquiry

    row = get_inquiry(session, inquiry_id)
    data = {"ok": True, **extra, "inquiry": row.to_json(local_today())}
    ctx.emit(data, _line(row))


def cmd_add(ctx: CliContext) -> int:
    from crmdesk.services import (
        customer_index,
        inquiries,
        inquiry_categories,
        inquiry_fields,
    )

    args = ctx.args
    values: dict[str, Any] = {
        "subject": args.subject,
        "body": args.body,
        "channel": args.channel,
        "priority": args.priority,
        "status": args.status,
        "follow_up_on": args.follow_up,
    }
    with ctx.db.transaction() as session:
        if args.customer:
            values["customer_id"] = customer_index.resolve_customer(session, args.customer).id
        else:
            values["caller_name"] = args.caller_name or ""
            values["caller_phone"] = args.caller_phone or ""
        if args.category:
            inquiry_categories.ensure_default_categories(session)
            values["category_id"] = inquiry_categories.find_category(session, args.category).id
        if args.assignee:
            values["assignee_id"] = inquiry_fields.staff_by_name(session, args.assignee).id
        change = inquiries.create_inquiry(session, values)
        _show(ctx, session, change.inquiry_id, {})
    return 0


def cmd_list(ctx: CliContext) -> int:
    from crmdesk.core.clock import local_today
    from crmdesk.services import customer_index
    from crmdesk.services.inquiry_queries import list_inquiries

    today = local_today()
    with ctx.db.transaction() as session:
        customer_id = None
        if ctx.args.customer:
            customer_id = customer_index.resolve_customer(session, ctx.args.customer).id
        rows = list_inquiries(
            session,
            status=ctx.args.status,
            due=ctx.args.due,
            today=today,
            customer_id=customer_id,
            limit=ctx.args.limit,
        )
    data = {
        "ok": True,
        "today": today.isoformat(),
        "count": len(rows),
        "inquiries": [r.to_json(today) for r in rows],
    }
    ctx.emit(data, "\n".join(_line(r) for r in rows) or "no inquiry")
    return 0


def cmd_show(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        _show(ctx, session, ctx.args.id, {})
    return 0


def cmd_note(ctx: CliContext) -> int:
    from crmdesk.services import inquiries

    with ctx.db.transaction() as session:
        note = inquiries.add_note(session, ctx.args.id, ctx.args.text)
        _show(ctx, session, ctx.args.id, {"note_id": note.id})
    return 0


def cmd_close(ctx: CliContext) -> int:
    from crmdesk.services import inquiries

    with ctx.db.transaction() as session:
        inquiries.close_inquiry(session, ctx.args.id)
        _show(ctx, session, ctx.args.id, {})
    return 0


def cmd_reopen(ctx: CliContext) -> int:
    from crmdesk.services import inquiries

    with ctx.db.transaction() as session:
        inquiries.reopen_inquiry(session, ctx.args.id)
        _show(ctx, session, ctx.args.id, {})
    return 0


def cmd_link(ctx: CliContext) -> int:
    from crmdesk.services import inquiries

    with ctx.db.transaction() as session:
        customer_id = inquiries.customer_id_for_link(session, ctx.args.customer)
        inquiries.link_customer(session, ctx.args.id, customer_id)
        _show(ctx, session, ctx.args.id, {})
    return 0


def cmd_search(ctx: CliContext) -> int:
    from crmdesk.services.inquiry_queries import search_inquiries

    with ctx.db.transaction() as session:
        rows = search_inquiries(session, ctx.args.query, limit=ctx.args.limit)
    data = {
        "ok": True,
        "query": ctx.args.query,
        "count": len(rows),
        "inquiries": [r.to_json() for r in rows],
    }
    ctx.emit(data, "\n".join(_line(r) for r in rows) or "no inquiry found")
    return 0


def _categories(session: Any) -> list[dict[str, Any]]:
    from crmdesk.services import inquiry_categories

    inquiry_categories.ensure_default_categories(session)
    return [
        {"id": c.id, "name": c.name, "active": c.active}
        for c in inquiry_categories.list_categories(session, include_inactive=True)
    ]


def cmd_category_list(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        rows = _categories(session)
    text = "\n".join(r["name"] + ("" if r["active"] else " (retired)") for r in rows)
    ctx.emit({"ok": True, "categories": rows}, text)
    return 0


def cmd_category_add(ctx: CliContext) -> int:
    from crmdesk.services import inquiry_categories

    with ctx.db.transaction() as session:
        inquiry_categories.ensure_default_categories(session)
        inquiry_categories.add_category(session, ctx.args.name)
        rows = _categories(session)
    ctx.emit({"ok": True, "categories": rows}, f"added {ctx.args.name}")
    return 0


def cmd_category_retire(ctx: CliContext) -> int:
    from crmdesk.services import inquiry_categories

    with ctx.db.transaction() as session:
        inquiry_categories.ensure_default_categories(session)
        category = inquiry_categories.find_category(session, ctx.args.name)
        inquiry_categories.set_category_active(session, category.id, False)
        rows = _categories(session)
    ctx.emit({"ok": True, "categories": rows}, f"retired {ctx.args.name}")
    return 0
