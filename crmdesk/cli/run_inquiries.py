"""What the commands of :mod:`crmdesk.cli.cmd_inquiries` do (imported when one runs)."""

from __future__ import annotations

from typing import Any

from crmdesk.cli import CliContext
from crmdesk.core import inquiry_rules as rules
from crmdesk.core.clock import local_today, to_local
from crmdesk.services import customer_index, inquiries, inquiry_categories, inquiry_fields
from crmdesk.services.inquiry_queries import get_inquiry, list_inquiries, search_inquiries


def _line(row: Any) -> str:
    follow = f" → {row.follow_up_on}" if row.follow_up_on else ""
    status = rules.status_label(row.status, "ja")
    received = to_local(row.received_at)  # the shop's day, not UTC's
    return f"{row.id}  {received:%Y-%m-%d %H:%M}  [{status}]{follow}  {row.who}  {row.subject}"


def _show(ctx: CliContext, session: Any, inquiry_id: str, extra: dict[str, Any]) -> None:
    row = get_inquiry(session, inquiry_id)
    data = {"ok": True, **extra, "inquiry": row.to_json(local_today())}
    ctx.emit(data, _line(row))


def cmd_add(ctx: CliContext) -> int:
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
    with ctx.db.transaction() as session:
        note = inquiries.add_note(session, ctx.args.id, ctx.args.text)
        _show(ctx, session, ctx.args.id, {"note_id": note.id})
    return 0


def cmd_close(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        inquiries.close_inquiry(session, ctx.args.id)
        _show(ctx, session, ctx.args.id, {})
    return 0


def cmd_reopen(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        inquiries.reopen_inquiry(session, ctx.args.id)
        _show(ctx, session, ctx.args.id, {})
    return 0


def cmd_link(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        customer_id = inquiries.customer_id_for_link(session, ctx.args.customer)
        inquiries.link_customer(session, ctx.args.id, customer_id)
        _show(ctx, session, ctx.args.id, {})
    return 0


def cmd_search(ctx: CliContext) -> int:
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
    with ctx.db.transaction() as session:
        inquiry_categories.ensure_default_categories(session)
        inquiry_categories.add_category(session, ctx.args.name)
        rows = _categories(session)
    ctx.emit({"ok": True, "categories": rows}, f"added {ctx.args.name}")
    return 0


def cmd_category_retire(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        inquiry_categories.ensure_default_categories(session)
        category = inquiry_categories.find_category(session, ctx.args.name)
        inquiry_categories.set_category_active(session, category.id, False)
        rows = _categories(session)
    ctx.emit({"ok": True, "categories": rows}, f"retired {ctx.args.name}")
    return 0
