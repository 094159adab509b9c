"""The schema's revisions, read from the migration scripts' headers, and a file's own.

Nothing here imports SQLAlchemy or Alembic: the window's first look at a file
(:mod:`crmdesk.store.first_look`) asks whether the file is at the newest revision before
the database layer has loaded, and :mod:`crmdesk.store.migrate` asks the same at every
open. The headers are all Alembic would read there (a test checks both agree).
"""

from __future__ import annotations

import ast
import re
import sqlite3
from functools import cache
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
_HEADER = re.compile(r"^(revision|down_revision)\s*=\s*(.+?)\s*(?:#.*)?$", re.MULTILINE)


@cache
def _graph() -> dict[str, tuple[str, ...]]:
    """Each revision of the scripts and the revisions it follows."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        header = dict(_HEADER.findall(script.read_text(encoding="utf-8")))
        if "revision" not in header:
            continue
        down = ast.literal_eval(header.get("down_revision", "None"))
        follows = () if down is None else (down,) if isinstance(down, str) else tuple(down)
        graph[ast.literal_eval(header["revision"])] = follows
    return graph


def head_revision() -> str:
    """The newest revision; ``a+b`` (sorted) while parallel work has left two heads."""
    graph = _graph()
    followed = {down for downs in graph.values() for down in downs}
    heads = [rev for rev in graph if rev not in followed]
    assert heads, "no migrations found"
    return "+".join(sorted(heads))


def known_revisions() -> set[str]:
    return set(_graph())


def revision_of(conn: sqlite3.Connection) -> str | None:
    """The revision a SQLite file is at (``a+b`` when two), None before the first."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
    ).fetchone()
    if not has_table:
        return None
    heads = [row[0] for row in conn.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
    return "+".join(sorted(heads)) if heads else None
