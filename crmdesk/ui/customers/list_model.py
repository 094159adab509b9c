"""The customer list: a table model of plain rows that fetches lazily.

With no query the model lists every customer a page at a time (``canFetchMore`` /
``fetchMore``), so a file of a million customers opens as fast as one of ten; with a
query it holds the first page of hits and fetches the next pages the same way (the
search ranks and counts them, :func:`crmdesk.services.search.find_customers`). Rows are
:class:`CustomerRow` values, never live ORM objects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from crmdesk.core.address import full_address
from crmdesk.core.normalize import phone_digits
from crmdesk.ui import i18n

if TYPE_CHECKING:  # the services load with the database layer, after the first frame
    from crmdesk.services.search import SearchHit, SearchPage
    from crmdesk.store.first_look import ListedCustomer

COL_NUMBER, COL_NAME, COL_KANA, COL_PHONE, COL_ADDRESS = range(5)
COLUMN_COUNT = 5
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the CustomerRow
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the value a column sorts by
ID_ROLE = Qt.ItemDataRole.UserRole + 3  # the customer id

#: Server-side order for each column when the whole list is shown.
LIST_SORTS = {
    COL_NUMBER: "number",
    COL_NAME: "kana",  # names sort by their reading, as a Japanese register does
    COL_KANA: "kana",
    COL_PHONE: "number",
    COL_ADDRESS: "postal",
}

AnyIndex = QModelIndex | QPersistentModelIndex


#: What a wide cell of each column holds, to size the columns in the window's font:
#: a long name, a long reading, a mobile number. The address takes the rest.
COLUMN_SAMPLES = {
    COL_NUMBER: "0000000",
    COL_NAME: "長谷川 由美子",
    COL_KANA: "さかもと けんいちろう",
    COL_PHONE: "090-0000-0000",
}


@dataclass(frozen=True)
class CustomerRow:
    id: str
    customer_number: str
    name: str
    kana: str
    phones: tuple[str, ...]  # the one shown first; the list cell shows only that one
    address: str
    postal_code: str
    match: str = ""

    @classmethod
    def from_hit(cls, hit: SearchHit, query: str = "") -> CustomerRow:
        return cls(
            hit.id,
            hit.customer_number,
            hit.name,
            hit.kana,
            _matched_first(tuple(p for p in hit.phones if p), query),
            hit.address,
            hit.postal_code,
            hit.match,
        )

    @classmethod
    def from_customer(cls, c: Any) -> CustomerRow:
        phones = tuple(p for p in (c.phone1, c.phone2) if p)
        return cls(c.id, c.customer_number, c.name, c.kana, phones, full_address(c), c.postal_code)

    @property
    def phone(self) -> str:
        return self.phones[0] if self.phones else ""

    def masked_for(self, actor: Any) -> CustomerRow:
        """The row as ``actor`` may see it (phones partly hidden without view_full)."""
        if actor is None:
            return self
        from crmdesk.services import privacy

        if privacy.can_view_full(actor):
            return self
        return replace(self, phones=privacy.masked_phones(self.phones, actor))

    def cell(self, column: int) -> str:
        return (self.customer_number, self.name, self.kana, self.phone, self.address)[column]

    def tooltip(self, column: int) -> str:
        """The whole cell; for the phone, every number, one a line."""
        return "\n".join(self.phones) if column == COL_PHONE else self.cell(column)

    def sort_key(self, column: int) -> str:
        if column == COL_NAME:
            return self.kana or self.name
        if column == COL_ADDRESS:
            return self.postal_code + self.address
        return self.cell(column)


class CustomerTableModel(QAbstractTableModel):
    PAGE = 200

    def __init__(self, db: Any = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[CustomerRow] = []
        self._listing = True  # True: every customer, paged; False: search hits
        self._exhausted = db is None
        self._after: tuple[Any, ...] | None = None  # the sort key of the last listed row
        self._sort = ("kana", False)
        self._query = ""  # the query of the hits shown
        self._found: SearchPage | None = None  # its last page fetched
        self._actor: Callable[[], Any] | None = None  # who looks: masking follows them

    def set_actor(self, actor: Callable[[], Any]) -> None:
        """Who looks at the list (a callable, asked at each fetch); rows shown reload
        (at start-up nothing is shown yet: the window's first page comes after)."""
        self._actor = actor
        if self._rows:
            self.show_list()

    def _viewer(self) -> Any:
        return self._actor() if self._actor is not None else None

    # --- what the window asks for -------------------------------------------------
    def set_database(self, db: Any) -> None:
        self._db = db
        self.show_list()

    def show_list(self) -> None:
        """Every customer, fetched a page at a time as the view scrolls."""
        self.beginResetModel()
        self._rows, self._listing, self._exhausted = [], True, self._db is None
        self._after, self._found = None, None
        self.endResetModel()

    def show_first_look(self, customers: list[ListedCustomer]) -> None:
        """The list's first page read before the database layer loaded
        (:mod:`crmdesk.store.first_look`); :meth:`set_database` reads it again properly."""
        self.beginResetModel()
        self._rows = [CustomerRow.from_customer(c) for c in customers]
        self._listing, self._exhausted, self._after, self._found = True, True, None, None
        self.endResetModel()

    def show_hits(self, hits: list[SearchHit] | SearchPage, query: str = "") -> None:
        """Search results (a page: the rest are fetched as the view scrolls); a customer
        found by their second phone shows that number."""
        from crmdesk.services.search import SearchPage

        page = hits if isinstance(hits, SearchPage) else SearchPage(hits, 0, len(hits), False)
        self.beginResetModel()
        self._rows = self._hit_rows(page.hits, query)
        self._listing, self._exhausted = False, not page.more
        self._query, self._found = query, page
        self.endResetModel()

    def _hit_rows(self, hits: list[SearchHit], query: str) -> list[CustomerRow]:
        viewer = self._viewer()
        return [CustomerRow.from_hit(h, query).masked_for(viewer) for h in hits]

    @property
    def listing(self) -> bool:
        return self._listing

    @property
    def found(self) -> tuple[int, bool]:
        """Search results: (customers found, whether that count is a floor)."""
        page = self._found
        return (page.total, page.capped) if page is not None else (len(self._rows), False)

    def row_at(self, row: int) -> CustomerRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- Qt's model interface -----------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cell(index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [row.tooltip(index.column()), *self._custom_lines(row.id)]
            return "\n".join(line for line in lines if line) or None
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return row.sort_key(index.column())
        if role == ID_ROLE:
            return row.id
        return None

    def _custom_lines(self, customer_id: str) -> list[str]:
        """The custom fields the customer has filled in, for the tooltip (read on hover)."""
        if self._db is None:
            return []
        from crmdesk.services.custom_fields import summary

        with self._db.transaction() as session:
            return [f"{name}: {value}" for name, value in summary(session, customer_id,
                                                                  i18n.language())]  # fmt: skip

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("顧客番号"),
            self.tr("氏名"),
            self.tr("ふりがな"),
            self.tr("電話番号"),
            self.tr("住所"),
        )
        return titles[section] if 0 <= section < COLUMN_COUNT else None

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        if not self._listing:
            self._fetch_more_hits()
            return
        from crmdesk.services import customer_list

        sort, descending = self._sort
        with self._db.sessions() as session:  # seeks from the last row: fast at any depth
            page = customer_list.page_customers(
                session,
                sort=sort,
                descending=descending,
                after=self._after,
                limit=self.PAGE,
                with_related=False,
            )
            viewer = self._viewer()
            rows = [CustomerRow.from_customer(c).masked_for(viewer) for c in page.customers]
        self._after = page.next_key
        if page.next_key is None:
            self._exhausted = True
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def _fetch_more_hits(self) -> None:
        """The next page of the same search (ranked the same way: no row twice)."""
        from crmdesk.services.search import find_customers

        with self._db.sessions() as session:
            page = find_customers(session, self._query, self.PAGE, offset=len(self._rows))
        self._found = page
        self._exhausted = not page.more or not page.hits
        rows = self._hit_rows(page.hits, self._query)
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if not 0 <= column < COLUMN_COUNT:
            return
        if self._listing:
            self._sort = (LIST_SORTS[column], descending)
            self.show_list()
            return
        self.beginResetModel()
        self._rows.sort(key=lambda r: r.sort_key(column), reverse=descending)
        self.endResetModel()


def _matched_first(phones: tuple[str, ...], query: str) -> tuple[str, ...]:
    """The number the query was typed from goes first, so the cell shows what was found."""
    digits = phone_digits(query)
    if len(digits) < 4 or len(phones) < 2 or digits in phone_digits(phones[0]):
        return phones
    found = [p for p in phones if digits in phone_digits(p)]
    return tuple(found + [p for p in phones if p not in found])
