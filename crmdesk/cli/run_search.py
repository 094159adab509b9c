"""What ``crmdesk search`` does: alone in its module, so the counter's search starts with
nothing but the search (no customer editing, demo data or outlook)."""

from __future__ import annotations

from dataclasses import replace

from crmdesk.cli import CliContext
from crmdesk.core.bounds import check_range
from crmdesk.services import search
from crmdesk.services.privacy import masked_phones


def cmd_search(ctx: CliContext) -> int:
    actor = ctx.actor
    check_range(ctx.args.offset, "offset", minimum=0, maximum=search.COUNT_CAP)
    with ctx.db.transaction() as session:
        page = search.find_customers(session, ctx.args.query, ctx.args.limit, ctx.args.offset)
    hits = [replace(h, phones=list(masked_phones(h.phones, actor))) for h in page.hits]
    data = {
        "query": ctx.args.query,
        "count": len(hits),
        "found": page.total,
        "found_is_floor": page.capped,
        "more": page.more,
        "hits": [h.to_json() for h in hits],
    }
    lines = [
        f"{h.customer_number}  {h.name}（{h.kana}）  {' / '.join(h.phones)}  {h.address}"
        for h in hits
    ]
    if page.more:
        plus = "+" if page.capped else ""
        lines.append(f"... {page.more}{plus} more (--offset {page.offset + len(hits)})")
    ctx.emit(data, "\n".join(lines) if lines else "no customer found")
    return 0
