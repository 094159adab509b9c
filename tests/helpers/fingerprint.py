"""A fingerprint of every table of a database file: rows counted and hashed, so a test
can say "nothing at all was written" without naming the tables."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

# Tables a read may legitimately touch: none. (sqlite_% and the FTS shadow tables are
# covered through their content tables and the integrity check.)
_SKIP_PREFIXES = ("sqlite_", "customer_fts_", "inquiry_fts_")


def fingerprint(path: Path) -> dict[str, tuple[int, str]]:
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        names = [
            n
            for (n,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
            if not n.startswith(_SKIP_PREFIXES)
        ]
        out = {}
        for name in names:
            digest = hashlib.sha256()
            rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()
            for row in sorted(map(repr, rows)):
                digest.update(row.encode())
            out[name] = (len(rows), digest.hexdigest()[:16])
        return out
