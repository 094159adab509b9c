"""The outlook: the frequency/recency/T table, the fit, the fallback and the at-risk list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from crmdesk.services import outlook
from crmdesk.store.models import CustomerOutlook, PurchaseVoid
from tests.helpers.factories import add_customer
from tests.helpers.outlook_shop import add_visits, noon, simulated_shop

AS_OF = date(2026, 11, 30)


def weekly(first: date, visits: int) -> list[date]:
    return [first + timedelta(days=7 * k) for k in range(visits)]


def test_summary_table_in_days_without_voids_or_future_purchases(session) -> None:
    c = add_customer(session)
    add_visits(session, c, [date(2026, 9, 1)] * 2, 1_000)  # two on the first day: one visit
    add_visits(session, c, [date(2026, 9, 11), date(2026, 10, 1)], 3_000)
    (voided,) = add_visits(session, c, [date(2026, 11, 20)], 9_000)
    session.add(PurchaseVoid(purchase_id=voided, voided_at=noon(date(2026, 11, 20))))
    add_visits(session, c, [date(2027, 1, 5)], 5_000)  # in the future: left out
    session.flush()
    (row,) = outlook.summary_rows(session, AS_OF)
    assert (row.frequency, row.recency, row.age) == (2, 30.0, 90.0)
    assert (row.total, row.monetary, row.last_day) == (8_000, 3_000.0, "2026-10-01")


def test_the_regular_who_stopped_coming_is_at_risk(session) -> None:
    simulated_shop(session, AS_OF)
    gone = add_customer(session, family_name="来なくなった")
    steady = add_customer(session, family_name="通っている")
    add_visits(session, gone, weekly(date(2026, 1, 5), 20), 8_000)  # weekly until May
    add_visits(session, steady, weekly(date(2026, 4, 6), 34), 8_000)  # still weekly
    run = outlook.refresh(session, as_of=AS_OF)
    assert run.model == "bgnbd" and run.reason == "" and run.customers == 302
    assert {"r", "alpha", "a", "b", "p", "q", "v"} <= set(run.params)
    lost, kept = outlook.for_customer(session, gone), outlook.for_customer(session, steady)
    assert lost is not None and kept is not None
    assert lost["p_active"] < 0.05 < 0.8 < kept["p_active"]
    assert kept["expected_visits_90d"] > 5 > 0.5 > lost["expected_visits_90d"]
    assert kept["expected_spend_90d"] > 5 * 4_000
    at_risk = outlook.valuable_at_risk(session, limit=5)
    assert at_risk[0].customer_id == gone and at_risk[0].spend_total == 160_000
    assert all(r.outlook["p_active"] < outlook.AT_RISK_P for r in at_risk)
    assert steady not in {r.customer_id for r in at_risk}
    assert outlook.for_customer(session, add_customer(session)) is None  # no visit yet


def test_too_little_history_falls_back_to_rfm(session) -> None:
    regulars = [add_customer(session) for _ in range(3)]
    for c in regulars:
        add_visits(session, c, weekly(date(2026, 5, 4), 5), 2_000)  # last visit 2026-06-01
    run = outlook.refresh(session, as_of=AS_OF)
    assert run.model == "rfm" and run.reason == "fewer than 100 customers with a visit"
    found = outlook.for_customer(session, regulars[0])
    assert found is not None and found["model"] == "rfm"
    assert found["p_active"] is None and found["expected_spend_90d"] is None
    assert {r.customer_id for r in outlook.valuable_at_risk(session)} == set(regulars)
    assert outlook.refresh(session, as_of=date(2026, 6, 10)).customers == 3
    assert outlook.valuable_at_risk(session) == []  # seen nine days ago: not lapsed


def test_segment_conditions_on_the_stored_estimates(session) -> None:
    from crmdesk.core.errors import ValidationError
    from crmdesk.services import segments

    simulated_shop(session, AS_OF, customers=150, seed=3)
    gone = add_customer(session)
    add_visits(session, gone, weekly(date(2026, 1, 5), 20), 8_000)
    outlook.refresh(session, as_of=AS_OF)

    def ids(field: str, cmp: str, value: object) -> set[str]:
        tree = {"op": "and", "conditions": [{"field": field, "cmp": cmp, "value": value}]}
        return {c.id for c in session.scalars(segments.member_query(session, tree))}

    low = ids("p_active", "lt", "20%")
    assert gone in low and low == ids("p_active", "lt", 0.2)
    assert low.isdisjoint(ids("p_active", "ge", 0.2))
    stored = {o.customer_id: o for o in session.scalars(select(CustomerOutlook))}
    assert low == {k for k, o in stored.items() if o.p_active < 0.2}
    big = ids("expected_spend_90d", "gt", 5_000)
    assert big and big == {k for k, o in stored.items() if o.expected_spend_90d > 5_000}
    with pytest.raises(ValidationError) as caught:
        ids("p_active", "lt", 1.5)
    assert caught.value.errors[0].field == "p_active"
