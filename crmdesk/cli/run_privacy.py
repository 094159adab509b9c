"""What the commands of :mod:`crmdesk.cli.cmd_privacy` do (imported when one runs)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from crmdesk.cli import CliContext
from crmdesk.reports.disclosure import write_disclosure_pdf
from crmdesk.services import customer_index
from crmdesk.services.disclosure import SECTIONS, disclosure


def cmd_disclose(ctx: CliContext) -> int:
    args = ctx.args
    out = Path(args.output)
    json_out = Path(args.json_out) if args.json_out else None
    actor = ctx.actor
    with ctx.db.transaction() as session:
        customer = customer_index.resolve_customer(session, args.ref)
        data = disclosure(session, customer.id, actor=actor)
        pages = write_disclosure_pdf(data, out)
        if json_out is not None:
            _write_private(json_out, json.dumps(data, ensure_ascii=False, indent=2))
    counts = {s: len(data[s]) for s in SECTIONS if s != "customer"}
    result = {"ok": True, "id": customer.id, "pdf": str(out), "pages": pages,
              "json": str(json_out) if json_out else None, "counts": counts}  # fmt: skip
    ctx.emit(result, f"disclosure of {customer.customer_number}: {out} ({pages} pages)")
    return 0


def _write_private(path: Path, text: str) -> None:
    """Write atomically through a 0600 temporary file (it holds personal data)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
