"""The window's first look at a file, through plain sqlite3, before the database layer loads.

Importing SQLAlchemy and declaring the models takes about half a second, more than
everything else the window needs before its first frame. That frame needs only the list's
first page in its default order (furigana), the shop's name for the title, and whether
staff must sign in first, which sqlite3 reads in a few milliseconds
(``ix_customer_kana_list``). So the window shows them at once and opens the file properly
(:func:`crmdesk.store.db.open_database`) on a worker thread meanwhile; searching, menus
and every write wait for that.

Only what is certainly readable as-is is looked at: a plain (not encrypted) file that
already exists and is at the newest revision. Anything else (a file to create, migrate or
decrypt, one that is not a database) gives None, and the window opens the file first, as
it always did. The connection is read-only and closed before the real one opens.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from crmdesk.core.names import person_name
from crmdesk.store.revisions import head_revision, revision_of

#: the settings key holding the shop's name and return address (services/shop.py's KEY)
SHOP_KEY = "postcards.sender"

_COLUMNS = (
    "id, customer_number, family_name, given_name, family_kana, given_kana, phone1, phone2,"
    " postal_code, prefecture, city, town, street, building"
)
# The list's order (services/customer_list.SORTS["kana"]) over the live customers: the
# same rows the database layer's first page holds, read through the same index.
_FIRST_PAGE = (
    f"SELECT {_COLUMNS} FROM customer WHERE deleted = 0"  # noqa: S608 - constant SQL
    " ORDER BY kana_key, customer_number LIMIT ?"
)
# services/staff.has_staff: an active account that can sign in (a PIN or a card)
_HAS_STAFF = (
    "SELECT 1 FROM staff WHERE active = 1 AND deleted = 0"
    " AND (pin_hash != '' OR card_hash != '') LIMIT 1"
)


@dataclass(frozen=True)
class ListedCustomer:
    """A customer as the list shows them (the attributes a Customer has for it)."""

    id: str
    customer_number: str
    family_name: str
    given_name: str
    family_kana: str
    given_kana: str
    phone1: str
    phone2: str
    postal_code: str
    prefecture: str
    city: str
    town: str
    street: str
    building: str

    @property
    def name(self) -> str:
        return person_name(self.family_name, self.given_name)

    @property
    def kana(self) -> str:
        return person_name(self.family_kana, self.given_kana)


@dataclass(frozen=True)
class FirstLook:
    path: Path
    shop_name: str
    #: the file has staff accounts: nothing is shown before someone signs in
    locked: bool
    #: the first page of the list (none when locked)
    customers: list[ListedCustomer]


def first_look(path: Path, limit: int) -> FirstLook | None:
    """The first ``limit`` customers of the list, the shop's name and whether staff sign
    in, read from the file at ``path``; None when the file must be opened properly first."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        if revision_of(conn) != head_revision():
            return None
        locked = conn.execute(_HAS_STAFF).fetchone() is not None
        rows = [] if locked else conn.execute(_FIRST_PAGE, (limit,)).fetchall()
        sender = conn.execute("SELECT value FROM settings WHERE key = ?", (SHOP_KEY,))
        shop = sender.fetchone()
    except sqlite3.Error:  # encrypted, damaged or not a database: the proper open says
        return None
    finally:
        conn.close()
    return FirstLook(
        path=path,
        shop_name=_shop_name(shop[0] if shop else None),
        locked=locked,
        customers=[ListedCustomer(*(value or "" for value in row)) for row in rows],
    )


def _shop_name(value: str | None) -> str:
    try:
        info = json.loads(value) if value else None
    except ValueError:
        return ""
    return str(info.get("name") or "") if isinstance(info, dict) else ""
