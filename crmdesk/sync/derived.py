"""Columns derived per file (search keys), recomputed after sync applies changes.

Each derived column is made by its service's one pure function (customers.search_keys,
inquiries.make_search_text) from the row's merged fields, so two files that hold the same
fields hold the same keys, even when the fields came from two branches' edits. Written
with plain UPDATEs: nothing is restamped and, while sync applies, nothing is captured.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, text

from crmdesk.services import customers, inquiries

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
    for customer_id in sorted(touched.ids.get("customer", ())):
        _customer(conn, customer_id)
    for inquiry_id in sorted(touched.ids.get("inquiry", ())):
        _inquiry(conn, inquiry_id)


def _customer(conn: Connection, customer_id: str) -> None:
    row = conn.execute(text("SELECT * FROM customer WHERE id = :i"), {"i": customer_id})
    values = row.mappings().first()
    if values is None:
        return
    if values["deleted"]:
        keys = dict.fromkeys(customers.SEARCH_KEYS, "")
    else:
        cards = conn.execute(
            text(
                "SELECT card_number FROM point_card WHERE customer_id = :i AND status = 'active' "
                "ORDER BY issued_at"
            ),
            {"i": customer_id},
        ).scalars()
        keys = customers.search_keys(dict(values), list(cards))
    changed = {k: v for k, v in keys.items() if values[k] != v}
    if changed:
        sets = ", ".join(f"{k} = :{k}" for k in changed)
        conn.execute(
            text(f"UPDATE customer SET {sets} WHERE id = :_id"), {**changed, "_id": customer_id}
        )


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
