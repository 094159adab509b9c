"""RFM scoring: quintile cut points, scores 1-5, named groups."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from crmdesk.core.rfm import (
    GROUP_CODES,
    GROUPS,
    RfmInput,
    group_by_code,
    group_of,
    quintile_cuts,
    score,
    score_frame,
    score_rows,
)


@pytest.mark.parametrize(
    ("values", "cuts"),
    [
        ([1, 2, 3, 4, 5], (1, 2, 3, 4)),
        ([5, 4, 3, 2, 1], (1, 2, 3, 4)),
        (list(range(1, 11)), (2, 4, 6, 8)),
        ([7], (7, 7, 7, 7)),
        ([1, 1, 1, 1, 2, 2, 3, 9, 9, 9], (1, 1, 2, 9)),
    ],
)
def test_quintile_cuts(values, cuts) -> None:
    assert quintile_cuts(values) == cuts


def test_no_values_cannot_be_cut() -> None:
    with pytest.raises(ValueError, match="no values"):
        quintile_cuts([])


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 1), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (100, 5)],
)
def test_score_counts_cut_points_below(value, expected) -> None:
    assert score(value, (1, 2, 3, 4)) == expected


def test_ten_customers_spread_over_five_scores() -> None:
    today = date(2026, 11, 22)
    rows = [
        RfmInput(f"c{i}", today - timedelta(days=10 * (10 - i)), orders=i, spend=1000 * i)
        for i in range(1, 11)
    ]
    scores = {s.customer_id: s for s in score_rows(rows)}
    assert [scores[f"c{i}"].r for i in range(1, 11)] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert [scores[f"c{i}"].f for i in range(1, 11)] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert scores["c10"].group == "best" and scores["c10"].code == "555"
    assert scores["c1"].group == "dormant"


def test_equal_values_get_equal_scores() -> None:
    day = date(2026, 1, 1)
    rows = [RfmInput(f"c{i}", day, orders=1, spend=500) for i in range(6)]
    assert {(s.r, s.f, s.m) for s in score_rows(rows)} == {(1, 1, 1)}


@pytest.mark.parametrize(
    ("r", "f", "m", "orders", "group"),
    [
        (5, 5, 5, 12, "best"),
        (4, 4, 4, 8, "best"),
        (5, 1, 2, 1, "new"),
        (4, 1, 5, 1, "new"),
        (3, 5, 1, 9, "loyal"),
        (5, 4, 3, 6, "loyal"),
        (2, 4, 4, 7, "at_risk"),
        (1, 3, 1, 3, "at_risk"),
        (1, 1, 1, 1, "dormant"),
        (2, 2, 5, 2, "dormant"),
        (3, 3, 3, 3, "others"),
        (5, 2, 2, 2, "others"),
    ],
)
def test_named_groups(r, f, m, orders, group) -> None:
    assert group_of(r, f, m, orders).code == group


def test_every_group_has_both_labels() -> None:
    assert GROUP_CODES == ("best", "new", "loyal", "at_risk", "dormant", "others")
    for g in GROUPS:
        assert g.label("ja") != g.label("en")
    assert group_by_code("at_risk").label("ja") == "離反予備軍"
    assert group_by_code("best").label("en") == "Best"


def test_a_frame_gets_the_same_scores_as_lists() -> None:
    today = date(2026, 11, 22)
    data = {
        "last_purchase": [today - timedelta(days=d) for d in (3, 40, 200, 400, 10)],
        "orders": [9, 3, 2, 1, 1],
        "spend": [90_000, 12_000, 8_000, 1_500, 2_000],
    }
    frame = pd.DataFrame(data, index=["a", "b", "c", "d", "e"])
    scored = score_frame(frame)
    assert list(scored["group"]) == ["best", "loyal", "at_risk", "dormant", "new"]
    listed = score_rows(
        [
            RfmInput(i, *row)
            for i, row in zip(frame.index, zip(*data.values(), strict=True), strict=True)
        ]
    )
    assert list(scored["r"]) == [s.r for s in listed]
    assert "group" not in frame.columns
