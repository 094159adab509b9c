"""Branch files for the sync tests, and the one-line convergence check.

``BranchFile`` is a real crmdesk SQLite file, written only through the services (customers,
tags, purchases, points), the way the counter writes it. ``synced_snapshot`` reads every
synced table of a branch file or of the hub into plain Python values (through the models'
column types, so SQLite text dates and PostgreSQL timestamps compare equal);
``assert_converged`` compares any number of them and names the first differing rows.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, Table, create_engine, select, text
from sqlalchemy.orm import Session

from crmdesk.store.db import Database
from crmdesk.store.models import SYNCED_TABLES, Base
from tests.helpers.factories import TODAY

# Columns numbered per file (FTS rowids): never equal between two files, never compared.
PER_FILE_COLUMNS: dict[str, set[str]] = {
    "customer": {"search_rowid"},
    "inquiry": {"search_rowid"},
}


def local_columns(table: str) -> set[str]:
    """Columns derived per file (models mark them ``info={"sync": "local"}``): a hub need
    not hold them, but two branch files recompute them alike, so branches compare them."""
    marked = {c.name for c in Base.metadata.tables[table].c if c.info.get("sync") == "local"}
    return marked | PER_FILE_COLUMNS.get(table, set())


# Tables without a Synced id that still sync (a customer's tags: a set).
EXTRA_TABLES = ["customer_tag"]
COMPARED_TABLES = [*SYNCED_TABLES, *EXTRA_TABLES]


@dataclass
class BranchFile:
    """One computer's file. ``db`` is the open crmdesk Database the engine works on."""

    name: str
    path: Path
    db: Database

    @contextmanager
    def tx(self) -> Iterator[Session]:
        with self.db.transaction() as session:
            yield session

    # --- what the counter does -------------------------------------------------------
    def add_customer(self, **values: Any) -> str:
        from tests.helpers.factories import add_customer

        with self.tx() as s:
            return add_customer(s, **values)

    def edit(self, customer_id: str, **values: Any) -> None:
        from crmdesk.services import customers

        with self.tx() as s:
            customers.update_customer(s, customer_id, values, today=TODAY)

    def set_tags(self, customer_id: str, *names: str) -> None:
        from crmdesk.services import customers

        with self.tx() as s:
            customers.set_tags(s, customer_id, names)

    def tags(self, customer_id: str) -> list[str]:
        from crmdesk.services import customer_index

        with self.tx() as s:
            return sorted(t.name for t in customer_index.get_customer(s, customer_id).tags)

    def customer(self, customer_id: str, *, include_deleted: bool = True) -> dict[str, Any]:
        from crmdesk.services import customer_index

        with self.tx() as s:
            c = customer_index.get_customer(s, customer_id, include_deleted=include_deleted)
            cols = Base.metadata.tables["customer"].c
            return {col.name: getattr(c, col.name) for col in cols}

    def buy(
        self,
        customer_id: str | None = None,
        amount: int = 1000,
        *,
        card_number: str | None = None,
        redeem: int = 0,
        at: datetime | None = None,
    ) -> str:
        from crmdesk.services import purchases
        from crmdesk.services.staff import CLI_ACTOR

        with self.tx() as s:
            result = purchases.record_purchase(
                s,
                amount=amount,
                actor=CLI_ACTOR,
                customer_id=customer_id,
                card_number=card_number,
                redeem=redeem,
                at=at,
            )
            return result.purchase_id

    def void(self, purchase_id: str) -> None:
        from crmdesk.services import purchases
        from crmdesk.services.staff import CLI_ACTOR

        with self.tx() as s:
            purchases.void_purchase(s, purchase_id, actor=CLI_ACTOR)

    def adjust(self, customer_id: str, points: int, note: str = "テスト") -> None:
        from crmdesk.services import points as ledger
        from crmdesk.services.staff import CLI_ACTOR

        with self.tx() as s:
            ledger.adjust_points(s, customer_id, points, note, CLI_ACTOR)

    def balance(self, customer_id: str) -> int:
        from crmdesk.services import points as ledger

        with self.tx() as s:
            return ledger.balance(s, customer_id)

    def issue_card(self, customer_id: str) -> str:
        from crmdesk.services import cards
        from crmdesk.services.staff import CLI_ACTOR

        with self.tx() as s:
            return cards.issue_card(s, customer_id, actor=CLI_ACTOR).card_number

    def delete(self, customer_id: str) -> None:
        from crmdesk.services import customers

        with self.tx() as s:
            customers.delete_customer(s, customer_id)

    def erase(self, customer_id: str) -> None:
        from crmdesk.services import erasure

        with self.tx() as s:
            erasure.erase_customer(s, customer_id)

    def merge(self, survivor_id: str, other_id: str) -> None:
        from crmdesk.services import dupes

        with self.tx() as s:
            dupes.merge(s, survivor_id, other_id)

    def customer_ids(self, *, include_deleted: bool = False) -> set[str]:
        with self.db.engine.connect() as conn:
            query = "SELECT id FROM customer" + ("" if include_deleted else " WHERE NOT deleted")
            return {row[0] for row in conn.exec_driver_sql(query)}

    def fingerprint(self) -> str:
        return fingerprint(self.path)

    def snapshot(self, *, with_derived: bool = True) -> dict[str, list[tuple[Any, ...]]]:
        return synced_snapshot(self.db.engine, with_derived=with_derived)

    def indexes_and_triggers(self) -> set[tuple[str, str, str]]:
        """(type, name, SQL) of every index and trigger the file's schema defines."""
        with self.db.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                "AND sql IS NOT NULL"
            )
            return {(r[0], r[1], r[2]) for r in rows}


def fingerprint(path: Path) -> str:
    """A digest of everything in the file (every table, synced or local, and the schema)."""
    conn = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        for line in conn.iterdump():
            digest.update(line.encode())
        return digest.hexdigest()
    finally:
        conn.close()


def open_branch_copy(template: Path, path: Path) -> Database:
    """A fresh branch file from the migrated template, with its own node id."""
    import shutil

    from crmdesk.store.db import open_database

    shutil.copy(template, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM settings WHERE key = 'node_id'")
    conn.close()
    return open_database(path)


# --- comparing files ---------------------------------------------------------------
def hub_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url)


def _tables(schema: str | None) -> list[Table]:
    if schema is None:
        return [Base.metadata.tables[name] for name in COMPARED_TABLES]
    meta = MetaData()
    return [Base.metadata.tables[name].to_metadata(meta, schema=schema) for name in COMPARED_TABLES]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        # Both sides keep microseconds? Compare at millisecond precision to be fair to
        # neither storage: what a person reads is never finer than a second.
        return value.astimezone(UTC).replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def synced_snapshot(
    source: Engine | Database | str, *, schema: str | None = None, with_derived: bool = True
) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table's rows, local columns left out, sorted by primary key.

    Each table's list starts with the column names; the primary key columns come first.
    """
    if isinstance(source, Database):
        engine, own = source.engine, False
    elif isinstance(source, str):
        engine, own = hub_engine(source), True
    else:
        engine, own = source, False
    out: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with engine.connect() as conn:
            for table in _tables(schema):
                skip = (
                    PER_FILE_COLUMNS.get(table.name, set())
                    if with_derived
                    else local_columns(table.name)
                )
                keys = list(table.primary_key.columns)
                cols = keys + [c for c in table.c if c.name not in skip and c not in keys]
                rows = conn.execute(select(*cols).order_by(*keys))
                names = tuple(c.name for c in cols)
                out[table.name] = [names] + [tuple(_plain(v) for v in r) for r in rows]
    finally:
        if own:
            engine.dispose()
    return out


def differences(
    a: dict[str, list[tuple[Any, ...]]], b: dict[str, list[tuple[Any, ...]]], limit: int = 8
) -> list[str]:
    """What differs between two snapshots, in words (table, row id, column, values)."""
    found: list[str] = []
    for table in COMPARED_TABLES:
        names, *rows_a = a[table]
        _, *rows_b = b[table]
        key_len = 2 if table in EXTRA_TABLES else 1
        by_a = {r[:key_len]: r for r in rows_a}
        by_b = {r[:key_len]: r for r in rows_b}
        for key in sorted(set(by_a) | set(by_b), key=repr):
            ra, rb = by_a.get(key), by_b.get(key)
            if ra == rb:
                continue
            if ra is None or rb is None:
                found.append(f"{table} {key}: only in {'second' if ra is None else 'first'}")
            else:
                cols = [f"{n}: {x!r} != {y!r}" for n, x, y in zip(names, ra, rb, strict=True)]
                cols = [c for c, x, y in zip(cols, ra, rb, strict=True) if x != y]
                found.append(f"{table} {key}: " + "; ".join(cols))
            if len(found) >= limit:
                return found
    return found


def _snapshot_of(src: Any, schema: str | None, derived: bool) -> tuple[str, dict[str, Any]]:
    if isinstance(src, BranchFile):
        return src.name, src.snapshot(with_derived=derived)
    if isinstance(src, str):
        return "hub", synced_snapshot(src, schema=schema, with_derived=derived)
    return repr(src), synced_snapshot(src, with_derived=derived)


def _assert_same(snaps: list[tuple[str, dict[str, Any]]]) -> None:
    first_name, first = snaps[0]
    for name, snap in snaps[1:]:
        diff = differences(first, snap)
        assert not diff, f"{first_name} and {name} differ:\n  " + "\n  ".join(diff)


def assert_converged(*sources: Any, schema: str | None = None, derived: bool = True) -> None:
    """Every source (BranchFile, Database, Engine or hub URL) holds the same synced rows.

    Branch files are compared on every column but FTS rowids (derived search keys too:
    each file recomputes them alike); against the hub, derived columns are left out (the
    hub need not keep them). ``derived=False`` leaves them out between files too.
    """
    files = [src for src in sources if not isinstance(src, str)]
    if len(files) > 1 and derived:
        _assert_same([_snapshot_of(src, schema, True) for src in files])
    if len(files) < len(sources):
        _assert_same([_snapshot_of(src, schema, False) for src in sources])


def ledger_sums(source: BranchFile) -> dict[str, int]:
    """Each customer's balance as the point ledger's sum, read with plain SQL."""
    with source.db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT customer_id, SUM(points) FROM point_entry GROUP BY customer_id")
        )
        return {cid: int(total) for cid, total in rows}


def assert_balances_match_ledger(branch: BranchFile) -> None:
    """The service's balance (what the counter shows) equals the ledger's sum, for everyone."""
    sums = ledger_sums(branch)
    for cid in branch.customer_ids(include_deleted=True):
        assert branch.balance(cid) == sums.get(cid, 0), cid


def days_ago(n: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=n), datetime.min.time(), tzinfo=UTC)


__all__ = [
    "BranchFile",
    "assert_balances_match_ledger",
    "assert_converged",
    "date",
    "days_ago",
    "differences",
    "fingerprint",
    "open_branch_copy",
    "synced_snapshot",
]
