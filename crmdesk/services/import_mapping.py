"""Which column of an import file goes to which customer field.

:func:`prepare` reads the file (:mod:`~crmdesk.services.import_read`) and settles the
mapping header -> field: guessed from the synonyms table, corrected by the owner (a
mapping file, :func:`load_mapping`, or the wizard); columns headed with a custom field's
name go to that field (:func:`map_custom_fields`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crmdesk.core import import_fields as fields_rules
from crmdesk.core.custom_fields import FieldDef
from crmdesk.core.errors import DomainError
from crmdesk.services import customer_fields
from crmdesk.services.import_read import Table, read_table

#: What a column may be mapped to: the form's fields, the split and extra ones.
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
            "sample": [list(cells) for _, cells in self.table.rows[:rows]],
        }


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
