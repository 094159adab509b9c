"""A shop whose purchases follow the buy-till-you-die story, for the outlook tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import numpy as np
from sqlalchemy import insert
from sqlalchemy.orm import Session

from crmdesk.core.ids import new_id
from crmdesk.store.models import Customer, Purchase


def noon(day: date) -> datetime:
    return datetime.combine(day, time(3), tzinfo=UTC)  # 12:00 in Tokyo


def add_visits(session: Session, customer_id: str, days: list[date], amount: int) -> list[str]:
    ids = [new_id() for _ in days]
    session.execute(insert(Purchase), [
        {"id": i, "customer_id": customer_id, "amount": amount, "purchased_at": noon(d)}
        for i, d in zip(ids, days, strict=True)
    ])  # fmt: skip
    return ids


def simulated_shop(session: Session, as_of: date, *, customers: int = 300, seed: int = 7) -> None:
    """``customers`` who each visit as a Poisson process (rate ~ Gamma(2, 1/40) per day)
    until they drop out (p ~ Beta(1, 4) after each visit), first visits over 360 days."""
    rng = np.random.default_rng(seed)
    for n in range(customers):
        cid = new_id()
        session.add(Customer(id=cid, customer_number=f"{900_000 + n}", family_name="試験"))
        start = as_of - timedelta(days=int(rng.integers(0, 360)))
        rate, drop = rng.gamma(2.0, 1 / 40), rng.beta(1.0, 4.0)
        day, days = start, [start]
        while True:
            if rng.random() < drop:
                break
            day = day + timedelta(days=max(1, int(rng.exponential(1 / rate))))
            if day > as_of:
                break
            days.append(day)
        session.flush()
        add_visits(session, cid, sorted(set(days)), int(rng.gamma(4.0, 800)))
