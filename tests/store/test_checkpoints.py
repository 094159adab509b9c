"""An import's batches checkpoint the WAL less often; the connection is itself again after."""

from __future__ import annotations

from pathlib import Path

from crmdesk.store.db import WAL_AUTOCHECKPOINT_PAGES, open_database, space_checkpoints

ROWS = 5_000  # 7 MB, ~1,700 pages of 4 KiB: more than SQLite's 1,000 between checkpoints


def fill(session: object, tag: str) -> None:
    conn = session.connection()  # type: ignore[attr-defined]
    conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS scratch (tag TEXT, body TEXT)")
    rows = [(tag, f"{tag}{i:06d}" * 200) for i in range(ROWS)]
    conn.exec_driver_sql("INSERT INTO scratch VALUES (?, ?)", rows)


def test_a_spaced_batch_leaves_its_pages_in_the_wal_and_the_next_use_checkpoints(
    db_path: Path,
) -> None:
    db = open_database(db_path)
    with db.transaction() as session:
        fill(session, "a")  # an ordinary transaction: its commit copies the WAL back
    grown = db_path.stat().st_size
    assert grown > ROWS * 1200  # the pages reached the file itself

    with db.transaction() as session:
        space_checkpoints(session, 50_000)
        raw = session.connection().connection.dbapi_connection
        fill(session, "b")
    assert db_path.stat().st_size == grown  # no checkpoint at that commit: still in the WAL
    assert raw is not None
    (pages,) = raw.execute("PRAGMA wal_autocheckpoint").fetchone()
    assert pages == WAL_AUTOCHECKPOINT_PAGES  # set back when it went back to the pool

    with db.transaction() as session:
        fill(session, "c")  # the next ordinary commit checkpoints everything waiting
    assert db_path.stat().st_size > grown + 2 * ROWS * 1200
    with db.reading() as session:
        counted = session.connection().exec_driver_sql(
            "SELECT tag, count(*) FROM scratch GROUP BY tag ORDER BY tag"
        )
        assert list(counted) == [("a", ROWS), ("b", ROWS), ("c", ROWS)]
    db.close()
