"""What ``segment list|show|save|delete`` do (imported when one runs)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from crmdesk.cli import CliContext
from crmdesk.core.errors import DomainError, NotFoundError
from crmdesk.core.segments import MAX_DEPTH
from crmdesk.services import segments


def cmd_segment_list(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        found = segments.list_segments(session, with_counts=True)
    data = {"ok": True, "segments": [s.to_json() for s in found]}
    ctx.emit(data, "\n".join(f"{s.name}\t{s.count}" for s in found) or "no segments")
    return 0


def cmd_segment_show(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        info = segments.get_segment(session, ctx.args.name)
        count = segments.count_segment(session, info.definition)
        found = segments.members(session, info.definition, limit=max(ctx.args.limit, 0))
        listed = [{"id": c.id, "customer_number": c.customer_number, "name": c.name} for c in found]
    data = {"ok": True, "segment": {**info.to_json(), "count": count}, "members": listed}
    lines = [f"{info.name}: {count}"] + [f"{m['customer_number']}  {m['name']}" for m in listed]
    ctx.emit(data, "\n".join(lines))
    return 0


def _definition(args: argparse.Namespace) -> Any:
    """The condition tree given on the command line, parsed (the service validates it)."""
    if args.definition is not None:
        path = Path(args.definition).expanduser()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise DomainError(
                "segment_definition_unreadable", field="definition", path=str(path)
            ) from error
    else:
        text = args.json_text
    try:
        return json.loads(text)
    except RecursionError:  # nested deeper than Python's parser goes: far past MAX_DEPTH
        raise DomainError("segment_too_deep", field="op", max=MAX_DEPTH) from None
    except json.JSONDecodeError as error:
        raise DomainError(
            "segment_definition_not_json",
            field="definition",
            line=error.lineno,
            column=error.colno,
            reason=error.msg,
        ) from error


def cmd_segment_save(ctx: CliContext) -> int:
    tree = _definition(ctx.args)
    with ctx.db.transaction() as session:
        try:
            existing = segments.get_segment(session, ctx.args.name)
        except NotFoundError:
            existing = None
        if existing is not None and existing.id == ctx.args.name.strip():
            existing = None  # an id is not a name: "save ID" makes a segment called ID
        description = ctx.args.description
        if description is None:
            description = existing.description if existing else ""
        info = segments.save_segment(
            session,
            ctx.args.name,
            tree,
            description=description,
            segment_id=existing.id if existing else None,
            actor="cli",
        )
        count = segments.count_segment(session, info.definition)
    data = {
        "ok": True,
        "created": existing is None,
        "segment": {**info.to_json(), "count": count},
    }
    verb = "created" if existing is None else "replaced"
    ctx.emit(data, f"{verb} {info.name}: {count}")
    return 0


def cmd_segment_delete(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        info = segments.get_segment(session, ctx.args.name)
        segments.delete_segment(session, info.id, actor="cli")
    ctx.emit({"ok": True, "deleted": {"id": info.id, "name": info.name}}, f"deleted {info.name}")
    return 0
