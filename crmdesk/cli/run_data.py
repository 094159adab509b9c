"""What the commands of :mod:`crmdesk.cli.cmd_data` do (imported when one runs)."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from crmdesk.cli import CliContext
from crmdesk.core.errors import DomainError
from crmdesk.services import customer_index, dupes, import_mapping, importer
from crmdesk.services.backup import make_backup, restore
from crmdesk.services.dupes import find_pairs
from crmdesk.services.export import ExportResult, export
from crmdesk.store.db import open_database
from crmdesk.store.migrate import current_revision


def _load_choices(path: str | None) -> dict[int, str]:
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        return {int(k): str(v) for k, v in data.items()}
    except (OSError, ValueError, AttributeError, RecursionError):
        raise DomainError("invalid_choice", field="choices", choices="skip/merge/import") from None


def cmd_import(ctx: CliContext) -> int:
    args = ctx.args
    mapping = import_mapping.load_mapping(args.mapping) if args.mapping else None
    prepared = import_mapping.prepare(args.file, encoding=args.encoding, sheet=args.sheet,
                                mapping=mapping)  # fmt: skip
    steps = importer.run_import(
        ctx.db,
        prepared,
        dry_run=args.dry_run,
        on_duplicate=args.on_duplicate,
        choices=_load_choices(args.choices),
        batch_size=max(args.batch, 0),
        actor="cli",
        reject_path=args.rejects,
    )
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            result = stop.value
            break
    data = result.to_json()
    data.update(encoding_label=prepared.table.encoding_label, mapping=prepared.mapping)
    verb = "would import" if result.dry_run else "imported"
    text = (
        f"{verb} {result.created}, merged {result.merged}, skipped {result.skipped} duplicates, "
        f"rejected {result.rejected} rows ({prepared.table.encoding_label})"
    )
    if result.already_done:
        text = f"this file was already imported (run {result.run_key[:12]}): nothing imported"
    if result.unmapped:
        text += "\ncolumns not imported: " + ", ".join(result.unmapped)
    if result.kana_suggested:
        text += f"\nfurigana suggested for {result.kana_suggested} rows: please check them"
    if result.zeros_restored:
        text += f"\nleading 0 restored in {result.zeros_restored} phone/postal values"
    if result.reject_file:
        text += f"\nrejects: {result.reject_file}"
    ctx.emit(data, text)
    return 0


def cmd_export(ctx: CliContext) -> int:
    if ctx.args.output.strip() == "-":
        return _export_to_stdout(ctx)
    result = _export(ctx, ctx.args.output)
    ctx.emit(result.to_json(), f"exported {result.rows} rows to {result.path}")
    return 0


def _export(ctx: CliContext, target: str | Path) -> ExportResult:
    args = ctx.args
    with ctx.db.transaction() as session:
        return export(session, ctx.actor, args.kind, target, fmt=args.format,
                      encoding=args.encoding, segment=getattr(args, "name", None))  # fmt: skip


def _export_to_stdout(ctx: CliContext) -> int:
    """``-o -``: the export's bytes on stdout (for a pipe), what was written on stderr. The
    file is made in a private folder first (the export checks and writes it whole) and
    removed once copied."""
    folder = Path(tempfile.mkdtemp(prefix="crmdesk-export-"))  # 0700: holds personal data
    try:
        target = folder / f"export.{ctx.args.format or 'csv'}"
        result = _export(ctx, target)
        with target.open("rb") as data:
            shutil.copyfileobj(data, sys.stdout.buffer)
        sys.stdout.flush()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if ctx.args.json:
        print(json.dumps({**result.to_json(), "path": "-"}, ensure_ascii=False), file=sys.stderr)
    else:
        print(f"exported {result.rows} rows to standard output", file=sys.stderr)
    return 0


def cmd_dupes_list(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        pairs = find_pairs(session, min_score=ctx.args.min_score, limit=ctx.args.limit)
    lines = [f"{p.score:3d}  {p.a_number} {p.b_number}  {', '.join(p.reasons)}" for p in pairs]
    data = {"ok": True, "count": len(pairs), "pairs": [p.to_json() for p in pairs]}
    ctx.emit(data, "\n".join(lines) or "no likely duplicates")
    return 0


def cmd_dupes_merge(ctx: CliContext) -> int:
    choices = {}
    for item in ctx.args.take:
        name, _, side = item.partition("=")
        choices[name.strip()] = side.strip()
    with ctx.db.transaction() as session:
        a = customer_index.resolve_customer(session, ctx.args.a)
        b = customer_index.resolve_customer(session, ctx.args.b)
        result = dupes.merge(session, a.id, b.id, choices, actor=ctx.actor)
    ctx.emit(result.to_json(), f"merged {b.customer_number} into {a.customer_number} "
                               f"(undo: crmdesk dupes undo {result.merge_id})")  # fmt: skip
    return 0


def cmd_dupes_undo(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        result = dupes.undo(session, ctx.args.merge_id, actor=ctx.actor)
    ctx.emit(result.to_json(), f"merge {result.merge_id} undone")
    return 0


def cmd_backup(ctx: CliContext) -> int:
    ctx.db  # noqa: B018 - opens (and migrates) the file so the backup is current
    to = Path(ctx.args.to) if ctx.args.to else None
    info = make_backup(ctx.db_path, kind="manual", to=to, actor="cli")
    ctx.emit(info.to_json(), f"backup written: {info.path}")
    return 0


def cmd_restore(ctx: CliContext) -> int:
    info = restore(ctx.db_path, Path(ctx.args.file), actor="cli")
    db = open_database(ctx.db_path)
    try:
        schema = current_revision(db.engine)
    finally:
        db.close()
    data = {**info.to_json(), "schema": schema}
    ctx.emit(
        data, f"restored from {info.restored_from}; the replaced file: {info.replaced_kept_as}"
    )
    return 0
