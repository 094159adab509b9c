"""Demo data: a realistic Japanese shop, deterministic for a seed.

Steps live in this package as ``step_*.py`` modules, each with an ``ORDER`` and a
``run(ctx)`` function, and run in that order: customers first, then what later features
add (cards and purchases, inquiries, segments and mailings). A feature adds its demo
data by adding a step module; nothing here needs to change.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from crmdesk.core import clock
from crmdesk.core.errors import DomainError


@dataclass
class DemoContext:
    session: Session
    customers: int
    seed: int
    today: date
    rng: random.Random
    #: Nothing the demo writes happens later than this (UTC): a file made at 08:00 has no
    #: sales from this afternoon.
    now: datetime = field(default_factory=clock.now_utc)
    progress: Callable[[str, int, int], None] = lambda step, done, total: None
    customer_ids: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)


def shop_moment(ctx: DemoContext, day: date) -> datetime:
    """A moment in shop hours (10:00-19:59 local) on the local ``day``, never later than
    ``ctx.now`` (today before that hour: earlier today instead)."""
    local = datetime.combine(
        day,
        time(ctx.rng.randint(10, 19), ctx.rng.randint(0, 59), ctx.rng.randint(0, 59)),
        tzinfo=clock.zone(),
    )
    at = local.astimezone(UTC)
    if at > ctx.now:
        opened = clock.local_day_bounds(day)[0]
        at = opened + (ctx.now - opened) * ctx.rng.random()
    return at


def steps() -> list[Any]:
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if info.name.startswith("step_")
    ]
    return sorted(modules, key=lambda m: (m.ORDER, m.__name__))


def refuse_on_synced_file(session: Session) -> None:
    """Demo data never goes into a file that syncs: its made-up customers, sales and
    mailings would be sent to the hub and from there to every branch."""
    capture = session.execute(text("SELECT capture FROM sync_flag")).scalar()
    if capture:
        raise DomainError("demo_on_synced_file")


def generate(
    session: Session,
    *,
    customers: int,
    seed: int = 1,
    today: date | None = None,
    now: datetime | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, Any]:
    """Fill the database with demo data inside the caller's transaction.

    ``now`` (UTC, default the clock) bounds every moment written; ``today`` defaults to
    its local day. A ``today`` in the past without ``now`` ends at that day's close.
    """
    refuse_on_synced_file(session)
    moment = now or clock.now_utc()
    if today is not None and now is None:
        moment = min(moment, clock.local_day_bounds(today)[1] - timedelta(seconds=1))
    ctx = DemoContext(
        session=session,
        customers=customers,
        seed=seed,
        today=today or clock.to_local(moment).date(),
        rng=random.Random(seed),
        now=moment,
    )
    if progress is not None:
        ctx.progress = progress
    for step in steps():
        # Each step gets its own generator so adding a step never changes earlier data.
        ctx.rng = random.Random(f"{seed}:{step.__name__.rsplit('.', 1)[-1]}")
        step.run(ctx)
    return ctx.summary
