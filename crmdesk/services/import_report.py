"""What an import run reports: the counts, the duplicates met, and the reject file."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from crmdesk.core.files import neutralize, write_atomic
from crmdesk.services.import_plan import Duplicate, Reject
from crmdesk.services.import_read import Table


@dataclass
class ImportResult:
    file: str
    encoding: str
    rows: int
    dry_run: bool
    created: int = 0
    merged: int = 0
    skipped: int = 0
    rejected: int = 0
    cards: int = 0
    point_entries: int = 0
    purchases: int = 0
    kana_suggested: int = 0  # rows given a suggested furigana: the owner checks them
    zeros_restored: int = 0  # phone / postal code cells whose leading 0 was put back
    resumed_from_row: int | None = None
    already_done: bool = False
    run_key: str = ""
    reject_file: str | None = None
    unmapped: list[str] = field(default_factory=list)  # columns of the file not imported
    rejects: list[Reject] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = True
        return data


def default_reject_path(table: Table) -> Path:
    """Next to the file: ``customers.rejects.csv`` for ``customers.csv``."""
    return table.path.with_name(f"{table.path.stem}.rejects.csv")


def write_rejects(rejects: list[Reject], path: str | Path) -> Path:
    """The reject file: one line per problem, naming the row, the column and the reason."""
    path = Path(path)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["row", "column", "field", "code", "reason"])
    for r in rejects:
        writer.writerow([r.row, r.column, r.field or "", r.code, neutralize(r.message)])
    write_atomic(path, buffer.getvalue().encode("utf-8-sig"))
    return path
