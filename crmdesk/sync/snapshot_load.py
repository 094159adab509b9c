"""A hub's snapshot into an empty file, loaded the way a bulk load is.

Row by row, every snapshot row costs its table's secondary indexes and, for a customer or
an inquiry, the triggers that number it and index its text for the search (measured: a
download of 220,000 rows took half the time without them). A file with no customer yet
holds nothing those are needed for while the snapshot comes in, so the join sets them
aside before the first page and remakes them after the last, each in one pass:

- the secondary indexes of the synced tables (not the unique ones: they are constraints)
  and the triggers feeding the full-text indexes (:mod:`crmdesk.store.fts`) are dropped,
  their SQL (as ``sqlite_master`` holds it) saved first in ``sync_state`` under
  ``snapshot_schema``, in the transaction that drops them;
- the pages number their rows for the search themselves (``search_rowid``, a page at a
  time) and leave the derived columns that depend on other tables (a customer's active
  card numbers, an inquiry's notes) and the overdraft check to the end;
- at the end, in the transaction that ends the join: the indexes are made again from the
  saved SQL, those derived columns made afresh, the full-text indexes rebuilt from their
  tables, the triggers made again, and the saved SQL forgotten.

Killed in between, the saved SQL is still in the file: resuming sets aside again whatever
came back (its SQL as the schema has it then, in case a migration made it anew), and the
end remakes everything from what was saved; ``sync leave`` during a join
remakes them as well (:func:`restore`). Nothing is lost while they are set aside, only
slower or not yet searchable: an edit made meanwhile is in the table, and the rebuild
indexes the table as it then is.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from crmdesk.store import fts
from crmdesk.store.synced import synced_tables
from crmdesk.sync import derived, state

KEY = "snapshot_schema"


def empty(conn: Connection) -> bool:
    """True for a file with no customer yet: a snapshot into it is loaded in bulk."""
    return _raw(conn).execute("SELECT 1 FROM customer LIMIT 1").fetchone() is None


def set_aside(conn: Connection) -> None:
    """Save the SQL of the indexes and triggers a bulk load skips, drop them."""
    raw = _raw(conn)
    # Resumed: what is in the schema now wins over what was saved (a migration run in
    # between may have made an index or trigger again, in a newer form).
    found = {name: [kind, name, sql] for kind, name, sql in _objects(raw)}
    saved = [found.pop(name, [kind, name, sql]) for kind, name, sql in state.get(conn, KEY) or []]
    saved += found.values()
    state.put(conn, KEY, saved)
    present = _present(raw)
    for kind, name, _sql in saved:
        if name in present:
            raw.execute(f'DROP {kind.upper()} "{name}"')


def restore(conn: Connection) -> bool:
    """Remake what :func:`set_aside` dropped, with the derived columns and the full-text
    indexes it left behind; returns False when nothing was set aside."""
    raw = _raw(conn)
    saved = state.get(conn, KEY)
    if saved is None:
        return False
    present = _present(raw)
    missing = [(kind, sql) for kind, name, sql in saved if name not in present]
    for kind, sql in missing:
        if kind == "index":
            raw.execute(sql)
    touched = derived.Touched()
    touched.ids["customer"] = {
        i for (i,) in raw.execute("SELECT customer_id FROM point_card WHERE status = 'active'")
    }
    touched.ids["inquiry"] = {i for (i,) in raw.execute("SELECT id FROM inquiry")}
    derived.refresh(conn, touched)
    fts.rebuild(raw)
    for kind, sql in missing:
        if kind == "trigger":
            raw.execute(sql)
    state.delete(conn, KEY)
    return True


def _objects(raw: Any) -> list[list[str]]:
    """[kind, name, sql] of what a bulk load sets aside, indexes first."""
    tables = {t.name for t in synced_tables()}
    out: list[list[str]] = []
    for table in sorted(tables):
        unique = {row[1] for row in raw.execute(f'PRAGMA index_list("{table}")') if row[2]}
        for name, sql in raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL ORDER BY name",
            (table,),
        ):
            if name not in unique:
                out.append(["index", name, sql])
    triggers = fts.feeding_triggers(raw)
    for name in triggers:
        (sql,) = raw.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
        out.append(["trigger", name, sql])
    return out


def _present(raw: Any) -> set[str]:
    return {
        name
        for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')"
        )
    }


def _raw(conn: Connection) -> Any:
    return conn.connection.dbapi_connection
