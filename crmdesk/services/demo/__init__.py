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
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from crmdesk.core.clock import local_today


@dataclass
class DemoContext:
    session: Session
    customers: int
    seed: int
    today: date
    rng: random.Random
    progress: Callable[[str, int, int], None] = lambda step, done, total: None
    customer_ids: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)


def steps() -> list[Any]:
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if info.name.startswith("step_")
    ]
    return sorted(modules, key=lambda m: (m.ORDER, m.__name__))


def generate(
    session: Session,
    *,
    customers: int,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, Any]:
    """Fill the database with demo data inside the caller's transaction."""
    ctx = DemoContext(
        session=session,
        customers=customers,
        seed=seed,
        today=today or local_today(),
        rng=random.Random(seed),
    )
    if progress is not None:
        ctx.progress = progress
    for step in steps():
        # Each step gets its own generator so adding a step never changes earlier data.
        ctx.rng = random.Random(f"{seed}:{step.__name__.rsplit('.', 1)[-1]}")
        step.run(ctx)
    return ctx.summary
