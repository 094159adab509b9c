"""Rebuild every search key of a file made under older normalisation rules.

The keys (customer ``search_text``, ``name_key``, ... and the inquiries' search text) are
derived from the stored fields by :mod:`crmdesk.core.search_keys`. When the rules change
(:data:`crmdesk.core.normalize.RULES_VERSION`, e.g. variant kanji folded), a file from an
older crmdesk still holds keys made the old way, and its customers would not be found by
the new queries. :func:`rebuild_if_stale` runs when a file is opened: it compares the
version recorded in the file with the current one and rewrites only the keys that differ,
in one write transaction (the FTS5 triggers keep the indexes current). Derived columns
only: no user data, ``hlc`` and ``updated_at`` are left alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, bindparam, select, text, update
from sqlalchemy.orm import Session

from crmdesk.core.normalize import RULES_VERSION, fields_since, may_differ_since
from crmdesk.core.search_keys import CUSTOMER_SOURCES, customer_keys, inquiry_search_text
from crmdesk.store.models import Customer, Inquiry, PointCard

SETTING = "search_rules"
BATCH = 5_000
#: Rows an older crmdesk left with wrong keys under the same rules, by the version that
#: repairs them: SQL that finds them, so a rebuild from before reads those rows too.
REPAIRS = {
    # an imported customer numbered by the import: her number was not in the search text
    4: "(customer.customer_number != ''"
    " AND instr(customer.search_text, lower(customer.customer_number)) = 0)",
}


@dataclass(frozen=True)
class Rebuilt:
    customers: int
    inquiries: int


def rebuild_if_stale(engine: Engine) -> Rebuilt | None:
    """Rebuild the search keys when the file's rules version is not the current one.

    Returns what was rewritten, or None when the keys were already current.
    """
    if _version(engine) == RULES_VERSION:
        return None
    with Session(engine) as session, session.begin():
        # Take the write lock before reading anything the rebuild depends on: another
        # process may be rebuilding or editing the same file.
        session.execute(text("UPDATE settings SET value = value WHERE key = :k"), {"k": SETTING})
        version = _read_version(session)
        if version == RULES_VERSION:
            return None
        maybe = may_differ_since(version)
        customers = _customers(session, maybe, fields_since(version), repairs_since(version))
        # From version 2 on, only customer keys changed: no inquiry text can differ.
        inquiries = 0 if version in (2, 3) else _inquiries(session, maybe)
        done = Rebuilt(customers, inquiries)
        session.execute(
            text("INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE"
                 " SET value = excluded.value"),
            {"k": SETTING, "v": json.dumps(RULES_VERSION)},
        )  # fmt: skip
        return done


def repairs_since(version: int | None) -> tuple[str, ...]:
    """The :data:`REPAIRS` of the versions after ``version``."""
    first = 2 if version is None else version + 1
    return tuple(REPAIRS[v] for v in range(first, RULES_VERSION + 1) if v in REPAIRS)


def _version(engine: Engine) -> Any:
    with Session(engine) as session:
        return _read_version(session)


def _read_version(session: Session) -> Any:
    raw = session.execute(
        text("SELECT value FROM settings WHERE key = :k"), {"k": SETTING}
    ).scalar()
    return None if raw is None else json.loads(raw)


def _write(session: Session, table: Any, changes: list[dict[str, Any]]) -> None:
    if not changes:
        return
    columns = [k for k in changes[0] if k != "b_id"]
    session.execute(
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({c: bindparam(f"b_{c}") for c in columns}),
        [{"b_id": ch["b_id"], **{f"b_{c}": ch[c] for c in columns}} for ch in changes],
    )


Maybe = Callable[[str], bool] | None


def _prefilter(
    session: Session,
    maybe: Maybe,
    columns: list[str],
    new_keys_from: tuple[str, ...] = (),
    repairs: tuple[str, ...] = (),
) -> Any:
    """SQL: only the rows whose text ``maybe`` says could change (all rows without one),
    where a field that has a new key (``new_keys_from``) is filled, or that a repair
    (:data:`REPAIRS`) finds."""
    if maybe is None:
        return text("1")
    filled = "".join(f" OR {c} != ''" for c in new_keys_from)
    filled += "".join(f" OR {sql}" for sql in repairs)
    raw = session.connection().connection.driver_connection
    raw.create_function("crmdesk_may_differ", 1, lambda t: bool(t) and maybe(t),  # type: ignore[union-attr]
                        deterministic=True)  # fmt: skip
    joined = " || ".join(f"coalesce({c}, '')" for c in columns)
    return text(f"(crmdesk_may_differ({joined}){filled})")


def _customers(
    session: Session,
    maybe: Maybe,
    new_keys_from: tuple[str, ...] = (),
    repairs: tuple[str, ...] = (),
) -> int:
    table = Customer.__table__
    keys = list(customer_keys({}))
    query = (
        select(*(table.c[name] for name in ("id", *CUSTOMER_SOURCES, *keys)))
        .where(table.c.deleted.is_(False))
        .where(
            _prefilter(
                session,
                maybe,
                [f"customer.{c}" for c in CUSTOMER_SOURCES],
                tuple(f"customer.{c}" for c in new_keys_from),
                repairs,
            )
        )
    )
    rows = list(session.execute(query).mappings())
    numbers: dict[str, list[str]] = {}
    ids = [row["id"] for row in rows]
    for first in range(0, len(ids), 500):
        cards = (
            select(PointCard.customer_id, PointCard.card_number)
            .where(PointCard.customer_id.in_(ids[first : first + 500]))
            .where(PointCard.status == "active", PointCard.deleted.is_(False))
            .order_by(PointCard.issued_at)
        )
        for customer_id, number in session.execute(cards):
            numbers.setdefault(customer_id, []).append(number)
    pending = []
    for row in rows:
        new = customer_keys(dict(row), numbers.get(row["id"], ()))
        if any(row[k] != v for k, v in new.items()):
            pending.append({"b_id": row["id"], **new})
    for first in range(0, len(pending), BATCH):
        _write(session, table, pending[first : first + BATCH])
    return len(pending)


def _inquiries(session: Session, maybe: Maybe) -> int:
    notes: dict[str, list[str]] = {}
    for inquiry_id, body in session.execute(
        text("SELECT inquiry_id, body FROM inquiry_note ORDER BY noted_at")
    ):
        notes.setdefault(inquiry_id, []).append(body)
    table = Inquiry.__table__
    rows = session.execute(
        text(
            "SELECT id, subject, body, caller_name, caller_phone, search_text FROM inquiry"
            " WHERE deleted = 0"
        )
    ).mappings()
    pending = []
    for row in rows:
        parts = (row["subject"], row["body"], row["caller_name"], *notes.get(row["id"], []))
        if maybe is not None and not maybe("".join(parts)):
            continue
        new = inquiry_search_text(
            row["subject"], row["body"], notes.get(row["id"], []), row["caller_name"],
            row["caller_phone"],
        )  # fmt: skip
        if new != row["search_text"]:
            pending.append({"b_id": row["id"], "search_text": new})
    for first in range(0, len(pending), BATCH):
        _write(session, table, pending[first : first + BATCH])
    return len(pending)
