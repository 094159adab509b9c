"""The control group's statistics: reproducible hold-outs, intervals that cover the truth."""

from __future__ import annotations

import random

import numpy as np
import pytest

from crmdesk.core.uplift import MIN_GROUP, hold_out, spend_lift, visit_lift

IDS = [f"c{i:04d}" for i in range(500)]


def test_the_hold_out_is_reproducible_from_its_seed() -> None:
    first = hold_out(IDS, 10, seed=42)
    assert len(first) == 50 and first <= set(IDS)
    assert hold_out(list(reversed(IDS)), 10, seed=42) == first  # order does not matter
    assert hold_out(IDS, 10, seed=43) != first
    assert len(hold_out(IDS, 25, seed=1)) == 125


def test_small_lists_still_leave_someone_to_mail() -> None:
    assert hold_out(["a"], 10, seed=1) == set()
    assert len(hold_out(["a", "b"], 50, seed=1)) == 1
    assert len(hold_out(["a", "b", "c"], 10, seed=1)) == 1  # at least one when asked
    assert hold_out(IDS, 0, seed=1) == set()
    with pytest.raises(ValueError):
        hold_out(IDS, 95, seed=1)


def test_the_visit_interval_covers_the_true_lift_about_95_percent_of_the_time() -> None:
    rng = random.Random(2026)
    p_mailed, p_control, n1, n0 = 0.30, 0.20, 900, 100
    covered = 0
    for _ in range(400):
        came = sum(rng.random() < p_mailed for _ in range(n1))
        came0 = sum(rng.random() < p_control for _ in range(n0))
        estimate = visit_lift(came, n1, came0, n0)
        assert estimate.low is not None and estimate.high is not None
        covered += estimate.low <= p_mailed - p_control <= estimate.high
    assert 0.91 <= covered / 400 <= 0.99


def test_the_spend_interval_covers_the_true_lift() -> None:
    rng = np.random.default_rng(7)
    true_lift = 0.30 * 4000 - 0.20 * 4000  # visit share times mean basket (exponential)
    covered = 0
    for i in range(80):
        mailed = (rng.random(300) < 0.30) * rng.exponential(4000, 300)
        control = (rng.random(100) < 0.20) * rng.exponential(4000, 100)
        estimate = spend_lift([int(x) for x in mailed], [int(x) for x in control], seed=i)
        assert estimate.low is not None and estimate.high is not None
        covered += estimate.low <= true_lift <= estimate.high
    assert 0.85 <= covered / 80 <= 1.0


def test_too_small_a_group_gives_no_number() -> None:
    small = visit_lift(5, 100, 1, MIN_GROUP - 1)
    assert small.value is None and small.reason == "group_too_small"
    nobody = visit_lift(1, 100, 0, 50)
    assert nobody.value is None and nobody.reason == "too_few_visits"
    assert spend_lift([0] * 100, [0] * 10).reason == "group_too_small"
    assert spend_lift([0] * 100, [0] * 30).reason == "too_few_visits"
    assert small.to_json() == {
        "value": None,
        "low": None,
        "high": None,
        "reason": "group_too_small",
    }
