"""Every figure on the hand-built shop of tests/helpers/analytics_shop.py.

The expected numbers are worked out by hand from that file's rows (see the comments
there for each purchase's Tokyo day), not by calling the code under test.
"""

from __future__ import annotations

from datetime import date

import pytest

from crmdesk.core.errors import DomainError
from crmdesk.services import analytics as a
from crmdesk.services import analytics_more as m
from crmdesk.services.analytics import Period
from crmdesk.services.analytics_dashboard import FIGURES, compute_dashboard, kpi, resolve_branch
from tests.helpers.analytics_shop import build_shop

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def shop(session):
    ids = build_shop(session)
    return session, ids


def test_customers_total_new_active_dormant(shop) -> None:
    session, _ = shop
    row = a.customers_summary(session, MARCH).iloc[0].to_dict()
    # c1..c4 are current by March 31 (c5 deleted, c6 first comes in April);
    # new: c2 (Mar 5) and c3 (first purchase Mar 20); active: c1, c2, c3;
    # dormant: c4, last seen 2025-09-01, more than 180 days before March 31.
    assert row == {"total": 4, "new": 2, "active": 3, "dormant": 1}


def test_sales_by_day_cuts_days_at_tokyo_midnight(shop) -> None:
    session, _ = shop
    daily = a.sales(session, MARCH, "day").set_index("day")
    assert len(daily) == 31
    # 15:00 UTC Feb 28 and 14:59:59 UTC Mar 1 are both March 1 in Tokyo: one visit
    assert daily.loc["2026-03-01"].to_dict() == {
        "sales": 3000, "purchases": 2, "visits": 1, "customers": 1,
    }  # fmt: skip
    assert daily.loc["2026-03-10", "sales"] == 0  # the voided 4,000 yen
    assert daily.loc["2026-03-31"].to_dict() == {
        "sales": 800,
        "purchases": 1,
        "visits": 0,
        "customers": 0,
    }  # fmt: skip  (no customer: a sale, not a visit; 700 yen at 00:00 Apr 1 is April)
    assert daily["sales"].sum() == 1000 + 2000 + 3000 + 5000 + 1500 + 800 + 600
    feb = a.sales(session, Period(date(2026, 2, 1), date(2026, 2, 28)), "day")
    assert feb["sales"].sum() == 1200


def test_sales_by_month_and_visit_ratios(shop) -> None:
    session, _ = shop
    months = a.sales(session, Period(date(2026, 2, 1), date(2026, 4, 30)), "month")
    assert months["month"].tolist() == ["2026-02", "2026-03", "2026-04"]
    assert months["sales"].tolist() == [1200, 13900, 700]
    stats = a.visit_stats(session, MARCH).iloc[0]
    # visits: c1 x2 (Mar 1, Mar 15), c2, c3, c5 -> 5 visits by 4 customers, 1 repeater
    assert (stats["sales"], stats["purchases"], stats["visits"]) == (13900, 7, 5)
    assert stats["average_spend"] == pytest.approx(13900 / 7)
    assert stats["purchase_frequency"] == pytest.approx(5 / 4)
    assert stats["repeat_rate"] == pytest.approx(1 / 4)


def test_new_vs_returning(shop) -> None:
    session, _ = shop
    row = a.new_vs_returning(session, MARCH).iloc[0].to_dict()
    # new: c2's 5,000 on Mar 5, c3's 1,500 on Mar 20; returning: c1's 1,000+2,000+3,000;
    # unknown: 800 without a customer and 600 of the deleted c5
    assert row == {"month": "2026-03", "new_sales": 6500, "returning_sales": 6000,
                   "anonymous_sales": 1400}  # fmt: skip


def test_retention_by_first_visit_cohort(shop) -> None:
    session, _ = shop
    df = a.retention(session, Period(date(2026, 2, 1), date(2026, 4, 30)))
    got = {(r.cohort, r.months_since): (r.cohort_size, r.retained) for r in df.itertuples()}
    assert got == {
        ("2026-02", 0): (1, 1),  # c1
        ("2026-02", 1): (1, 1),
        ("2026-03", 0): (2, 2),  # c2, c3
        ("2026-03", 1): (2, 1),  # only c2 (00:00 Apr 1)
        ("2026-04", 0): (1, 0),  # c6 registered Apr 2, never bought
    }
    assert df.loc[(df.cohort == "2026-03") & (df.months_since == 1), "rate"].item() == 0.5


def test_ltv(shop) -> None:
    session, _ = shop
    df = a.ltv(session, MARCH)
    assert df.to_dict("records") == [
        {"cohort": "2026-03", "customers": 2, "sales": 6500, "ltv": 3250.0}
    ]
    # all sales to identified customers up to Mar 31: c1 7,200, c2 5,000, c3 1,500,
    # c4 2,500, c5 600 = 16,800 over 5 customers
    assert a.lifetime_value(session, MARCH) == pytest.approx(3360.0)


def test_rfm_scores_quintiles_of_percent_rank(shop) -> None:
    session, _ = shop
    df = m.rfm(session, MARCH)
    # 4 customers, percent rank (rank-1)/3. R by last visit: c2 Mar 5 -> 1, c5 Mar 12 -> 2,
    # c1 Mar 15 -> 4, c3 Mar 20 -> 5. F: three one-visit customers tie at 1, c1 -> 5.
    cells = {(r.r, r.f): (r.customers, r.monetary, r.m_mean) for r in df.itertuples()}
    assert cells == {(1, 1): (1, 5000, 4.0), (2, 1): (1, 600, 1.0),
                     (4, 5): (1, 6000, 5.0), (5, 1): (1, 1500, 2.0)}  # fmt: skip


def test_points_and_liability_in_yen(shop) -> None:
    session, _ = shop
    row = m.points(session, MARCH).iloc[0].to_dict()
    # opening balance 50 + 25 = 75; March: +30 earn +100 bonus -20 -25 expire -10 adjust,
    # the transfer pair nets 0; the 40 of 00:00 Apr 1 is April
    assert row == {"month": "2026-03", "issued": 130, "redeemed": 20, "expired": 25,
                   "adjusted": -10, "outstanding": 150}  # fmt: skip
    assert m.outstanding_points(session, MARCH) == 150
    assert m.yen_per_point(session) == 2
    assert kpi(session, MARCH)["points"]["liability_yen"] == 300


def test_inquiries_by_category_status_and_time_to_close(shop) -> None:
    session, _ = shop
    got = {(r.category, r.status): r.inquiries for r in m.inquiries(session, MARCH).itertuples()}
    assert got == {("配送", "closed"): 2, ("商品", "open"): 2, ("未分類", "closed"): 1}
    close = m.close_times(session, MARCH).set_index("category")
    assert close.loc["配送"].tolist() == [2, 15.0, 15.0]  # 6 h and 24 h
    assert close.loc["未分類"].tolist() == [1, 12.0, 12.0]  # closed in April still counts
    assert close.loc["全体"].tolist() == [3, 12.0, 14.0]


def test_mailing_response_rates(shop) -> None:
    session, _ = shop
    df = m.mailings(session, MARCH)
    # 春のDM (Mar 1) to c1, c2, c4: c1 and c2 came within 30 days; 月末DM to c3: no
    assert df[["campaign", "recipients", "responded"]].values.tolist() == [
        ["春のDM", 3, 2], ["月末DM", 1, 0],
    ]  # fmt: skip
    assert df["rate"].tolist() == pytest.approx([2 / 3, 0.0])


def test_customers_by_gender_age_and_area(shop) -> None:
    session, _ = shop
    gender = m.customers_by_gender(session, MARCH).set_index("gender")["customers"]
    assert gender.to_dict() == {"female": 2, "male": 1, "other": 0, "unknown": 1}
    age = m.customers_by_age(session, MARCH).set_index("age_band")["customers"]
    # on Mar 31 2026: c1 (born Mar 31 1990) is 36, c2 (Apr 1 1980) still 45, c4 is 26
    assert {k: v for k, v in age.items() if v} == {"20代": 1, "30代": 1, "40代": 1, "不明": 1}
    area = m.customers_by_area(session, MARCH)
    assert sorted(area[["prefecture", "city", "customers"]].values.tolist()) == sorted(
        [["東京都", "千代田区", 1], ["東京都", "港区", 1], ["神奈川県", "横浜市", 1],
         ["不明", "", 1]]
    )  # fmt: skip


def test_branch_filter(shop) -> None:
    session, ids = shop
    branch_b = MARCH.with_branch(resolve_branch(session, "B"))
    stats = a.visit_stats(session, branch_b).iloc[0]
    assert (stats["sales"], stats["visits"]) == (3000 + 1500, 2)
    with pytest.raises(DomainError) as err:
        resolve_branch(session, "Z")
    assert (err.value.code, err.value.field) == ("branch_not_found", "branch")


def test_empty_period_and_empty_database(shop, db) -> None:
    session, _ = shop
    empty = Period(date(2020, 1, 1), date(2020, 1, 31))
    board = compute_dashboard(session, empty)
    assert set(board.frames) == set(FIGURES)
    assert board["sales_daily"]["sales"].sum() == 0 and len(board["sales_daily"]) == 31
    assert board["retention"].empty and board["rfm"].empty and board["mailings"].empty
    figures = kpi(session, empty)
    assert figures["sales"] == 0 and figures["average_spend"] == 0
    assert figures["customers"] == {"total": 0, "new": 0, "active": 0, "dormant": 0}


def test_one_customer_with_one_visit(db) -> None:
    from crmdesk.store.models import Customer, Purchase
    from tests.helpers.analytics_shop import utc

    with db.transaction() as session:
        c = Customer(customer_number="1", first_visit=date(2026, 5, 3), created_at=utc(2026, 5, 3))
        session.add(c)
        session.flush()
        session.add(Purchase(customer_id=c.id, amount=4321, purchased_at=utc(2026, 5, 3, 1)))
    with db.transaction() as session:
        may = Period.month("2026-05")
        figures = kpi(session, may)
        assert figures["customers"] == {"total": 1, "new": 1, "active": 1, "dormant": 0}
        assert figures["repeat_rate"] == 0 and figures["purchase_frequency"] == 1
        assert figures["new_sales"] == 4321 and figures["returning_sales"] == 0
        assert m.rfm(session, may)[["r", "f", "customers"]].values.tolist() == [[1, 1, 1]]


def test_period_validation() -> None:
    with pytest.raises(DomainError) as err:
        Period(date(2026, 3, 2), date(2026, 3, 1))
    assert (err.value.code, err.value.field) == ("period_end_before_start", "to")
    assert "終了日" in err.value.message("ja")
    for bad in ("2026-13", "2026-00", "March", "", "2026/02/30"):
        with pytest.raises(DomainError) as err:
            Period.month(bad)
        assert (err.value.code, err.value.field) == ("invalid_month", "month")
    with pytest.raises(DomainError) as err:
        Period.parse("2026-02-30", None)
    assert (err.value.code, err.value.field) == ("invalid_date", "from")
    feb = Period.month("2028-02")
    assert (feb.start, feb.end) == (date(2028, 2, 1), date(2028, 2, 29))
    assert feb.shifted_months(-12).end == date(2027, 2, 28)
    assert MARCH.offset_modifier() == "+540 minutes"
    default = Period.parse(None, None, today=date(2026, 11, 22))
    assert (default.start, default.end) == (date(2025, 12, 1), date(2026, 11, 22))


def test_the_dashboard_reads_whole_tables_instead_of_walking_an_index_row_by_row(shop) -> None:
    """A year is a good share of every purchase: walking ix_purchase_purchased_at (or a
    partial index of live customers) then reads each row at random, which took the
    dashboard from seconds to minutes at a million customers. Every statement the whole
    dashboard runs is checked with SQLite's own plan."""
    from sqlalchemy import event

    session, _ = shop
    statements: list[tuple[str, dict]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, parameters))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", seen)
    try:
        compute_dashboard(session, Period(date(2025, 4, 1), date(2026, 3, 31)))
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(statements) >= len(FIGURES)
    raw = session.connection().connection.driver_connection
    for statement, parameters in statements:
        plan = " / ".join(
            row[-1] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        )
        assert "ix_purchase_purchased_at" not in plan, statement
        for place in ("ix_customer_prefecture", "ix_customer_city", "ix_customer_ward",
                      "ix_customer_town", "ix_customer_kana_list"):  # fmt: skip
            assert f"SCAN c USING INDEX {place}" not in plan, statement
