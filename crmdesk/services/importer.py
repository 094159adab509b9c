"""Importing a shop's customer list (and the points / purchases it carries).

Every row goes through the app's own rules (:func:`customer_fields.clean_fields`,
:func:`customer_index.search_keys`), so an imported customer is exactly what the form would
have saved. The steps:

1. :func:`prepare` reads the file (:mod:`import_read`) and settles the mapping
   header -> field (guessed from the synonyms table, corrected by the owner).
2. :func:`run_import` plans each row (:mod:`import_plan`: clean, check for duplicates
   against the file so far and the database) and, unless it is a dry run, writes the
   plans batch by batch (:mod:`import_bulk`).

Resuming: a run is keyed by the file's bytes and the options (mapping, duplicate
choices). Each batch commits together with a progress record in ``settings``
(``import_run.<key>``: the next row, the counts so far, the next customer number), so a
run killed at any point is resumed by running it again: rows already written are not
written twice, and a finished run changes nothing when repeated. ``batch_size=0``
makes the whole import one all-or-nothing transaction instead.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Generator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from crmdesk.core import channels as channel_rules
from crmdesk.core import import_fields as fields_rules
from crmdesk.core.custom_fields import FieldDef
from crmdesk.core.errors import DomainError
from crmdesk.core.files import check_output, neutralize, write_atomic
from crmdesk.core.normalize import normalize_text
from crmdesk.services import custom_fields, customer_fields, customer_index
from crmdesk.services.import_bulk import COUNTS, Writer
from crmdesk.services.import_dupes import DupeIndex
from crmdesk.services.import_plan import Duplicate, Planner, Reject
from crmdesk.services.import_read import Table, read_table
from crmdesk.store.db import Database, setting

DECISIONS = ("skip", "merge", "import")
TARGETS = set(customer_fields.EDITABLE) - {"home_branch_id", *customer_fields.LINK_FIELDS}
TARGETS |= set(fields_rules.SPLIT_FIELDS) | set(fields_rules.EXTRA_FIELDS)


@dataclass
class Prepared:
    table: Table
    mapping: dict[str, str | None]  # header -> field (None: not imported)

    def preview(self, rows: int = 20) -> dict[str, Any]:
        return {
            "file": str(self.table.path),
            "kind": self.table.kind,
            "encoding": self.table.encoding,
            "encoding_label": self.table.encoding_label,
            "sheet": self.table.sheet,
            "headers": self.table.headers,
            "mapping": self.mapping,
            "rows": len(self.table.rows),
            "sample": [cells for _, cells in self.table.rows[:rows]],
        }


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


def prepare(
    path: str | Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
) -> Prepared:
    """Read the file and settle the mapping; refuses a file with no name column."""
    table = read_table(path, encoding=encoding, sheet=sheet)
    guessed = fields_rules.guess_mapping(table.headers)
    if not any(guessed.values()) and mapping is None:
        raise DomainError("not_a_table", field="file")
    final = dict(guessed)
    for header, target in (mapping or {}).items():
        target = target or None
        custom = target is not None and target.startswith(fields_rules.CUSTOM_PREFIX)
        if target is not None and target not in TARGETS and not custom:
            raise DomainError("unknown_import_field", field="mapping", target=target)
        final[header] = target
    check_mapping(final)
    return Prepared(table, final)


def check_mapping(mapping: Mapping[str, str | None]) -> None:
    if not {"name", "family_name", "given_name"} & set(mapping.values()):
        raise DomainError("no_name_column", field="mapping")


def load_mapping(path: str | Path) -> dict[str, str | None]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        raise DomainError("invalid_mapping", field="mapping") from None
    if not isinstance(data, dict) or not all(isinstance(v, str | None) for v in data.values()):
        raise DomainError("invalid_mapping", field="mapping")
    return data


def run_key(prepared: Prepared, on_duplicate: str, choices: Mapping[int, str]) -> str:
    digest = hashlib.sha256(prepared.table.path.read_bytes())
    options = [prepared.mapping, on_duplicate, sorted(choices.items()), prepared.table.sheet]
    digest.update(json.dumps(options, ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()[:32]


def run_import(
    db: Database,
    prepared: Prepared,
    *,
    dry_run: bool = False,
    on_duplicate: str = "skip",
    choices: Mapping[int, str] | None = None,
    batch_size: int = 1000,
    actor: str = "",
    today: date | None = None,
    reject_path: str | Path | None = None,
) -> Generator[tuple[int, int], None, ImportResult]:
    """Plan and (unless ``dry_run``) write the import; yields (rows done, rows total).

    Closing the generator early (cancel) keeps the batches already committed: running
    the same import again resumes after them.
    """
    choices = dict(choices or {})
    for value in [on_duplicate, *choices.values()]:
        if value not in DECISIONS:
            raise DomainError("invalid_choice", field="on_duplicate", choices="/".join(DECISIONS))
    today = today or customer_fields.today_local()
    table = prepared.table
    with db.transaction() as session:
        defined = {f.name: f for f in custom_fields.list_fields(session)}
        known_channels = _channel_words(session) if "acquisition_channel" in set(
            prepared.mapping.values()) else {}  # fmt: skip
    map_custom_fields(prepared, defined)
    key = run_key(prepared, on_duplicate, choices)
    progress_key = f"import_run.{key}"
    result = ImportResult(str(table.path), table.encoding or "xlsx", len(table.rows), dry_run)
    result.run_key = key
    result.unmapped = [header for header, name in prepared.mapping.items() if name is None]
    if reject_path or not dry_run:  # refused before anything is written, not after
        reject_path = check_output(
            reject_path or _default(table), database=db.path, inputs=[table.path], field="rejects"
        )
    with db.transaction() as session:
        state = setting(session, progress_key) or {}
        index = DupeIndex.load(session)
        number = state.get("next_number") or int(customer_index.next_customer_number(session))
    start = 0 if dry_run else int(state.get("next", 0))
    if state.get("done") and not dry_run:
        result.already_done = True
    if start and not result.already_done:  # a resumed run counts its earlier batches
        result.resumed_from_row = table.rows[start][0] if start < len(table.rows) else None
        for name in COUNTS:
            setattr(result, name, state.get(name, 0))
    file_numbers = {n for n in _column(prepared, "customer_number") if n}
    index.numbers_used |= file_numbers
    planner = Planner(prepared, index, today, on_duplicate, choices, number)
    planner.custom = defined
    planner.channels = known_channels
    total = len(table.rows)
    writer = Writer(db, result, actor, progress_key, batch_size, dry_run)
    writer.expected = state
    for position, (row_number, cells) in enumerate(table.rows):
        plan = planner.plan(row_number, cells, replay=position < start)
        if isinstance(plan, list):
            result.rejects.extend(plan)
            continue
        if position < start or plan is None:
            continue
        if plan.duplicate is not None:
            result.duplicates.append(plan.duplicate)
        writer.add(plan)
        if writer.full():
            writer.commit(position + 1, planner.next_number, done=False)
            yield position + 1, total
    if not result.already_done:
        writer.commit(total, planner.next_number, done=True)
    result.rejected = len({r.row for r in result.rejects})
    if result.rejects and (reject_path or not dry_run):
        result.reject_file = str(write_rejects(result.rejects, reject_path or _default(table)))
    yield total, total
    return result


def _channel_words(session: Session) -> dict[str, str]:
    """What a 流入経路 column may say, to the channel it means: every channel's name
    (retired ones too: an old list records where people came from), the English names
    and the usual words for the starting channels (インスタ -> SNS, 折込 -> チラシ).

    A value that is none of these rejects its row (naming the value) rather than adding
    a channel: free text would split one channel into many (インスタ, Instagram, ｲﾝｽﾀ).
    The owner adds the channel (``channel add``) or fixes the cell, and imports again.
    """
    from crmdesk.services.channels import ensure_default_channels, list_channels

    ensure_default_channels(session)
    everyone = list_channels(session, include_retired=True)
    by_name = {c.name: c.id for c in everyone}
    words = {
        word: by_name[name]
        for word, name in channel_rules.synonym_names().items()
        if name in by_name
    }
    for channel in everyone:
        words[channel_rules.name_key(channel.name)] = channel.id
        words[channel_rules.name_key(channel_rules.display_name(channel.name, "en"))] = channel.id
    return words


def map_custom_fields(prepared: Prepared, defined: Mapping[str, FieldDef]) -> None:
    """Columns headed with a custom field's name go to that field (``field:<name>``).

    A ``field:<name>`` given in the mapping must name a field the owner defined.
    """
    by_key = {fields_rules.header_key(name): name for name in defined}
    for header, target in list(prepared.mapping.items()):
        if target is None and fields_rules.header_key(header) in by_key:
            prepared.mapping[header] = (
                fields_rules.CUSTOM_PREFIX + by_key[fields_rules.header_key(header)]
            )
        elif target and target.startswith(fields_rules.CUSTOM_PREFIX):
            name = target[len(fields_rules.CUSTOM_PREFIX) :]
            if name not in defined:
                raise DomainError("custom_field_not_found", field="mapping", name=name)


def _default(table: Table) -> Path:
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


def _column(prepared: Prepared, target: str) -> list[str]:
    headers = prepared.table.headers
    idx = [i for i, h in enumerate(headers) if prepared.mapping.get(h) == target]
    if not idx:
        return []
    return [normalize_text(c[idx[0]]) if idx[0] < len(c) else "" for _, c in prepared.table.rows]
