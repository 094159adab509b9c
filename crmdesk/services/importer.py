"""Importing a shop's customer list (and the points / purchases it carries).

Every row goes through the app's own rules (:func:`customer_fields.clean_fields`,
:func:`customer_index.search_keys`), so an imported customer is exactly what the form would
have saved. The steps:

1. :func:`~crmdesk.services.import_mapping.prepare` reads the file (:mod:`import_read`)
   and settles the mapping header -> field (guessed from the synonyms table, corrected
   by the owner).
2. :func:`run_import` plans each row (:mod:`import_plan`: clean, check for duplicates
   against the file so far and the database, :mod:`import_dupes`) and, unless it is a
   dry run, writes the plans batch by batch (:mod:`import_bulk`); the run's counts and
   reject file are :mod:`import_report`.

Resuming: a run is keyed by the file's bytes and the options (mapping, duplicate
choices). Each batch commits together with a progress record in ``settings``
(``import_run.<key>``: the next row, the counts so far, the next customer number), so a
run killed at any point is resumed by running it again: rows already written are not
written twice, and a finished run changes nothing when repeated. ``batch_size=0``
makes the whole import one all-or-nothing transaction instead.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Generator, Mapping
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from crmdesk.core import channels as channel_rules
from crmdesk.core.errors import DomainError
from crmdesk.core.files import check_output
from crmdesk.core.normalize import normalize_text
from crmdesk.services import custom_fields, customer_fields, customer_index
from crmdesk.services.channels import ensure_default_channels, list_channels
from crmdesk.services.import_bulk import COUNTS, Writer
from crmdesk.services.import_dupes import DupeIndex
from crmdesk.services.import_mapping import Prepared, map_custom_fields
from crmdesk.services.import_plan import Planner
from crmdesk.services.import_report import ImportResult, default_reject_path, write_rejects
from crmdesk.store.db import Database, setting

DECISIONS = ("skip", "merge", "import")


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
            reject_path or default_reject_path(table),
            database=db.path,
            inputs=[table.path],
            field="rejects",
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
        result.reject_file = str(
            write_rejects(result.rejects, reject_path or default_reject_path(table))
        )
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


def _column(prepared: Prepared, target: str) -> list[str]:
    headers = prepared.table.headers
    idx = [i for i, h in enumerate(headers) if prepared.mapping.get(h) == target]
    if not idx:
        return []
    return [normalize_text(c[idx[0]]) if idx[0] < len(c) else "" for _, c in prepared.table.rows]
