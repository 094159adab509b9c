"""Custom fields: the owner's own card fields, and how their values are read and written.

Pure rules: the kinds of field, how a typed value becomes the canonical text that is
stored (and synced), and back into a plain value for JSON and screens. Errors name the
field by the owner's own name (``field`` is ``field:<name>``), in Japanese and English.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from crmdesk.core.errors import DomainError
from crmdesk.core.validate import parse_date

KINDS = ("text", "number", "date", "choice", "yesno")
NAME_MAX = 40
TEXT_MAX = 200
CHOICE_MAX = 40
YES = ("yes", "y", "true", "1", "on", "はい", "有", "あり", "○", "〇", "✓")
NO = ("no", "n", "false", "0", "off", "いいえ", "無", "なし", "×", "")

# Fixed namespace: the same name (or customer and field) gives the same id everywhere.
_NAMESPACE = uuid.UUID("5b8f4a36-1c0e-4d53-9a7e-6c1f0c1d2e01")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


@dataclass(frozen=True)
class FieldDef:
    """A custom field as plain data."""

    id: str
    name: str
    kind: str
    choices: tuple[str, ...] = ()
    position: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.kind,
                "choices": list(self.choices), "position": self.position}  # fmt: skip


def field_key(name: str) -> str:
    """The form of a name that must be unique (width and case do not make a new field)."""
    return unicodedata.normalize("NFKC", name).strip().lower()


def field_id(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "field|" + field_key(name)))


def value_id(customer_id: str, field: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"value|{customer_id}|{field}"))


def error_field(name: str) -> str:
    return f"field:{name}"


def clean_definition(
    name: str, kind: str, choices: Sequence[str]
) -> tuple[str, str, tuple[str, ...]]:
    """Check a new field's name, kind and choices; raises DomainError naming the problem."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not name:
        raise DomainError("required", field="field_name")
    if len(name) > NAME_MAX:
        raise DomainError("too_long", field="field_name", max=NAME_MAX)
    if kind not in KINDS:
        raise DomainError("invalid_field_type", field="field_type", kind=kind)
    cleaned = tuple(dict.fromkeys(c.strip() for c in choices if c.strip()))
    if kind == "choice" and not cleaned:
        raise DomainError("choices_required", field="choices", name=name)
    if kind != "choice" and cleaned:
        raise DomainError("choices_only_for_choice", field="choices", name=name)
    if any(len(c) > CHOICE_MAX for c in cleaned):
        raise DomainError("too_long", field="choices", max=CHOICE_MAX)
    return name, kind, cleaned


def clean_value(field: FieldDef, raw: Any) -> str:
    """The canonical stored text of a value typed for ``field`` ("" clears it).

    text: as typed (up to 200 characters); number: ``1,200`` -> ``1200``, ``１．５`` ->
    ``1.5``; date: any date the card accepts -> ``2026-12-01``; choice: one of the
    choices (width-insensitive); yesno: はい/いいえ, yes/no, true/false, 1/0 -> ``yes``/``no``.
    """
    label = {"field": error_field(field.name), "label": field.name}
    if raw is None:
        return ""
    if field.kind == "yesno" and isinstance(raw, bool):
        return "yes" if raw else "no"
    text = str(raw).strip()
    if not text:
        return ""
    if field.kind == "text":
        if len(text) > TEXT_MAX:
            raise DomainError("too_long", max=TEXT_MAX, **label)
        return text
    plain = unicodedata.normalize("NFKC", text).strip()
    if field.kind == "number":
        digits = plain.replace(",", "")
        if not _NUMBER.fullmatch(digits):
            raise DomainError("invalid_field_number", value=text, **label)
        try:
            number = Decimal(digits)
        except InvalidOperation:
            raise DomainError("invalid_field_number", value=text, **label) from None
        return (
            format(number.normalize(), "f") if number != number.to_integral() else str(int(number))
        )
    if field.kind == "date":
        if isinstance(raw, date):
            return raw.isoformat()
        try:
            return parse_date(plain).isoformat()
        except ValueError:
            raise DomainError("invalid_date", **label) from None
    if field.kind == "choice":
        for choice in field.choices:
            if field_key(choice) == field_key(plain):
                return choice
        raise DomainError("invalid_choice", value=text, choices="、".join(field.choices),
                          choices_en=", ".join(field.choices), **label)  # fmt: skip
    lowered = plain.lower()
    if lowered in YES:
        return "yes"
    if lowered in NO:
        return "no"
    raise DomainError("invalid_yesno", value=text, **label)


def typed_value(field: FieldDef, stored: str) -> Any:
    """The stored text as a plain value: str, int/float, ISO date text, or bool; None if unset."""
    if not stored:
        return None
    if field.kind == "number":
        number = Decimal(stored)
        return int(number) if number == number.to_integral() else float(number)
    if field.kind == "yesno":
        return stored == "yes"
    return stored


def display_value(field: FieldDef, stored: str, lang: str = "ja") -> str:
    """How a value reads on a screen or in an export cell."""
    if field.kind == "yesno" and stored:
        return {"yes": "はい", "no": "いいえ"}[stored] if lang == "ja" else stored
    return stored
