"""A segment's condition tree: plain JSON, checked here, turned into SQL by the service.

A tree is a group ``{"op": "and" | "or", "conditions": [...]}`` whose conditions are
groups again or leaves ``{"field": ..., "cmp": ..., "value": ...}``. :data:`FIELDS` lists
what a leaf may say about a customer; :func:`validate_tree` checks a tree and returns it
normalised (numbers as ints, lists sorted), naming every bad leaf by its field.

Relative values keep a saved segment current: a period ``{"months": 6}`` or
``{"days": 30}`` (or a bare number of days) means "that long before today", and a
birthday month may be ``"this_month"`` or ``"next_month"``.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from crmdesk.core.bounds import MAX_SEGMENT_NUMBER
from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.rfm import GROUP_CODES

NUMERIC = {
    "eq": "int",
    "ne": "int",
    "gt": "int",
    "ge": "int",
    "lt": "int",
    "le": "int",
    "between": "int_range",
}

#: field -> {cmp -> kind of value}
FIELDS: dict[str, dict[str, str]] = {
    "last_visit": {"before": "date", "after": "date", "within": "period", "not_within": "period"},
    "visit_count": NUMERIC,
    "total_spend": NUMERIC,
    "rfm_group": {"in": "rfm_groups"},
    "birthday_month": {"in": "months"},
    "age": NUMERIC,
    "gender": {"in": "genders"},
    "prefecture": {"in": "texts"},
    "city": {"eq": "text", "contains": "text"},
    "postal_prefix": {"startswith": "digits"},
    "tags": {"any": "texts", "all": "texts", "none": "texts"},
    "point_balance": NUMERIC,
    "rank": {"in": "texts"},
    # the stored outlook estimates (services/outlook.py); no customer matches under RFM
    "p_active": {"lt": "share", "ge": "share"},
    "expected_spend_90d": NUMERIC,
    "open_inquiry": {"is": "bool"},
    # 流入経路: channel names (or the English names of the starting ones)
    "acquisition_channel": {"in": "texts"},
    "received_mailing": {"is": "text", "not": "text"},
    # The owner's custom fields: {"field": "custom", "name": "会員種別", "cmp": ..., "value": ...};
    # values are read by the field's own type when the segment is counted.
    "custom": {
        "eq": "scalar",
        "ne": "scalar",
        "in": "texts",
        "gt": "scalar",
        "ge": "scalar",
        "lt": "scalar",
        "le": "scalar",
        "set": "bool",
    },
}
GENDER_VALUES = ("female", "male", "other", "")
RELATIVE_MONTHS = ("this_month", "next_month")
MAX_DEPTH = 4


def empty_tree(op: str = "and") -> dict[str, Any]:
    return {"op": op, "conditions": []}


def validate_tree(tree: Any) -> dict[str, Any]:
    """The tree, normalised; raises ValidationError naming each bad condition's field."""
    errors: list[DomainError] = []
    clean = _group(tree, errors, depth=0)
    if errors:
        raise ValidationError(errors)
    return clean


def _group(node: Any, errors: list[DomainError], depth: int) -> dict[str, Any]:
    if not isinstance(node, dict) or node.get("op") not in ("and", "or"):
        errors.append(DomainError("segment_bad_group", field="op"))
        return empty_tree()
    if depth >= MAX_DEPTH:
        errors.append(DomainError("segment_too_deep", field="op", max=MAX_DEPTH))
        return empty_tree()
    items = node.get("conditions", [])
    if not isinstance(items, list):
        errors.append(DomainError("segment_bad_group", field="op"))
        return empty_tree()
    out = []
    for item in items:
        if isinstance(item, dict) and "op" in item:
            out.append(_group(item, errors, depth + 1))
        else:
            leaf = _leaf(item, errors)
            if leaf is not None:
                out.append(leaf)
    return {"op": node["op"], "conditions": out}


def _leaf(node: Any, errors: list[DomainError]) -> dict[str, Any] | None:
    if not isinstance(node, dict) or node.get("field") not in FIELDS:
        name = node.get("field") if isinstance(node, dict) else node
        errors.append(DomainError("segment_unknown_field", field="field", name=str(name)))
        return None
    name, cmp = node["field"], node.get("cmp")
    if cmp not in FIELDS[name]:
        errors.append(
            DomainError(
                "segment_bad_cmp", field=name, cmp=str(cmp), allowed=", ".join(FIELDS[name])
            )
        )
        return None
    try:
        value = _value(FIELDS[name][cmp], node.get("value"))
    except (TypeError, ValueError):
        errors.append(DomainError("segment_bad_value", field=name, value=str(node.get("value"))))
        return None
    if name == "custom":
        custom = node.get("name")
        if not isinstance(custom, str) or not custom.strip():
            errors.append(DomainError("segment_bad_value", field=name, value=str(custom)))
            return None
        return {"field": name, "name": custom.strip(), "cmp": cmp, "value": value}
    return {"field": name, "cmp": cmp, "value": value}


def _int(value: Any) -> int:
    if isinstance(value, str):
        number = int(value.replace(",", "").strip())
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        raise TypeError(value)
    if not 0 <= number <= MAX_SEGMENT_NUMBER:
        raise ValueError(value)
    return number


def _share(value: Any) -> float:
    """A probability: 0.3, "0.3" or "30%"."""
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, str):
        text = value.strip()
        number = float(text.removesuffix("%")) / (100 if text.endswith("%") else 1)
    elif isinstance(value, int | float):
        number = float(value)
    else:
        raise TypeError(value)
    if not 0.0 <= number <= 1.0:
        raise ValueError(value)
    return number


def _texts(value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise TypeError(value)
    out = sorted({str(v).strip() for v in items if str(v).strip()})
    if not out:
        raise ValueError(value)
    return out


def _value(kind: str, value: Any) -> Any:
    if kind == "int":
        return _int(value)
    if kind == "int_range":
        if not isinstance(value, list | tuple) or len(value) != 2:
            raise TypeError(value)
        low, high = _int(value[0]), _int(value[1])
        if low > high:
            raise ValueError(value)
        return [low, high]
    if kind == "share":
        return _share(value)
    if kind == "date":
        return date.fromisoformat(str(value)).isoformat()
    if kind == "period":
        return _period(value)
    if kind == "rfm_groups":
        groups = _texts(value)
        if any(g not in GROUP_CODES for g in groups):
            raise ValueError(value)
        return groups
    if kind == "months":
        items = value if isinstance(value, list) else [value]
        months: list[Any] = []
        for item in items:
            if item in RELATIVE_MONTHS:
                months.append(item)
            elif 1 <= _int(item) <= 12:
                months.append(_int(item))
            else:
                raise ValueError(item)
        if not months:
            raise ValueError(value)
        return sorted(set(months), key=str)
    if kind == "genders":
        genders = [value] if isinstance(value, str) else value
        if (
            not isinstance(genders, list)
            or not genders
            or any(g not in GENDER_VALUES for g in genders)
        ):
            raise ValueError(value)
        return sorted(set(genders))
    if kind == "texts":
        return _texts(value)
    if kind == "scalar" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if kind in ("text", "scalar"):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(value)
        return value.strip()
    if kind == "digits":
        digits = str(value).replace("-", "").replace("〒", "").strip()
        if not digits.isdigit() or not 1 <= len(digits) <= 7:
            raise ValueError(value)
        return digits
    if kind == "bool":
        if not isinstance(value, bool):
            raise TypeError(value)
        return value
    raise AssertionError(kind)


def _period(value: Any) -> dict[str, int]:
    if isinstance(value, dict) and len(value) == 1:
        unit, amount = next(iter(value.items()))
        if unit in ("days", "months", "years"):
            return {unit: _int(amount)}
        raise ValueError(value)
    return {"days": _int(value)}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, clamped to the month's end (3/31 - 1 -> 2/28)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def period_start(period: dict[str, int], today: date) -> date:
    """The first day inside a period ending today (``{"months": 6}`` -> 6 months ago)."""
    unit, amount = next(iter(period.items()))
    if unit == "days":
        return today - timedelta(days=amount)
    return months_before(today, amount * (12 if unit == "years" else 1))


def resolve_months(months: list[Any], today: date) -> list[int]:
    out = set()
    for month in months:
        if month == "this_month":
            out.add(today.month)
        elif month == "next_month":
            out.add(today.month % 12 + 1)
        else:
            out.add(int(month))
    return sorted(out)


def years_before(today: date, years: int) -> date:
    """The date ``years`` before today (29 February falls back to the 28th)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def leaves(tree: dict[str, Any]) -> list[dict[str, Any]]:
    """Every leaf of a tree, depth first."""
    out: list[dict[str, Any]] = []
    for item in tree.get("conditions", []):
        out.extend(leaves(item) if "op" in item else [item])
    return out
