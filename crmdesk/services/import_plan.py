"""Planning an import row by row: a row of the file becomes a Plan or a list of Rejects.

Every row goes through the app's own rules (:func:`customer_fields.clean_fields`,
:func:`customer_index.search_keys`), so an imported customer is exactly what the form would
have saved; every problem names its row and its column. The duplicate index
(:mod:`import_dupes`) is kept current as rows are planned, so a row is checked against
the database and against the rows of the file before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from crmdesk.core import channels as channel_rules
from crmdesk.core import custom_fields as custom_rules
from crmdesk.core import import_fields as fields_rules
from crmdesk.core import kana
from crmdesk.core.bounds import MAX_POINTS, MAX_TOTAL_SPEND, check_range
from crmdesk.core.custom_fields import FieldDef
from crmdesk.core.duplicates import PersonKeys
from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.ids import new_id
from crmdesk.core.normalize import to_hiragana
from crmdesk.core.validate import parse_date
from crmdesk.services import customer_fields, customer_index
from crmdesk.services.import_dupes import DupeIndex
from crmdesk.services.import_mapping import Prepared


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


class Plan(NamedTuple):
    """What a row becomes. A tuple: once its dicts hold only text, dates and numbers, the
    garbage collector stops tracking it (a batch holds thousands until it is written)."""

    row: int
    values: dict[str, Any]
    extras: dict[str, Any]
    decision: str  # import | merge
    target_id: str  # new id (import) or the customer merged into
    duplicate: Duplicate | None = None
    keys: dict[str, str] | None = None  # search columns, computed once
    kana_suggested: bool = False
    zeros_restored: int = 0


class Planner:
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
        # (cell index, target) of each mapped column, worked out once for the file.
        self.columns = [(i, str(self.mapping[h])) for i, h in enumerate(self.headers)
                        if self.mapping.get(h)]  # fmt: skip
        self.editable = {t for _, t in self.columns if t in _EDITABLE}
        self.has_custom = any(t.startswith(fields_rules.CUSTOM_PREFIX) for _, t in self.columns)
        self.readings: dict[str, str] = {}  # name part -> suggested reading (or "")
        self.custom: Mapping[str, FieldDef] = {}  # the owner's fields, by name
        self.channels: Mapping[str, str] = {}  # a channel word (name_key) -> channel id

    def plan(self, row: int, cells: Sequence[str], *, replay: bool) -> Plan | list[Reject] | None:
        width = len(self.headers)
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            column = f"{width + 1}列目"
            return [_reject(row, column, None, DomainError("too_many_fields", count=len(cells)))]
        if len(cells) < width:
            cells = [*cells, *[""] * (width - len(cells))]
        raw = {target: cells[i].strip() for i, target in self.columns}
        restored = self._restore_zeros(raw, row, cells)
        values, extras, problems = self._values(raw)
        fields = self._custom_values(raw, problems) if self.has_custom else {}
        if fields:
            extras["fields"] = fields
        suggested = self._suggest_kana(values)
        try:
            clean = customer_fields.clean_fields(values, today=self.today)
        except ValidationError as error:
            problems.extend(error.errors)
            clean = {}
        if problems:
            return [_reject(row, self._column(e.field), e.field, e) for e in problems]
        if replay:
            return None
        customer_fields.fill_from_postal(clean)
        number = clean.get("customer_number") or ""
        keys = customer_index.search_keys(clean)
        person = PersonKeys.of_keys(keys, clean.get("birthday"))
        hit = self.index.find(person, number)
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
        card = extras.get("card_number")
        if card and card in self.index.cards:
            err = DomainError("duplicate_card_number", field="card_number")
            return [_reject(row, self._column("card_number"), "card_number", err)]
        if card:
            self.index.cards.add(card)
        if decision == "merge":
            assert hit is not None
            return Plan(row, clean, extras, "merge", hit.customer_id, duplicate, None,
                        suggested, restored)  # fmt: skip
        if not number:
            number = self._new_number()
        if number != clean.get("customer_number"):
            clean["customer_number"] = number
            keys = customer_index.search_keys(clean)  # the number is in the search text
        target = new_id()
        self.index.add(person, number, target, row)
        return Plan(row, clean, extras, "import", target, duplicate, keys, suggested, restored)

    def _new_number(self) -> str:
        while f"{self.next_number:06d}" in self.index.numbers_used:
            self.next_number += 1
        number = f"{self.next_number:06d}"
        self.next_number += 1
        return number

    def _restore_zeros(self, raw: dict[str, str], row: int, cells: Sequence[str]) -> int:
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
        editable = self.editable
        values = {k: v for k, v in raw.items() if k in editable}
        if raw.get("name"):
            family, given = _split_name(raw["name"])
            if not values.get("family_name"):
                values["family_name"] = family
            if not values.get("given_name"):
                values["given_name"] = given
        if raw.get("kana"):
            family, given = _split_name(raw["kana"])
            if not values.get("family_kana"):
                values["family_kana"] = family
            if not values.get("given_kana"):
                values["given_kana"] = given
        for name in ("family_kana", "given_kana"):
            if values.get(name):
                values[name] = _hiragana(values[name])
        if raw.get("address"):
            for part, text in _split_address(raw["address"]):
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
            extras["card_number"] = customer_index.normalize_card_number(raw["card_number"])
        for name, maximum in (("points", MAX_POINTS), ("purchase_total", MAX_TOTAL_SPEND)):
            if raw.get(name):
                amount = _parse_int(raw[name])
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
        if raw.get("tags"):
            tags = fields_rules.split_tags(raw["tags"])
            if any(len(name) > fields_rules.MAX_TAG for name in tags):
                problems.append(DomainError("too_long", field="tags", max=fields_rules.MAX_TAG))
            elif tags:
                extras["tags"] = tuple(tags)
        if raw.get("acquisition_channel"):
            found = self.channels.get(channel_rules.name_key(raw["acquisition_channel"]))
            if found is None:  # refused, not created: see importer._channel_words
                problems.append(DomainError("unknown_channel_value", field="acquisition_channel",
                                            value=raw["acquisition_channel"]))  # fmt: skip
            else:
                values["channel_id"] = found
        return values, extras, problems


# Name parts repeat (a few thousand distinct ones in a shop's list): converted once each;
# so do whole names, the amounts of a points column and (streets aside) addresses.
_hiragana = lru_cache(maxsize=8192)(to_hiragana)
_split_name = lru_cache(maxsize=8192)(fields_rules.split_name)
_parse_int = lru_cache(maxsize=1024)(fields_rules.parse_int)
_EDITABLE = frozenset(customer_fields.EDITABLE)


@lru_cache(maxsize=8192)
def _split_address(full: str) -> tuple[tuple[str, str], ...]:
    return tuple(fields_rules.split_address(full).items())


_SOURCE = {
    "family_name": "name",
    "given_name": "name",
    "family_kana": "kana",
    "given_kana": "kana",
    **dict.fromkeys(("prefecture", "city", "town", "street", "building"), "address"),
}


def _reject(row: int, column: str, field_name: str | None, error: DomainError) -> Reject:
    return Reject(row, column, field_name, error.code, error.message("ja"))
