"""A synthetic shop for the analytics benchmark and for looking at the charts.

Built with bulk inserts through sqlite3 on a migrated file and cached by size and seed.
"""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

PREFS = [("東京都", ["千代田区", "港区", "世田谷区", "杉並区", "練馬区"]),
         ("神奈川県", ["横浜市", "川崎市"]), ("埼玉県", ["さいたま市", "川口市"]),
         ("千葉県", ["千葉市", "船橋市"])]  # fmt: skip
STATUSES = ["open", "in_progress", "closed", "closed", "closed"]
CATEGORIES = ["商品", "配送", "返品", "ポイント", "その他"]
FMT = "%Y-%m-%d %H:%M:%S.%f"


class _Inserter:
    """INSERTs that fill the NOT NULL columns a row does not give ('' or 0)."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def executemany(self, sql: str, rows: object) -> None:
        m = re.match(r"INSERT INTO (\w+) \(([^)]*)\)", sql)
        assert m, sql
        table, given = m[1], [c.strip() for c in m[2].split(",")]
        extra = {
            r[1]: (0 if r[2].upper() in ("INTEGER", "BOOLEAN") else "")
            for r in self.con.execute(f"PRAGMA table_info({table})")
            if r[3] and r[4] is None and r[1] not in given
        }
        cols = given + list(extra)
        marks = ", ".join("?" * len(cols))
        values = tuple(extra.values())
        self.con.executemany(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})",
            (tuple(row) + values for row in rows),  # type: ignore[attr-defined]
        )

    def execute(self, sql: str, row: tuple[object, ...]) -> None:
        self.executemany(sql, [row])


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128)))


def build(path: Path, customers: int, purchases: int, *, seed: int = 1,
          end: date = date(2026, 10, 31), years: int = 3) -> Path:  # fmt: skip
    """Create (or reuse) ``path`` with the given numbers of customers and purchases."""
    if path.exists():
        return path
    from crmdesk.store.db import open_database

    tmp = path.with_suffix(".building")
    for extra in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        extra.unlink(missing_ok=True)
    open_database(tmp).close()
    rng = random.Random(seed)
    start = end - timedelta(days=365 * years)
    span = (end - start).days
    raw = sqlite3.connect(tmp)
    raw.execute("PRAGMA journal_mode=OFF")
    raw.execute("PRAGMA synchronous=OFF")
    con = _Inserter(raw)
    ids = [_uid(rng) for _ in range(customers)]
    firsts = [start + timedelta(days=int(span * rng.random() ** 0.7)) for _ in ids]
    rows = []
    for n, (cid, first) in enumerate(zip(ids, firsts, strict=True)):
        pref, cities = rng.choice(PREFS)
        birthday = date(rng.randint(1940, 2008), rng.randint(1, 12), rng.randint(1, 28))
        rows.append((cid, f"{n + 1:07d}", rng.choice(["female", "male", "female", ""]),
                     None if rng.random() < 0.1 else birthday.isoformat(), pref,
                     rng.choice(cities), first.isoformat()))  # fmt: skip
    con.executemany(
        "INSERT INTO customer (id, customer_number, gender, birthday, prefecture, city,"
        " first_visit) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)  # fmt: skip
    branches = [_uid(rng) for _ in range(2)]
    con.executemany("INSERT INTO branch (id, code, name) VALUES (?, ?, ?)",
                    [(branches[0], "HQ", "本店"), (branches[1], "EKI", "駅前店")])  # fmt: skip
    # loyal customers buy often: weights heavy-tailed
    weights = [rng.paretovariate(1.3) for _ in ids]
    buyers = rng.choices(range(customers), weights=weights, k=purchases)
    prows, erows = [], []
    base = datetime.combine(end, datetime.min.time(), tzinfo=UTC)
    for k in buyers:
        first = firsts[k]
        days_left = max(0, (end - first).days)
        day = first + timedelta(days=int(days_left * rng.random() ** 1.5) if days_left else 0)
        at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(
            minutes=rng.randint(0, 24 * 60 - 1) - 9 * 60
        )
        at = min(at, base)
        amount = int(rng.lognormvariate(8, 0.7)) // 10 * 10 + 100
        pid = _uid(rng)
        prows.append((pid, ids[k], rng.choice(branches), amount, at.strftime(FMT)))
        erows.append((_uid(rng), ids[k], "earn", amount // 100,
                      pid, at.strftime(FMT)))  # fmt: skip
    for _ in range(purchases // 50):  # a few sales without a customer
        at = base - timedelta(minutes=rng.randint(0, span * 24 * 60))
        prows.append((_uid(rng), None,
                      rng.choice(branches), rng.randint(100, 5000), at.strftime(FMT)))  # fmt: skip
    # a shop's ledger grows in time order: rowid follows purchased_at
    prows.sort(key=lambda row: row[4])
    con.executemany("INSERT INTO purchase (id, customer_id, branch_id, amount, purchased_at)"
                    " VALUES (?, ?, ?, ?, ?)", prows)  # fmt: skip
    voids = rng.sample(prows, len(prows) // 100)
    con.executemany("INSERT INTO purchase_void (id, purchase_id, voided_at) VALUES (?, ?, ?)",
                    [(_uid(rng), p[0], p[4]) for p in voids])  # fmt: skip
    for e in rng.sample(erows, len(erows) // 5):
        erows.append((_uid(rng), e[1], "redeem",
                      -max(1, e[3] // 2), None, e[5]))  # fmt: skip
    for e in rng.sample(erows, len(erows) // 20):
        erows.append((_uid(rng), e[1], "expire", -1, None, e[5]))
    erows.sort(key=lambda row: row[5])
    con.executemany("INSERT INTO point_entry (id, customer_id, kind, points, purchase_id,"
                    " occurred_at) VALUES (?, ?, ?, ?, ?, ?)", erows)  # fmt: skip
    cats = [(_uid(rng), name, i) for i, name in enumerate(CATEGORIES)]
    con.executemany("INSERT INTO inquiry_category (id, name, sort_order) VALUES (?, ?, ?)", cats)
    irows = []
    for _ in range(max(10, customers // 20)):
        at = base - timedelta(minutes=rng.randint(0, span * 24 * 60))
        status = rng.choice(STATUSES)
        closed = at + timedelta(hours=rng.expovariate(1 / 30))
        closed = closed.strftime(FMT) if status == "closed" else None
        irows.append((_uid(rng), at.strftime(FMT),
                      rng.choice(cats)[0], status, closed, rng.choice(ids)))  # fmt: skip
    con.executemany("INSERT INTO inquiry (id, received_at, category_id, status, closed_at,"
                    " customer_id) VALUES (?, ?, ?, ?, ?, ?)", irows)  # fmt: skip
    month = date(start.year, start.month, 1)
    while month <= end:
        cid = _uid(rng)
        con.execute("INSERT INTO campaign (id, name, sent_on) VALUES (?, ?, ?)",
                    (cid, f"{month.month}月のDM", month.replace(day=10).isoformat()))  # fmt: skip
        chosen = rng.sample(ids, min(len(ids), max(5, customers // 100)))
        con.executemany("INSERT INTO campaign_recipient (id, campaign_id, customer_id)"
                        " VALUES (?, ?, ?)",
                        [(_uid(rng), cid, c) for c in chosen])  # fmt: skip
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    raw.commit()
    raw.execute("ANALYZE")
    raw.close()
    shutil.move(tmp, path)
    return path
