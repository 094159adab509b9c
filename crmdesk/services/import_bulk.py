"""Writing an import's plans, a batch at a time, in bulk.

Each batch is one write transaction (``Database.transaction``: BEGIN IMMEDIATE first)
holding the batch's rows and the run's progress record, so a batch is written whole or
not at all. The new customers go through a TEMP staging table on the same connection:
one ``executemany`` fills it, one join against ``customer`` finds the numbers another
writer took since the plan, and one ``INSERT ... SELECT`` moves the rows into
``customer``. That last statement is what makes the load fast: the FTS5 trigger then
adds the whole batch to the search index inside one statement, where a row-at-a-time
insert makes FTS5 flush its pending terms after every row (measured in
``tests/bench/test_bench_import.py``). The capture triggers fire per row either way, so a
file that joined a hub captures every imported row; an unjoined one pays only their
``WHEN`` test.

Values are converted for SQLite by the columns' own SQLAlchemy types (a UTC timestamp,
an id) once per distinct value, so a row written here reads back exactly like one the
ORM wrote.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from sqlalchemy import Boolean, Connection, func, select
from sqlalchemy.orm import Session

from crmdesk.core import custom_fields as custom_rules
from crmdesk.core.errors import DomainError
from crmdesk.core.ids import new_id
from crmdesk.services import audit, customer_fields, customer_index
from crmdesk.services.import_plan import Plan
from crmdesk.services.import_report import ImportResult
from crmdesk.store.db import Database, set_setting, setting, space_checkpoints
from crmdesk.store.models import (
    Customer,
    CustomerFieldValue,
    CustomerTag,
    PointCard,
    PointEntry,
    Purchase,
    Tag,
)

COUNTS = (
    "created",
    "merged",
    "skipped",
    "cards",
    "point_entries",
    "purchases",
    "kana_suggested",
    "zeros_restored",
)
DEFAULTS: dict[str, Any] = {
    **dict.fromkeys(customer_fields.TEXT_FIELDS, ""),
    **dict.fromkeys(("gender", "postal_code", "phone1", "phone2", "email"), ""),
    **dict.fromkeys(("birthday", "first_visit", "mourning_until", "home_branch_id"), None),
    **dict.fromkeys(customer_fields.LINK_FIELDS, None),
    "dm_consent": True,
    "email_consent": False,
}
STAGE = "import_stage"  # the TEMP table a batch's new customers pass through
BUSY_TRIES = 4  # busy timeouts a batch waits for the write lock (see Writer.commit)
#: the WAL is copied into the file every 64 MiB of an import, not every batch (store/db.py)
CHECKPOINT_PAGES = 16_384

# The Core tables (mypy sees a FromClause).
CUSTOMER_TABLE: Any = Customer.__table__


class Writer:
    """Collects plans and writes them a batch at a time, with the progress record."""

    def __init__(
        self,
        db: Database,
        result: ImportResult,
        actor: str,
        progress_key: str,
        batch_size: int,
        dry_run: bool,
    ) -> None:
        self.db, self.result, self.actor = db, result, actor
        self.progress_key, self.batch_size, self.dry_run = progress_key, batch_size, dry_run
        self.plans: list[Plan] = []
        self.expected: dict[str, Any] = {}  # the progress record as this run last saw it

    def add(self, plan: Plan) -> None:
        self.plans.append(plan)
        r = self.result
        if plan.decision == "skip":
            r.skipped += 1
            return
        if plan.decision == "merge":
            r.merged += 1
        else:
            r.created += 1
        r.cards += "card_number" in plan.extras
        r.point_entries += "points" in plan.extras
        r.purchases += "purchase_total" in plan.extras
        r.kana_suggested += plan.kana_suggested
        r.zeros_restored += plan.zeros_restored

    def full(self) -> bool:
        return self.batch_size > 0 and len(self.plans) >= self.batch_size

    def commit(self, next_position: int, next_number: int, *, done: bool) -> None:
        """Write the batch with its progress record, in one transaction.

        The write lock is asked for up to :data:`BUSY_TRIES` busy timeouts: a counter
        that saves every few moments can keep it from one try (SQLite's wait is not
        first come, first served), and a background import should wait, not fail. Only a
        batch that never began is tried again; one refused later rolls back and fails.
        """
        if self.dry_run:
            self.plans = []
            return
        for attempt in range(1, BUSY_TRIES + 1):
            began = False
            try:
                with self.db.transaction() as session:
                    began = True
                    self._commit(session, next_position, next_number, done=done)
                break
            except DomainError as error:
                if error.code != "database_busy" or began or attempt == BUSY_TRIES:
                    raise
        self.plans = []

    def _commit(
        self, session: Session, next_position: int, next_number: int, *, done: bool
    ) -> None:
        # Another process running the same import moved the record on: writing this
        # batch too would double it. (Different files just get their own numbers.)
        if (setting(session, self.progress_key) or {}) != self.expected:
            raise DomainError("import_running", field="file")
        space_checkpoints(session, CHECKPOINT_PAGES)
        with _batch_cache(session.connection()):
            self._write(session)
        r = self.result
        counts = {k: getattr(r, k) for k in COUNTS}
        state = {"next": next_position, "next_number": next_number, "done": done, **counts}
        set_setting(session, self.progress_key, state)
        self.expected = state
        if done:
            audit.record(
                session,
                "import",
                entity="customer",
                row_count=r.created + r.merged,
                actor=self.actor,
                run=r.run_key,
                encoding=r.encoding,
                rows=r.rows,
                rejected=len({x.row for x in r.rejects}),
                **counts,
            )

    def _write(self, session: Session) -> None:
        db = self.db
        conn = session.connection()
        hlc, now = db.clock.now().encode(), datetime.now(UTC)
        ledger = {"hlc": hlc, "deleted": False}
        stamp = ledger | {"created_at": now, "updated_at": now}
        imports = [p for p in self.plans if p.decision == "import"]
        if imports:
            _write_customers(session, imports, stamp)
        for plan in self.plans:
            if plan.decision == "merge":
                _fill_blanks(session, plan.target_id, plan.values)
        cards, entries, purchases = [], [], []
        for plan in self.plans:
            if plan.decision == "skip":
                continue
            card_id = None
            if "card_number" in plan.extras:
                card_id = new_id()
                cards.append(
                    {
                        "id": card_id,
                        "card_number": plan.extras["card_number"],
                        "customer_id": plan.target_id,
                        "status": "active",
                        "issued_at": now,
                        **stamp,
                    }
                )
            if "points" in plan.extras:
                entries.append(
                    {
                        "id": new_id(),
                        "customer_id": plan.target_id,
                        "card_id": card_id,
                        "kind": "adjust",
                        "points": plan.extras["points"],
                        "note": "import",
                        "occurred_at": now,
                        **ledger,
                    }
                )
            if "purchase_total" in plan.extras:
                day = plan.extras.get("last_purchase")
                at = datetime(day.year, day.month, day.day, 3, tzinfo=UTC) if day else now
                purchases.append(
                    {
                        "id": new_id(),
                        "customer_id": plan.target_id,
                        "card_id": card_id,
                        "amount": plan.extras["purchase_total"],
                        "items": json.dumps([{"import": "total"}]),
                        "purchased_at": at,
                        **ledger,
                    }
                )
        values = [
            {"id": custom_rules.value_id(plan.target_id, fid), "customer_id": plan.target_id,
             "field_id": fid, "value": text, **stamp}
            for plan in self.plans
            if plan.decision != "skip"
            for fid, text in plan.extras.get("fields", {}).items()
        ]  # fmt: skip
        for table, rows in ((PointCard, cards), (PointEntry, entries), (Purchase, purchases)):
            insert_rows(conn, table.__table__, rows)
        _write_tags(session, [p for p in self.plans if p.decision != "skip"], stamp)
        # A merge fills a custom field only where the customer has none yet.
        insert_rows(conn, CustomerFieldValue.__table__, values, verb="INSERT OR IGNORE")
        if cards:
            for plan in self.plans:
                if plan.decision == "merge" and "card_number" in plan.extras:
                    customer = session.get(Customer, plan.target_id)
                    if customer is not None:
                        session.refresh(customer)
                        customer_index.refresh_search_keys(customer)


def _write_tags(session: Session, plans: list[Plan], stamp: Mapping[str, Any]) -> None:
    """The タグ column: each name once in ``tag`` (made when new), then her links to them;
    a merged customer keeps the tags she had and gains the row's."""
    wanted = {plan.target_id: plan.extras["tags"] for plan in plans if "tags" in plan.extras}
    if not wanted:
        return
    conn = session.connection()
    names = sorted({name for tags in wanted.values() for name in tags})
    known: dict[str, str] = {}
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        known.update(
            (name, tag_id)
            for tag_id, name in session.execute(select(Tag.id, Tag.name).where(Tag.name.in_(chunk)))
        )
    made = [{"id": new_id(), "name": name, **stamp} for name in names if name not in known]
    insert_rows(conn, Tag.__table__, made)
    known.update((row["name"], row["id"]) for row in made)
    links = [
        {"customer_id": customer_id, "tag_id": known[name], "hlc": stamp["hlc"]}
        for customer_id, tags in wanted.items()
        for name in tags
    ]
    insert_rows(conn, CustomerTag.__table__, links, verb="INSERT OR IGNORE")


def _write_customers(session: Session, plans: list[Plan], stamp: Mapping[str, Any]) -> None:
    """The batch's new customers: staged, renumbered where taken, moved in one statement.

    Only the columns some row sets pass through the staging table; the rest (defaults,
    the batch's stamp) are bound once, as constants of the ``INSERT ... SELECT``.
    """
    conn = session.connection()
    varying = {"id", "search_rowid", *SEARCH_COLUMNS}.union(*(plan.values for plan in plans))
    blank = {name: DEFAULTS[name] for name in varying if name in DEFAULTS}
    rows = [_customer_row(plan, blank) for plan in plans]
    # Numbering the FTS rowids here spares the insert trigger an UPDATE per row.
    top = session.scalar(select(func.max(Customer.search_rowid))) or 0
    for offset, row in enumerate(rows, start=1):
        row["search_rowid"] = top + offset
    columns, params = bind_rows(conn, CUSTOMER_TABLE, rows, [c.name for c in CUSTOMER_TABLE.c
                                                             if c.name in varying])  # fmt: skip
    fixed = {k: v for k, v in {**DEFAULTS, **stamp}.items() if k not in varying}
    constant = [c.name for c in CUSTOMER_TABLE.c if c.name not in varying and (
        c.name in fixed or (c.default is not None and c.default.is_scalar))]  # fmt: skip
    constant, [values] = bind_rows(conn, CUSTOMER_TABLE, [fixed], constant)
    cursor = _raw(conn).cursor()
    names = ", ".join(f'"{c}"' for c in columns)
    cursor.execute(f"DROP TABLE IF EXISTS temp.{STAGE}")
    cursor.execute(f"CREATE TEMP TABLE {STAGE} AS SELECT {names} FROM main.customer WHERE 0")
    load_stage(cursor, STAGE, columns, params)
    _renumber_taken(session, plans, rows, columns)
    into = ", ".join([names, *(f'"{c}"' for c in constant)])
    marks = "".join(", ?" for _ in constant)
    with _search_index_in_bulk(cursor) as bulk:
        cursor.execute(
            f"INSERT INTO main.customer ({into}) SELECT {names}{marks} FROM temp.{STAGE}",
            values,
        )
        if bulk:
            for statement in BULK_INDEX:
                cursor.execute(statement)
    cursor.execute(f"DROP TABLE temp.{STAGE}")


#: The search index's insert trigger, as the migrations create it (0015): it numbers a new
#: row (the writer numbers its rows itself) and adds it to both FTS5 indexes.
INSERT_TRIGGER = "customer_fts_insert"
INSERT_TRIGGER_SQL = (
    "CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN "
    "UPDATE customer SET search_rowid = "
    "(SELECT coalesce(max(search_rowid), 0) + 1 FROM customer) "
    "WHERE id = NEW.id AND search_rowid IS NULL; "
    "INSERT INTO customer_fts(rowid, search_text) "
    "SELECT search_rowid, search_text FROM customer WHERE id = NEW.id; "
    "INSERT INTO customer_name_fts(rowid, name_text) "
    "SELECT search_rowid, customer.name_key || '|' || customer.company_key FROM customer "
    "WHERE id = NEW.id; END"
)
#: What the trigger would add for the staged rows, added for all of them at once.
BULK_INDEX = (
    f"INSERT INTO main.customer_fts(rowid, search_text) "
    f"SELECT search_rowid, search_text FROM temp.{STAGE}",
    f"INSERT INTO main.customer_name_fts(rowid, name_text) "
    f"SELECT search_rowid, name_key || '|' || company_key FROM temp.{STAGE}",
)


@contextmanager
def _search_index_in_bulk(cursor: Any) -> Iterator[bool]:
    """Inside the batch's transaction, the insert trigger set aside while the block
    moves the staged rows, then created again exactly as it was; True when it was.

    The trigger indexes each row with three lookups of the row just written; the block
    indexes the batch with one ``INSERT ... SELECT`` per index instead. Only the trigger
    this module knows (:data:`INSERT_TRIGGER_SQL`) is set aside: another one (a later
    migration) stays and indexes the rows itself. The trigger is back before the block's
    error, if any, goes on (and a batch that fails rolls back); the capture triggers
    (sync) are not touched.
    """
    found = _trigger_sql(cursor)
    if found is None or " ".join(found.split()) != INSERT_TRIGGER_SQL:
        yield False
        return
    cursor.execute(f"DROP TRIGGER main.{INSERT_TRIGGER}")
    try:
        yield True
    finally:
        if _trigger_sql(cursor) is None:  # (a failed statement may have rolled back)
            cursor.execute(found)


def _trigger_sql(cursor: Any) -> str | None:
    found = cursor.execute(
        "SELECT sql FROM main.sqlite_master WHERE type = 'trigger' AND name = ?",
        (INSERT_TRIGGER,),
    ).fetchone()
    return None if found is None else str(found[0])


def _customer_row(plan: Plan, blank: Mapping[str, Any] = MappingProxyType({})) -> dict[str, Any]:
    """A new customer's fields, search columns and id over ``blank`` (the columns left
    out: defaults)."""
    keys = plan.keys
    if keys is None or "card_number" in plan.extras:
        cards = [plan.extras["card_number"]] if "card_number" in plan.extras else []
        keys = customer_index.search_keys(plan.values, cards)
    return {**blank, **plan.values, **keys, "id": plan.target_id}


def _renumber_taken(
    session: Session, plans: list[Plan], rows: list[dict[str, Any]], columns: Sequence[str]
) -> None:
    """Give a new number to staged rows whose number another writer took since the plan.

    The plan numbered rows from a snapshot; this runs inside the batch's write
    transaction (one join of the staging table against ``customer``), so what it sees is
    final.
    """
    cursor = _raw(session.connection()).cursor()
    taken = {
        number
        for (number,) in cursor.execute(
            f"SELECT s.customer_number FROM temp.{STAGE} AS s "
            "JOIN main.customer AS c ON c.customer_number = s.customer_number"
        )
    }
    if not taken:
        return
    used = taken | {plan.values["customer_number"] for plan in plans}
    top = int(customer_index.next_customer_number(session))
    changed = [name for name in columns if name == "customer_number" or name in SEARCH_COLUMNS]
    for plan, row in zip(plans, rows, strict=True):
        if plan.values["customer_number"] not in taken:
            continue
        while f"{top:06d}" in used:
            top += 1
        plan.values["customer_number"] = row["customer_number"] = f"{top:06d}"
        used.add(row["customer_number"])
        cards = [plan.extras["card_number"]] if "card_number" in plan.extras else []
        row.update(customer_index.search_keys(row, cards))  # the number is in the search text
        cursor.execute(
            f"UPDATE temp.{STAGE} SET "
            + ", ".join(f'"{c}" = ?' for c in changed)
            + " WHERE id = ?",
            [*bind_rows(session.connection(), CUSTOMER_TABLE, [row], changed)[1][0], row["id"]],
        )


SEARCH_COLUMNS = frozenset(customer_index.SEARCH_KEYS)


def _fill_blanks(session: Session, customer_id: str, values: Mapping[str, Any]) -> None:
    """Merge a row into an existing customer: fill the fields it has left empty."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        return
    for name, value in values.items():
        if name == "customer_number" or value in (None, ""):
            continue
        if getattr(customer, name) in (None, ""):
            setattr(customer, name, value)
    customer_index.refresh_search_keys(customer)
    session.flush()


#: The page cache a batch is written with: the indexes of ``customer`` take a page here and
#: a page there for each row, and a batch that outgrows SQLite's default cache (2 MiB)
#: writes pages out and reads them back before it commits.
BATCH_CACHE_KIB = 64 * 1024


@contextmanager
def _batch_cache(conn: Connection) -> Iterator[None]:
    """The connection's page cache at :data:`BATCH_CACHE_KIB` at least for the block."""
    cursor = _raw(conn).cursor()
    (before,) = cursor.execute("PRAGMA cache_size").fetchone()
    (page,) = cursor.execute("PRAGMA page_size").fetchone()
    kib = -before if before < 0 else before * page // 1024
    if kib >= BATCH_CACHE_KIB:
        yield
        return
    cursor.execute(f"PRAGMA cache_size = -{BATCH_CACHE_KIB}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _raw(conn: Connection) -> Any:
    """The DB-API connection under ``conn``, inside the same transaction."""
    return conn.connection.driver_connection


def bind_rows(
    conn: Connection, table: Any, rows: list[dict[str, Any]], columns: Sequence[str] = ()
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """``rows`` as parameter tuples, as the columns' types would bind them.

    ``columns``: the columns to bind (default: every column any row names, plus those
    with a Python-side scalar default, in table order). Each distinct value of a column
    whose type converts it goes through the type's bind processor once.
    """
    named = set(columns) if columns else {name for row in rows for name in row}
    cols = [
        c
        for c in table.c
        if c.name in named or (not columns and c.default is not None and c.default.is_scalar)
    ]
    base: dict[str, Any] = {}
    for c in cols:
        if c.default is not None and not c.default.is_scalar:
            if any(c.name not in row for row in rows):  # SQLAlchemy would compute it
                raise ValueError(f"bulk rows must give {c.name}: its default is computed")
        else:
            base[c.name] = c.default.arg if c.default is not None else None
    names = [c.name for c in cols]
    if not rows:
        return names, []
    pick = itemgetter(*names, names[0])  # always a tuple, even for one column
    try:  # rows that name every column (the writer's own) are read as they are
        picked = [pick(row) for row in rows]
    except KeyError:
        picked = [pick({**base, **row}) for row in rows]
    # Column by column (the extra last one dropped), then back into rows: the values a
    # type converts are converted in one pass down their column.
    data: list[Sequence[Any]] = []
    data.extend(zip(*picked, strict=True))
    data.pop()
    adapt = _driver_adapter(conn)
    for i, column in enumerate(cols):
        if isinstance(column.type, Boolean):  # sqlite3 binds a bool as 0/1 already
            continue
        process = column.type.bind_processor(conn.dialect)
        if adapt is not None and (process is not None or _python_type(column) in _DATES):
            # The driver would turn each date into text as it binds it (a Python call
            # per value per row): done here instead, once per distinct value.
            process = _then(process, adapt)
        if process is not None:
            data[i] = _each_once(process, data[i])
    return names, list(zip(*data, strict=True))


def _each_once(process: Callable[[Any], Any], values: Sequence[Any]) -> list[Any]:
    """``process`` of every value, called once per distinct (hashable) value."""
    seen: dict[Any, Any] = {}
    out = []
    for value in values:
        try:
            out.append(seen[value])
        except KeyError:
            out.append(seen.setdefault(value, process(value)))
        except TypeError:  # unhashable
            out.append(process(value))
    return out


def _driver_adapter(conn: Connection) -> Callable[[Any], Any] | None:
    """What the DB-API driver (sqlite3, or SQLCipher's) binds a value as, by its adapters."""
    dbapi = conn.dialect.dbapi
    adapters = getattr(dbapi, "adapters", None)
    protocol = getattr(dbapi, "PrepareProtocol", None)
    if not isinstance(adapters, dict) or protocol is None:
        return None

    def adapt(value: Any) -> Any:
        found = adapters.get((type(value), protocol))
        return value if found is None else found(value)

    return adapt


def _then(first: Callable[[Any], Any] | None, second: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return second if first is None else lambda value: second(first(value))


_DATES = (date, datetime)


def _python_type(column: Any) -> type | None:
    try:
        return column.type.python_type  # type: ignore[no-any-return]
    except NotImplementedError:
        return None


def insert_rows(
    conn: Connection, table: Any, rows: list[dict[str, Any]], *, verb: str = "INSERT"
) -> None:
    """Rows into a table without a search index, through a staging table like the
    customers: one ``INSERT ... SELECT`` runs the table's triggers (the ledger's
    append-only check, sync capture) for every row at half the cost of a statement per
    row (``executemany``)."""
    if not rows:
        return
    columns, params = bind_rows(conn, table, rows)
    names = ", ".join(f'"{c}"' for c in columns)
    stage = f"{STAGE}_{table.name}"
    cursor = _raw(conn).cursor()
    cursor.execute(f"DROP TABLE IF EXISTS temp.{stage}")
    cursor.execute(f'CREATE TEMP TABLE {stage} AS SELECT {names} FROM main."{table.name}" WHERE 0')
    load_stage(cursor, stage, columns, params)
    cursor.execute(f'{verb} INTO main."{table.name}" ({names}) SELECT {names} FROM temp.{stage}')
    cursor.execute(f"DROP TABLE temp.{stage}")


def load_stage(
    cursor: Any, name: str, columns: Sequence[str], params: Sequence[Sequence[Any]]
) -> None:
    """Fill the staging table (plain ``executemany``: see the module docstring's bench)."""
    marks = ", ".join("?" * len(columns))
    cursor.executemany(f"INSERT INTO temp.{name} VALUES ({marks})", params)
