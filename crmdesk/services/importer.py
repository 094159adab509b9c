"""Importing a shop's customer list (and the points / purchases it carries).

Every row goes through the app's own rules (:func:`customers.clean_fields`,
:func:`customers.search_keys`), so an imported customer is exactly what the form would
have saved. The steps:

1. :func:`prepare` reads the file (:mod:`import_read`) and settles the mapping
   header -> field (guessed from the synonyms table, corrected by the owner).
2. :func:`run_import` plans each row (clean, check for duplicates against the file so far
   and the database) and, unless it is a dry run, writes the plan batch by batch.

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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from crmdesk.core import channels as channel_rules
from crmdesk.core import custom_fields as custom_rules
from crmdesk.core import import_fields as fields_rules
from crmdesk.core import kana
from crmdesk.core.bounds import MAX_POINTS, MAX_TOTAL_SPEND, check_range
from crmdesk.core.custom_fields import FieldDef
from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.files import check_output, neutralize, write_atomic
from crmdesk.core.ids import new_id
from crmdesk.core.normalize import normalize_text, to_hiragana
from crmdesk.core.validate import parse_date
from crmdesk.services import audit, custom_fields, customers
from crmdesk.services.import_dupes import DupeIndex
from crmdesk.services.import_read import Table, read_table
from crmdesk.store.db import Database, set_setting, setting
from crmdesk.store.models import Customer, CustomerFieldValue, PointCard, PointEntry, Purchase

DECISIONS = ("skip", "merge", "import")
COUNTS = (
    "created",
    "merged",
    "skipped",
    "cards",
    "point_entries",
    "purchases",
    "kana_suggested",
    "zeros_restored",
)
TARGETS = set(customers.EDITABLE) - {"home_branch_id", *customers.LINK_FIELDS}
TARGETS |= set(fields_rules.SPLIT_FIELDS) | set(fields_rules.EXTRA_FIELDS)
DEFAULTS: dict[str, Any] = {
    **dict.fromkeys(customers.TEXT_FIELDS, ""),
    **dict.fromkeys(("gender", "postal_code", "phone1", "phone2", "email"), ""),
    **dict.fromkeys(("birthday", "first_visit", "mourning_until", "home_branch_id"), None),
    **dict.fromkeys(customers.LINK_FIELDS, None),
    "dm_consent": True,
    "email_consent": False,
}


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


@dataclass(frozen=True)
class Reject:
    row: int
    column: str
    field: str | None
    code: str
    message: str


@dataclass
class Duplicate:
    row: int
    reasons: list[str]
    existing_id: str | None
    existing_number: str | None
    existing_row: int | None
    decision: str


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
    today = today or customers.today_local()
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
        number = state.get("next_number") or int(customers.next_customer_number(session))
    start = 0 if dry_run else int(state.get("next", 0))
    if state.get("done") and not dry_run:
        result.already_done = True
    if start and not result.already_done:  # a resumed run counts its earlier batches
        result.resumed_from_row = table.rows[start][0] if start < len(table.rows) else None
        for name in COUNTS:
            setattr(result, name, state.get(name, 0))
    file_numbers = {n for n in _column(prepared, "customer_number") if n}
    index.numbers_used |= file_numbers
    planner = _Planner(prepared, index, today, on_duplicate, choices, number)
    planner.custom = defined
    planner.channels = known_channels
    total = len(table.rows)
    writer = _Writer(db, result, actor, progress_key, batch_size, dry_run)
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


@dataclass
class Plan:
    row: int
    values: dict[str, Any]
    extras: dict[str, Any]
    decision: str  # import | merge
    target_id: str  # new id (import) or the customer merged into
    duplicate: Duplicate | None = None
    keys: dict[str, str] | None = None  # search columns, computed once
    kana_suggested: bool = False
    zeros_restored: int = 0


# The Core table, for bulk inserts that bypass the ORM (mypy sees a FromClause).
CUSTOMER_TABLE: Any = Customer.__table__


class _Planner:
    """Turns one row into a Plan or a list of Rejects; keeps the duplicate index current."""

    def __init__(
        self,
        prepared: Prepared,
        index: DupeIndex,
        today: date,
        on_duplicate: str,
        choices: Mapping[int, str],
        next_number: int,
    ) -> None:
        self.headers = prepared.table.headers
        self.mapping = prepared.mapping
        self.column_of = {f: h for h, f in reversed(list(self.mapping.items())) if f}
        self.index, self.today = index, today
        self.on_duplicate, self.choices = on_duplicate, choices
        self.next_number = next_number
        self.numeric = prepared.table.numeric
        self.postal_columns = {
            i for i, h in enumerate(self.headers) if self.mapping.get(h) == "postal_code"
        }
        self.readings: dict[str, str] = {}  # name part -> suggested reading (or "")
        self.custom: Mapping[str, FieldDef] = {}  # the owner's fields, by name
        self.channels: Mapping[str, str] = {}  # a channel word (name_key) -> channel id

    def plan(self, row: int, cells: list[str], *, replay: bool) -> Plan | list[Reject] | None:
        extra = [c for c in cells[len(self.headers) :] if c.strip()]
        if extra:
            column = f"{len(self.headers) + 1}列目"
            return [_reject(row, column, None, DomainError("too_many_fields", count=len(cells)))]
        raw = {
            str(self.mapping[h]): (cells[i] if i < len(cells) else "").strip()
            for i, h in enumerate(self.headers)
            if self.mapping.get(h)
        }
        restored = self._restore_zeros(raw, row, cells)
        values, extras, problems = self._values(raw)
        fields = self._custom_values(raw, problems)
        if fields:
            extras["fields"] = fields
        suggested = self._suggest_kana(values)
        try:
            clean = customers.clean_fields(values, today=self.today)
        except ValidationError as error:
            problems.extend(error.errors)
            clean = {}
        if problems:
            return [_reject(row, self._column(e.field), e.field, e) for e in problems]
        if replay:
            return None
        customers.fill_from_postal(clean)
        number = clean.get("customer_number") or ""
        keys = customers.search_keys(clean)
        hit = self.index.find(keys, clean.get("birthday"), number)
        decision = "import"
        duplicate = None
        if hit is not None:
            decision = self.choices.get(row, self.on_duplicate)
            duplicate = Duplicate(row, hit.reasons, hit.customer_id, hit.number, hit.row, decision)
            if decision == "import" and number and number in self.index.numbers:
                clean.pop("customer_number")
                number = ""
        if decision == "skip":
            return Plan(row, clean, extras, "skip", "", duplicate)
        marks: dict[str, Any] = {"kana_suggested": suggested, "zeros_restored": restored}
        if extras.get("card_number") and extras["card_number"] in self.index.cards:
            err = DomainError("duplicate_card_number", field="card_number")
            return [_reject(row, self._column("card_number"), "card_number", err)]
        if extras.get("card_number"):
            self.index.cards.add(extras["card_number"])
        if decision == "merge":
            assert hit is not None
            return Plan(row, clean, extras, "merge", hit.customer_id, duplicate, **marks)
        if not number:
            number = self._new_number()
        clean["customer_number"] = number
        target = new_id()
        self.index.add(keys, clean.get("birthday"), number, target, row)
        return Plan(row, clean, extras, "import", target, duplicate, keys, **marks)

    def _new_number(self) -> str:
        while f"{self.next_number:06d}" in self.index.numbers_used:
            self.next_number += 1
        number = f"{self.next_number:06d}"
        self.next_number += 1
        return number

    def _restore_zeros(self, raw: dict[str, str], row: int, cells: list[str]) -> int:
        """Leading zeros a spreadsheet dropped (numbers stored as numbers); how many."""
        restored = 0
        for name in ("phone1", "phone2"):
            if raw.get(name):
                fixed = fields_rules.restore_phone_zero(raw[name])
                restored += fixed != raw[name]
                raw[name] = fixed
        numeric = self.numeric.get(row)
        if numeric and raw.get("postal_code"):
            for i in self.postal_columns & numeric:
                if i < len(cells) and cells[i].strip() == raw["postal_code"]:
                    fixed = fields_rules.restore_postal_zeros(raw["postal_code"])
                    restored += fixed != raw["postal_code"]
                    raw["postal_code"] = fixed
        return restored

    def _suggest_kana(self, values: dict[str, Any]) -> bool:
        """Furigana for a kanji name given without any: suggested, once per distinct part."""
        if values.get("family_kana") or values.get("given_kana"):
            return False
        parts = [values.get("family_name") or "", values.get("given_name") or ""]
        if not any(kana.has_kanji(part) for part in parts):
            return False
        readings = [self._reading(part) for part in parts]
        if not readings[0]:
            return False
        values["family_kana"], values["given_kana"] = readings
        return True

    def _reading(self, part: str) -> str:
        if part not in self.readings:
            reading = kana.suggest_furigana(part) if part else ""
            self.readings[part] = reading if kana.is_reading(reading) else ""
        return self.readings[part]

    def _column(self, name: str | None) -> str:
        for candidate in (name, _SOURCE.get(name or "")):
            if candidate in self.column_of:
                return self.column_of[candidate]
        return name or ""

    def _custom_values(self, raw: dict[str, str], problems: list[DomainError]) -> dict[str, str]:
        """{field id: stored text} of the custom field columns; bad values into problems."""
        out = {}
        prefix = fields_rules.CUSTOM_PREFIX
        for target, text in raw.items():
            if target.startswith(prefix) and text:
                field = self.custom[target[len(prefix) :]]
                try:
                    out[field.id] = custom_rules.clean_value(field, text)
                except DomainError as error:
                    problems.append(error)
        return out

    def _values(
        self, raw: dict[str, str]
    ) -> tuple[dict[str, Any], dict[str, Any], list[DomainError]]:
        problems: list[DomainError] = []
        values = {k: v for k, v in raw.items() if k in customers.EDITABLE}
        if raw.get("name"):
            family, given = fields_rules.split_name(raw["name"])
            if not values.get("family_name"):
                values["family_name"] = family
            if not values.get("given_name"):
                values["given_name"] = given
        if raw.get("kana"):
            family, given = fields_rules.split_name(raw["kana"])
            if not values.get("family_kana"):
                values["family_kana"] = family
            if not values.get("given_kana"):
                values["given_kana"] = given
        for name in ("family_kana", "given_kana"):
            if values.get(name):
                values[name] = to_hiragana(values[name])
        if raw.get("address"):
            for part, text in fields_rules.split_address(raw["address"]).items():
                if text and not values.get(part):
                    values[part] = text
        if "gender" in values:
            gender = fields_rules.parse_gender(values["gender"])
            if gender is None:
                problems.append(
                    DomainError("invalid_gender_word", field="gender", value=values["gender"])
                )
                gender = ""
            values["gender"] = gender
        for name in ("dm_consent", "email_consent"):
            if name in values and not values[name]:
                del values[name]
        extras: dict[str, Any] = {}
        if raw.get("card_number"):
            extras["card_number"] = customers.normalize_card_number(raw["card_number"])
        for name, maximum in (("points", MAX_POINTS), ("purchase_total", MAX_TOTAL_SPEND)):
            if raw.get(name):
                amount = fields_rules.parse_int(raw[name])
                if amount is None:
                    problems.append(DomainError("invalid_integer", field=name))
                    continue
                try:  # an opening balance or a total is never negative
                    extras[name] = check_range(amount, name, minimum=0, maximum=maximum)
                except DomainError as error:
                    problems.append(error)
                if not amount:
                    extras.pop(name, None)
        if raw.get("last_purchase"):
            try:
                extras["last_purchase"] = parse_date(raw["last_purchase"])
            except ValueError:
                problems.append(DomainError("invalid_date", field="last_purchase"))
        if raw.get("acquisition_channel"):
            found = self.channels.get(channel_rules.name_key(raw["acquisition_channel"]))
            if found is None:  # refused, not created: see _channel_words
                problems.append(DomainError("unknown_channel_value", field="acquisition_channel",
                                            value=raw["acquisition_channel"]))  # fmt: skip
            else:
                values["channel_id"] = found
        return values, extras, problems


_SOURCE = {
    "family_name": "name",
    "given_name": "name",
    "family_kana": "kana",
    "given_kana": "kana",
    **dict.fromkeys(("prefecture", "city", "town", "street", "building"), "address"),
}


def _reject(row: int, column: str, field_name: str | None, error: DomainError) -> Reject:
    return Reject(row, column, field_name, error.code, error.message("ja"))


class _Writer:
    """Collects plans and writes them a batch at a time, with the progress record."""

    def __init__(
        self,
        db: Database,
        result: ImportResult,
        actor: str,
        progress_key: str,
        batch_size: int,
        dry_run: bool,
    ) -> None:
        self.db, self.result, self.actor = db, result, actor
        self.progress_key, self.batch_size, self.dry_run = progress_key, batch_size, dry_run
        self.plans: list[Plan] = []
        self.expected: dict[str, Any] = {}  # the progress record as this run last saw it

    def add(self, plan: Plan) -> None:
        self.plans.append(plan)
        r = self.result
        if plan.decision == "skip":
            r.skipped += 1
            return
        if plan.decision == "merge":
            r.merged += 1
        else:
            r.created += 1
        r.cards += "card_number" in plan.extras
        r.point_entries += "points" in plan.extras
        r.purchases += "purchase_total" in plan.extras
        r.kana_suggested += plan.kana_suggested
        r.zeros_restored += plan.zeros_restored

    def full(self) -> bool:
        return self.batch_size > 0 and len(self.plans) >= self.batch_size

    def commit(self, next_position: int, next_number: int, *, done: bool) -> None:
        if self.dry_run:
            self.plans = []
            return
        with self.db.transaction() as session:
            # Another process running the same import moved the record on: writing this
            # batch too would double it. (Different files just get their own numbers.)
            if (setting(session, self.progress_key) or {}) != self.expected:
                raise DomainError("import_running", field="file")
            self._write(session)
            r = self.result
            counts = {k: getattr(r, k) for k in COUNTS}
            state = {"next": next_position, "next_number": next_number, "done": done, **counts}
            set_setting(session, self.progress_key, state)
            self.expected = state
            if done:
                audit.record(
                    session,
                    "import",
                    entity="customer",
                    row_count=r.created + r.merged,
                    actor=self.actor,
                    run=r.run_key,
                    encoding=r.encoding,
                    rows=r.rows,
                    rejected=len({x.row for x in r.rejects}),
                    **counts,
                )
        self.plans = []

    def _write(self, session: Session) -> None:
        db = self.db
        hlc, now = db.clock.now().encode(), datetime.now(UTC)
        stamp = {"hlc": hlc, "origin": db.node_id, "deleted": False}
        stamp |= {"created_at": now, "updated_at": now}
        new_rows: list[dict[str, Any]] = []
        _renumber_taken(session, [p for p in self.plans if p.decision == "import"])
        for plan in self.plans:
            if plan.decision == "import":
                row = {**DEFAULTS, **plan.values}
                keys = plan.keys
                if keys is None or "card_number" in plan.extras:
                    cards = [plan.extras["card_number"]] if "card_number" in plan.extras else []
                    keys = customers.search_keys(row, cards)
                row.update(keys, id=plan.target_id, **stamp)
                new_rows.append(row)
        if new_rows:  # Core insert: the ORM's bulk layer adds nothing here but time
            # Numbering the FTS rowids here spares the insert trigger an UPDATE per row.
            top = session.scalar(select(func.max(Customer.search_rowid))) or 0
            for offset, row in enumerate(new_rows, start=1):
                row["search_rowid"] = top + offset
            session.connection().execute(insert(CUSTOMER_TABLE), new_rows)
        for plan in self.plans:
            if plan.decision == "merge":
                _fill_blanks(session, plan.target_id, plan.values)
        cards, entries, purchases = [], [], []
        for plan in self.plans:
            if plan.decision == "skip":
                continue
            card_id = None
            if "card_number" in plan.extras:
                card_id = new_id()
                cards.append(
                    {
                        "id": card_id,
                        "card_number": plan.extras["card_number"],
                        "customer_id": plan.target_id,
                        "status": "active",
                        "issued_at": now,
                        **stamp,
                    }
                )
            if "points" in plan.extras:
                entries.append(
                    {
                        "id": new_id(),
                        "customer_id": plan.target_id,
                        "card_id": card_id,
                        "kind": "adjust",
                        "points": plan.extras["points"],
                        "note": "import",
                        "occurred_at": now,
                        **stamp,
                    }
                )
            if "purchase_total" in plan.extras:
                day = plan.extras.get("last_purchase")
                at = datetime(day.year, day.month, day.day, 3, tzinfo=UTC) if day else now
                purchases.append(
                    {
                        "id": new_id(),
                        "customer_id": plan.target_id,
                        "card_id": card_id,
                        "amount": plan.extras["purchase_total"],
                        "items": json.dumps([{"import": "total"}]),
                        "purchased_at": at,
                        **stamp,
                    }
                )
        values = [
            {"id": custom_rules.value_id(plan.target_id, fid), "customer_id": plan.target_id,
             "field_id": fid, "value": text, **stamp}
            for plan in self.plans
            if plan.decision != "skip"
            for fid, text in plan.extras.get("fields", {}).items()
        ]  # fmt: skip
        tables: list[tuple[Any, list[dict[str, Any]]]] = [
            (PointCard.__table__, cards),
            (PointEntry.__table__, entries),
            (Purchase.__table__, purchases),
        ]
        for table, rows in tables:
            if rows:
                session.connection().execute(insert(table), rows)
        if values:  # a merge fills a custom field only where the customer has none yet
            value_table: Any = CustomerFieldValue.__table__
            session.connection().execute(insert(value_table).prefix_with("OR IGNORE"), values)
        if cards:
            for plan in self.plans:
                if plan.decision == "merge" and "card_number" in plan.extras:
                    customer = session.get(Customer, plan.target_id)
                    if customer is not None:
                        session.refresh(customer)
                        customers.refresh_search_keys(customer)


def _renumber_taken(session: Session, plans: list[Plan]) -> None:
    """Give a new number to rows whose number another writer took since the plan.

    The plan numbered rows from a snapshot; this runs inside the batch's write
    transaction, so what it sees is final.
    """
    wanted = [plan.values["customer_number"] for plan in plans]
    query = select(Customer.customer_number).where(Customer.customer_number.in_(wanted))
    taken = set(session.scalars(query))
    if not taken:
        return
    used = taken | set(wanted)
    top = int(customers.next_customer_number(session))
    for plan in plans:
        if plan.values["customer_number"] in taken:
            while f"{top:06d}" in used:
                top += 1
            plan.values["customer_number"] = f"{top:06d}"
            plan.keys = None  # the number is part of the search text
            used.add(plan.values["customer_number"])


def _fill_blanks(session: Session, customer_id: str, values: Mapping[str, Any]) -> None:
    """Merge a row into an existing customer: fill the fields it has left empty."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        return
    for name, value in values.items():
        if name == "customer_number" or value in (None, ""):
            continue
        if getattr(customer, name) in (None, ""):
            setattr(customer, name, value)
    customers.refresh_search_keys(customer)
    session.flush()
