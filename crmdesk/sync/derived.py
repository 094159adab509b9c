"""Columns derived per file (search keys), recomputed after sync applies changes.

Each derived column is made by its service's one pure function (customer_index.search_keys,
inquiries.make_search_text) from the row's merged fields, so two files that hold the same
fields hold the same keys, even when the fields came from two branches' edits. Written
with plain UPDATEs: nothing is restamped and, while sync applies, nothing is captured.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, text

from crmdesk.services import customer_index, inquiries

#: table changed -> (the owner table whose derived columns depend on it, the column naming it)
OWNERS = {
    "customer": ("customer", "id"),
    "point_card": ("customer", "customer_id"),
    "inquiry": ("inquiry", "id"),
    "inquiry_note": ("inquiry", "inquiry_id"),
}


class Touched:
    def __init__(self) -> None:
        self.ids: dict[str, set[str]] = defaultdict(set)

    def note(self, tbl: str, row: dict[str, Any] | None) -> None:
        owner = OWNERS.get(tbl)
        if owner is not None and row is not None and row.get(owner[1]):
            self.ids[owner[0]].add(str(row[owner[1]]))


def refresh(conn: Connection, touched: Touched) -> None:
    ids = sorted(touched.ids.get("customer", ()))
    for start in range(0, len(ids), 500):
        _customers(conn, ids[start : start + 500])
    for inquiry_id in sorted(touched.ids.get("inquiry", ())):
        _inquiry(conn, inquiry_id)


def customer_keys(values: dict[str, Any], cards: list[str]) -> dict[str, str]:
    """A customer's derived columns from its fields (blank for a deleted customer)."""
    if values.get("deleted"):
        return dict.fromkeys(customer_index.SEARCH_KEYS, "")
    return customer_index.search_keys(values, cards)


def _customers(conn: Connection, ids: list[str]) -> None:
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    params = {f"i{n}": v for n, v in enumerate(ids)}
    rows = conn.execute(text(f"SELECT * FROM customer WHERE id IN ({marks})"), params)
    found = [dict(r) for r in rows.mappings()]
    cards: dict[str, list[str]] = defaultdict(list)
    for customer_id, number in conn.execute(
        text(
            f"SELECT customer_id, card_number FROM point_card WHERE customer_id IN ({marks}) "
            "AND status = 'active' ORDER BY issued_at"
        ),
        params,
    ):
        cards[customer_id].append(number)
    updates: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for values in found:
        keys = customer_keys(values, cards.get(values["id"], []))
        changed = {k: v for k, v in keys.items() if values[k] != v}
        if changed:
            updates[tuple(sorted(changed))].append({**changed, "_id": values["id"]})
    for cols, batch in updates.items():
        sets = ", ".join(f"{k} = :{k}" for k in cols)
        conn.execute(text(f"UPDATE customer SET {sets} WHERE id = :_id"), batch)


def _inquiry(conn: Connection, inquiry_id: str) -> None:
    found = conn.execute(text("SELECT * FROM inquiry WHERE id = :i"), {"i": inquiry_id})
    row = found.mappings().first()
    if row is None:
        return
    notes = conn.execute(
        text("SELECT body FROM inquiry_note WHERE inquiry_id = :i ORDER BY noted_at"),
        {"i": inquiry_id},
    ).scalars()
    value = inquiries.make_search_text(
        row["subject"], row["body"], list(notes), row["caller_name"], row["caller_phone"]
    )
    if row["search_text"] != value:
        conn.execute(
            text("UPDATE inquiry SET search_text = :v WHERE id = :i"), {"v": value, "i": inquiry_id}
        )
