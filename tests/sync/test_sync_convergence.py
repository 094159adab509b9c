"""Convergence, cr-sqlite style: three branches, random operations and random partial
syncs, then a full round: every file equals the hub and each other, every balance equals
its ledger. Bounded for the default run; tests/bench/test_bench_sync.py soaks longer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from tests.helpers import sync_model
from tests.helpers.pg import Baseline


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(ops=sync_model.operations(max_size=14))
def test_three_branches_converge_after_random_days_and_partial_syncs(
    _hub_baseline: Baseline, template_db: Path, ops: list[tuple[Any, ...]]
) -> None:
    sync_model.run(ops, _hub_baseline, template_db)
