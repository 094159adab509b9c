"""Columns derived per file (search keys), recomputed after sync applies changes.

Each derived column is made by its one pure function in :mod:`crmdesk.core.search_keys`
(the services make theirs with the same functions) from the row's merged fields, so two
files that hold the same fields hold the same keys, even when the fields came from two
branches' edits. Written with plain UPDATEs: nothing is restamped and, while sync applies,
nothing is captured.

Read and written a chunk at a time on the sqlite3 connection under the SQLAlchemy one
(the same transaction): a join refreshes tens of thousands of customers, and a named
parameter per id plus a mapping per row cost more than making the keys (measured: a
third of a millisecond a customer). Only a key that differs is written, so the FTS
triggers fire only for a customer whose keys changed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection

from crmdesk.core import search_keys
from crmdesk.core.search_keys import CUSTOMER_KEYS, CUSTOMER_SOURCES, inquiry_search_text

#: table changed -> (the owner table whose derived columns depend on it, the column naming it)
OWNERS = {
    "customer": ("customer", "id"),
    "point_card": ("customer", "customer_id"),
    "inquiry": ("inquiry", "id"),
    "inquiry_note": ("inquiry", "inquiry_id"),
}
CHUNK = 900  # ids per statement (SQLite's limit on parameters is 999 in old builds)
_READ = ("id", "deleted", *CUSTOMER_SOURCES, *CUSTOMER_KEYS)


class Touched:
    def __init__(self) -> None:
        self.ids: dict[str, set[str]] = defaultdict(set)

    def note(self, tbl: str, row: dict[str, Any] | None) -> None:
        owner = OWNERS.get(tbl)
        if owner is not None and row is not None and row.get(owner[1]):
            self.ids[owner[0]].add(str(row[owner[1]]))


def refresh(conn: Connection, touched: Touched) -> None:
    raw = conn.connection.dbapi_connection
    ids = sorted(touched.ids.get("customer", ()))
    for start in range(0, len(ids), CHUNK):
        _customers(raw, ids[start : start + CHUNK])
    inquiries = sorted(touched.ids.get("inquiry", ()))
    for start in range(0, len(inquiries), CHUNK):
        _inquiries(raw, inquiries[start : start + CHUNK])


def customer_keys(values: dict[str, Any], cards: list[str]) -> dict[str, str]:
    """A customer's derived columns from its fields (blank for a deleted customer)."""
    if values.get("deleted"):
        return dict.fromkeys(CUSTOMER_KEYS, "")
    return search_keys.customer_keys(values, cards)


def _customers(raw: Any, ids: list[str]) -> None:
    marks = ", ".join("?" * len(ids))
    cols = ", ".join(f'"{c}"' for c in _READ)
    found = raw.execute(f"SELECT {cols} FROM customer WHERE id IN ({marks})", ids).fetchall()
    cards: dict[str, list[str]] = defaultdict(list)
    for customer_id, number in raw.execute(
        f"SELECT customer_id, card_number FROM point_card WHERE customer_id IN ({marks}) "
        "AND status = 'active' ORDER BY issued_at",
        ids,
    ):
        cards[customer_id].append(number)
    updates: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for row in found:
        values = dict(zip(_READ, row, strict=True))
        keys = customer_keys(values, cards.get(values["id"], []))
        changed = tuple(sorted(k for k, v in keys.items() if values[k] != v))
        if changed:
            updates[changed].append((*(keys[k] for k in changed), values["id"]))
    for names, batch in updates.items():
        sets = ", ".join(f'"{k}" = ?' for k in names)
        raw.executemany(f"UPDATE customer SET {sets} WHERE id = ?", batch)


def _inquiries(raw: Any, ids: list[str]) -> None:
    marks = ", ".join("?" * len(ids))
    found = raw.execute(
        "SELECT id, subject, body, caller_name, caller_phone, search_text FROM inquiry "
        f"WHERE id IN ({marks})",
        ids,
    ).fetchall()
    notes: dict[str, list[str]] = defaultdict(list)
    for inquiry_id, body in raw.execute(
        f"SELECT inquiry_id, body FROM inquiry_note WHERE inquiry_id IN ({marks}) "
        "ORDER BY noted_at",
        ids,
    ):
        notes[inquiry_id].append(body)
    changed = []
    for inquiry_id, subject, body, caller_name, caller_phone, held in found:
        value = inquiry_search_text(
            subject, body, notes.get(inquiry_id, []), caller_name, caller_phone
        )
        if held != value:
            changed.append((value, inquiry_id))
    if changed:
        raw.executemany("UPDATE inquiry SET search_text = ? WHERE id = ?", changed)
